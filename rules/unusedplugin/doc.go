// Package unusedplugin defines the unused-plugin rule.
//
// # Rule unused-plugin
//
// unused-plugin: a plugin declared in app.json that nothing uses
//
// DevTools' code-quality panel (代码质量, framework/performance/quality-panel.html;
// miniprogram-ci's checkCodeQuality, CONTAINS_UNUSED_PLUGINS) fails a
// project that declares a plugin it does not use, at its highest level, 必须
// (must).
//
// A plugin of app.json's plugins is used when one of these names it, by
// its alias (the key) or its provider's AppID, anywhere in the project:
//
//   - a usingComponents path plugin://ALIAS/... (plugin-private://APPID/...),
//     or the same text anywhere in a script, template or json (a plugin
//     page's URL: wx.navigateTo({ url: 'plugin://ALIAS/page' }));
//   - requirePlugin('ALIAS') or requirePlugin("APPID") in a script.
//
// A plugin of a subpackage's plugins is for that subpackage: "默认情况下，
// 仅能在这个分包内使用该插件，除非通过分包异步化进行异步的跨分包引用"
// (framework/plugin/using.html). The panel counts only the uses inside the
// subpackage, and so does the rule: a plugin used only outside its
// subpackage is an error too, with its own message (such a use works only
// through an asynchronous cross-package reference, subpackages/async.html).
//
// The search is textual and errs toward silence: a use in a comment
// counts (it does for the panel too), and so does any requirePlugin or
// plugin:// whose name is not a string written out (requirePlugin(name),
// 'plugin://' + name): then every plugin it could name counts as used,
// where the panel reports them all. requirePlugin(`name`), a template
// literal, counts as a use; the panel does not see it.
//
// No fix: a plugin declared ahead of the code that will use it is a
// decision for its author.
//
// Default severity: error
//
// # Bad
//
//	// app.json
//	{
//	  "pages": ["pages/index/index"],
//	  "plugins": {
//	    "myPlugin": {"version": "1.0.0", "provider": "wxidxxxxxxxxxxxxxxxx"}
//	  }
//	}
//
// # Good
//
//	// app.json: the plugin is removed, or used:
//	// pages/index/index.js
//	const myPlugin = requirePlugin('myPlugin')
package unusedplugin
