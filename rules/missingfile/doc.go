// Package missingfile defines the missing-file rule.
//
// # Rule missing-file
//
// missing-file: a file the configuration references does not exist
//
// WeChat's compiler stops at the first file that app.json, a page or
// component json, or project.config.json names but the project does not
// have; a module a script requires but the project lacks fails when the
// page loads. This rule reports every one of them at once, at the value that names
// it:
//
//   - each page listed in pages or in a subpackage's pages needs its .wxml and
//     its .js (a .ts is fine when project.config.json compiles TypeScript,
//     setting.useCompilerPlugins ["typescript"]);
//   - a subpackage's "entry" file, relative to its root;
//   - usingComponents targets, absolute (from the mini program root) or
//     relative, with or without extension, or a folder with an index
//     component; a bare name is also looked up in miniprogram_npm folders, and
//     an npm package the project declares but has not built yet is an info
//     ("Build npm" makes it); plugin:// components and useExtendedLib's weui
//     components are provided by WeChat;
//   - sitemapLocation and themeLocation (a missing sitemap is a warning:
//     Tencent's compiler does not check it and builds the app);
//   - tabBar iconPath and selectedIconPath, also through "@variables" of the
//     theme file;
//   - project.config.json miniprogramRoot, which must be a folder inside the
//     project;
//   - modules that scripts require, import, export from or import(), by a
//     relative path or a path from the mini program root: "x" may be x.js,
//     x.ts (compiled), a folder with index.js or index.ts, or a .d.ts file
//     for an import from TypeScript (types only). Bare names are npm
//     packages and are not checked here. Only scripts WeChat loads are
//     checked: app.js, page and component scripts, subpackage entries, .wxs
//     modules and what they import; a file nothing loads never runs;
//   - in the templates and styles WeChat compiles (those of pages and
//     components, app.wxss, and what they import or include): <import src>,
//     <include src>, <wxs src> and WXSS @import (".wxml", ".wxs" and
//     ".wxss" may be left out), relative to the file or, with a leading
//     "/", to the mini program root; and, as a warning since the build goes
//     on with a blank image, <image src> and <cover-image src> with a static
//     local path. Data bindings and URLs are not checked. A .wxss file that
//     does not exist is there when the less or sass compiler plugin
//     (setting.useCompilerPlugins) builds it from a .less, .scss or .sass
//     file of the same name;
//   - in the LESS and SCSS files those plugins build (app.less, the .less or
//     .scss standing for a page's or component's missing .wxss, and what
//     they import), @import, @use and @forward, resolved as miniprogram-ci
//     2.1.42's plugins resolve them (less 4.5.1 and sass 1.108.2, with the
//     mini program root as their search path): from the file, then from the
//     root; less adds ".less" to a path without an extension and reads a
//     leading "/" from the root; sass tries .sass, .scss and .css, partials
//     (_name) and index files, and reads a leading "/" from the file
//     system's root, which is an error too. `@import "x.wxss";` is kept as a
//     run-time @import of the .wxss file, which must exist (or be built).
//     (optional) imports, URLs, interpolated paths, Sass modules (sass:math)
//     and plain CSS imports (.css, url(), a media query) are not checked.
//
// Default severity: error
//
// # Bad
//
//	"pages": ["pages/index/index", "pages/about/about"],
//	"usingComponents": { "nav-bar": "/components/navbar/navbar" }
//
//	<import src="../../templates/cards.wxml"/>
//
// # Good
//
//	"pages": ["pages/index/index"],
//	"usingComponents": { "nav-bar": "/components/nav-bar/index" }
//
//	<import src="/templates/card.wxml"/>
package missingfile
