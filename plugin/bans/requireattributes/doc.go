// Package requireattributes defines the require-attributes rule.
//
// # Rule require-attributes
//
// require-attributes: a template element lacks an attribute chattool-lint.json requires
//
// A team's house rules, without JavaScript, as eslint-plugin-wxml's
// required-attributes: the settings list, by tag, the attributes every
// element with that tag must have, by name, or by name and value.
//
//	"settings": {
//	  "require-attributes": {
//	    "require": [
//	      { "tag": "image", "attrs": ["mode", { "key": "lazy-load", "value": "true" }] },
//	      { "tag": "button", "attrs": ["data-track"], "message": "analytics reads data-track" }
//	    ]
//	  }
//	}
//
// An element without a required attribute is reported at its tag name; one
// whose attribute has another value than the one required, at the
// attribute. A value with a data binding ({{ }}) is taken as set: it cannot
// be known. The rule finds nothing until the settings list a tag.
//
// Default severity: error
//
// # Bad
//
//	<image src="{{cover}}" />
//
// # Good
//
//	<image src="{{cover}}" mode="aspectFill" lazy-load="true" />
package requireattributes
