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
