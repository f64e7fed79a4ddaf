// Package minifysetting defines the minify-setting rule.
//
// # Rule minify-setting
//
// minify-setting: project.config.json leaves JavaScript, WXSS or WXML unminified
//
// WeChat DevTools' code-quality panel requires (level 3 必须) that the
// compiler minify the code it uploads: JS_COMPRESS_OPEN, WXSS_COMPRESS_OPEN
// and WXML_COMPRESS_OPEN pass only when setting.minified,
// setting.minifyWXSS and setting.minifyWXML are truthy in
// project.config.json (miniprogram-ci 2.1.42, dist/ci/checkCodeQuality.js;
// a missing key counts as off). Unminified code makes every package larger
// and slower to download, and brings packages nearer their size limits
// (see package-size).
//
// Each setting that is missing, false, or another falsy value (null, 0,
// "") is reported, at its value, or at "setting" when the key is missing
// (at the file's opening brace when "setting" is). Only project.config.json
// counts, as in miniprogram-ci: project.private.config.json holds one
// developer's settings and is usually not committed. A project without
// project.config.json, or without app.json (a folder of components), is
// not checked.
//
// Fix (--fix): the value is set to true, or the key is added to "setting"
// (and "setting" to the file, with all three keys, when it is missing).
//
// Default severity: error
//
// # Bad
//
//	"setting": { "es6": true, "minified": false }
//
// # Good
//
//	"setting": { "es6": true, "minified": true, "minifyWXSS": true, "minifyWXML": true }
package minifysetting
