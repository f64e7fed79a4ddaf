package wxml

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/chattool-lint/chattool-lint/internal/textcheck"
	"github.com/chattool-lint/chattool-lint/jsparse"
)

// MaxDepth is the deepest nesting of elements the scanner builds. Real
// templates nest a few dozen levels; deeper input is reported, and the rest
// of the file is not scanned, so that no rule walks a chain of a hundred
// thousand ancestors.
const MaxDepth = 1000

// MaxErrors is the most syntax errors reported in one file: past it, the
// rest of the file is not scanned. A file with that many errors is not a
// template, and its errors would bury every other finding.
const MaxErrors = 100

// Parse scans a WXML file into a Document. It never fails: syntax errors
// are in Document.Errors, in the order of their offsets. It runs in time
// linear in the size of src (apart from the inline scripts it hands to
// jsparse), with no recursion, however deep the nesting. A binary file is
// one error and is not scanned; invalid UTF-8 is an error, and the scan
// goes on.
func Parse(src []byte) *Document {
	s := &scanner{d: &Document{Src: src}, src: src}
	if tp := textcheck.Check(src); tp != nil {
		s.errorf(tp.Offset, "%s", tp.Message)
		if tp.Binary {
			return s.d
		}
	}
	s.run()
	slices.SortStableFunc(s.d.Errors, func(a, b Error) int { return a.Offset - b.Offset })
	s.b.finish(s.d)
	return s.d
}

// parseFile parses a file of the project: a failure of the scanner is the
// checker's, on this file only, and an error of the file.
func parseFile(src []byte) (d *Document) {
	defer func() {
		if r := recover(); r != nil {
			d = &Document{Src: src, Errors: []Error{{Offset: 0, Msg: fmt.Sprintf("internal scanner failure (please report it): %v", r)}}}
		}
	}()
	return Parse(src)
}

type scanner struct {
	d   *Document
	src []byte
	// b holds the elements made so far; stack the indices in b.els of
	// those open.
	b     builder
	stack []int32
	// stopped is set when the scan gives up on the rest of the file.
	stopped bool
	// unclosedFrom, when positive, is an offset after which no "{{" is
	// closed.
	unclosedFrom int
	// void are the elements that have no content and no end tag (the
	// HTML void elements a Vue template may leave open: vue.go).
	void map[string]bool
	// vue is set for a Vue template, whose attributes are renamed as the
	// WXML they compile to (vueAttr).
	vue bool
}

// elName returns the name of element i (for messages).
func (s *scanner) elName(i int32) string {
	e := &s.b.els[i]
	return string(s.src[e.start+1 : e.nameEnd])
}

// attrName returns the name of attribute a as written (for messages).
func (s *scanner) attrName(a *attr) string { return string(s.src[a.start:a.nameEnd]) }

func (s *scanner) errorf(off int, format string, args ...any) {
	if s.stopped {
		return
	}
	if len(s.d.Errors) == MaxErrors {
		s.d.Errors = append(s.d.Errors, Error{Offset: off, Msg: fmt.Sprintf("more than %d errors: the rest of the file is not checked", MaxErrors)})
		s.stopped = true
		return
	}
	s.d.Errors = append(s.d.Errors, Error{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

func (s *scanner) run() {
	src, n := s.src, len(s.src)
	i := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		i = 3
	}
	for i < n && !s.stopped {
		switch c := src[i]; {
		case c == '{' && i+1 < n && src[i+1] == '{':
			end := s.mustacheEnd(i)
			if end < 0 {
				s.errorf(i, "unterminated {{: the data binding has no closing }}")
				i += 2
				continue
			}
			i = end
		case c != '<':
			i++
		case bytes.HasPrefix(src[i:], []byte("<!--")):
			end := bytes.Index(src[i+4:], []byte("-->"))
			if end < 0 {
				s.errorf(i, "unterminated comment: <!-- has no closing -->")
				i = n
				continue
			}
			s.d.Comments = append(s.d.Comments, Comment{Text: string(src[i+4 : i+4+end]), Start: i, End: i + 4 + end + 3})
			i += 4 + end + 3
		case i+1 < n && src[i+1] == '/':
			i = s.endTag(i)
		case i+1 < n && (src[i+1] == '!' || src[i+1] == '?'):
			// <!DOCTYPE ...> or <?xml ...?>: skipped as WeChat does.
			if end := bytes.IndexByte(src[i:], '>'); end >= 0 {
				i += end + 1
			} else {
				s.errorf(i, "unterminated <%c", src[i+1])
				i = n
			}
		case i+1 < n && isNameStart(src[i+1]):
			i = s.startTag(i)
		default:
			i++ // a "<" in text
		}
	}
	for _, k := range s.stack {
		e := &s.b.els[k]
		s.errorf(int(e.start), "<%s> is not closed", s.elName(k))
		e.end = int32(n)
	}
	s.stack = nil
}

// startTag scans the start tag at i and returns the offset after it.
func (s *scanner) startTag(i int) int {
	src, n := s.src, len(s.src)
	j := i + 1
	for j < n && isNameChar(src[j]) {
		j++
	}
	nameB := src[i+1 : j]
	k := int32(len(s.b.els))
	s.b.els = append(s.b.els, elem{name: addName(&s.b, nameB), start: int32(i), nameEnd: int32(j), attrs: uint32(len(s.b.attrs))})
	if len(s.stack) > 0 {
		s.b.els[k].parent = uint32(s.stack[len(s.stack)-1]) + 1
	}
	terminated, selfClosing := false, false
attrs:
	for j < n {
		switch c := src[j]; {
		case isSpace(c):
			j++
		case c == '>':
			j++
			terminated = true
			break attrs
		case c == '/' && j+1 < n && src[j+1] == '>':
			j += 2
			selfClosing, terminated = true, true
			break attrs
		case c == '<' && j+1 < n && (isNameStart(src[j+1]) || src[j+1] == '/' || src[j+1] == '!'):
			// The next tag starts: this one was never terminated.
			break attrs
		case c == '/' || c == '=' || c == '"' || c == '\'' || c == '<':
			s.errorf(j, "unexpected %q in <%s>", c, s.elName(k))
			j++
		default:
			j = s.attr(k, j)
		}
	}
	e := &s.b.els[k]
	e.tagEnd, e.end, e.selfClosing = int32(j), int32(j), selfClosing
	if !terminated {
		s.errorf(i, "start tag <%s> has no closing >", s.elName(k))
	}
	if !terminated || selfClosing || s.void[string(nameB)] {
		return j
	}
	if string(nameB) == "wxs" {
		return s.wxsBody(k, j)
	}
	if len(s.stack) == MaxDepth {
		s.errorf(i, "elements nested deeper than %d levels: the rest of the file is not checked", MaxDepth)
		s.stopped = true
		return n
	}
	s.stack = append(s.stack, k)
	return j
}

// attr scans the attribute of element k starting at j, adds it to
// s.b.attrs and returns the offset after it.
func (s *scanner) attr(k int32, j int) int {
	a, end := s.scanAttr(k, j)
	name, value := s.src[a.start:a.nameEnd], s.src[a.valueStart:a.valueEnd]
	if s.vue {
		n, v := vueAttr(string(name), string(value), a.hasValue)
		a.name = s.b.name(n)
		s.b.add(v)
	} else {
		a.name = addName(&s.b, name)
		add(&s.b, value)
	}
	s.b.attrs = append(s.b.attrs, a)
	return end
}

// scanAttr scans the attribute of element k starting at j.
func (s *scanner) scanAttr(k int32, j int) (attr, int) {
	src, n := s.src, len(s.src)
	m := j
	for m < n {
		c := src[m]
		if c == '{' && m+1 < n && src[m+1] == '{' {
			if end := s.mustacheEnd(m); end >= 0 {
				m = end
				continue
			}
		}
		if isSpace(c) || c == '/' || c == '>' || c == '=' || c == '"' || c == '\'' || c == '<' {
			break
		}
		m++
	}
	nameEnd := m
	a := attr{start: int32(j), nameEnd: int32(m), valueStart: int32(m), valueEnd: int32(m)}
	for m < n && isSpace(src[m]) {
		m++
	}
	if m >= n || src[m] != '=' {
		return a, nameEnd
	}
	m++
	for m < n && isSpace(src[m]) {
		m++
	}
	a.hasValue = true
	if m >= n {
		s.errorf(nameEnd, "attribute %s of <%s> has no value after =", s.attrName(&a), s.elName(k))
		a.valueStart, a.valueEnd = int32(m), int32(m)
		return a, m
	}
	if q := src[m]; q == '"' || q == '\'' {
		a.quote = q
		vs := m + 1
		ve := quotedEnd(src, vs, q)
		if ve < 0 {
			s.errorf(m, "attribute %s of <%s>: unterminated %c string", s.attrName(&a), s.elName(k), q)
			ve = n
			a.valueStart, a.valueEnd = int32(vs), int32(ve)
			return a, n
		}
		a.valueStart, a.valueEnd = int32(vs), int32(ve)
		return a, ve + 1
	}
	vs := m
	for m < n {
		c := src[m]
		if c == '{' && m+1 < n && src[m+1] == '{' {
			if end := s.mustacheEnd(m); end >= 0 {
				m = end
				continue
			}
		}
		if isSpace(c) || c == '>' || (c == '/' && m+1 < n && src[m+1] == '>') {
			break
		}
		m++
	}
	a.valueStart, a.valueEnd = int32(vs), int32(m)
	return a, m
}

// quotedEnd returns the offset of the quote that closes a value starting at
// vs, or -1. The first quote closes it unless that would cut a data binding
// in two ("{{a ? "x" : "y"}}"): then quotes inside bindings are skipped.
func quotedEnd(src []byte, vs int, q byte) int {
	first := bytes.IndexByte(src[vs:], q)
	if first < 0 {
		return -1
	}
	first += vs
	if balanced(src[vs:first]) {
		return first
	}
	for m := vs; m < len(src); {
		if src[m] == '{' && m+1 < len(src) && src[m+1] == '{' {
			if end := mustacheEnd(src, m); end >= 0 {
				m = end
				continue
			}
			return first
		}
		if src[m] == q {
			return m
		}
		m++
	}
	return first
}

// balanced reports whether every "{{" in b has a "}}" after it.
func balanced(b []byte) bool {
	for {
		i := bytes.Index(b, []byte("{{"))
		if i < 0 {
			return true
		}
		j := bytes.Index(b[i+2:], []byte("}}"))
		if j < 0 {
			return false
		}
		b = b[i+2+j+2:]
	}
}

// mustacheEnd is the function mustacheEnd on the scanner's source, which
// remembers where no "}}" follows: a file of unclosed "{{" costs one search,
// not one per "{{".
func (s *scanner) mustacheEnd(i int) int {
	if s.unclosedFrom > 0 && i >= s.unclosedFrom {
		return -1
	}
	end := mustacheEnd(s.src, i)
	if end < 0 {
		s.unclosedFrom = i
	}
	return end
}

// mustacheEnd returns the offset after the "}}" that closes the "{{" at i,
// or -1.
func mustacheEnd(src []byte, i int) int {
	j := bytes.Index(src[i+2:], []byte("}}"))
	if j < 0 {
		return -1
	}
	end := i + 2 + j + 2
	// "{{ {a: 1}}}": the binding closes at the last brace of a run.
	for end < len(src) && src[end] == '}' {
		end++
	}
	return end
}

// wxsBody scans the body of the inline <wxs> k up to its end tag.
func (s *scanner) wxsBody(k int32, j int) int {
	src, n := s.src, len(s.src)
	end := bytes.Index(src[j:], []byte("</wxs"))
	bodyEnd := n
	if end >= 0 {
		bodyEnd = j + end
	}
	if body := src[j:bodyEnd]; len(bytes.TrimSpace(body)) > 0 {
		s.d.WXS = append(s.d.WXS, &InlineWXS{Start: j, Source: jsparse.Parse(body, jsparse.WXS)})
	}
	e := &s.b.els[k]
	if end < 0 {
		s.errorf(int(e.start), "<wxs> is not closed")
		e.end = int32(n)
		return n
	}
	after := bytes.IndexByte(src[bodyEnd:], '>')
	if after < 0 {
		s.errorf(bodyEnd, "end tag </wxs has no closing >")
		e.end = int32(n)
		return n
	}
	e.closed, e.end = true, int32(bodyEnd+after+1)
	return bodyEnd + after + 1
}

// endTag scans the end tag at i and closes the element it names.
func (s *scanner) endTag(i int) int {
	src, n := s.src, len(s.src)
	j := i + 2
	for j < n && isNameChar(src[j]) {
		j++
	}
	name := src[i+2 : j]
	for j < n && isSpace(src[j]) {
		j++
	}
	if j >= n || src[j] != '>' {
		s.errorf(i, "end tag </%s has no closing >", name)
	} else {
		j++
	}
	for k := len(s.stack) - 1; k >= 0; k-- {
		if open := &s.b.els[s.stack[k]]; string(src[open.start+1:open.nameEnd]) != string(name) {
			continue
		}
		for m := len(s.stack) - 1; m > k; m-- {
			open := &s.b.els[s.stack[m]]
			s.errorf(int(open.start), "<%s> is not closed (</%s> closes its parent first)", s.elName(s.stack[m]), name)
			open.end = int32(i)
		}
		e := &s.b.els[s.stack[k]]
		e.closed, e.end = true, int32(j)
		s.stack = s.stack[:k]
		return j
	}
	if !s.void[string(name)] { // <input></input> in a Vue template: no error
		s.errorf(i, "end tag </%s> has no start tag", name)
	}
	return j
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == ':' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
