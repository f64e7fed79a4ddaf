// Package parseerror defines the parse-error rule.
//
// # Rule parse-error
//
// parse-error: a file that cannot be parsed
//
// A configuration file that is not valid JSON stops WeChat's compiler at
// preview and upload: nothing in it takes effect, and every rule that needs
// it is blind to it. The finding points at the first byte the parser could
// not accept. Files the checker needed but could not read at all (a folder
// where a file should be, no permission, a file too large) are reported here
// too.
//
// Comments, trailing commas and duplicate keys do not stop the checker (it
// tolerates them and reports them under config-schema), but WeChat's strict
// JSON parser rejects the first two.
//
// Default severity: error
//
// # Bad
//
//	{
//	  "pages": [
//	    "pages/index/index"
//	  ,
//	  "window": {}
//	}
//
// # Good
//
//	{
//	  "pages": ["pages/index/index"],
//	  "window": {}
//	}
package parseerror
