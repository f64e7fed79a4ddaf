// Package unusedcomponent defines the unused-component rule.
//
// # Rule unused-component
//
// unused-component: a usingComponents entry whose tag no template uses
//
// DevTools' code-quality panel (代码质量, framework/performance/quality-panel.html;
// miniprogram-ci's checkCodeQuality, CONTAINS_UNUSED_COMPONENTS) fails a
// project that declares components it does not use, at its highest level,
// 必须 (must): a declared component is still loaded and packaged, and with
// lazyCodeLoading it is the templates' tags that decide what is loaded.
//
// An entry of a page's or component's usingComponents is used when the tag
// appears in a template of that page or component: its own .wxml, or one it
// imports or includes (a <template> defined there renders in the page).
// These count as uses too:
//
//   - a value of the json's componentPlaceholder (the placeholder of
//     another component);
//   - the value of a generic:NAME attribute (<list generic:item="card"/>
//     passes the tag card to the list);
//   - the tag inside the element of the component itself in another
//     template (<panel><card/></panel> written where panel is used): slot
//     content belongs to the template that writes it, so this entry of
//     panel is most likely unused, and the panel says so, but the rule
//     stays silent.
//
// Tags are compared without regard to case (the panel compares them
// with it, and reports <big-title/> against "Big-Title"). An entry of app.json's global
// usingComponents is used when any template of the project has the tag.
// Nothing is reported for a page or component without a template, or one
// with a generic:NAME attribute whose value is a data binding, nor for the
// components of built npm packages (miniprogram_npm), which are not yours
// to edit.
//
// Severity follows the panel. It fails only when a component is used
// through no entry at all (it counts every app.json global entry as used):
// such an entry is an error. An unused entry whose component another page
// or component does use, an unused app.json global entry, and an entry of a
// plugin or an npm package not built yet are warnings: dead configuration
// that the panel passes. So is an entry whose tag only a comment of its
// templates holds (<!-- <card/> -->: the panel counts it as used), and one
// whose tag a template of
// custom-tab-bar or app-bar uses (WeChat loads those from app.json's
// tabBar and appBar, and chattool-lint does not read their usingComponents):
// the component may be used there.
//
// Fix (--fix): the entry is removed from usingComponents, unless its key
// is duplicated, is also a componentPlaceholder key, or has a comment next
// to it.
//
// Default severity: error
//
// # Bad
//
//	// pages/index/index.json
//	{"usingComponents": {"vote-card": "/components/vote-card/vote-card", "avatar": "/components/avatar/avatar"}}
//
//	<!-- pages/index/index.wxml -->
//	<vote-card title="{{title}}"/>
//
// # Good
//
//	// pages/index/index.json
//	{"usingComponents": {"vote-card": "/components/vote-card/vote-card"}}
//
//	<!-- pages/index/index.wxml -->
//	<vote-card title="{{title}}"/>
package unusedcomponent
