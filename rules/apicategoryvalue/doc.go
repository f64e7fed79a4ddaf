// Package apicategoryvalue defines the api-category-value rule.
//
// # Rule api-category-value
//
// api-category-value: an apiCategory is compared with a value it never has
//
// wx.getApiCategory() (and the apiCategory of the launch options) tells a
// page how it was opened. It returns one of five strings: default,
// nativeFunctionalized, browseOnly, embedded and chatTool. A comparison with
// any other string is always false (or always true with !==), so the branch
// meant for the chat tool never runs. The check covers ==, ===, != and !==
// on either side, switch cases, and names that hold the value
// (const c = wx.getApiCategory(); const { apiCategory } = options), with the
// compared string given directly or through a const.
//
// Fix (--fix): a string literal that is one of the five in another case
// ('chattool') is corrected; other strings may mean any of them.
//
// Default severity: error
//
// # Bad
//
//	if (wx.getApiCategory() === 'chat_tool') {
//	  this.setData({ inChat: true })
//	}
//
// # Good
//
//	if (wx.getApiCategory() === 'chatTool') {
//	  this.setData({ inChat: true })
//	}
package apicategoryvalue
