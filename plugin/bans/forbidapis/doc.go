// Package forbidapis defines the forbid-apis rule.
//
// # Rule forbid-apis
//
// forbid-apis: a use of a wx API that chattool-lint.json forbids
//
// A team's house rules, without JavaScript: the settings list the wx APIs
// the project must not use, each with an optional message that says what
// to do instead.
//
//	"settings": {
//	  "forbid-apis": {
//	    "forbid": [
//	      "navigateToMiniProgram",
//	      { "api": "request", "message": "call utils/http.js, which adds the session" }
//	    ]
//	  }
//	}
//
// Every reference to a listed API is reported, called or not, through any
// alias the script front end follows (const w = wx, const { request } = wx,
// wx['request'], promisify(wx.request)). The rule finds nothing until the
// settings list an API. To allow an API in some files (the wrapper itself),
// turn the rule off there with "overrides"; to forbid it in the chat tool
// only, turn the rule off everywhere and on for the chat tool's files.
//
// Default severity: error
//
// Applies to: mini programs and mini games.
//
// # Bad
//
//	wx.request({ url: 'https://api.example.com/votes' })
//
// # Good
//
//	const http = require('../../utils/http')
//	http.get('/votes')
package forbidapis
