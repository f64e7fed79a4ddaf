// chattool-lint-disable-next-line chattool-disabled-api -- why
wx.showShareMenu()
wx.showShareMenu() // chattool-lint-disable-line chattool-disabled-api
// chattool-lint-disable-next-line chattool-disabled-api -- nothing below
const x = 1
wx.showShareMenu()
Page({})
