module.exports = (options) => wx.request({ ...options, url: 'https://api.example.com' + options.path })
