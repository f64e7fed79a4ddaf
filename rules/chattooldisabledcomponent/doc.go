// Package chattooldisabledcomponent defines the chattool-disabled-component rule.
//
// # Rule chattool-disabled-component
//
// chattool-disabled-component: a chat-tool template uses a component that chat-tool mode disables
//
// The chat-tool guide (framework/open-ability/chatTool.html, section 6)
// lists what chat-tool mode disables. In templates that is:
//
//   - <button open-type="share">: normal forwarding is disabled; a chat tool
//     sends a card to its chat with wx.shareAppMessageToGroup, or posts a
//     dynamic message after wx.updateShareMenu({ useForChatTool: true, ... }),
//     called from an ordinary button's bindtap. An error. open-type may
//     couple several abilities with "|" (the privacy guide's
//     open-type="getPhoneNumber|agreePrivacyAuthorization"), so
//     "share|agreePrivacyAuthorization" counts too;
//   - <ad> and <ad-custom>: chat-tool mode does not support ads. An error;
//   - <navigator target="miniProgram">: the guide disables jumps to other
//     mini programs (wx.navigateToMiniProgram, wx.openEmbeddedMiniProgram);
//     the navigator is the same jump in markup, though the guide does not
//     name it. A warning.
//
// A template is chat-tool code when it lies in the chat-tool subpackage or
// a chat-tool page renders it: a component of the main package that the
// chat-tool page uses (directly or through another component), or a
// template the page imports or includes. The same markup in templates only
// other pages render is not reported.
//
// When open-type or target holds a data binding, the rule looks at the
// string literals in it: open-type="{{ok ? 'share' : 'none'}}" can be "share"
// and is a warning; open-type="{{openType}}" cannot be known and is not
// reported. Tags that a usingComponents entry maps to a custom component
// are not the built-in components and are not reported.
//
// Default severity: error
//
// # Bad
//
//	<button open-type="share">发给群友</button>
//	<ad unit-id="adunit-123"></ad>
//
// # Good
//
//	<button bindtap="sendCard">发给群友</button>
//
//	// sendCard() { wx.shareAppMessageToGroup({ title: '一起来投票' }) }
package chattooldisabledcomponent
