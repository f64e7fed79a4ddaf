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
// wx.shareAppMessageToGroup.html, wx.notifyGroupMembers.html,
// wx.shareImageToGroup.html, wx.shareEmojiToGroup.html,
// wx.shareVideoToGroup.html, wx.shareFileToGroup.html and
// api/share/wx.updateShareMenu.html, with the chat-tool guide
// (framework/open-ability/chatTool.html) for dynamic messages.
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
