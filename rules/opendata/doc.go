// Package opendata defines the open-data rule.
//
// # Rule open-data
//
// open-data: open-data-list, open-data-item or a submitToGroup button is used in a way that cannot work
//
// A chat tool shows its members' avatars and nicknames with two components
// (component/open-data-list.html, component/open-data-item.html; base
// library 3.7.8; the chat-tool guide, section 3.3), and sends text to its
// chat with a form (component/form.html, "发送文本到群示例代码"; the guide,
// section 4). The rule checks what their pages document:
//
//   - <open-data-list> needs type, and "groupMembers" is its only value.
//     Missing or another value: an error. Its members attribute, the
//     group_openid list of the members to show (wx.selectGroupMembers
//     returns such ids), is marked optional, but every sample passes it and
//     the list has no other way to learn whom to show: a warning;
//   - <open-data-item> needs type, "userNickName" or "userAvatar" (not
//     "userAvatarUrl", the old <open-data> type), and index, the member's
//     position in the list. Missing or another value: an error;
//   - both components list only Skyline under "渲染框架支持情况": one in a
//     template that only WebView pages render is a warning;
//   - <button form-type="submitToGroup"> sends the text of the <textarea> in
//     its form to the chat. The button page says a form-type button only
//     acts on a <form> of the same component, so without an enclosing form
//     in its own template it does nothing: an error. The form's
//     bind:submitToGroup handler is marked optional (it fires after the text
//     is sent), so a form without one is a warning: the page never learns
//     that the text went out.
//
// A data binding is accepted when one of its string literals is a valid
// value, or when it has none ("{{type}}"): only a binding whose every
// literal is invalid is reported, as a warning. A submitToGroup button in a
// <template name> definition, or in a template that pages include (rather
// than a page's or component's own template), may be placed inside a form
// elsewhere, and is not reported when it has no form.
//
// Fix (--fix): a type that is a valid one in another case ("usernickname")
// is corrected; "groupMember" and other typos are left to the author.
//
// Default severity: error
//
// # Bad
//
//	<open-data-list type="groupMember">
//	  <open-data-item type="userAvatarUrl" slot:index/>
//	</open-data-list>
//	<textarea value="{{text}}"/>
//	<button form-type="submitToGroup">发送</button>
//
// # Good
//
//	<open-data-list type="groupMembers" members="{{members}}">
//	  <view slot:index>
//	    <open-data-item type="userAvatar" index="{{index}}"/>
//	    <open-data-item type="userNickName" index="{{index}}"/>
//	  </view>
//	</open-data-list>
//	<form bind:submitToGroup="onSubmitToGroup">
//	  <textarea value="{{text}}"/>
//	  <button form-type="submitToGroup">发送</button>
//	</form>
package opendata
