package size

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

// drain follows every reached file until nothing new is reached.
func (r *Reach) drain() {
	for len(r.queue) > 0 {
		mp := r.queue[0]
		r.queue = r.queue[1:]
		switch path.Ext(mp) {
		case ".wxml":
			r.template(mp)
		case ".wxss":
			r.style(mp)
		case ".less", ".scss", ".sass":
			r.preprocessed(mp)
		case ".js", ".ts", ".wxs":
			r.script(mp)
		}
	}
}

// template follows a template's imports, includes and <wxs src>, its
// inline modules' requires, and the code files its attributes name.
func (r *Reach) template(mp string) {
	f := r.wxml.ByMP(mp)
	if f == nil {
		return
	}
	for _, e := range f.Doc.Elements() {
		for _, a := range e.Attrs {
			if !a.HasValue {
				continue
			}
			vals := []string{a.Value}
			if a.Dynamic() {
				vals = a.Literals()
			}
			for _, s := range vals {
				if IsCodeFile(s) {
					if to, ok := wxml.Ref(mp, s); ok && r.reach(r.canon(to)) {
						r.named[r.canon(to)] = true
					}
				}
			}
		}
		a := e.Attr("src")
		if a == nil {
			continue
		}
		to, ok := wxml.Ref(mp, a.Value)
		if !ok {
			continue
		}
		switch e.Name {
		case "import", "include":
			r.reach(views.TemplatePath(to))
		case "wxs":
			r.reach(views.ModulePath(to))
		}
	}
	for _, w := range f.Doc.WXS {
		if fx := w.Source.Facts(); fx != nil {
			for _, im := range fx.Imports {
				if to, ok := wxml.Ref(mp, im.Spec); ok {
					r.reach(to)
				}
			}
		}
	}
}

// style follows a WXSS file's @imports.
func (r *Reach) style(mp string) {
	f := r.wxss.ByMP(mp)
	if f == nil {
		return
	}
	for _, im := range f.Sheet.Imports {
		if to, ok := wxml.Ref(mp, im.Path); ok {
			r.reach(views.StylePath(to))
		}
	}
}

var (
	importRule = regexp.MustCompile(`@(?:import|use|forward)\b([^;{}]*)`)
	importPath = regexp.MustCompile(`["']([^"']*)["']|url\(\s*([^)'"\s]+)\s*\)`)
)

// preprocessed follows the @import, @use and @forward of a LESS or Sass
// file: the compiler inlines what they name, which WeChat's analysis counts
// as used. A path with interpolation could be any style sheet.
func (r *Reach) preprocessed(mp string) {
	f, err := r.p.ReadFile(r.p.MP(mp))
	if err != nil {
		return
	}
	for _, spec := range project.Derive(r.p, "size.reach.imports", f.Src, func() []string { return styleImports(f.Src) }) {
		if strings.Contains(spec, "@{") || strings.Contains(spec, "#{") {
			r.openStyles = true
			continue
		}
		if strings.HasPrefix(spec, "~") || strings.Contains(spec, "://") {
			continue
		}
		to, ok := wxml.Ref(mp, spec)
		if !ok {
			continue
		}
		dir, name := path.Split(to)
		var cands []string
		if path.Ext(name) != "" {
			cands = append(cands, to)
		}
		for _, ext := range []string{".less", ".scss", ".sass", ".wxss", ".css"} {
			cands = append(cands, to+ext, dir+"_"+name+ext, path.Join(to, "index"+ext), path.Join(to, "_index"+ext))
		}
		for _, c := range cands {
			r.reach(c)
		}
	}
}

// styleImports returns the paths the @import, @use and @forward rules of a
// LESS or Sass file name, in order: what preprocessed follows, from the
// bytes alone (kept between checks by project.Derive).
func styleImports(src []byte) []string {
	var specs []string
	for _, m := range importRule.FindAllSubmatch(src, -1) {
		for _, q := range importPath.FindAllSubmatch(m[1], -1) {
			specs = append(specs, string(q[1])+string(q[2]))
		}
	}
	return specs
}

var (
	// callStart finds require( and import( where they are not a property
	// or part of a longer name.
	callStart = regexp.MustCompile(`(?:^|[^.\w$])(require|import)\s*\(\s*`)
	asyncCall = regexp.MustCompile(`(?:^|[^.\w$])require\s*\.\s*async\s*\(\s*`)
	// tsImport is the specifier of an import or export ... from,
	// type-only ones included.
	tsImport = regexp.MustCompile(`(?:\bfrom|\bimport)\s*["']([^"'\n]+)["']`)
	// codeString is a string literal ending in a code file's extension.
	codeString = regexp.MustCompile(`["'` + "`" + `]([^"'` + "`" + `\s{}()<>$]+\.(?:json|js|ts|wxml|wxss|wxs|less|scss|sass))(?:[?#][^"'` + "`" + `]*)?["'` + "`" + `]`)
)

// script follows a script's imports (as jsparse resolves them), its
// require.async calls, and the code files its strings name; a module name
// built at run time, or a script that could not be parsed, opens what it
// may load (openFrom).
func (r *Reach) script(mp string) {
	f := r.scripts.ByMP(mp)
	if f == nil && r.scripts.ByMP(twin(mp)) != nil {
		return // the output of the .ts beside it, which is followed
	}
	var fx *jsparse.Facts
	if f != nil && f.Source != nil && f.ReadErr == nil {
		fx = f.Source.Facts()
	}
	fw := &followed{mp: mp, f: f, facts: fx != nil}
	r.followed = append(r.followed, fw)
	if fx == nil {
		r.openFrom(mp, false)
		return
	}
	add := func(to string) {
		to = r.canon(to)
		if r.reach(to) && !slices.Contains(r.imports[mp], to) {
			r.imports[mp] = append(r.imports[mp], to)
		}
	}
	specs := map[string]bool{}
	for _, im := range fx.Imports {
		specs[im.Spec] = true
		if found, _, isPath := jsparse.Resolve(r.p, mp, im.Spec); isPath {
			add(found)
			continue
		}
		if base, ok := jsparse.NpmModule(r.p, mp, im.Spec); ok {
			for _, c := range []string{base, base + ".js", base + "/index.js"} {
				add(c)
			}
		}
	}
	sc, ok := r.scan(mp)
	if !ok {
		r.openFrom(mp, false)
		return
	}
	fw.scan = sc
	if sc.computed {
		r.openFrom(mp, false)
	}
	for _, a := range sc.async {
		if !a.literal {
			r.openFrom(mp, true)
			continue
		}
		if !a.quoted {
			continue
		}
		specs[a.spec] = true
		if found, _, isPath := jsparse.Resolve(r.p, mp, a.spec); isPath && found != "" {
			add(found)
		}
	}
	// Type-only imports, which the compiled JavaScript no longer has:
	// the module is the source's all the same.
	for _, spec := range sc.types {
		specs[spec] = true
		if found, _, isPath := jsparse.Resolve(r.p, mp, spec); isPath && found != "" {
			r.reach(r.canon(found))
		}
	}
	dir := path.Dir(mp)
	for _, s := range sc.strings {
		if !specs[s] {
			r.name(dir, s, true)
		}
	}
}

// scan returns the scan of the script at mp, false when it cannot be read.
func (r *Reach) scan(mp string) (*scriptScan, bool) {
	src, err := r.p.ReadFile(r.p.MP(mp))
	if err != nil {
		return nil, false
	}
	ts := path.Ext(mp) == ".ts"
	kind := "size.reach.js"
	if ts {
		kind = "size.reach.ts"
	}
	return project.Derive(r.p, kind, src.Src, func() *scriptScan { return scanScript(src.Src, ts) }), true
}

// followed is what script read of a script it followed: the parsed file
// (nil when jsparse has none at its path), whether it had facts, and its
// scan (nil when it could not be read).
type followed struct {
	mp    string
	f     *jsparse.File
	facts bool
	scan  *scriptScan
}

// same reports whether script reads of the file g what it read of fw's.
func (fw *followed) same(r *Reach, g *jsparse.File) (*scriptScan, bool) {
	if (fw.f == nil) != (g == nil) {
		return nil, false
	}
	if g == nil {
		return nil, true
	}
	if g.Source == fw.f.Source && (g.ReadErr == nil) == (fw.f.ReadErr == nil) {
		// The same parse, from the same bytes (the Memo keeps one
		// Source per bytes): the same facts and scan.
		return fw.scan, true
	}
	var fx *jsparse.Facts
	if g.Source != nil && g.ReadErr == nil {
		fx = g.Source.Facts()
	}
	if (fx != nil) != fw.facts {
		return nil, false
	}
	if fx == nil {
		return nil, true
	}
	old := fw.f.Source.Facts()
	if len(old.Imports) != len(fx.Imports) {
		return nil, false
	}
	for i, im := range fx.Imports {
		if im.Spec != old.Imports[i].Spec {
			return nil, false
		}
	}
	sc, ok := r.scan(fw.mp)
	if (sc != nil) != (fw.scan != nil) || ok && !sc.equal(fw.scan) {
		return nil, false
	}
	return sc, true
}

// A scriptScan is what script reads of a script's bytes beyond its facts,
// found by the regular expressions above: it depends on the bytes alone
// (and whether the script is TypeScript), so a language server keeps it
// between checks (project.Derive) and scans only the scripts that changed.
type scriptScan struct {
	// computed: a require( or import( whose argument is no string
	// literal alone, and which is no declaration.
	computed bool
	async    []asyncLoad // the require.async calls, in order
	types    []string    // the specifiers of a .ts file's imports and exports ... from
	strings  []string    // the string literals that end in a code file's extension
}

func (sc *scriptScan) equal(o *scriptScan) bool {
	return sc.computed == o.computed && slices.Equal(sc.async, o.async) &&
		slices.Equal(sc.types, o.types) && slices.Equal(sc.strings, o.strings)
}

// asyncLoad is a require.async call: whether its argument is a string
// literal alone (or none), and that literal, when quoted.
type asyncLoad struct {
	literal, quoted bool
	spec            string
}

// scanScript scans the bytes of a script (a TypeScript one when ts).
func scanScript(code []byte, ts bool) *scriptScan {
	sc := &scriptScan{}
	for _, loc := range callStart.FindAllSubmatchIndex(code, -1) {
		if !literalArg(code[loc[1]:]) && !declared(code[:loc[2]]) {
			sc.computed = true
			break
		}
	}
	for _, loc := range asyncCall.FindAllIndex(code, -1) {
		rest := code[loc[1]:]
		a := asyncLoad{literal: literalArg(rest)}
		if a.literal {
			a.spec, a.quoted = quoted(rest)
		}
		sc.async = append(sc.async, a)
	}
	if ts {
		for _, m := range tsImport.FindAllSubmatch(code, -1) {
			sc.types = append(sc.types, string(m[1]))
		}
	}
	for _, m := range codeString.FindAllSubmatch(code, -1) {
		sc.strings = append(sc.strings, string(m[1]))
	}
	return sc
}

// declared reports whether the code before a require( or import( makes it
// a declaration (function require(id) {...}) rather than a call.
func declared(before []byte) bool {
	return strings.HasSuffix(strings.TrimRight(string(before), " \t\r\n"), "function")
}

// literalArg reports whether the argument starting code is a string
// literal alone (a template literal without ${}), or there is none.
func literalArg(code []byte) bool {
	if len(code) == 0 || code[0] == ')' {
		return true
	}
	s, ok := quoted(code)
	if !ok || code[0] == '`' && strings.Contains(s, "${") {
		return false
	}
	rest := strings.TrimLeft(string(code[len(s)+2:min(len(code), len(s)+2+64)]), " \t\r\n")
	return rest == "" || rest[0] == ')' || rest[0] == ','
}

// quoted returns the string literal starting code.
func quoted(code []byte) (string, bool) {
	if len(code) == 0 || !strings.ContainsRune("\"'`", rune(code[0])) {
		return "", false
	}
	end := slices.Index(code[1:], code[0])
	if end < 0 {
		return "", false
	}
	return string(code[1 : 1+end]), true
}
