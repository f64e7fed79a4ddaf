module.exports = (o) => wx.request(o)
