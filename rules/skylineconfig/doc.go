// Package skylineconfig defines the skyline-config rule.
//
// # Rule skyline-config
//
// skyline-config: app and page settings that Skyline requires or ignores
//
// As soon as one page renders with Skyline (its renderer, resolved through
// page json > subpackage item > app.json, is "skyline"), WeChat's compiler
// requires:
//
//   - app.json "lazyCodeLoading": "requiredComponents", exactly (the value
//     is case-sensitive);
//   - app-level "renderer": "skyline" comes with "rendererOptions": {"skyline": {...}};
//   - no Skyline page sets "navigationStyle": "default": Skyline has no native
//     navigation bar, so a Skyline page draws its own ("custom", also what an
//     absent navigationStyle becomes);
//   - no component that a Skyline page uses, directly or through other
//     components, declares "renderer": "webview". Components of app.json's
//     global usingComponents count where a template the Skyline page
//     renders (its own, an imported or included one, or a component's) has
//     their tag.
//
// Each of these fails preview and upload. And when every page renders with
// Skyline, app.json window's navigation-bar settings (navigationBarTitleText,
// navigationBarBackgroundColor, navigationBarTextStyle, navigationStyle)
// have no effect: that is a warning, so the settings are not mistaken for
// working ones.
//
// Fix (--fix): lazyCodeLoading is set to "requiredComponents", or added
// when missing. The other findings need a choice the author makes (draw a
// navigation bar, pick rendererOptions, drop a component's renderer).
//
// Source: the Skyline migration guide
// (framework/runtime/skyline/migration/), checked against the errors of
// Tencent's compiler (miniprogram-ci).
//
// Default severity: error
//
// # Bad
//
//	{
//	  "renderer": "skyline",
//	  "lazyCodeLoading": "requiredcomponents"
//	}
//
// # Good
//
//	{
//	  "renderer": "skyline",
//	  "componentFramework": "glass-easel",
//	  "lazyCodeLoading": "requiredComponents",
//	  "rendererOptions": { "skyline": { "defaultDisplayBlock": true } }
//	}
package skylineconfig
