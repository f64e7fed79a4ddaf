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
// working ones. As Tencent's compiler does, the warning is left out when the
// window itself sets "navigationStyle": "custom" (the app knows there is no
// native bar, and navigationBarTextStyle still colours the status bar).
//
// In an app with a chat tool, whose pages must render with Skyline, the
// Skyline settings must keep every user on Skyline (errors):
//
//   - rendererOptions.skyline needs "disableABTest": true. Without it
//     Skyline renders only for the users of WeChat's A/B experiment and the
//     others get WebView; an app.json without rendererOptions.skyline is
//     reported at chatTools;
//   - its "sdkVersionEnd", where set, must not be short of "15.255.255":
//     base libraries after it render with WebView.
//
// Fix (--fix): lazyCodeLoading is set to "requiredComponents", or added
// when missing; in an app with a chat tool, "disableABTest" is added to
// rendererOptions.skyline or set to true, and a short "sdkVersionEnd" set to
// "15.255.255". The other findings need a choice the author makes (draw a
// navigation bar, pick rendererOptions, drop a component's renderer).
//
// Source: the Skyline migration guide
// (framework/runtime/skyline/migration/, release.html for the A/B
// experiment and the version range; the chat-tool sample sets
// disableABTest and sdkVersionEnd "15.255.255"), checked against the
// errors and warnings of Tencent's compiler (miniprogram-ci 2.1.42).
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
