// Package unusedfile defines the unused-file rule.
//
// # Rule unused-file
//
// unused-file: an uploaded code file that no page, component or app file reaches
//
// WeChat DevTools' code-quality panel (CONTAINS_UNUSED_CODES, «不应存在无依赖
// 文件», level 3 必须) lists the code files (.js, .ts, .json, .wxml, .wxss,
// .wxs, .less, .scss) that its dependency analysis does not reach. The
// check only counts when project.config.json turns the filter of such
// files off: when setting.ignoreDevUnusedFiles or
// setting.ignoreUploadUnusedFiles is explicitly false (miniprogram-ci
// 2.1.42, dist/ci/checkCodeQuality.js: the check passes otherwise, since
// the compiler then leaves those files out of the package). So does this
// rule: without one of those two settings at false it reports nothing.
//
// A file is reached, as the analysis reaches it, from app.json, app.js and
// app.wxss (with sitemap, theme and ext.json), every page (the chat tool's
// entry page too), the custom tab bar and app bar when app.json asks for
// them, subpackage entry scripts and app.json's workers and
// functional-pages folders; then through usingComponents (and
// componentGenerics defaults), templates imported or included, <wxs src>,
// style @imports (LESS and Sass ones too), and what scripts require or
// import (require.async too). The rule errs on the side of silence: a file
// a reached script, template or json names by a string ("/assets/anim.json"
// in a src attribute) counts as used, and so does every script and json of
// a package in which a script builds a module name at run time
// (require(name)) or cannot be parsed. Only uploaded files are reported
// (packOptions.ignore drops the others); the unused files of one npm
// package in miniprogram_npm are one finding, at its first file.
//
// Delete the file, or keep it out of the upload with packOptions.ignore in
// project.config.json, or let the compiler drop such files
// (ignoreUploadUnusedFiles: true).
//
// Default severity: error
//
// # Bad
//
//	// project.config.json: "setting": { "ignoreUploadUnusedFiles": false }
//	utils/old-request.js       (nothing requires it)
//	pages/legacy/index.wxml    (a page no longer in app.json)
//
// # Good
//
//	// project.config.json: "setting": { "ignoreUploadUnusedFiles": false }
//	utils/request.js           (required by pages/index/index.js)
package unusedfile
