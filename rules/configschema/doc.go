// Package configschema defines the config-schema rule.
//
// # Rule config-schema
//
// config-schema: a configuration file breaks its JSON Schema, has comments, trailing commas or duplicate keys
//
// app.json, page and component json, project.config.json and sitemap.json are
// checked against JSON Schemas written from WeChat's documentation (embedded
// in chattool-lint, see schemas/). A value of the wrong type, a value outside
// the documented set, and a missing required key are errors: WeChat's
// compiler rejects or ignores them. A key the documentation does not list is
// a warning, with the closest known key when it looks like a typo: WeChat
// ignores keys it does not know, and ships new keys before documenting them.
//
// WeChat reads these files as strict JSON. Comments, trailing commas and a
// byte order mark at the start of the file are tolerated by chattool-lint, so
// that the rest of the file is still checked, and reported as errors: Tencent's
// compiler (miniprogram-ci) stops on each of them with JSON_PARSE_ERR, so
// preview and upload fail. A duplicate key is a warning: JSON.parse keeps its
// last value and the build goes on, but the earlier value is silently lost.
//
// Fix (--fix): a trailing comma is removed; a key or an enum value that
// differs from the one the schema accepts at its place only in case
// ("BackgroundColor", "Custom") is corrected. Other typos, comments,
// duplicate keys and a byte order mark are left to the author.
//
// Some values have rules of their own with better messages:
// chatTools items (chattool-declaration) and lazyCodeLoading (skyline-config).
//
// Applies to: mini programs and mini games.
//
// Default severity: error
//
// # Bad
//
//	{
//	  "pages": ["pages/index/index"],
//	  "window": { "navigationStyle": "none" },  // not default|custom
//	  "subPackage": []                          // unknown key: subPackages?
//	}
//
// # Good
//
//	{
//	  "pages": ["pages/index/index"],
//	  "window": { "navigationStyle": "custom" },
//	  "subPackages": []
//	}
package configschema
