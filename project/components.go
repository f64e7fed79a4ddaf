package project

import (
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// RefKind says how a usingComponents entry resolved.
type RefKind uint8

const (
	// RefLocal is a component file of the project.
	RefLocal RefKind = iota
	// RefNpm is a component of a built npm package (miniprogram_npm).
	RefNpm
	// RefNpmUnbuilt is a component of an npm package the project declares in
	// package.json but has not built into miniprogram_npm yet.
	RefNpmUnbuilt
	// RefPlugin is a plugin:// or plugin-private:// component.
	RefPlugin
	// RefExtendedLib is a component of a library WeChat provides through
	// app.json useExtendedLib (weui-miniprogram).
	RefExtendedLib
	// RefMissing resolves to no file.
	RefMissing
	// RefOutside resolves to a path outside the mini program root.
	RefOutside
)

// ComponentRef is one entry of a usingComponents object.
type ComponentRef struct {
	// From is the json file that holds the entry.
	From   *JSONFile
	Member *jsonc.Member // Key is the tag, Value the path
	Kind   RefKind
	// Target is the resolved component (RefLocal, RefNpm), or nil.
	Target *Component
	// Tried is the mini program path looked for, for messages.
	Tried string
}

// ComponentRefs returns every usingComponents entry of the project, in
// loading order.
func (p *Project) ComponentRefs() []*ComponentRef { return p.refs }

// loadComponents resolves the usingComponents of jf, whose directory in the
// mini program is dir, and loads the components it reaches, transitively.
func (p *Project) loadComponents(jf *JSONFile, dir string) {
	type item struct {
		jf  *JSONFile
		dir string
	}
	queue := []item{{jf, dir}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		uc := it.jf.Root.Get("usingComponents")
		if uc == nil || uc.Kind != jsonc.Object {
			continue
		}
		for _, m := range uc.Members {
			target, ok := m.Value.String()
			if !ok {
				continue
			}
			ref := p.resolveComponent(it.jf, m, it.dir, target)
			p.refs = append(p.refs, ref)
			if ref.Target != nil && ref.Target.JSON == nil {
				c := ref.Target
				c.JSON = p.readJSON(p.MP(c.Path+".json"), "component")
				if c.JSON != nil && c.JSON.Root != nil {
					queue = append(queue, item{c.JSON, path.Dir(c.Path)})
				}
			}
		}
	}
}

var componentExts = []string{".json", ".js", ".ts", ".wxml"}

func (p *Project) resolveComponent(from *JSONFile, m *jsonc.Member, dir, target string) *ComponentRef {
	ref := &ComponentRef{From: from, Member: m}
	t := strings.TrimSpace(target)
	if strings.HasPrefix(t, "plugin://") || strings.HasPrefix(t, "plugin-private://") {
		ref.Kind = RefPlugin
		return ref
	}
	for _, ext := range componentExts {
		t = strings.TrimSuffix(t, ext)
	}
	var candidates []string
	switch {
	case strings.HasPrefix(t, "/"):
		candidates = append(candidates, path.Clean(t))
	case strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../"):
		candidates = append(candidates, path.Join("/", dir, t))
	default:
		candidates = append(candidates, path.Join("/", dir, t))
	}
	ref.Tried = strings.TrimPrefix(candidates[0], "/")
	if rel := path.Join(dir, t); strings.HasPrefix(t, "../") && (rel == ".." || strings.HasPrefix(rel, "../")) {
		ref.Kind = RefOutside
		return ref
	}
	for _, c := range candidates {
		if mp, ok := p.componentFile(strings.TrimPrefix(c, "/")); ok {
			ref.Kind, ref.Target = RefLocal, p.component(mp)
			return ref
		}
	}
	if strings.HasPrefix(t, "/") || strings.HasPrefix(t, ".") {
		// A path written into miniprogram_npm is an npm component too.
		ref.Kind = RefMissing
		if _, spec, ok := strings.Cut(ref.Tried, "miniprogram_npm/"); ok && p.declaresNpm(npmPackageName(spec)) {
			ref.Kind = RefNpmUnbuilt
		}
		return ref
	}
	// A bare path that is not a project file: an npm package, looked up in
	// miniprogram_npm folders from the file's folder up to the root.
	pkg := npmPackageName(t)
	for d := dir; ; d = path.Dir(d) {
		base := path.Join(d, "miniprogram_npm", t)
		if d == "." || d == "/" {
			base = path.Join("miniprogram_npm", t)
		}
		if mp, ok := p.componentFile(base); ok {
			ref.Kind, ref.Target = RefNpm, p.component(mp)
			return ref
		}
		if d == "." || d == "/" || d == "" {
			break
		}
	}
	if pkg == "weui-miniprogram" && p.App != nil && p.App.Root != nil && p.App.Root.Get("useExtendedLib").Get("weui") != nil {
		ref.Kind = RefExtendedLib
		return ref
	}
	if p.declaresNpm(pkg) {
		ref.Kind = RefNpmUnbuilt
		return ref
	}
	ref.Kind = RefMissing
	return ref
}

// componentFile finds the files of a component at a mini program path: the
// path itself or, for a folder, its index.
func (p *Project) componentFile(mp string) (string, bool) {
	for _, cand := range []string{mp, path.Join(mp, "index")} {
		for _, ext := range []string{".json", ".js", ".ts"} {
			if p.Exists(p.MP(cand + ext)) {
				return cand, true
			}
		}
	}
	return "", false
}

func (p *Project) component(mp string) *Component {
	if c := p.comps[mp]; c != nil {
		return c
	}
	c := &Component{Path: mp, Package: p.PackageOf(mp)}
	p.comps[mp] = c
	p.Components = append(p.Components, c)
	return c
}

// npmPackageName returns the package part of a bare specifier
// ("@scope/name/x" -> "@scope/name", "name/x" -> "name").
func npmPackageName(spec string) string {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// declaresNpm reports whether a package.json in the mini program root or the
// project directory lists pkg as a dependency.
func (p *Project) declaresNpm(pkg string) bool {
	for _, rel := range []string{p.MP("package.json"), "package.json"} {
		jf := p.readJSON(rel, "")
		if jf == nil || jf.Root == nil {
			continue
		}
		for _, key := range []string{"dependencies", "devDependencies", "peerDependencies"} {
			if jf.Root.Get(key).Get(pkg) != nil {
				return true
			}
		}
	}
	return false
}
