// Package chattoolapiargs defines the chattool-api-args rule.
//
// # Rule chattool-api-args
//
// chattool-api-args: wrong or missing options in calls of the chat-tool APIs
//
// The chat-tool APIs take one option object, and WeChat rejects a call
// (fail callback, rejected promise) or sends something else than meant when
// a required option is missing or a value is outside what the API accepts.
// This rule checks the options of these calls wherever they are, in the
// chat-tool subpackage and in the main package (which opens the chat tool):
//
//   - wx.openChatTool({url, roomid?, chatType?}): "url" is required and,
//     where its path part (before "?") is known, must be a page of the
//     chat-tool subpackage, written from the mini program root, with or
//     without a leading "/" ("/packageChatTool/pages/entry/index"). A page
//     of another package, an unknown page, or a project whose app.json
//     declares no chat tool is an error; a path that is a chat-tool page
//     only when read relative to the subpackage root ("pages/entry/index")
//     is a warning, because the docs do not say urls are read that way.
//     "chatType" must be 1 (WeChat single chat), 2 (WeCom single chat),
//     3 (WeChat group chat) or 4 (WeCom group chat), and is required when
//     "roomid" is given (the older "isSingleChat", which Tencent's demo still
//     passes, does not replace it: the message says so).
//   - wx.shareAppMessageToGroup({title, path?, imageUrl?}): "title" is
//     required; "path" must be a full path starting with "/" (a warning:
//     the API page says so, but Tencent's own demo passes a path without
//     it); "imageUrl" should be a PNG or JPG file (.png, .jpg, .jpeg, query
//     ignored): a warning.
//   - wx.notifyGroupMembers({title, members, entrancePath, type?}): "title"
//     is required and at most 30 characters long, where each Chinese
//     character (and any other East Asian wide or fullwidth character)
//     counts 2, so 16 Chinese characters are already 32; "members" is
//     required and, written as an array literal, must not be empty;
//     "entrancePath" is required; "type" is "participate" or "complete".
//   - wx.shareImageToGroup and wx.shareEmojiToGroup need "imagePath",
//     wx.shareVideoToGroup "videoPath", wx.shareFileToGroup "filePath": a
//     local or temporary file path. A network URL (http:// or https://) is
//     an error: download the file first with wx.downloadFile and pass its
//     tempFilePath.
//   - wx.updateShareMenu({useForChatTool: true, ...}), a chat-tool dynamic
//     message, needs "withShareTicket": true, "isUpdatableMessage": true,
//     an "activityId", "templateInfo": {"templateId": ...} with the
//     completion template 4A68CBB88A92B0A9311848DBA1E94A199B166463 or the
//     participation template 2A84254B945674A2F88CE4970782C402795EB607,
//     "chooseType" 1 (the members listed in "participant") or 2 (all
//     members), and "participant" when chooseType is 1. Calls without
//     useForChatTool: true (known statically) are not checked.
//   - wx.enterChatToolMode({chatToolRooms?, singleChatRoom?, selectLimit?})
//     (the open mode, framework/open-ability/chatToolOpenMode.html):
//     "chatToolRooms" is an array of opengid strings, "singleChatRoom" a
//     boolean, "selectLimit" a number; "selectLimit" limits the
//     multi-select picker, so with "singleChatRoom": true it does nothing
//     (a warning).
//   - Promise style: wx.enterChatToolMode has none («以 Promise 风格 调用：不支持»;
//     it returns undefined), so `await wx.enterChatToolMode(...)` and
//     `.then`, `.catch` or `.finally` on its result are errors; in mini
//     games wx.exitChatTool and wx.shareTextToGroup too.
//   - Unknown options (a warning): a key that the API does not have, as its
//     page and the typings list them, is ignored by WeChat, so what it was
//     meant to set is not set. The message names the option it is closest
//     to, or the one missing required option whose name holds it or ends
//     with the same word (Tencent's own wx.shareEmojiToGroup sample passes
//     "path" where "imagePath" is meant), else lists the options. openChatTool's
//     "isSingleChat", which Tencent's demo still passes, is named as the
//     older option it is.
//   - "entrancePath" (notifyGroupMembers, share{Image,Emoji,Video,File}ToGroup)
//     and the "entrance-path" of a <button> (form-type="submitToGroup") in
//     the templates WeChat compiles: the page a tap on the message's
//     mini-program entrance opens (default: the chat tool's entry page).
//     Where its path part is known, a path that names no page of the app is
//     an error. In chat-tool code a page outside the chat tool is a warning
//     (the entrance opens it out of chat-tool mode), and so is a path that
//     is a chat-tool page only when read from the subpackage root. Outside
//     chat-tool code (a page in the open mode) any page will do: Tencent's
//     demo passes its own page.
//   - A plugin project (project.config.json "compileType": "plugin"): every
//     chat-tool API page says «小程序插件：不支持», so a call of one in the
//     plugin's code (under "pluginRoot") is an error. The checker reads the
//     mini program root only: pluginRoot is checked when it lies inside it
//     (a project without miniprogramRoot).
//
// Applies to: mini programs and mini games.
//
// A mini game (game.json, compileType "game") has chat-tool APIs of its own,
// on its own API pages (minigame/dev/api/chattool/), and they differ:
//
//   - wx.openChatTool({roomid?, chatType?}) has no "url": it puts the game
//     itself in chat-tool mode. A "url" is a warning; chatType is checked
//     as above.
//   - "path" (wx.shareAppMessageToGroup) and "entrancePath"
//     (wx.notifyGroupMembers, wx.shareTextToGroup, wx.shareImageToGroup,
//     wx.shareEmojiToGroup, wx.shareVideoToGroup) take a query only:
//     «如需传递参数，只传 query 即可，query 形如 ?a=1&b=2». A page path
//     starting with "/" is a warning (a mini game has no pages), not an
//     error: the sample on the mini-game wx.notifyGroupMembers page itself
//     passes '/path/to/page'. notifyGroupMembers still needs "entrancePath".
//   - wx.shareTextToGroup({content, needShowEntrance?, entrancePath?}):
//     "content" is required and must not be empty.
//   - wx.shareFileToGroup and wx.getApiCategory are not mini-game APIs:
//     there is no mini-game page for them, the mini-game guide's list of
//     what chat-tool mode sends has no files, and minigame-api-typings
//     3.8.20 has neither method. A call (not a feature test, not wx.x?.())
//     is an error: the function is undefined in a mini game. A mini game
//     tells chat-tool mode with wx.isChatTool().
//   - wx.updateShareMenu for dynamic messages is checked as above (the
//     mini-game guide, minigame/dev/guide/open-ability/share/
//     updatable-message.html, asks for the same options and templates).
//
// In a mini program, wx.exitChatTool and wx.isChatTool are not checked: the
// mini-program open-mode guide (framework/open-ability/chatToolOpenMode.html)
// tells mini programs to call them, though miniprogram-api-typings does not
// declare them. wx.shareTextToGroup is a warning there, unless a feature
// test guards it: only the mini-game pages document it, the mini-program
// API pages and open-mode guide do not name it, miniprogram-api-typings
// 5.2.3 has no such method, and a mini program sends text with <form
// bind:submitToGroup> and <button form-type="submitToGroup">.
//
// A required string that is statically empty ("") is reported like a
// wrong value. A missing option is reported at the API reference of the
// call; a wrong value at the value. The calls are found however the API is
// reached: wx.x(...), wx['x'](...), a const alias of wx or of the API
// (const {openChatTool} = wx), wx.x.call(wx, ...) and .apply, wx.x?.(),
// and promise style (await wx.x(...), wx.x(...).then()). The option object
// may be written in the call or be a const object literal in scope.
//
// The rule never guesses. Values are checked only when they are constants
// (literals, templates without substitutions, const names bound to them);
// the static start of a template or concatenation is enough where it
// decides (`/packageChatTool/pages/detail/index?id=${id}`). When the
// object has a spread or a computed key, missing options are not reported
// (the spread may hold them) but the values it shows are still checked. An
// argument that is not an object literal the checker can see (a parameter,
// a function result) is not checked at all; a call with no argument is
// checked as a call with an empty object.
//
// Source: the API pages api/chattool/wx.openChatTool.html,
// wx.enterChatToolMode.html, wx.shareAppMessageToGroup.html,
// wx.notifyGroupMembers.html,
// wx.shareImageToGroup.html, wx.shareEmojiToGroup.html,
// wx.shareVideoToGroup.html, wx.shareFileToGroup.html and
// api/share/wx.updateShareMenu.html, with the chat-tool guide
// (framework/open-ability/chatTool.html) for dynamic messages, the option
// lists of miniprogram-api-typings 5.2.3; for mini
// games, the same pages under minigame/dev/api/chattool/ (with
// wx.shareTextToGroup.html), the mini-game chat-tool guide
// (minigame/dev/guide/open-ability/chat-tool.html) and
// minigame-api-typings 3.8.20.
//
// Default severity: error
//
// # Bad
//
//	wx.openChatTool({ url: '/pages/index/index', roomid: opengid })
//	wx.notifyGroupMembers({
//	  title: '请大家在周五之前完成团建活动报名统计表格', // 20 Chinese characters: 40 > 30
//	  members: [],
//	  entrancePath: '/packageChatTool/pages/entry/index',
//	  type: 'finish',
//	})
//	wx.shareImageToGroup({ imagePath: 'https://example.com/poster.png' })
//	wx.shareEmojiToGroup({ path: res.tempFilePath })
//	await wx.enterChatToolMode({ singleChatRoom: true, selectLimit: 3 })
//	wx.updateShareMenu({
//	  useForChatTool: true,
//	  withShareTicket: true,
//	  activityId,
//	  chooseType: 1,
//	  templateInfo: { templateId: '21B034D08C5615B9889CE362BB957B1EE69A584B' },
//	})
//
// # Good
//
//	wx.openChatTool({ url: '/packageChatTool/pages/entry/index', roomid: opengid, chatType: 3 })
//	wx.notifyGroupMembers({
//	  title: '团建报名统计',
//	  members,
//	  entrancePath: '/packageChatTool/pages/entry/index',
//	  type: 'complete',
//	})
//	wx.downloadFile({
//	  url: 'https://example.com/poster.png',
//	  success: (res) => wx.shareImageToGroup({ imagePath: res.tempFilePath }),
//	})
//	wx.shareEmojiToGroup({ imagePath: res.tempFilePath })
//	wx.enterChatToolMode({ singleChatRoom: true, success: () => this.load() })
//	wx.updateShareMenu({
//	  useForChatTool: true,
//	  withShareTicket: true,
//	  isUpdatableMessage: true,
//	  activityId,
//	  chooseType: 1,
//	  participant: members,
//	  templateInfo: { templateId: '4A68CBB88A92B0A9311848DBA1E94A199B166463' },
//	})
package chattoolapiargs
