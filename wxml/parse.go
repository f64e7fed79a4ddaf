package wxml

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

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
	d     *Document
	src   []byte
	stack []*Element
	// stopped is set when the scan gives up on the rest of the file.
	stopped bool
	// unclosedFrom, when positive, is an offset after which no "{{" is
	// closed.
	unclosedFrom int
	// void are the elements that have no content and no end tag (the
	// HTML void elements a Vue template may leave open: vue.go).
	void map[string]bool
}

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
	for _, e := range s.stack {
		s.errorf(e.Start, "<%s> is not closed", e.Name)
		e.End = n
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
	e := &Element{Name: name(src[i+1 : j]), Start: i, NameEnd: j}
	terminated := false
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
			e.SelfClosing, terminated = true, true
			break attrs
		case c == '<' && j+1 < n && (isNameStart(src[j+1]) || src[j+1] == '/' || src[j+1] == '!'):
			// The next tag starts: this one was never terminated.
			break attrs
		case c == '/' || c == '=' || c == '"' || c == '\'' || c == '<':
			s.errorf(j, "unexpected %q in <%s>", c, e.Name)
			j++
		default:
			var a *Attr
			a, j = s.attr(e, j)
			e.Attrs = append(e.Attrs, a)
		}
	}
	e.TagEnd, e.End = j, j
	if !terminated {
		s.errorf(i, "start tag <%s> has no closing >", e.Name)
	}
	if len(s.stack) > 0 {
		parent := s.stack[len(s.stack)-1]
		e.Parent = parent
		parent.Children = append(parent.Children, e)
	} else {
		s.d.Roots = append(s.d.Roots, e)
	}
	s.d.Elements = append(s.d.Elements, e)
	if !terminated || e.SelfClosing || s.void[e.Name] {
		return j
	}
	if e.Name == "wxs" {
		return s.wxsBody(e, j)
	}
	if len(s.stack) == MaxDepth {
		s.errorf(i, "elements nested deeper than %d levels: the rest of the file is not checked", MaxDepth)
		s.stopped = true
		return n
	}
	s.stack = append(s.stack, e)
	return j
}

// attr scans the attribute starting at j.
func (s *scanner) attr(e *Element, j int) (*Attr, int) {
	src, n := s.src, len(s.src)
	k := j
	for k < n {
		c := src[k]
		if c == '{' && k+1 < n && src[k+1] == '{' {
			if end := s.mustacheEnd(k); end >= 0 {
				k = end
				continue
			}
		}
		if isSpace(c) || c == '/' || c == '>' || c == '=' || c == '"' || c == '\'' || c == '<' {
			break
		}
		k++
	}
	a := &Attr{Name: name(src[j:k]), Start: j, NameEnd: k, ValueStart: k, ValueEnd: k}
	m := k
	for m < n && isSpace(src[m]) {
		m++
	}
	if m >= n || src[m] != '=' {
		return a, k
	}
	m++
	for m < n && isSpace(src[m]) {
		m++
	}
	a.HasValue = true
	if m >= n {
		s.errorf(k, "attribute %s of <%s> has no value after =", a.Name, e.Name)
		a.ValueStart, a.ValueEnd = m, m
		return a, m
	}
	if q := src[m]; q == '"' || q == '\'' {
		a.Quote = q
		vs := m + 1
		ve := quotedEnd(src, vs, q)
		if ve < 0 {
			s.errorf(m, "attribute %s of <%s>: unterminated %c string", a.Name, e.Name, q)
			ve = n
			a.ValueStart, a.ValueEnd, a.Value = vs, ve, string(src[vs:ve])
			return a, n
		}
		a.ValueStart, a.ValueEnd, a.Value = vs, ve, string(src[vs:ve])
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
	a.ValueStart, a.ValueEnd, a.Value = vs, m, string(src[vs:m])
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

// wxsBody scans the body of an inline <wxs> up to its end tag.
func (s *scanner) wxsBody(e *Element, j int) int {
	src, n := s.src, len(s.src)
	end := bytes.Index(src[j:], []byte("</wxs"))
	bodyEnd := n
	if end >= 0 {
		bodyEnd = j + end
	}
	if body := src[j:bodyEnd]; len(bytes.TrimSpace(body)) > 0 {
		s.d.WXS = append(s.d.WXS, &InlineWXS{Element: e, Start: j, Source: jsparse.Parse(body, jsparse.WXS)})
	}
	if end < 0 {
		s.errorf(e.Start, "<wxs> is not closed")
		e.End = n
		return n
	}
	after := bytes.IndexByte(src[bodyEnd:], '>')
	if after < 0 {
		s.errorf(bodyEnd, "end tag </wxs has no closing >")
		e.End = n
		return n
	}
	e.Closed, e.End = true, bodyEnd+after+1
	return e.End
}

// endTag scans the end tag at i and closes the element it names.
func (s *scanner) endTag(i int) int {
	src, n := s.src, len(s.src)
	j := i + 2
	for j < n && isNameChar(src[j]) {
		j++
	}
	name := string(src[i+2 : j])
	for j < n && isSpace(src[j]) {
		j++
	}
	if j >= n || src[j] != '>' {
		s.errorf(i, "end tag </%s has no closing >", name)
	} else {
		j++
	}
	for k := len(s.stack) - 1; k >= 0; k-- {
		if s.stack[k].Name != name {
			continue
		}
		for m := len(s.stack) - 1; m > k; m-- {
			open := s.stack[m]
			s.errorf(open.Start, "<%s> is not closed (</%s> closes its parent first)", open.Name, name)
			open.End = i
		}
		e := s.stack[k]
		e.Closed, e.End = true, j
		s.stack = s.stack[:k]
		return j
	}
	if !s.void[name] { // <input></input> in a Vue template: no error
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

// commonNames are the names of WeChat's components and of the attributes
// templates use most, shared by every document rather than copied into each
// (a project keeps its templates' elements until its last rule has run).
var commonNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`
		view text image block template import include slot wxs button input textarea label form
		scroll-view swiper swiper-item navigator icon rich-text progress checkbox checkbox-group
		radio radio-group switch slider picker picker-view picker-view-column video audio camera
		canvas map web-view movable-area movable-view cover-view cover-image editor ad ad-custom
		open-data open-data-list open-data-item live-player live-pusher page-meta navigation-bar
		root-portal page-container share-element match-media keyboard-accessory list-view
		grid-view sticky-header sticky-section functional-page-navigator official-account
		class style id src module name is data mode type size color value title show hidden
		disabled loading placeholder maxlength focus index key slot lang nodes url
		wx:if wx:elif wx:else wx:for wx:key wx:for-item wx:for-index
		bindtap bind:tap catchtap catch:tap bindinput bind:input bindchange bind:change
		bindconfirm bindblur bindfocus bindscroll bindload binderror bind:click bind:close
		catchtouchmove catch:touchmove bindtouchstart bindtouchmove bindtouchend
		open-type form-type hover-class hover-stay-time scroll-x scroll-y scroll-top
		scroll-into-view enhanced custom-class custom-style t-class aria-label aria-role
		aria-hidden data-index data-id data-type data-item
	`) {
		m[n] = n
	}
	return m
}()

// name returns b as a string: a common name shared, any other copied.
func name(b []byte) string {
	if s, ok := commonNames[string(b)]; ok {
		return s
	}
	return string(b)
}
