// Package skylinesupport defines the skyline-support rule.
//
// # Rule skyline-support
//
// skyline-support: styles and components that Skyline does not render
//
// A chat tool renders with Skyline, and Skyline implements only part of
// WXSS and of the built-in components. What it does not support is not an
// error at compile time: the selector matches nothing, the declaration is
// dropped, the component stays blank, so the page looks right in a webview
// preview and wrong in the chat. The rule checks every template and
// stylesheet a Skyline page renders: the page's own, the stylesheets they
// @import, app.wxss (for pages outside independent subpackages), and the
// templates and styles of every custom component the page uses, wherever the
// component lives. A file only webview pages render is not checked; a file
// several Skyline pages render is reported once, naming the first of them.
//
// In stylesheets:
//
//   - the universal selector * and attribute selectors ([attr], [attr=v]);
//   - pseudo-elements other than ::before and ::after (::placeholder,
//     ::selection, ::-webkit-scrollbar, and the legacy single-colon
//     :first-line and :first-letter; :before and :after are fine);
//   - position: sticky (use <sticky-section> and <sticky-header> inside
//     <scroll-view type="custom">), except on sticky-header itself, where it
//     is the webview fallback of a component Skyline keeps sticky anyway;
//   - overflow, overflow-x or overflow-y set to scroll or auto (Skyline
//     supports only hidden and visible; scroll with <scroll-view>);
//   - float, with any value but none (use flex layout);
//   - display: grid and inline-grid (use flex, or <grid-view> inside
//     <scroll-view type="custom">);
//   - @media queries other than dark mode (prefers-color-scheme): compute
//     the condition in script and bind a class instead.
//
// The selectors of @keyframes steps (from, to, 50%) are not checked, nor a *
// in a property hack (*zoom: 1) or in :nth-child() arguments.
//
// In templates:
//
//   - <web-view> (give the web page its own page with "renderer":
//     "webview"), <editor>, <match-media> and <keyboard-accessory> (use the
//     worklet:onkeyboardheightchange callback of <input> or <textarea>);
//   - <scroll-view> without a type attribute, or with a static type other
//     than list, custom or nested: Skyline's scroll-view needs its mode. A
//     data-bound type is not checked.
//
// A tag that a usingComponents entry maps to a custom component is that
// component, not the built-in one, and is not reported.
//
// Sources: Skyline WXSS support (framework/runtime/skyline/wxss.html:
// selector table, "Media queries: 只支持 DarkMode", position, overflow
// rows), Skyline component support (framework/runtime/skyline/component.html:
// web-view and editor "暂不考虑", match-media and keyboard-accessory "待考虑",
// scroll-view "需显式指定 type"), the scroll-view, grid-view, list-view and
// sticky-header component pages, and Tencent's Skyline skill notes
// (wechat-miniprogram/skyline-skills: float and display: grid unsupported).
// Newer Skyline versions added sibling combinators (8.0.49) and :not,
// :only-child, :empty and :nth-child (8.0.49 and 8.0.50); those are not
// reported.
//
// Default severity: warning
//
// # Bad
//
//	/* packageChatTool/pages/entry/index.wxss */
//	.list { overflow-y: auto; }
//	.title { position: sticky; top: 0; }
//	input::placeholder { color: #999; }
//
//	<!-- packageChatTool/pages/entry/index.wxml -->
//	<scroll-view scroll-y class="list">...</scroll-view>
//
// # Good
//
//	/* packageChatTool/pages/entry/index.wxss */
//	.list { height: 100vh; }
//
//	<!-- packageChatTool/pages/entry/index.wxml -->
//	<scroll-view type="custom" scroll-y class="list">
//	  <sticky-section>
//	    <sticky-header><text class="title">投票</text></sticky-header>
//	    <list-view>...</list-view>
//	  </sticky-section>
//	</scroll-view>
package skylinesupport
