package wxss

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/uniapp"
)

// sourceStyle reports whether the file at rel holds styles of a
// framework source that are no style sheet of their own: a .vue file
// (its <style> blocks) of a uni-app or Taro source.
func sourceStyle(p *project.Project, rel string) bool {
	return path.Ext(rel) == ".vue" && p.Framework != nil
}

// source returns what the style front end reads of a file of a framework
// source: of a .vue file, its <style> blocks (css, scss or less; the rest
// of the file and what uni-app's conditional compilation leaves out of
// the WeChat build blanked), the language of the first block, and how to
// parse them (with the kind of the parse, for project.Derive); the mini
// program path is the .wxss the component compiles to. Any other file
// comes back as it is, with lang.
func source(p *project.Project, pf *project.File, mp string, lang Lang) (*project.File, string, Lang, string, func([]byte, Lang) *Sheet) {
	if path.Ext(mp) != ".vue" {
		return pf, mp, lang, "wxss." + lang.String(), parseFile
	}
	var keep []uniapp.Block
	lang = WXSS
	for _, b := range uniapp.Blocks(pf.Src) {
		if l, ok := styleLang(b); ok {
			if len(keep) == 0 {
				lang = l
			}
			keep = append(keep, b)
		}
	}
	src := uniapp.Keep(pf.Src, keep...)
	if p.UniApp() {
		src = uniapp.Strip(src, uniapp.JS, p.Framework.Cond)
	}
	c := pf.WithSrc(src)
	pf.Release(false)
	parse := func(src []byte, _ Lang) *Sheet { return parseVue(src, keep) }
	// The parse depends on the blocks' languages, which the blanked bytes
	// no longer show.
	kind := "wxss.vue"
	for _, b := range keep {
		kind += fmt.Sprintf(" %s@%d-%d", b.Lang, b.Start, b.End)
	}
	return c, strings.TrimSuffix(mp, ".vue") + ".wxss", lang, kind, parse
}

// styleLang is the language of a <style> block; false for a block that
// is none, or in a language the checker does not read (sass's indented
// syntax, stylus).
func styleLang(b uniapp.Block) (Lang, bool) {
	if b.Tag != "style" {
		return 0, false
	}
	switch b.Lang {
	case "", "css", "wxss":
		return WXSS, true
	case "scss":
		return SCSS, true
	case "less":
		return LESS, true
	}
	return 0, false
}

// parseVue parses the <style> blocks of a .vue file (src holds only
// them). The syntax of each is checked in its language, as a style sheet
// of that language is; the rules and declarations of all of them come
// from a parse as WXSS, where for SCSS and LESS the // comments and the
// interpolations (#{...}, @{...}) are blanked first, so that the
// selectors and declarations written in them are checked too (nested
// rules are CSS nesting; variables, mixins and functions are not
// evaluated, and are no errors).
func parseVue(src []byte, blocks []uniapp.Block) (s *Sheet) {
	defer func() {
		if r := recover(); r != nil {
			s = &Sheet{Src: src, Errors: []Error{{Offset: 0, Msg: "internal parser failure (please report it)"}}}
		}
	}()
	css := bytes.Clone(src)
	var errs []Error
	var comments []Comment
	pre := false
	for _, b := range blocks {
		lang, _ := styleLang(b)
		if lang == WXSS {
			continue
		}
		pre = true
		one := uniapp.Keep(src, b)
		ps := scanPreprocessed(one, lang)
		errs = append(errs, ps.Errors...)
		for _, c := range ps.Comments {
			if strings.HasPrefix(c.Text, "//") {
				blank(css, c.Start, c.End)
			}
		}
		comments = append(comments, ps.Comments...)
		blankInterpolations(css, b.Start, b.End)
	}
	blankDeep(css)
	s = Parse(css)
	s.Src = src
	if pre {
		// The errors of the WXSS blocks, then those of the others in
		// their own language.
		var keep []Error
		for _, e := range s.Errors {
			if wxssAt(blocks, e.Offset) {
				keep = append(keep, e)
			}
		}
		s.Errors = append(keep, errs...)
		s.Comments = mergeComments(s.Comments, comments)
	}
	return s
}

// wxssAt reports whether offset falls in a block of plain CSS.
func wxssAt(blocks []uniapp.Block, off int) bool {
	for _, b := range blocks {
		if l, _ := styleLang(b); l == WXSS && off >= b.Start && off <= b.End {
			return true
		}
	}
	return false
}

// mergeComments adds the // comments of preprocessed blocks to those the
// WXSS parse found.
func mergeComments(a, b []Comment) []Comment {
	for _, c := range b {
		if strings.HasPrefix(c.Text, "//") {
			a = append(a, c)
		}
	}
	return a
}

func blank(b []byte, start, end int) {
	for i := max(start, 0); i < min(end, len(b)); i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// blankInterpolations blanks #{...} and @{...} between start and end.
func blankInterpolations(b []byte, start, end int) {
	end = min(end, len(b))
	for i := max(start, 0); i+1 < end; i++ {
		if (b[i] == '#' || b[i] == '@') && b[i+1] == '{' {
			j := bytes.IndexByte(b[i:end], '}')
			if j < 0 {
				return
			}
			blank(b, i, i+j+1)
			i += j
		}
	}
}

// vueScoped is Vue's syntax for scoped styles, which its compiler removes
// (uni-app and Taro build mini programs, whose components isolate their
// styles): the deep combinators, and the pseudo-functions whose argument
// is what remains.
var vueScoped = regexp.MustCompile(`::v-deep|/deep/|>>>|::?(?:v-)?(?:deep|global|slotted)\(`)

// blankDeep blanks Vue's scoped-style syntax in b, keeping the selectors
// inside :deep(...) and its kin, so that the style rules see the
// selectors the build makes.
func blankDeep(b []byte) {
	for _, m := range vueScoped.FindAllIndex(b, -1) {
		fn := b[m[1]-1] == '('
		blank(b, m[0], m[1])
		if !fn {
			continue
		}
		depth := 1
		for i := m[1]; i < len(b); i++ {
			switch b[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				b[i] = ' '
				break
			}
		}
	}
}
