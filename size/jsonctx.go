package size

import (
	"encoding/json"
	"path"
	"strings"
	"sync"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/schemas"
)

// What the compiler writes into the configuration json besides compacting
// it (builtJSON), which depends on the project around the file:
//
//   - every usingComponents value as the path of the component it resolves
//     to: a folder's "/index" appended, an npm component
//     ("tdesign-miniprogram/button/button") as the relative path to it in
//     miniprogram_npm ("../../miniprogram_npm/tdesign-miniprogram/...");
//   - a page that renders with Skyline (by its json, its subpackage or
//     app.json) gets "disableScroll":true and "navigationStyle":"custom";
//     a component of a subpackage whose item sets a renderer gets it;
//   - a page's or component's keys the page.json schema does not know are
//     named in a "__warning__": invalid page.json ["addGlobalClass"];
//   - app.json, when it renders with Skyline and sets navigation bar keys
//     in window, gets a "__warning__" that they do not take effect; its
//     subpackage roots and workers folder end with "/";
//   - and a project.config.json of its own in the main package (generated).
//
// The warnings are the compiler's in English, as the calibration ran it
// (miniprogram-ci's locale en); in Chinese they take a few bytes more.

const (
	// skylineWindowTips is miniprogram-ci 2.1.42's APP_JSON_SKYLINE_WINDOW_TIPS
	// (locale en), escaped as the built app.json has it: its length only
	// is used.
	skylineWindowTips = `Due to the \"custom\" navigationStyle of the Skyline page, the configuration of \"navigationStyle\", \"navigationBarTextStyle\", \"navigationBarTitleText\", and \"navigationBarBackgroundColor\" in app.json will not take effect.`
	// generatedProjectConfig is the project.config.json the compiler writes
	// into the main package.
	generatedProjectConfig = `{"miniprogramRoot":"","__compileDebugInfo__":{"useSummer":true}}`
	warningField           = len(`,"__warning__":""`)
)

// pageKeys are the keys of a page's (and a component's) json the
// compiler's page.json schema accepts, as chattool-lint's page schema
// lists them.
var pageKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	b, err := schemas.Raw("page")
	if err != nil {
		return keys
	}
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(b, &s) == nil {
		for k := range s.Properties {
			keys[k] = true
		}
	}
	return keys
})

// jsonContext returns the bytes the compiler adds to the built json files
// of p (positive or negative), by mini program path.
func jsonContext(p *project.Project) map[string]int64 {
	out := map[string]int64{}
	if p.App == nil || p.App.Root == nil || p.IsGame() {
		return out
	}
	app := p.App.Root
	out["app.json"] += usingDelta(p, "", app.Get("usingComponents"))
	// Subpackage roots and the workers folder end with "/".
	for _, key := range []string{"subPackages", "subpackages"} {
		if subs := app.Get(key); subs != nil && subs.Kind == jsonc.Array {
			for _, it := range subs.Elems {
				if r, ok := it.Get("root").String(); ok && r != "" && !strings.HasSuffix(r, "/") {
					out["app.json"]++
				}
			}
		}
	}
	if w, ok := app.Get("workers").String(); ok && w != "" && !strings.HasSuffix(w, "/") {
		out["app.json"]++
	}
	if skylineApp(app) {
		win := app.Get("window")
		nav := false
		for _, k := range []string{"navigationBarTextStyle", "navigationBarTitleText", "navigationBarBackgroundColor"} {
			if s, ok := win.Get(k).String(); ok && s != "" {
				nav = true
			}
		}
		if s, _ := win.Get("navigationStyle").String(); nav && s != "custom" {
			out["app.json"] += int64(warningField + len(skylineWindowTips))
		}
	}
	seen := map[string]bool{}
	for _, pg := range p.Pages {
		if pg.JSON == nil || pg.JSON.Root == nil || seen[pg.Path] {
			continue
		}
		seen[pg.Path] = true
		mp := pg.Path + ".json"
		root := pg.JSON.Root
		n := usingDelta(p, path.Dir(pg.Path), root.Get("usingComponents")) + invalidKeys(root)
		if pg.Renderer.Value == "skyline" && !root.Get("component").IsTrue() {
			if root.Get("disableScroll") == nil {
				n += int64(len(`,"disableScroll":true`))
			}
			if root.Get("navigationStyle") == nil {
				n += int64(len(`,"navigationStyle":"custom"`))
			}
		}
		out[mp] += n
	}
	for _, c := range p.Components {
		if c.JSON == nil || c.JSON.Root == nil || seen[c.Path] {
			continue
		}
		seen[c.Path] = true
		root := c.JSON.Root
		n := usingDelta(p, path.Dir(c.Path), root.Get("usingComponents")) + invalidKeys(root)
		if c.Package != nil && root.Get("renderer") == nil {
			if r, ok := c.Package.Item.Get("renderer").String(); ok && r != "" {
				n += int64(len(`,"renderer":""`) + len(r))
			}
		}
		out[c.Path+".json"] += n
	}
	return out
}

// skylineApp reports whether app.json renders with Skyline, as the
// compiler's check reads it: renderer "skyline" or rendererOptions.skyline.
func skylineApp(app *jsonc.Value) bool {
	r, _ := app.Get("renderer").String()
	return r == "skyline" || app.Get("rendererOptions").Get("skyline") != nil
}

// usingDelta is what rewriting the usingComponents values of a json in
// folder dir as the paths of the components they resolve to adds.
func usingDelta(p *project.Project, dir string, using *jsonc.Value) int64 {
	if using == nil || using.Kind != jsonc.Object {
		return 0
	}
	var n int64
	for _, m := range using.Members {
		v, ok := m.Value.String()
		if !ok {
			continue
		}
		found, ok := p.FindComponent(dir, v)
		if !ok {
			continue
		}
		t := strings.TrimSpace(v)
		switch {
		case !strings.HasPrefix(t, ".") && !strings.HasPrefix(t, "/"):
			// An npm component: the path from dir to it.
			n += int64(len(relPath(dir, found)) - len(v))
		case strings.HasSuffix(found, "/index") && !strings.HasSuffix(strings.TrimSuffix(t, "/"), "/index") && t != "index":
			n += int64(len(found) - len(path.Join(dir, t)))
		}
	}
	return n
}

// relPath is the path from folder dir to mp, "./" before it when it does
// not go up.
func relPath(dir, mp string) string {
	if dir == "." {
		dir = ""
	}
	up := 0
	for d := dir; d != "" && d != "."; d = path.Dir(d) {
		if strings.HasPrefix(mp, d+"/") {
			return strings.Repeat("../", up) + strings.TrimPrefix(mp, d+"/")
		}
		up++
	}
	if up == 0 {
		return "./" + mp
	}
	return strings.Repeat("../", up) + mp
}

// invalidKeys is the "__warning__" the compiler adds for the keys of a
// page's or component's json its schema does not know.
func invalidKeys(root *jsonc.Value) int64 {
	if root == nil || root.Kind != jsonc.Object {
		return 0
	}
	keys := pageKeys()
	n, bad := 0, 0
	seen := map[string]bool{}
	for _, m := range root.Members {
		if keys[m.Key] || seen[m.Key] || m.Key == "__warning__" {
			continue
		}
		seen[m.Key] = true
		// page.json [\"key\"], joined by 、
		n += len(`page.json [\"\"]`) + len(m.Key)
		if bad > 0 {
			n += len("、")
		}
		bad++
	}
	if bad == 0 {
		return 0
	}
	return int64(warningField + len("invalid ") + n)
}
