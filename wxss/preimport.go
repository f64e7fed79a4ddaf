package wxss

import (
	"bytes"
	"path"
	"strings"
)

// The imports of LESS and SCSS files, and what the compiler plugins make of
// them. WeChat's compiler (miniprogram-ci 2.1.42, the same as the IDE's)
// compiles a .less file with less 4.5.1 and a .scss or .sass file with
// sass 1.108.2 (its legacy render API), both given the mini program root as
// their only search path (less "paths", sass "includePaths"). Before
// compiling, both rewrite an `@import "x.wxss";` (a quoted path ending in
// .wxss, directly followed by ";") into a plain CSS import, so that it stays
// an @import of the built .wxss, which WeChat resolves at run time. Every
// other import of a style sheet is compiled into the file. What each
// compiler tries was checked by running them as the plugins do (a path with
// a leading "/" included).

// PreKind says what the build of a LESS or SCSS file does with an import.
type PreKind uint8

const (
	// PreNone: left as it is, or nothing a checker can follow: a URL, an
	// interpolated path, a Sass built-in module, a plain CSS import that
	// is not of a .wxss file.
	PreNone PreKind = iota
	// PreInline: the file is compiled in; the build fails when none of the
	// Candidates exists.
	PreInline
	// PreOptional: a LESS (optional) import, compiled in when it exists.
	PreOptional
	// PreRuntime: kept as an @import of the .wxss file Candidates[0] (the
	// path relative to the importing file), which WeChat loads at run time.
	PreRuntime
	// PreFromFSRoot: an SCSS path with a leading "/", which sass looks for
	// from the file system's root, not the mini program's: the build fails.
	PreFromFSRoot
)

// PreTarget is what the build of the LESS or SCSS file at mini program path
// from does with its import im.
type PreTarget struct {
	Kind PreKind
	// Candidates are the mini program paths the compiler tries, in order
	// (cleaned; a path above the mini program root starts with "../").
	Candidates []string
}

// Target returns what the compiler plugin of lang makes of im, an import
// of the file at mini program path from.
func (im *Import) Target(lang Lang, from string) PreTarget {
	p := im.Path
	if p == "" || strings.Contains(p, "://") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "data:") {
		return PreTarget{}
	}
	if lang == LESS && strings.Contains(p, "@{") || lang == SCSS && strings.Contains(p, "#{") {
		return PreTarget{} // interpolated
	}
	if im.runtimeWXSS() {
		return PreTarget{Kind: PreRuntime, Candidates: []string{join(path.Dir(from), p)}}
	}
	if lang == LESS {
		return im.lessTarget(from)
	}
	return im.sassTarget(from)
}

// runtimeWXSS reports whether both plugins turn im into a plain CSS import
// of a .wxss file (their pattern: @import, a quoted path ending in .wxss,
// then ";").
func (im *Import) runtimeWXSS() bool {
	return im.Rule == "import" && !im.URL && im.Options == "" && im.Tail == "" && strings.HasSuffix(im.Path, ".wxss")
}

// lessTarget: less adds ".less" to a path without an extension, leaves a
// .css path (or one with the css option) to the CSS output, and looks for
// a relative path from the importing file, then from the mini program root;
// a path with a leading "/" is tried from the file system's root, then from
// the mini program root.
func (im *Import) lessTarget(from string) PreTarget {
	opts := map[string]bool{}
	for _, o := range strings.Split(im.Options, ",") {
		opts[strings.TrimSpace(o)] = true
	}
	p := im.Path
	base := p
	if i := strings.IndexAny(base, "?#"); i >= 0 {
		base = base[:i]
	}
	if opts["css"] || !opts["less"] && !opts["inline"] && strings.HasSuffix(base, ".css") {
		return PreTarget{}
	}
	if !hasLessExt(p) {
		p += ".less"
	}
	kind := PreInline
	if opts["optional"] {
		kind = PreOptional
	}
	if strings.HasPrefix(p, "/") {
		return PreTarget{Kind: kind, Candidates: []string{join("", p)}}
	}
	cands := []string{join(path.Dir(from), p)}
	if root := join("", p); !above(root) {
		cands = append(cands, root) // (the checker reads nothing above the root)
	}
	return PreTarget{Kind: kind, Candidates: dedupe(cands...)}
}

// hasLessExt mirrors less's test for a path it leaves as written: an
// extension of lower-case letters at its end, or a "?" or ";" in it.
func hasLessExt(p string) bool {
	if strings.ContainsAny(p, "?;") {
		return true
	}
	dot := strings.LastIndexByte(p, '.')
	if dot < 0 || strings.IndexByte(p[dot:], '/') >= 0 {
		return false
	}
	for _, c := range p[dot+1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// sassTarget: sass leaves plain CSS imports alone (url(), a .css path, a
// media query after the path), knows its built-in modules ("sass:math"),
// and looks for a path relative to the importing file, then to the mini
// program root, as the file itself, with .sass, .scss or .css added, as a
// partial (_name), or as a folder's index (index or _index).
func (im *Import) sassTarget(from string) PreTarget {
	p := im.Path
	if strings.HasPrefix(p, "sass:") || strings.HasPrefix(p, "pkg:") {
		return PreTarget{}
	}
	if im.Rule == "import" && (im.URL || im.Tail != "" && im.Tail != "," || strings.HasSuffix(p, ".css")) {
		return PreTarget{}
	}
	if strings.HasPrefix(p, "/") {
		return PreTarget{Kind: PreFromFSRoot}
	}
	cands := sassCandidates(join(path.Dir(from), p))
	if root := join("", p); !above(root) {
		cands = append(cands, sassCandidates(root)...)
	}
	return PreTarget{Kind: PreInline, Candidates: dedupe(cands...)}
}

// sassCandidates are the files sass tries for the path p.
func sassCandidates(p string) []string {
	dir, name := path.Split(p)
	switch path.Ext(name) {
	case ".scss", ".sass", ".css":
		return []string{p, dir + "_" + name}
	}
	var out []string
	for _, ext := range []string{".sass", ".scss", ".css"} {
		out = append(out, p+ext, dir+"_"+name+ext)
	}
	for _, ext := range []string{".sass", ".scss", ".css"} {
		out = append(out, p+"/index"+ext, p+"/_index"+ext)
	}
	return out
}

// join returns the mini program path of p read from the folder dir ("" for
// the mini program root; a leading "/" in p also means the root).
func join(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		dir = ""
	}
	return strings.TrimPrefix(path.Clean(path.Join(dir, p)), "/")
}

// above reports whether a mini program path leaves the mini program root.
func above(mp string) bool { return mp == ".." || strings.HasPrefix(mp, "../") }

func dedupe(ps ...string) []string {
	var out []string
	for _, p := range ps {
		dup := false
		for _, q := range out {
			dup = dup || p == q
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

// preRules are the at-rules of LESS and SCSS that load another file.
var preRules = [...]string{"import", "use", "forward"}

// preImports reads the imports of the at-rule whose "@" is at i, and
// returns them with the offset to go on scanning from: after the last
// path, or i+1 when the at-rule loads nothing the checker can read (then
// the caller scans it as any other text).
func preImports(src []byte, i int, lang Lang) ([]*Import, int) {
	rule := ""
	for _, r := range preRules {
		if bytes.HasPrefix(src[i+1:], []byte(r)) && (i+1+len(r) == len(src) || !isNameByte(src[i+1+len(r)])) {
			rule = r
		}
	}
	if rule == "" || lang == LESS && rule != "import" {
		return nil, i + 1
	}
	j := skipBlank(src, i+1+len(rule))
	opts := ""
	if lang == LESS && j < len(src) && src[j] == '(' {
		k := bytes.IndexByte(window(src, j), ')')
		if k < 0 || bytes.ContainsAny(src[j:j+k], "\"'{};\n") {
			return nil, i + 1
		}
		opts = strings.TrimSpace(string(src[j+1 : j+k]))
		j = skipBlank(src, j+k+1)
	}
	var ims []*Import
	for {
		im, end := prePath(src, j)
		if im == nil {
			break
		}
		im.Rule, im.Options = rule, opts
		ims = append(ims, im)
		j = end
		k := skipBlank(src, j)
		if lang != SCSS || rule != "import" || k >= len(src) || src[k] != ',' {
			break
		}
		j = skipBlank(src, k+1) // an SCSS @import of several files
	}
	if len(ims) == 0 {
		return nil, i + 1
	}
	if rule == "import" {
		last := ims[len(ims)-1]
		last.Tail = importTail(src, last.End)
		for _, im := range ims[:len(ims)-1] {
			im.Tail = ","
		}
	}
	return ims, ims[len(ims)-1].End
}

// maxImportLen bounds what is read of an import's options or path, so that
// a file of unclosed "@import url(" is read in linear time.
const maxImportLen = 1024

// window is src from j, at most maxImportLen bytes of it.
func window(src []byte, j int) []byte { return src[j:min(len(src), j+maxImportLen)] }

// prePath reads a quoted path or a url( ) at j.
func prePath(src []byte, j int) (*Import, int) {
	if j >= len(src) {
		return nil, j
	}
	switch c := src[j]; {
	case c == '"' || c == '\'':
		for k := j + 1; k < len(src) && k-j < maxImportLen; k++ {
			switch src[k] {
			case '\\':
				k++
			case '\n':
				return nil, j
			case c:
				return &Import{Path: unquote(string(src[j : k+1])), Start: j, End: k + 1}, k + 1
			}
		}
	case (c == 'u' || c == 'U') && j+4 <= len(src) && strings.EqualFold(string(src[j:j+4]), "url("):
		k := bytes.IndexByte(window(src, j), ')')
		if k < 0 || bytes.IndexByte(src[j:j+k], '\n') >= 0 {
			return nil, j
		}
		return &Import{Path: urlPath(string(src[j : j+k+1])), Start: j, End: j + k + 1, URL: true}, j + k + 1
	}
	return nil, j
}

// importTail returns what follows an @import's path up to its ";" (or the
// end of the line, a "{" or a "}"), trimmed.
func importTail(src []byte, j int) string {
	k := j
	for k < len(src) && k-j < 200 && strings.IndexByte(";{}\n", src[k]) < 0 {
		k++
	}
	return strings.TrimSpace(string(src[j:k]))
}

// skipBlank skips white space from j. (An import with a comment before its
// path is not read: none was seen in real files.)
func skipBlank(src []byte, j int) int {
	for j < len(src) && isSpace(src[j]) {
		j++
	}
	return j
}
