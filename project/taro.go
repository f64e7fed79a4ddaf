package project

import (
	"path"
	"path/filepath"
	"slices"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// ConfigReader evaluates a Taro configuration file (src/app.config.ts, a
// page's index.config.ts) as Taro's build reads it: the object its
// default export is (through defineAppConfig or definePageConfig too), as
// a JSON value whose offsets are those of the file. What cannot be known
// statically is left out. It is set by package jsparse, which project
// cannot import (jsparse imports project); nil, no Taro configuration is
// read.
var ConfigReader func(src []byte, name string) *jsonc.Value

// taroPageKeys are keys of a page's configuration that Taro reads itself
// (enableShareAppMessage and enableShareTimeline make it declare the
// page's share handlers): no key of the page json WeChat reads.
var taroPageKeys = []string{"enableShareAppMessage", "enableShareTimeline"}

// IsTaro reports whether the folder dir holds a Taro source, as Taro's CLI
// lays it out: config/index.{js,ts} and src/app.config.{ts,js}.
func IsTaro(dir string) bool {
	return (isFile(filepath.Join(dir, "config", "index.js")) || isFile(filepath.Join(dir, "config", "index.ts"))) &&
		taroConfig(dir, "src/app") != ""
}

// taroConfig returns the configuration file of base (a slash path below
// dir without extension: "src/app", "src/pages/index/index"), or "".
func taroConfig(dir, base string) string {
	for _, ext := range []string{".config.ts", ".config.js", ".config.tsx", ".config.jsx"} {
		if isFile(filepath.Join(dir, filepath.FromSlash(base+ext))) {
			return base + ext
		}
	}
	return ""
}

// loadTaro reads a Taro source as the mini program its weapp build makes:
// src/app.config.* as app.json, each page's index.config.* as its page
// json, and the project's own project.config.json (whose miniprogramRoot
// names the build output) for its settings. The mini program root is
// src.
func (p *Project) loadTaro() {
	p.Framework = &Framework{Name: "Taro"}
	p.loadConfig()
	p.MiniRoot, p.MiniRootErr = "src", ""
	if p.Config != nil {
		p.Framework.Configs = map[string]string{"project.config.json": p.Config.Path}
	}
	rel := taroConfig(p.root, "src/app")
	root, f := p.taroConfig(rel)
	if root == nil {
		return
	}
	p.App = p.addSynthetic(p.MP("app.json"), rel, f, "app", root)
	// Each page's configuration, read before loadApp looks for its json.
	var pages []string
	for _, v := range elems(root.Get("pages")) {
		if s, ok := v.String(); ok {
			pages = append(pages, cleanPagePath(s))
		}
	}
	for _, key := range []string{"subPackages", "subpackages"} {
		for _, item := range elems(root.Get(key)) {
			r, _ := item.Get("root").String()
			for _, v := range elems(item.Get("pages")) {
				if s, ok := v.String(); ok {
					pages = append(pages, path.Join(cleanRoot(r), cleanPagePath(s)))
				}
			}
		}
	}
	for _, pg := range pages {
		if rel := taroConfig(p.root, p.MP(pg)); rel != "" {
			if v, f := p.taroConfig(rel); v != nil {
				v = object(v, func(k string) bool { return !slices.Contains(taroPageKeys, k) })
				p.addSynthetic(p.MP(pg+".json"), rel, f, "page", v)
			}
		}
	}
	p.loadApp()
}

// taroConfig reads and evaluates a Taro configuration file.
func (p *Project) taroConfig(rel string) (*jsonc.Value, *File) {
	if rel == "" || ConfigReader == nil {
		return nil, nil
	}
	f, err := p.ReadFile(rel)
	if err != nil {
		if !isNotExist(err) {
			p.loadError(rel, err)
		}
		return nil, nil
	}
	f.kept = true
	v := ConfigReader(f.Src, rel)
	if v == nil || v.Kind != jsonc.Object {
		return nil, nil
	}
	return v, f
}
