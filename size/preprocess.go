package size

import (
	"bytes"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// The LESS and Sass compiler plugins compile the files a style sheet
// imports into it: goods/index.less of one line, @import '../goods.less',
// builds to all of goods.less. inlineImports gives the estimate that
// source: the file with what each import compiles in written in place of
// the import, as less (once per file: its default import-once) and sass
// (every time) do, to maxImportDepth levels.

const (
	maxImportDepth = 16
	maxInlined     = 8 << 20 // bytes: Sass imports every time, diamonds multiply
)

// inlineImports returns the source of the LESS or Sass file at mini program
// path mp (src) with its imports inlined; src itself when it has none.
func inlineImports(p *project.Project, mp string, src []byte) []byte {
	lang, ok := wxss.LangOf(mp)
	if !ok || lang == wxss.WXSS || !bytes.Contains(src, []byte("@import")) && !bytes.Contains(src, []byte("@use")) && !bytes.Contains(src, []byte("@forward")) {
		return src
	}
	seen := map[string]bool{mp: true}
	return inline(p, lang, mp, src, seen, 0)
}

func inline(p *project.Project, lang wxss.Lang, mp string, src []byte, seen map[string]bool, depth int) []byte {
	sheet := wxss.ParseLang(src, lang)
	if sheet == nil || len(sheet.Imports) == 0 || depth >= maxImportDepth || len(src) > maxInlined {
		return src
	}
	var out []byte
	last := 0
	for _, im := range sheet.Imports {
		if strings.Contains(im.Options, "reference") {
			continue // compiled in only where extended: nothing, as a rule
		}
		t := im.Target(lang, mp)
		if t.Kind != wxss.PreInline && t.Kind != wxss.PreOptional {
			continue
		}
		var to string
		var body []byte
		for _, c := range t.Candidates {
			if f, err := p.ReadFile(p.MP(c)); err == nil && f.Readable() {
				to, body = c, f.Src
				break
			}
		}
		if to == "" {
			continue
		}
		// The statement: from its at-rule to the semicolon after the path.
		start := bytes.LastIndexByte(src[:im.Start], '@')
		end := im.End
		if k := bytes.IndexByte(src[end:], ';'); k >= 0 && !bytes.ContainsAny(src[end:end+k], "{}") {
			end += k + 1
		}
		if start < last || start < 0 {
			continue
		}
		out = append(out, src[last:start]...)
		last = end
		if lang == wxss.LESS && seen[to] || len(out)+len(body) > maxInlined {
			continue // imported once
		}
		seen[to] = true
		toLang := lang
		if l, ok := wxss.LangOf(to); ok {
			toLang = l
		}
		if toLang == wxss.WXSS {
			out = append(out, body...)
		} else {
			out = append(out, inline(p, toLang, to, body, seen, depth+1)...)
		}
		out = append(out, '\n')
	}
	if out == nil {
		return src
	}
	return append(out, src[last:]...)
}
