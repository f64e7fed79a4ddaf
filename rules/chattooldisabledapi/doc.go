// Package chattooldisabledapi defines the chattool-disabled-api rule.
//
// # Rule chattool-disabled-api
//
// chattool-disabled-api: chat-tool code calls an API that chat-tool mode disables
//
// In chat-tool mode WeChat disables what would take the user out of the
// chat, and what a chat tool has no use for. The rule looks at the scripts of
// the chat-tool subpackage (every .js, .ts and .wxs under its root):
//
//   - the external jumps wx.navigateToMiniProgram, wx.openEmbeddedMiniProgram,
//     wx.openOfficialAccountArticle, wx.openChannelsUserProfile,
//     wx.openChannelsLive, wx.openChannelsEvent and wx.openChannelsActivity
//     are errors: they fail in a chat tool;
//   - the ad APIs wx.createRewardedVideoAd and wx.createInterstitialAd are
//     warnings: ads are disabled in chat-tool mode;
//   - wx.showShareMenu, and onShareAppMessage / onShareTimeline handlers in
//     Page() or Component() options, are warnings: the share menu and share
//     button are disabled there, so they are dead code. Send to the chat with
//     wx.shareAppMessageToGroup, or post a dynamic message with
//     wx.updateShareMenu({ useForChatTool: true, ... }).
//
// Applies to: mini programs and mini games.
//
// A mini game declares no chat-tool code: chat-tool mode is a mode the whole
// game enters with wx.openChatTool, and the same code runs in it and out of
// it. So in a mini game the rule checks only with --assume-chat-tool (every
// file is chat-tool code), against the list of the mini-game chat-tool
// guide (minigame/dev/guide/open-ability/chat-tool.html, «聊天工具模式内禁用
// 的能力»): wx.navigateToMiniProgram, wx.openChannelsUserProfile and
// wx.openChannelsActivity are errors; wx.openChannelsLive and
// wx.openChannelsEvent are warnings (the guide writes "openChannelsIsLive"
// and "openChannelsIsEvent", which are no APIs; these are the nearest real
// ones); the ad APIs (wx.createRewardedVideoAd, wx.createInterstitialAd,
// wx.createBannerAd, wx.createCustomAd, wx.createGridAd) are warnings, as
// the guide says only «聊天工具模式暂不支持广告»; and the ordinary share APIs
// (wx.shareAppMessage, wx.showShareMenu, wx.onShareAppMessage,
// wx.onShareTimeline) are warnings, as the guide disables «普通转发能力»
// without naming an API. Without --assume-chat-tool nothing in a mini game
// is reported: which of its code runs in chat-tool mode is not known.
//
// Calls are seen through aliases (const w = wx; const { x } = wx),
// wx['x'](), .call and .apply, and APIs passed to a wrapper
// (promisify(wx.navigateToMiniProgram)). A feature test such as
// if (wx.navigateToMiniProgram) is not a call. In a file the checker's main
// parser cannot read, calls are found by a token scan (wx.x( only).
//
// Default severity: error
//
// # Bad
//
//	Page({
//	  openShop() {
//	    wx.navigateToMiniProgram({ appId: 'wx1234567890' })
//	  },
//	  onShareAppMessage() {
//	    return { title: '一起来' }
//	  },
//	})
//
// # Good
//
//	Page({
//	  share() {
//	    wx.shareAppMessageToGroup({ title: '一起来', path: '/packageChatTool/pages/entry/index' })
//	  },
//	})
package chattooldisabledapi
