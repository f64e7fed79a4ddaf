// Package examples holds two example chattool-lint plugins, each with
// fixtures that plugintest checks (examples_test.go):
//
//   - house-rules/house-rules.js, a CommonJS module: network URLs, a
//     request wrapper, feature tests of the chat-tool APIs, page titles
//     (wx API uses with their arguments and guards, JSON, the project);
//   - skyline-rules/skyline-rules.mjs, an ES module: images and
//     !important on Skyline pages, font sizes in the chat tool (templates,
//     style sheets, which pages render them).
//
// chattool-lint.json in this folder loads both. docs/plugins.md is the
// guide to writing plugins.
package examples
