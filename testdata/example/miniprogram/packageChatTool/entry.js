// Runs before any chat-tool page.
const enterOptions = wx.getEnterOptionsSync()
console.log('[chat tool] enter options', enterOptions)
