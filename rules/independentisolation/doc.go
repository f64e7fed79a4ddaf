// Package independentisolation defines the independent-isolation rule.
//
// # Rule independent-isolation
//
// independent-isolation: an independent subpackage reaches outside its root
//
// An independent subpackage (the chat tool is one) can open before the main
// package has loaded, and WeChat downloads it alone. So it cannot use code
// from the main package or from other subpackages, and the app's App() has
// not necessarily run. The rule reports, in the files under the root of
// every independent subpackage (errors unless noted):
//
//   - require(), import, export ... from and import() of a file outside the
//     subpackage's root (error): copy the module into the subpackage;
//   - an npm package that resolves to a miniprogram_npm folder outside the
//     root (error): build npm into the subpackage, or copy what it needs;
//   - App() (error): an independent subpackage must not register an app;
//   - getApp() without { allowDefault: true } (warning): it returns
//     undefined when the subpackage opens first;
//   - in templates, <import src>, <include src> and <wxs src> of a file
//     outside the root, and a tag that only app.json's global
//     usingComponents provides (independent subpackages do not get global
//     components);
//   - in styles, an @import of a stylesheet outside the root (app.wxss does
//     not apply there either). In LESS and SCSS (compiled when
//     project.config.json names the less or sass plugin), what @import,
//     @use and @forward load is compiled into the file's own output, so it
//     may come from anywhere (the less plugin itself imports the main
//     package's app.less into every file); only `@import "x.wxss";`, which
//     both plugins keep as an @import of the built .wxss, is loaded at run
//     time, and it must stay inside the root;
//   - in page and component json, usingComponents that resolve outside the
//     root, and plugin:// components; in app.json, a "plugins" field on the
//     independent subpackage: independent subpackages cannot use plugins;
//   - a component of an npm package that is declared but not built yet,
//     when "Build npm" will put it outside the root: with
//     setting.packNpmManually, in the miniprogramNpmDistDir of each
//     project.config.json packNpmRelationList item (relative to the project
//     folder), otherwise beside each package.json inside the mini program
//     root (devtools/npm.html). The nearest such folder above the json, as
//     WeChat looks components up, must be inside the root, so the error
//     comes before the build, not only after it.
//
// Default severity: error
//
// # Bad
//
//	const { request } = require('../../utils/request')
//	const app = getApp()
//
//	<import src="/templates/card.wxml"/>
//
// # Good
//
//	const { request } = require('./utils/request')
//	const app = getApp({ allowDefault: true })
//
//	<import src="./templates/card.wxml"/>
package independentisolation
