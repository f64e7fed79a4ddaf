const API = 'http://api.example.com'
Page({
  onLoad() {
    wx.request({ url: API + '/votes' }) // want warning "call wx.request through util/request.js"
    wx.downloadFile({ url: 'http://cdn.example.com/a.png' }) // want error "wx.downloadFile to http://cdn.example.com/a.png: use https://"
    wx.connectSocket({ url: 'ws://chat.example.com' }) // want "use wss://"
    wx.openChatTool({ url: 'packageChatTool/pages/vote/index' }) // want error "wx.openChatTool outside the chat tool: test that it exists first"
    if (wx.openChatTool) {
      wx.openChatTool({ url: 'packageChatTool/pages/vote/index' })
    }
    wx.openChatTool?.({ url: 'packageChatTool/pages/vote/index' })
    // chattool-lint-disable-next-line house/guard-chat-tool-apis -- the page is only opened from 3.7.8 on
    wx.openChatTool({})
  },
})
