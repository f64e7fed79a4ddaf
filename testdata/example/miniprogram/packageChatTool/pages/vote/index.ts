interface VoteData {
  options: string[]
}

const app = getApp()

Page<VoteData, WechatMiniprogram.Page.CustomOption>({
  data: { options: [] },

  share() {
    wx.shareAppMessageToGroup({ title: '周五团建投票', path: '/packageChatTool/pages/vote/index' })
  },

  remind(members: string[]) {
    wx.notifyGroupMembers({
      title: '请大家在周五下班前完成团建地点投票',
      members,
      entrancePath: '/packageChatTool/pages/vote/index',
      type: 'participate',
    })
  },

  openShop() {
    wx.navigateToMiniProgram({ appId: 'wx0123456789abcdef' })
  },

  enterChat() {
    wx.enterChatToolMode({})
  },

  onShareAppMessage() {
    return { title: '投票' }
  },
})

export { app }
