// Package packagesourcesize defines the package-source-size rule.
//
// # Rule package-source-size
//
// package-source-size: a package holds more than 1.5 MB of source files
//
// WeChat DevTools' code-quality panel advises (PACKAGE_SIZE_LIMIT, level 2
// 建议) that each package hold at most 1.5 MB: its text says «主包尺寸（不包含
// 插件）应小于 1.5 M», but its code checks every package, the main package
// and each subpackage (miniprogram-ci 2.1.42, dist/ci/checkCodeQuality.js:
// a package fails when its size / 1024 is over 1,536).
//
// What it measures is not the upload and not the built package: it is the
// source files on disk that its code analyser lists (Analyzer.serialize()
// in dist/common/code-analyse), added up by package. Those are every file
// under the mini program root whose extension is one of the upload
// whitelist's 25 (.js, .json, .wxml, .wxss, .wxs, images, audio, video,
// .wasm, ...; compared case-sensitively), outside node_modules, .git and
// .svn folders, dot-folders included; packOptions.ignore is not applied,
// so ignored files count. checkCodeQuality hands the analyser no compiler
// plugins, so TypeScript, LESS and Sass sources (.ts, .less, .scss) are not
// counted, while the .js and .wxss beside them are. A file counts for the
// subpackage whose root holds it (the longest root, and a workers folder
// marked isSubpackage is a package of its own), any other file for the
// main package. 1.5 MB is 1,572,864 bytes (KB and MB of 1024).
//
// This is advice, below WeChat's hard limits (2 MB built per package, 500
// KB for the chat tool: see package-size): a package past it is slow to
// download. Move pages into subpackages, media to a CDN, and unused files
// out (see unused-file).
//
// Default severity: warning
//
// # Bad
//
//	packageAPI/          2.07 MB of .js, .wxml, .wxss, .json and images
//
// # Good
//
//	packageAPI/          1.20 MB
//	packageAPIMedia/     0.87 MB (pages moved to a subpackage of their own)
package packagesourcesize
