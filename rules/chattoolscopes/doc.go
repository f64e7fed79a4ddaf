// Package chattoolscopes defines the chattool-scopes rule.
//
// # Rule chattool-scopes
//
// chattool-scopes: the chat tool's scopes leave out a permission its code needs, or list one it never uses
//
// An item of app.json chatTools lists in scopes the scope.* permissions
// the chat-tool subpackage uses, and the chat-tool guide asks for the
// truth: «请如实填写，否则将影响审核» (framework/open-ability/chatTool.html,
// section 1). Which API needs which scope is the table of
// framework/open-ability/authorize.html and each API's page («用户授权：需要
// scope.X»):
//
//   - scope.userLocation: wx.getLocation, wx.startLocationUpdate,
//     wx.chooseLocation;
//   - scope.userLocationBackground: wx.startLocationUpdateBackground (its
//     page; scope.userLocation is accepted too);
//   - scope.userFuzzyLocation: wx.getFuzzyLocation;
//   - scope.record: RecorderManager.start (reported at
//     wx.getRecorderManager), wx.startRecord, wx.joinVoIPChat, <live-pusher>;
//   - scope.camera: <camera>, <live-pusher>, wx.createVKSession;
//   - scope.bluetooth: wx.openBluetoothAdapter, wx.createBLEPeripheralServer;
//   - scope.writePhotosAlbum: wx.saveImageToPhotosAlbum,
//     wx.saveVideoToPhotosAlbum;
//   - scope.addPhoneContact: wx.addPhoneContact;
//   - scope.addPhoneCalendar: wx.addPhoneCalendar, wx.addPhoneRepeatCalendar;
//   - scope.werun: wx.getWeRunData;
//   - and wx.authorize({ scope: 'scope.X' }) asks for scope.X.
//
// A call of one of these APIs (or the component, or the authorize call)
// in chat-tool code whose scope the chat tool does not declare is an
// error, at the call. A declared scope from the table that no chat-tool code
// uses is a warning, at the scope in app.json. Chat-tool code is the
// chat-tool subpackage's scripts and templates, and the scripts and
// templates of the components its pages render (a component of the main
// package included).
//
// Uses count more widely than needs, so that a declared scope is never
// called unused when the code may need it: wx.createMapContext counts as
// a use of scope.userLocation (MapContext.moveToLocation needs it),
// <map show-location> too, wx.createCameraContext of scope.camera, and
// wx.authorize with a scope that is not written out uses every scope. No
// scope is called unused when a chat-tool script could not be parsed.
// Scopes the table does not name (scope.userInfo, scope.address, ...) are
// not judged.
//
// Default severity: error
//
// # Bad
//
//	// app.json
//	"chatTools": [{"root": "packageChatTool", "entryPagePath": "pages/entry/index",
//	  "desc": "群签到", "scopes": ["scope.camera"]}]
//
//	// packageChatTool/pages/entry/index.js
//	wx.getLocation({ type: 'gcj02' })
//
// # Good
//
//	// app.json
//	"chatTools": [{"root": "packageChatTool", "entryPagePath": "pages/entry/index",
//	  "desc": "群签到", "scopes": ["scope.userLocation"]}]
//
//	// packageChatTool/pages/entry/index.js
//	wx.getLocation({ type: 'gcj02' })
package chattoolscopes
