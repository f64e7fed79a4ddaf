// Package forbidcomponents defines the forbid-components rule.
//
// # Rule forbid-components
//
// forbid-components: a template element whose tag chattool-lint.json forbids
//
// A team's house rules, without JavaScript, as eslint-plugin-wxml's
// forbid-tags: the settings list the tags templates must not use (built-in
// components or custom ones), each with an optional message.
//
//	"settings": {
//	  "forbid-components": {
//	    "forbid": [
//	      "web-view",
//	      { "tag": "van-button", "message": "use t-button from tdesign" }
//	    ]
//	  }
//	}
//
// Every element of every template with a listed tag is reported, at its
// tag name. The rule finds nothing until the settings list a tag; use
// "overrides" to allow a tag in some files.
//
// Default severity: error
//
// # Bad
//
//	<web-view src="https://example.com/help"></web-view>
//
// # Good
//
//	<navigator url="/pages/help/index">帮助</navigator>
package forbidcomponents
