package size

import (
	"path"
	"sort"
	"strings"
)

// computeUsers works out, once, which packages load each script and use
// each component.
func (r *Reach) computeUsers() {
	r.rootOnce.Do(func() {
		r.scriptPkg = map[string]map[string]bool{}
		r.unitPkg = map[string]map[string]bool{}
		// A unit's own scripts are loaded for the package it lies in: the
		// helpers of a main-package component are the main package's, as
		// WeChat's analysis counts them.
		var scriptRoots []root
		for _, u := range r.units {
			for _, s := range u.scripts {
				scriptRoots = append(scriptRoots, root{script: s, pkg: pkgRoot(r.p.PackageOf(u.base))})
			}
		}
		for _, rt := range r.roots {
			if rt.script != "" {
				scriptRoots = append(scriptRoots, rt)
			}
			if rt.unit != "" && r.units[rt.unit] != nil {
				r.mark(r.unitPkg, rt.unit, rt.pkg, func(b string) []string { return r.units[b].comps })
			}
		}
		sort.SliceStable(scriptRoots, func(i, j int) bool { return scriptRoots[i].script < scriptRoots[j].script })
		for _, rt := range scriptRoots {
			r.mark(r.scriptPkg, rt.script, rt.pkg, func(s string) []string { return r.imports[s] })
		}
	})
}

// mark records pkg as a user of start and of everything next leads to.
func (r *Reach) mark(users map[string]map[string]bool, start, pkg string, next func(string) []string) {
	queue := []string{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if users[n][pkg] {
			continue
		}
		if users[n] == nil {
			users[n] = map[string]bool{}
		}
		users[n][pkg] = true
		queue = append(queue, next(n)...)
	}
}

// ScriptUsers returns the packages ("" for the main package, else a
// subpackage root) that load the script at mp: whose pages, components,
// app.js, entry or named scripts import it, directly or through other
// scripts, sorted. A component's own script counts for the package the
// component lies in.
func (r *Reach) ScriptUsers(mp string) []string {
	r.computeUsers()
	return sortedKeys(r.scriptPkg[r.canon(mp)])
}

// ComponentUsers returns the packages whose pages use the component at
// base (a path without extension), directly or through other components,
// sorted; the main package's when app.json's usingComponents, the custom
// tab bar or the app bar reach it.
func (r *Reach) ComponentUsers(base string) []string {
	r.computeUsers()
	return sortedKeys(r.unitPkg[base])
}

// Components returns the components reached, by path without extension,
// sorted.
func (r *Reach) Components() []string {
	var out []string
	roots := map[string]bool{}
	for _, rt := range r.roots {
		if rt.unit != "" {
			roots[rt.unit] = true
		}
	}
	for b := range r.units {
		if !roots[b] {
			out = append(out, b)
		}
	}
	sort.Strings(out)
	return out
}

// Module reports whether the script at mp is loaded only as a module:
// it is no page's or component's own script, nor app.js, an entry or a
// script named by a path.
func (r *Reach) Module(mp string) bool {
	mp = r.canon(mp)
	for _, rt := range r.roots {
		if rt.script == mp {
			return false
		}
	}
	if base := strings.TrimSuffix(mp, path.Ext(mp)); r.units[base] != nil {
		return false
	}
	return r.files[mp]
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
