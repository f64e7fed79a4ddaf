// Package minbaselibrary defines the min-base-library rule.
//
// # Rule min-base-library
//
// min-base-library: a wx API or option field newer than the oldest base library the code runs on, unguarded
//
// Every wx API, and some fields of an API's option object, appeared in a
// given version of the base library (基础库). Called on an older one, a
// missing API is undefined and the call throws "is not a function"; a
// missing option field is ignored without a word. The versions come from the
// JSDoc lines "需要基础库： `x.y.z`" of the npm package
// miniprogram-api-typings (MIT), version 5.2.3 (wxapi.TypingsVersion); the
// table is internal/wxapi/table.go, regenerated with
// `go generate ./internal/wxapi` after raising the pin in gen.go.
//
// Applies to: mini programs and mini games.
//
// A mini game has a wx object of its own, documented apart
// (minigame/dev/api/), and is checked against it: the npm package
// minigame-api-typings (MIT), version 3.8.20 (wxapi.GameTypingsVersion),
// table internal/wxapi/table_minigame.go, regenerated with the other. There
// the chat-tool APIs (wx.openChatTool, wx.exitChatTool, wx.isChatTool,
// wx.shareTextToGroup, wx.shareAppMessageToGroup, wx.notifyGroupMembers,
// ...) need 3.7.12, where a mini program's need 3.7.8, and an API only mini
// programs have (wx.shareFileToGroup, wx.getApiCategory) is not this rule's:
// chattool-api-args reports it.
//
// The effective minimum of a file:
//
//   - the oldest base library the app supports, given with
//     --min-base-library (it is set in WeChat's admin console, not in any
//     file: project.config.json's libVersion is only the devtools' debug
//     version);
//   - inside the chat-tool subpackage, never below 3.7.8: chat tools do not
//     run on older base libraries, so chat-tool code is checked at 3.7.8
//     even without --min-base-library;
//   - in a mini game, which declares no chat-tool code (the same code runs
//     in chat-tool mode and out of it), only --min-base-library, unless
//     --assume-chat-tool says the code runs in chat-tool mode: then never
//     below 3.7.12, the first base library of a mini game's chat-tool mode
//     (minigame/dev/guide/open-ability/chat-tool.html: «从基础库 3.7.12
//     开始支持»).
//
// Without --min-base-library, code outside the chat tool, and every mini
// game without --assume-chat-tool, is not checked: its minimum is unknown.
//
// An API is reported where it is called (directly, through an alias such as
// const {x} = wx, with .call or .apply, or passed to a wrapper such as
// promisify(wx.x)). A reference that is not a call (if (wx.x), typeof wx.x)
// is a feature test and never reported, and so is wx.x?.(). Option fields
// are checked on the object literal given to the call, or a const object
// literal it names, one level deep ("track.face"); the option object is the
// first argument, the second for createIntersectionObserver and
// createWorker. APIs the typings do not know are not reported.
//
// A call is guarded, and not reported, when one of these holds where it is:
//
//   - wx.canIUse('api') (or, for the API, wx.canIUse('api.object.field'));
//   - if (wx.api), wx.api && ..., wx.api != null, 'api' in wx;
//   - typeof wx.api === 'function';
//   - an early return or throw when such a test fails:
//     if (!wx.canIUse('api')) return;
//   - a comparison of SDKVersion, from wx.getAppBaseInfo() or
//     wx.getSystemInfoSync(), with the needed version through a compare
//     helper (compareVersion(SDKVersion, '3.12.0') >= 0);
//   - any of these tests for another API that needs the same version or a
//     newer one: where it exists, the base library is at least that new.
//     So if (!wx.isChatTool) return, as Tencent's minigame-demo writes it,
//     guards every 3.7.12 API of a mini game after it.
//
// A try/catch around the call is not a guard: the feature is still missing.
// WXS files (no wx object there) and scripts only the fallback parser could
// read are not checked.
//
// An option field is guarded by wx.canIUse('api.object.field') or by such a
// version comparison; a test of the API alone does not tell whether the
// field is supported.
//
// Source: the base library compatibility guide
// (framework/compatibility.html) and the typings' version lines.
//
// An API is an error: the call throws. An option field is a warning: the
// field is silently ignored, which may or may not matter.
//
// Default severity: error
//
// # Bad
//
//	// packageChatTool/pages/entry/index.js: runs on base library 3.7.8 and up
//	wx.enterChatToolMode({ success() {} }) // 3.12.0
//
// # Good
//
//	if (wx.canIUse('enterChatToolMode')) {
//	  wx.enterChatToolMode({ success() {} })
//	} else {
//	  wx.showToast({ title: '请升级微信', icon: 'none' })
//	}
package minbaselibrary
