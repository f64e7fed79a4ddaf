package wxss

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/internal/textcheck"
)

// Lang is the language of a style sheet file.
type Lang uint8

const (
	WXSS Lang = iota // .wxss
	LESS             // .less, compiled to WXSS by the "less" compiler plugin
	SCSS             // .scss, compiled by the "sass" plugin
)

func (l Lang) String() string {
	switch l {
	case LESS:
		return "LESS"
	case SCSS:
		return "SCSS"
	}
	return "WXSS"
}

// LangOf returns the language of a style sheet by its file name, and false
// for files that are not style sheets the checker reads. (.sass, the
// indented syntax, has no braces to check.)
func LangOf(name string) (Lang, bool) {
	switch {
	case strings.HasSuffix(name, ".wxss"):
		return WXSS, true
	case strings.HasSuffix(name, ".less"):
		return LESS, true
	case strings.HasSuffix(name, ".scss"):
		return SCSS, true
	}
	return 0, false
}

// ParseLang parses a style sheet of any language. WXSS is parsed by
// Parse. LESS and SCSS (variables, mixins, functions, guards, // comments,
// interpolation) are not parsed: their structure is checked, which is
// where a broken file fails its compiler: unbalanced { } ( ) [ ],
// unterminated strings and comments, binary content and invalid UTF-8. Their
// Sheet holds Comments and Errors only.
func ParseLang(src []byte, lang Lang) *Sheet {
	if lang == WXSS {
		return Parse(src)
	}
	return scanPreprocessed(src, lang)
}

// parseFile parses a file of the project: a failure of the parser is the
// checker's, on this file only, and an error of the file.
func parseFile(src []byte, lang Lang) (s *Sheet) {
	defer func() {
		if r := recover(); r != nil {
			s = &Sheet{Src: src, Errors: []Error{{Offset: 0, Msg: fmt.Sprintf("internal parser failure (please report it): %v", r)}}}
		}
	}()
	return ParseLang(src, lang)
}

// scanPreprocessed checks the structure of a LESS or SCSS file, in one pass
// with no recursion, and records its imports (preImports).
func scanPreprocessed(src []byte, lang Lang) *Sheet {
	s := &Sheet{Src: src}
	if tp := textcheck.Check(src); tp != nil {
		s.Errors = append(s.Errors, Error{Offset: tp.Offset, Msg: tp.Message})
		if tp.Binary {
			return s
		}
	}
	stopped := false
	errorf := func(off int, msg string) {
		if stopped {
			return
		}
		if len(s.Errors) == MaxErrors {
			msg = fmt.Sprintf("more than %d errors: the rest of the file is not checked", MaxErrors)
			stopped = true
		}
		s.Errors = append(s.Errors, Error{Offset: off, Msg: msg})
	}
	var stack []opener
	n := len(src)
	i := 0
	if bytes.HasPrefix(src, bom) {
		i = len(bom)
	}
	for i < n && !stopped {
		c := src[i]
		switch {
		case c == '/' && i+1 < n && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				j = n - i
			}
			s.Comments = append(s.Comments, Comment{Text: string(src[i : i+j]), Start: i, End: i + j})
			i += j
		case c == '/' && i+1 < n && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			if j < 0 {
				s.Comments = append(s.Comments, Comment{Text: string(src[i:]), Start: i, End: n})
				errorf(i, "unterminated comment")
				i = n
				break
			}
			end := i + 2 + j + 2
			s.Comments = append(s.Comments, Comment{Text: string(src[i:end]), Start: i, End: end})
			i = end
		case c == '"' || c == '\'' || c == '`':
			i = preString(src, i, errorf)
		case c == '\\':
			i += 2
		case c == '(' && unquotedURL(src, i):
			i = preURL(src, i, errorf)
		case c == '@' && (i == 0 || !isNameByte(src[i-1]) && src[i-1] != '@'):
			ims, next := preImports(src, i, lang)
			s.Imports = append(s.Imports, ims...)
			i = next
		case c == '{' || c == '(' || c == '[':
			if len(stack) == MaxDepth {
				errorf(i, fmt.Sprintf("brackets nested deeper than %d levels: the rest of the file is not checked", MaxDepth))
				stopped = true
				break
			}
			stack = append(stack, opener{c, i})
			i++
		case c == '}' || c == ')' || c == ']':
			open := map[byte]byte{'}': '{', ')': '(', ']': '['}[c]
			k := len(stack) - 1
			for k >= 0 && stack[k].c != open {
				k--
			}
			if k < 0 {
				errorf(i, "unexpected "+string(c))
			} else {
				for _, o := range stack[k+1:] {
					errorf(o.off, "unclosed "+string(o.c))
				}
				stack = stack[:k]
			}
			i++
		default:
			i++
		}
	}
	if !stopped {
		for _, o := range stack {
			errorf(o.off, "unclosed "+string(o.c))
		}
	}
	slices.SortStableFunc(s.Errors, func(a, b Error) int { return a.Offset - b.Offset })
	return s
}

// preString skips the string whose quote is at i and returns the offset
// after it. A line break ends a quoted string unless escaped (as in CSS);
// a `backquoted` LESS JavaScript expression may span lines.
func preString(src []byte, i int, errorf func(int, string)) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			if q != '`' {
				errorf(i, "unterminated string")
				return j
			}
		}
	}
	errorf(i, "unterminated string")
	return len(src)
}

// isURL reports whether the ( at i opens url( ).
func isURL(src []byte, i int) bool {
	if i < 3 || !strings.EqualFold(string(src[i-3:i]), "url") {
		return false
	}
	return i == 3 || !isNameByte(src[i-4])
}

func isNameByte(c byte) bool {
	return c == '-' || c == '_' || c >= 0x80 || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// unquotedURL reports whether the ( at i opens url( ) with an unquoted
// address, which may hold "//" (url(//cdn/x.png)): no comment. A quoted
// address is read as ordinary tokens.
func unquotedURL(src []byte, i int) bool {
	if !isURL(src, i) {
		return false
	}
	j := i + 1
	for j < len(src) && isSpace(src[j]) {
		j++
	}
	return j == len(src) || src[j] != '"' && src[j] != '\''
}

// preURL skips the unquoted url( ) whose ( is at i and returns the offset
// after it.
func preURL(src []byte, i int, errorf func(int, string)) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case ')':
			return j + 1
		}
	}
	errorf(i, "unclosed (")
	return len(src)
}
