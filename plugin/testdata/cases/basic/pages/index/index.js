const URL = 'https://x.example/api'
Page({
  onLoad() {
    wx.request({ url: URL }) // want error "call wx.request of https://x.example/api through utils/http.js"
    // chattool-lint-disable-next-line basic/no-request -- a reason
    wx.request({ url: 'https://y.example' })
  },
})
