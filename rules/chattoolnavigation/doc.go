// Package chattoolnavigation defines the chattool-navigation rule.
//
// # Rule chattool-navigation
//
// chattool-navigation: a chat-tool page navigates outside the chat-tool subpackage
//
// A chat tool is a world of its own: wx.navigateTo and wx.redirectTo from a
// chat-tool page can only open pages of the chat-tool subpackage. A url
// outside its root fails at run time, in the chat, where the user cannot
// recover. The rule checks every call in the scripts under the chat-tool
// root whose url is known statically: a string, a template or a
// concatenation whose fixed start already shows the path (for example
// `/pages/detail/index?id=${id}`, or `/pages/${name}/index`, whose first
// folder is already outside). Relative urls are resolved against the page
// that makes the call. A url inside the root that names no page of the
// subpackage is a warning: the navigation fails just the same.
//
// Default severity: error
//
// # Bad
//
//	wx.navigateTo({ url: '/pages/detail/index?id=' + id })
//
// # Good
//
//	wx.navigateTo({ url: '/packageChatTool/pages/detail/index?id=' + id })
package chattoolnavigation
