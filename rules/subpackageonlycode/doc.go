// Package subpackageonlycode defines the subpackage-only-code rule.
//
// # Rule subpackage-only-code
//
// subpackage-only-code: main-package code that only one subpackage uses
//
// Everything in the main package is downloaded before the first page
// opens, so code that only a subpackage needs slows every launch and
// fills the main package's 2 MB. WeChat DevTools' code-quality panel
// reports it (miniprogram-ci 2.1.42, dist/ci/checkCodeQuality.js):
// CONTAINS_OTHER_PKG_JS (level 2 建议), main-package scripts that no
// main-package file requires, and CONTAINS_OTHER_PKG_COMPONENTS
// (informational), main-package components that no main-package page
// reaches.
//
// The rule follows the code as WeChat loads it (see unused-file) and
// reports, for the main package:
//
//   - a script (not a page's or component's own) that only the scripts of
//     one subpackage load, directly or through other main-package scripts
//     (warning): move it into that subpackage. The helpers of a
//     main-package component count for the main package, as DevTools
//     counts them;
//   - a component that only the pages of one subpackage use, directly or
//     through other components (info): move it into that subpackage.
//     Components of app.json's usingComponents, and those the custom tab
//     bar or app bar use, are the main package's.
//
// Unlike DevTools, code that several subpackages share is not reported:
// it cannot move into one of them. A script that some string names, or
// that a module name built at run time (require(name)) may load, is not
// reported either. The scripts of an npm package in the main package's
// miniprogram_npm are one finding, when they all serve one subpackage:
// build the package into that subpackage instead.
//
// Default severity: warning
//
// # Bad
//
//	utils/vote.js                    (required only by packageVote/pages/*)
//	components/ballot/index.*        (used only by packageVote's pages)
//
// # Good
//
//	packageVote/utils/vote.js
//	packageVote/components/ballot/index.*
package subpackageonlycode
