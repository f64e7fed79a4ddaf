// The poll page of the chat tool.
Page({
  data: { title: '' },

  share() {
    wx.shareAppMessageToGroup({ title: 'Friday poll', path: '/packageChatTool/pages/poll/index' })
  },

  openShop() {
    const label = '🛒 shop'; wx.navigateToMiniProgram({ appId: 'wx0123456789abcdef', extraData: { label } })
  },

  onLoad() {
    const icon = '💬'; if (wx.getApiCategory() === 'chattool') this.setData({ icon })
  },
})
