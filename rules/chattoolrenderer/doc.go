// Package chattoolrenderer defines the chattool-renderer rule.
//
// # Rule chattool-renderer
//
// chattool-renderer: every chat-tool page renders with Skyline and glass-easel
//
// WeChat renders a chat tool with Skyline only: DevTools refuses to preview
// or upload a chat tool whose pages use the WebView renderer, and Skyline
// pages need the glass-easel component framework. A page's renderer and
// componentFramework come from, in order: the page's own json, its
// subpackage item in app.json, app.json, and WeChat's defaults ("webview"
// and "exparser").
//
// When the cause is shared by the whole subpackage (the subpackage item, or
// app.json, or the defaults), there is one finding, on the subpackage's root
// in app.json, naming the pages and where to set the value. When a page's
// json overrides the value, the finding is on that value.
//
// With --assume-chat-tool (a component library meant for chat tools, a folder
// without app.json), every page and component json is chat-tool code: one
// that declares another renderer or componentFramework is reported.
//
// Fix (--fix): a missing renderer or componentFramework is added to the
// subpackage item, and a wrong one set to "skyline" or "glass-easel" where it
// is set: a chat tool renders with nothing else. With --assume-chat-tool
// there is no fix: a component library may serve WebView pages too.
//
// Source: the chat-tool guide (framework/open-ability/chatTool.html) and
// the Skyline migration guide (framework/runtime/skyline/migration).
//
// Default severity: error
//
// # Bad
//
//	"subPackages": [{
//	  "root": "packageChatTool", "pages": ["pages/entry/index"],
//	  "independent": true
//	}]
//
// # Good
//
//	"subPackages": [{
//	  "root": "packageChatTool", "pages": ["pages/entry/index"],
//	  "independent": true,
//	  "renderer": "skyline", "componentFramework": "glass-easel"
//	}]
package chattoolrenderer
