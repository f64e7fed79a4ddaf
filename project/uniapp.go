package project

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"slices"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/uniapp"
)

// How uni-app builds a WeChat mini program's configuration (vue 3:
// packages/uni-cli-shared/src/json/mp/{pages,project}.ts and
// packages/uni-mp-vite/src/plugins/pagesJson.ts; vue 2:
// packages/webpack-uni-pages-loader/lib/platforms/mp.js, the same rules):
//
//   - app.json takes from pages.json its pages and subPackages (each
//     page's "path"; a subpackage's other keys as they are), globalStyle
//     as "window" (its usingComponents as the app's), tabBar, preloadRule,
//     workers, plugins and entryPagePath; each page's "style" is its page
//     json. Platform sections ("mp-weixin", "app-plus", "h5") of a style
//     or the tabBar are removed, the "mp-weixin" one merged in first;
//   - every other key of pages.json is dropped;
//   - manifest.json's "mp-weixin" gives project.config.json its
//     projectKeys (appid, setting, libVersion, packOptions...) and app.json
//     every other key but uni-app's own switches (NON_APP_JSON_KEYS):
//     chatTools, lazyCodeLoading, renderer, rendererOptions,
//     componentFramework, requiredPrivateInfos... go there; its top-level
//     networkTimeout and debug go to app.json too.
var (
	uniProjectKeys = []string{"appid", "setting", "miniprogramRoot", "cloudfunctionRoot", "qcloudRoot",
		"pluginRoot", "compileType", "libVersion", "projectname", "packOptions", "debugOptions",
		"scripts", "cloudbaseRoot", "watchOptions", "description", "condition"}
	uniNonAppKeys = []string{"unipush", "secureNetwork", "usingComponents", "optimization",
		"scopedSlotsCompiler", "uniStatistics", "mergeVirtualHostAttributes", "styleIsolation",
		"enableVirtualHost", "nativeTags", "slotMultipleInstance", "betterScopedSlots"}
	uniPagesKeys = []string{"preloadRule", "workers", "plugins", "entryPagePath"}
	// uniDropped are app.json keys a user may write in pages.json, which
	// uni-app drops there: they belong in manifest.json's "mp-weixin"
	// (or, for window, in globalStyle).
	uniDropped = []string{"chatTools", "lazyCodeLoading", "renderer", "rendererOptions",
		"componentFramework", "requiredPrivateInfos", "requiredBackgroundModes", "permission",
		"resolveAlias", "sitemapLocation", "style", "useExtendedLib", "entranceDeclare", "darkmode",
		"themeLocation", "embeddedAppIdList", "halfPage", "debugOptions", "enablePassiveEvent",
		"functionalPages", "navigateToMiniProgramAppIdList", "window", "usingComponents",
		"networkTimeout", "debug", "appBar", "singlePage", "supportedMaterials"}
	// uniTrimmed are keys uni-app removes from styles and the tabBar
	// (trimJson, trimTabBarJson).
	uniTrimmed = []string{"maxWidth", "topWindow", "leftWindow", "rightWindow", "matchMedia",
		"fontSize", "height", "iconWidth", "midButton", "selectedIndex", "spacing"}
)

// IsUniApp reports whether the folder dir holds a uni-app source:
// pages.json beside manifest.json (HBuilderX projects keep them in the
// project folder, CLI projects in its src folder) and no app.json.
func IsUniApp(dir string) bool { _, ok := uniRoot(dir); return ok }

// uniRoot returns the folder of dir ("" or "src") that holds pages.json
// and manifest.json.
func uniRoot(dir string) (string, bool) {
	for _, r := range []string{"", "src"} {
		d := filepath.Join(dir, r)
		if isFile(filepath.Join(d, "pages.json")) && isFile(filepath.Join(d, "manifest.json")) &&
			!isFile(filepath.Join(d, "app.json")) {
			return r, true
		}
	}
	return "", false
}

// loadUniApp reads a uni-app source as the mini program its mp-weixin
// build makes (see uniProjectKeys).
func (p *Project) loadUniApp() {
	fw := &Framework{Name: "uni-app"}
	p.Framework = fw
	p.MiniRoot, _ = uniRoot(p.root)
	// HBuilderX builds into unpackage/ inside the source folder: the build
	// output is a mini program of its own (discover finds it).
	p.Options.Exclude = append(slices.Clip(p.Options.Exclude), "unpackage")
	fw.Cond.Vue3 = p.vue3()
	strip := func(b []byte) []byte { return uniapp.Strip(b, uniapp.JS, fw.Cond) }
	manifest := p.sourceJSON(p.MP("manifest.json"), strip)
	pages := p.sourceJSON(p.MP("pages.json"), strip)
	if pages == nil || pages.Root == nil || pages.Root.Kind != jsonc.Object {
		return // a broken pages.json: parse-error says why
	}
	var mw *jsonc.Value // manifest.json's "mp-weixin"
	var mroot *jsonc.Value
	appFile, off := pages.File, 0
	if manifest != nil && manifest.Root != nil && manifest.Root.Kind == jsonc.Object {
		var at []int
		appFile, at = join(pages.File, manifest.File)
		off = at[1]
		mroot = shift(manifest.Root, off)
		if v := mroot.Get("mp-weixin"); v != nil && v.Kind == jsonc.Object {
			mw = v
		}
	}

	// project.config.json: the projectKeys of "mp-weixin".
	if mw != nil {
		cfg := object(shift(mw, -off), func(k string) bool { return slices.Contains(uniProjectKeys, k) })
		p.Config = p.addSynthetic("project.config.json", manifest.Path, manifest.File, "project.config", cfg)
	}

	// app.json.
	src := pages.Root
	app := &jsonc.Value{Kind: jsonc.Object, Start: src.Start, End: src.End}
	if list := src.Get("pages"); list != nil && list.Kind == jsonc.Array {
		arr := &jsonc.Value{Kind: jsonc.Array, Start: list.Start, End: list.End}
		for _, pg := range list.Elems {
			if v := p.uniPage("", pg, pages.File); v != nil {
				arr.Elems = append(arr.Elems, v)
			}
		}
		set(app, &jsonc.Member{Key: "pages", KeyStart: src.Member("pages").KeyStart, KeyEnd: src.Member("pages").KeyEnd, Value: arr})
	}
	for _, key := range []string{"subPackages", "subpackages"} {
		m := src.Member(key)
		if m == nil || m.Value.Kind != jsonc.Array {
			continue
		}
		arr := &jsonc.Value{Kind: jsonc.Array, Start: m.Value.Start, End: m.Value.End}
		for _, item := range m.Value.Elems {
			root, ok := item.Get("root").String()
			if !ok || item.Kind != jsonc.Object {
				arr.Elems = append(arr.Elems, item)
				continue
			}
			sub := object(item, func(k string) bool { return k != "pages" })
			if list := item.Member("pages"); list != nil && list.Value.Kind == jsonc.Array {
				parr := &jsonc.Value{Kind: jsonc.Array, Start: list.Value.Start, End: list.Value.End}
				for _, pg := range list.Value.Elems {
					if v := p.uniPage(cleanRoot(root), pg, pages.File); v != nil {
						parr.Elems = append(parr.Elems, v)
					}
				}
				set(sub, &jsonc.Member{Key: "pages", KeyStart: list.KeyStart, KeyEnd: list.KeyEnd, Value: parr})
			}
			arr.Elems = append(arr.Elems, sub)
		}
		set(app, &jsonc.Member{Key: "subPackages", KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, Value: arr})
		break // uni-app reads subPackages || subpackages
	}
	if m := src.Member("globalStyle"); m != nil {
		if w := uniStyle(m.Value); w != nil {
			if uc := w.Member("usingComponents"); uc != nil {
				set(app, uc)
				w.Members = slices.DeleteFunc(w.Members, func(x *jsonc.Member) bool { return x == uc })
			}
			set(app, &jsonc.Member{Key: "window", KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, Value: w})
		}
	}
	if m := src.Member("tabBar"); m != nil {
		if tb := uniStyle(m.Value); tb != nil {
			set(app, &jsonc.Member{Key: "tabBar", KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, Value: tb})
		}
	}
	for _, m := range src.Members {
		switch {
		case slices.Contains(uniPagesKeys, m.Key):
			set(app, m)
		case slices.Contains(uniDropped, m.Key):
			where := `manifest.json's "mp-weixin"`
			if m.Key == "window" {
				where = `"globalStyle"`
			}
			pages.Problems = append(pages.Problems, jsonc.Problem{Kind: jsonc.Dropped, Start: m.KeyStart, End: m.KeyEnd,
				Message: fmt.Sprintf("uni-app does not copy %q from pages.json into app.json: it has no effect here; write it in %s", m.Key, where)})
		}
	}
	// Then manifest.json: networkTimeout and debug, and "mp-weixin".
	if mroot != nil {
		for _, k := range []string{"networkTimeout", "debug"} {
			if m := mroot.Member(k); m != nil {
				set(app, m)
			}
		}
	}
	if mw != nil {
		n := 0
		for _, m := range mw.Members {
			if !slices.Contains(uniProjectKeys, m.Key) && !slices.Contains(uniNonAppKeys, m.Key) {
				set(app, m)
				n++
			}
		}
		// The app's keys are in manifest.json's "mp-weixin": a finding
		// about the app as a whole points there, and a fix adds the
		// missing key there.
		app.Start, app.End = mw.Start, mw.End
		if n == 0 {
			// ... unless no key of the app is there: a member added after
			// the last one would land in pages.json, where uni-app
			// ignores it; an End past the file makes jsonedit refuse.
			app.End = len(appFile.Src) + 1
		}
	} else {
		app.End = len(appFile.Src) + 1
	}
	p.App = p.addSynthetic(p.MP("app.json"), pages.Path, appFile, "app", app)
	p.loadApp()
}

// uniPage reads an item of a pages list of pages.json ({"path", "style"})
// in the subpackage root: its page json, registered as the compiled file,
// and the path value that app.json lists.
func (p *Project) uniPage(root string, item *jsonc.Value, f *File) *jsonc.Value {
	v := item.Get("path")
	s, ok := v.String()
	if !ok {
		return nil
	}
	if style := uniStyle(item.Get("style")); style != nil {
		mp := path.Join(root, cleanPagePath(s))
		p.addSynthetic(p.MP(mp+".json"), f.Path, f, "page", style)
	}
	return v
}

// uniStyle is a style (or tabBar) as uni-app compiles it for mp-weixin:
// the platform sections removed, "mp-weixin"'s merged in.
func uniStyle(v *jsonc.Value) *jsonc.Value {
	o := object(v, func(k string) bool { return !platformKey(k) && !slices.Contains(uniTrimmed, k) })
	if o == nil {
		return nil
	}
	if mw := v.Get("mp-weixin"); mw != nil && mw.Kind == jsonc.Object {
		for _, m := range mw.Members {
			set(o, m)
		}
	}
	return o
}

// vue3 reports whether the uni-app project is built with Vue 3: its
// manifest.json says "vueVersion": "3", or it is a CLI project whose
// package.json names uni-app's vite plugin.
func (p *Project) vue3() bool {
	if f, err := p.ReadFile(p.MP("manifest.json")); err == nil {
		root, _, _ := jsonc.Parse(f.Src)
		if v, ok := root.Get("vueVersion").String(); ok {
			return v == "3"
		}
		if v := root.Get("vueVersion"); v != nil && v.Kind == jsonc.Number {
			return string(v.Num) == "3"
		}
	}
	if b, err := p.read("package.json"); err == nil {
		return bytes.Contains(b, []byte(`"@dcloudio/vite-plugin-uni"`)) || bytes.Contains(b, []byte(`"@dcloudio/uni-mp-vite"`))
	}
	return false
}
