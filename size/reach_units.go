package size

import (
	"path"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/project"
)

// follow reaches the page, component or app at base, and makes it a root
// loaded for package pkg.
func (r *Reach) follow(base, pkg string) {
	r.roots = append(r.roots, root{unit: base, pkg: pkg})
	r.addUnit(base)
}

// rootScript reaches the script at mp, a root loaded for package pkg.
func (r *Reach) rootScript(mp, pkg string) {
	mp = r.canon(mp)
	if r.reach(mp) {
		r.roots = append(r.roots, root{script: mp, pkg: pkg})
	}
}

// addUnit reaches the files of a page, component or the app, and the
// components it uses.
func (r *Reach) addUnit(base string) {
	if r.units[base] != nil {
		return
	}
	u := &unit{base: base}
	r.units[base] = u
	for _, ext := range codeExts {
		if ext == ".wxs" || base == "app" && ext == ".wxml" {
			continue
		}
		if r.reach(base+ext) && (ext == ".js" || ext == ".ts") && r.scripts.ByMP(base+ext) != nil {
			u.scripts = append(u.scripts, base+ext)
		}
	}
	jf := r.json(base + ".json")
	if jf == nil || jf.Root == nil {
		return
	}
	dir := path.Dir(base)
	if base == "app" {
		dir = ""
	}
	var targets []string
	for _, m := range members(jf.Root.Get("usingComponents")) {
		if s, ok := m.Value.String(); ok {
			targets = append(targets, s)
		}
	}
	for _, m := range members(jf.Root.Get("componentGenerics")) {
		if s, ok := m.Value.Get("default").String(); ok {
			targets = append(targets, s)
		}
	}
	if base == "app" {
		// A plugin's generic components are the app's.
		for _, pl := range pluginItems(jf.Root, r.p.Subpackages) {
			for _, g := range members(pl.Get("genericsImplementation")) {
				for _, m := range members(g.Value) {
					if s, ok := m.Value.String(); ok {
						targets = append(targets, s)
					}
				}
			}
		}
	}
	for _, t := range targets {
		if c, ok := r.p.FindComponent(dir, t); ok && !slices.Contains(u.comps, c) {
			u.comps = append(u.comps, c)
		}
	}
	r.namedIn(dir, jf.Root)
	for _, c := range u.comps {
		r.addUnit(c)
	}
}

// pluginItems returns the plugin declarations of app.json and of its
// subpackages.
func pluginItems(app *jsonc.Value, subs []*project.Subpackage) []*jsonc.Value {
	var items []*jsonc.Value
	for _, m := range members(app.Get("plugins")) {
		items = append(items, m.Value)
	}
	for _, sp := range subs {
		for _, m := range members(sp.Item.Get("plugins")) {
			items = append(items, m.Value)
		}
	}
	return items
}

// members returns the members of an object, none for anything else.
func members(v *jsonc.Value) []*jsonc.Member {
	if v == nil || v.Kind != jsonc.Object {
		return nil
	}
	return v.Members
}

// json returns the json file at mp, parsed by the loader or here.
func (r *Reach) json(mp string) *project.JSONFile {
	rel := r.p.MP(mp)
	if jf := r.p.JSON(rel); jf != nil {
		return jf
	}
	if !r.exists(mp) {
		return nil
	}
	f, err := r.p.ReadFile(rel)
	if err != nil {
		return nil
	}
	root, _, _ := jsonc.Parse(f.Src)
	return &project.JSONFile{File: f, Root: root}
}

// namedIn reaches the code files that the strings of the json value v
// name, from dir and from the root.
func (r *Reach) namedIn(dir string, v *jsonc.Value) {
	if v == nil {
		return
	}
	switch v.Kind {
	case jsonc.String:
		r.name(dir, v.Str, true)
	case jsonc.Object:
		for _, m := range v.Members {
			r.namedIn(dir, m.Value)
		}
	case jsonc.Array:
		for _, e := range v.Elems {
			r.namedIn(dir, e)
		}
	}
}

// name reaches the code file a string names, as a path from dir, or from
// the root ("/x", or bare when fromRoot).
func (r *Reach) name(dir, s string, fromRoot bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	if !IsCodeFile(s) || strings.Contains(s, "://") || strings.Contains(s, "{{") {
		return
	}
	cands := []string{path.Join(dir, s)}
	if strings.HasPrefix(s, "/") {
		cands = []string{cleanMP(s)}
	} else if fromRoot {
		cands = append(cands, cleanMP(s))
	}
	for _, mp := range cands {
		mp = r.canon(mp)
		if r.reach(mp) {
			r.named[mp] = true
		}
	}
}

// openFolder makes every file under dir reached: a folder WeChat loads
// whole (workers, functional pages).
func (r *Reach) openFolder(dir string) {
	if dir == "" || dir == ".." || strings.HasPrefix(dir, "../") || slices.Contains(r.openDirs, dir) {
		return
	}
	r.openDirs = append(r.openDirs, dir)
	r.reachWhere(func(mp string) bool { return strings.HasPrefix(mp, dir+"/") }, true)
}

// openFrom makes reached every script and json the script at mp may load
// by a name built at run time: those of its npm package inside
// miniprogram_npm; else those of its package, and of the main package
// when that is an ordinary subpackage (everywhere when anywhere is set:
// require.async crosses packages).
func (r *Reach) openFrom(mp string, anywhere bool) {
	if anywhere {
		if !r.openAll {
			r.openAll = true
			r.reachWhere(func(string) bool { return true }, false)
		}
		return
	}
	if i := strings.LastIndex(mp, "miniprogram_npm/"); i >= 0 {
		parts := strings.SplitN(mp[i+len("miniprogram_npm/"):], "/", 3)
		name := parts[0]
		if strings.HasPrefix(name, "@") && len(parts) > 2 {
			name += "/" + parts[1]
		}
		dir := mp[:i] + "miniprogram_npm/" + name
		if !slices.Contains(r.openDirs, dir) {
			r.openDirs = append(r.openDirs, dir)
			r.reachWhere(func(f string) bool { return strings.HasPrefix(f, dir+"/") }, false)
		}
		return
	}
	pkgs := []string{""}
	if sp := r.p.PackageOf(mp); sp != nil {
		pkgs = []string{sp.Root}
		if !sp.Independent() {
			pkgs = append(pkgs, "")
		}
	}
	for _, pkg := range pkgs {
		if !r.openPkgs[pkg] {
			r.openPkgs[pkg] = true
			r.reachWhere(func(f string) bool { return pkgRoot(r.p.PackageOf(f)) == pkg }, false)
		}
	}
}

// reachWhere reaches the scripts and json of the mini program (every
// code file when all is set) whose paths in satisfies.
func (r *Reach) reachWhere(in func(mp string) bool, all bool) {
	for rel := range r.p.Tree() {
		mp, ok := r.p.InMP(rel)
		if !ok || !in(mp) {
			continue
		}
		switch path.Ext(mp) {
		case ".js", ".ts", ".json", ".wxs":
		case ".wxml", ".wxss", ".less", ".scss", ".sass":
			if !all {
				continue
			}
		default:
			continue
		}
		r.named[mp] = true
		r.reach(r.canon(mp))
	}
}

// agentPaths reaches what app.json's agent names: files, and every file
// under the folders it names (its skills).
func (r *Reach) agentPaths(v *jsonc.Value) {
	switch v.Kind {
	case jsonc.String:
		mp := cleanMP(v.Str)
		if r.p.IsDir(r.p.MP(mp)) {
			r.openFolder(mp)
		} else {
			r.name("", v.Str, true)
		}
	case jsonc.Object:
		for _, m := range v.Members {
			r.agentPaths(m.Value)
		}
	case jsonc.Array:
		for _, e := range v.Elems {
			r.agentPaths(e)
		}
	}
}

// canon is the path jsparse keeps a script under: a .js file's .ts when
// both exist (the .js is taken for its output).
func (r *Reach) canon(mp string) string {
	if strings.HasSuffix(mp, ".js") && r.scripts.ByMP(mp) == nil && r.scripts.ByMP(twin(mp)) != nil {
		return twin(mp)
	}
	return mp
}
