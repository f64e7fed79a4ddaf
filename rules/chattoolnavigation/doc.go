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
// Other navigation works, but leaves chat-tool mode
// (framework/open-ability/chatTool.html §2.2), which may be meant (a "home"
// button), so it is a warning:
//
//   - wx.switchTab, always: tabBar pages are never in the chat-tool
//     subpackage, an independent subpackage;
//   - wx.reLaunch to a page outside the root;
//   - wx.navigateBack past the chat tool's pages. How many chat-tool pages
//     can lie below a page follows from the chat tool's own navigation: a
//     page opened by wx.navigateTo from page S has up to one more than S
//     below it, one opened by wx.redirectTo as many as S, and a page nothing
//     opens none (the chat tool started there); the page stack holds ten
//     pages at most. A delta that goes further leaves the subpackage. Going
//     back one page from a page nothing opens is the documented way to close
//     the chat tool, so that is an info. The rule is conservative: only a
//     page's own navigateBack with a known delta (1 when not given) is
//     judged, and none at all when the chat tool navigates in a way it
//     cannot follow (a url not known statically, a relative url in a
//     component or module, a wrapper of wx.navigateTo, Skyline's
//     this.pageRouter or this.router).
//
// The <navigator> elements of the templates chat-tool pages render are
// checked as the calls their open-type stands for (navigate, redirect,
// reLaunch, switchTab, navigateBack with its delta); one with
// target="miniProgram" is chattool-disabled-component's.
//
// Default severity: error
//
// # Bad
//
//	wx.navigateTo({ url: '/pages/detail/index?id=' + id })
//	wx.switchTab({ url: '/pages/index/index' })
//
// # Good
//
//	wx.navigateTo({ url: '/packageChatTool/pages/detail/index?id=' + id })
//	wx.redirectTo({ url: '/packageChatTool/pages/result/index' })
package chattoolnavigation
