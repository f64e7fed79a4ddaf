package size

import (
	"bytes"
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

// The scans of a script below find what these regular expressions find
// (FindAll: leftmost-first, one match after the other), by hand: the
// expressions start with a class, which Go's regexp tries at every byte,
// and a language server's first check scans every script of the project
// (a quarter of a second on the official demo). reach_scan_test.go holds
// the scans to the expressions.
//
//	callStart  (?:^|[^.\w$])(require|import)\s*\(\s*
//	           require( and import( where they are not a property or part
//	           of a longer name
//	asyncCall  (?:^|[^.\w$])require\s*\.\s*async\s*\(\s*
//	tsImport   (?:\bfrom|\bimport)\s*["']([^"'\n]+)["']
//	           the specifier of an import or export ... from, type-only
//	           ones included
//	codeString ["'`]([^"'`\s{}()<>$]+\.(?:json|js|ts|wxml|wxss|wxs|less|scss|sass))(?:[?#][^"'`]*)?["'`]
//	           a string literal ending in a code file's extension

// reSpace is \s in Go's regular expressions.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isWord is \w.
func isWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func skipSpace(code []byte, i int) int {
	for i < len(code) && reSpace(code[i]) {
		i++
	}
	return i
}

// words finds the next of some words in code: where one starts at or
// after i, the first, and which; -1 when none does. Each word's next
// place is kept, so that a scan that asks again and again reads code once.
type words struct {
	code  []byte
	words []string
	next  []int // the next place of each word, from where it was last found
}

func newWords(code []byte, ws ...string) *words {
	next := make([]int, len(ws))
	for k := range next {
		next[k] = -2 // (not looked for)
	}
	return &words{code: code, words: ws, next: next}
}

func (f *words) at(i int) (int, string) {
	at, word := -1, ""
	for k, w := range f.words {
		if f.next[k] == -2 || f.next[k] >= 0 && f.next[k] < i {
			f.next[k] = -1
			if i <= len(f.code) {
				if n := bytes.Index(f.code[i:], []byte(w)); n >= 0 {
					f.next[k] = i + n
				}
			}
		}
		if n := f.next[k]; n >= 0 && (at < 0 || n < at) {
			at, word = n, w
		}
	}
	return at, word
}

// calls finds callStart (async false) or asyncCall (async true): for each
// match, the start of the keyword and the end of the match.
func calls(code []byte, async bool) (kws, ends []int) {
	ws := newWords(code, "require", "import")
	if async {
		ws = newWords(code, "require")
	}
	for i := 0; ; {
		kw, w := ws.at(i)
		if kw < 0 {
			return kws, ends
		}
		// The rune before the keyword, not part of an earlier match: none
		// (^), or any but ., $ and \w (a byte of a longer rune is none
		// of those).
		before := kw == 0 || kw > i && code[kw-1] != '.' && code[kw-1] != '$' && !isWord(code[kw-1])
		j := kw + len(w)
		ok := before
		if ok && async {
			j = skipSpace(code, j)
			ok = j < len(code) && code[j] == '.'
			if ok {
				j = skipSpace(code, j+1)
				ok = bytes.HasPrefix(code[j:], []byte("async"))
				j += len("async")
			}
		}
		if ok {
			j = skipSpace(code, j)
			ok = j < len(code) && code[j] == '('
		}
		if !ok {
			i = kw + 1
			continue
		}
		j = skipSpace(code, j+1)
		kws, ends = append(kws, kw), append(ends, j)
		i = j
	}
}

// tsImports finds tsImport: the specifiers.
func tsImports(code []byte) []string {
	var specs []string
	ws := newWords(code, "from", "import")
	for i := 0; ; {
		kw, w := ws.at(i)
		if kw < 0 {
			return specs
		}
		i = kw + 1
		if kw > 0 && isWord(code[kw-1]) {
			continue // (\b: a byte of a longer rune is no \w)
		}
		j := skipSpace(code, kw+len(w))
		if j >= len(code) || code[j] != '"' && code[j] != '\'' {
			continue
		}
		k := j + 1
		for k < len(code) && code[k] != '"' && code[k] != '\'' && code[k] != '\n' {
			k++
		}
		if k == j+1 || k >= len(code) || code[k] == '\n' {
			continue
		}
		specs = append(specs, string(code[j+1:k]))
		i = k + 1
	}
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// inName is the class of codeString's name: [^"'`\s{}()<>$] (a byte of a
// longer rune is in it).
func inName(c byte) bool {
	switch c {
	case '"', '\'', '`', '{', '}', '(', ')', '<', '>', '$':
		return false
	}
	return !reSpace(c)
}

// codeExtAlts are codeString's extensions, in the order it tries them.
var codeExtAlts = []string{"json", "js", "ts", "wxml", "wxss", "wxs", "less", "scss", "sass"}

// codeStrings finds codeString: the names.
func codeStrings(code []byte) []string {
	var names []string
	lastQuote := bytes.LastIndexAny(code, "\"'`")
	for i := 0; ; {
		k := bytes.IndexAny(code[i:], "\"'`")
		if k < 0 {
			return names
		}
		s := i + k
		r := s + 1
		for r < len(code) && inName(code[r]) {
			r++
		}
		// The name is as long as it can be: the last dot of the run
		// (leaving a byte before it) that an extension follows, then
		// the quote, or ? or # and a quote anywhere after.
		end := -1
		name := ""
	dots:
		for d := r - 1; d >= s+2; d-- {
			if code[d] != '.' {
				continue
			}
			for _, ext := range codeExtAlts {
				g := d + 1 + len(ext)
				if g > len(code) || string(code[d+1:g]) != ext || g >= len(code) {
					continue
				}
				switch c := code[g]; {
				case isQuote(c):
					end = g + 1
				case (c == '?' || c == '#') && lastQuote > g:
					end = g + 1 + bytes.IndexAny(code[g+1:], "\"'`") + 1
				default:
					continue
				}
				name = string(code[s+1 : g])
				break dots
			}
		}
		if end < 0 {
			i = s + 1
			continue
		}
		names = append(names, name)
		i = end
	}
}

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

// scan returns the scan of the script at mp, false when it cannot be
// read: the one made while a front end held its bytes, if one was.
func (r *Reach) scan(mp string) (*scriptScan, bool) {
	rel := r.p.MP(mp)
	if sc := scanned(r.p, rel); sc != nil {
		return sc, true
	}
	src, err := readFile(r.p, rel)
	if err != nil {
		return nil, false
	}
	return deriveScan(r.p, src.Src, path.Ext(mp) == ".ts"), true
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
	kws, ends := calls(code, false)
	for i, kw := range kws {
		if !literalArg(code[ends[i]:]) && !declared(code[:kw]) {
			sc.computed = true
			break
		}
	}
	_, ends = calls(code, true)
	for _, end := range ends {
		rest := code[end:]
		a := asyncLoad{literal: literalArg(rest)}
		if a.literal {
			a.spec, a.quoted = quoted(rest)
		}
		sc.async = append(sc.async, a)
	}
	if ts {
		sc.types = tsImports(code)
	}
	sc.strings = codeStrings(code)
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
