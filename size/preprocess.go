package size

import (
	"bytes"
	"regexp"
	"strconv"
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

// sassLoop finds a Sass @for or @each rule.
var sassLoop = regexp.MustCompile(`@(for)\s+\$([\w-]+)\s+from\s+(-?\d+)\s+(through|to)\s+(-?\d+)\s*\{|@(each)\s+\$([\w-]+)\s+in\s+([^{;]+)\{`)

// expandSassLoops writes the @for and @each rules of a Sass source out as
// the rules they generate, the loop variable put in place of $name and
// #{$name} (arithmetic on it left as written): 101 margins in 9 lines of
// source compile to 101 rules. Nested loops are expanded from the outside,
// up to maxInlined bytes.
func expandSassLoops(src []byte) []byte {
	for round := 0; round < 64; round++ {
		m := sassLoop.FindSubmatchIndex(src)
		if m == nil {
			return src
		}
		open := m[1] - 1
		end := matchBrace(src, open)
		if end < 0 {
			return src
		}
		body := src[open+1 : end]
		var values []string
		var name string
		if m[2] >= 0 { // @for
			name = string(src[m[4]:m[5]])
			from, _ := strconv.Atoi(string(src[m[6]:m[7]]))
			to, _ := strconv.Atoi(string(src[m[10]:m[11]]))
			if string(src[m[8]:m[9]]) == "to" {
				to--
			}
			for i := from; i <= to && len(values) < 10000; i++ {
				values = append(values, strconv.Itoa(i))
			}
		} else {
			name = string(src[m[14]:m[15]])
			for _, v := range strings.Split(string(src[m[16]:m[17]]), ",") {
				if v = strings.TrimSpace(v); v != "" {
					values = append(values, v)
				}
			}
		}
		var out []byte
		out = append(out, src[:m[0]]...)
		for _, v := range values {
			b := bytes.ReplaceAll(body, []byte("#{$"+name+"}"), []byte(v))
			b = bytes.ReplaceAll(b, []byte("$"+name), []byte(v))
			out = append(out, b...)
			if len(out) > maxInlined {
				return src
			}
		}
		src = append(out, src[end+1:]...)
	}
	return src
}

// matchBrace returns the index of the '}' that closes the '{' at open
// (strings and comments skipped), or -1.
func matchBrace(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '"', '\'':
			i = skipString(src, i) - 1
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					return -1
				}
				i += j + 3
			} else if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
