// Package chattooldeclaration defines the chattool-declaration rule.
//
// # Rule chattool-declaration
//
// chattool-declaration: app.json chatTools declares exactly one valid chat tool
//
// A mini program declares its chat tool in app.json chatTools: an array of
// one item {root, entryPagePath, desc, scopes}. WeChat supports one chat
// tool per mini program for now, and opens the chat tool as an independent
// subpackage. This rule checks the declaration:
//
//   - chatTools has exactly one item; each extra item is an error;
//   - root names a subpackage listed in subPackages (or subpackages);
//   - that subpackage is "independent": true;
//   - entryPagePath is one of that subpackage's pages, written relative to
//     the subpackage root as in subPackages;
//   - desc is present and not empty (WeChat shows it to users and reviews it:
//     it must describe the feature truthfully);
//   - every scopes item is a scope.* permission WeChat knows;
//   - a chat-tool subpackage without an "entry" file gets a suggestion: the
//     entry runs before any page, the natural place for chat-tool setup.
//     (A set entry whose file is missing is reported by missing-file.)
//
// Fix (--fix): an entryPagePath that repeats the subpackage root is written
// relative to it; a root or scope that differs from a subpackage root or a
// known scope only in case is corrected. "independent": true is not added
// for you: an independent subpackage cannot use the main package's code.
//
// Source: the chat-tool guide,
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/chatTool.html
//
// Default severity: error
//
// # Bad
//
//	"subPackages": [{ "root": "packageChatTool", "pages": ["pages/entry/index"] }],
//	"chatTools": [
//	  { "root": "packageChatTool", "entryPagePath": "pages/home/index", "desc": "" },
//	  { "root": "packageOther", "entryPagePath": "pages/index", "desc": "second tool" }
//	]
//
// # Good
//
//	"subPackages": [{
//	  "root": "packageChatTool", "pages": ["pages/entry/index"],
//	  "independent": true, "entry": "entry.js",
//	  "renderer": "skyline", "componentFramework": "glass-easel"
//	}],
//	"chatTools": [{
//	  "root": "packageChatTool", "entryPagePath": "pages/entry/index",
//	  "desc": "群签到工具", "scopes": ["scope.userLocation"]
//	}]
package chattooldeclaration
