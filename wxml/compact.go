package wxml

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"
	"weak"

	"github.com/chattool-lint/chattool-lint/internal/arena"
)

// Elements returns the elements of the document, in document order (of
// their start tags), with their attributes, parents and children. They are
// built from what the document keeps (see Document) when no one holds those
// of an earlier call any more, or the collector has not yet reclaimed them:
// a caller that walks them more than once keeps the slice rather than
// calling again, and compares elements of one call only. No one may change
// them.
func (d *Document) Elements() []*Element {
	n := len(d.els)
	if n == 0 {
		return nil
	}
	d.mu.Lock()
	p := d.made.Value()
	d.mu.Unlock()
	if p != nil {
		return unsafe.Slice(p, n)
	}
	out := d.build()
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.made.Value(); p != nil {
		return unsafe.Slice(p, n) // made meanwhile by another goroutine
	}
	d.made = weak.Make(&out[0])
	return out
}

// Has reports whether an element of the document has one of these names,
// without making the elements: a caller that looks for a few tags asks it
// first.
func (d *Document) Has(names ...string) bool {
	t := reader{text: d.text, sized: d.sized}
	for i := range d.els {
		r := &d.els[i]
		if r.name != inText {
			if slices.Contains(names, commonList[r.name]) {
				return true
			}
		} else if slices.Contains(names, t.next(int(r.nameEnd-r.start-1))) {
			return true
		}
		d.skipAttrs(i, &t)
	}
	return false
}

// Named returns the elements of the document whose name is one of names,
// in document order, with their attributes, and without parents or
// children (nil): for a rule that reads some tags' attributes, which
// Elements would have make every element of the document (a rule that
// needs an element's ancestors finds it in Elements by its Start).
func (d *Document) Named(names ...string) []*Element {
	type match struct {
		i    int
		text string // what the reader had left at the element's name
	}
	var ms []match
	nattrs := 0
	t := reader{text: d.text, sized: d.sized}
	for i := range d.els {
		r, at := &d.els[i], t.text
		name := t.name(r.name, int(r.nameEnd-r.start-1))
		lo, hi := d.skipAttrs(i, &t)
		if slices.Contains(names, name) {
			ms = append(ms, match{i, at})
			nattrs += hi - lo
		}
	}
	if len(ms) == 0 {
		return nil
	}
	els := make([]Element, len(ms))
	attrs := make([]Attr, nattrs)
	aptrs := make([]*Attr, nattrs)
	out := make([]*Element, len(ms))
	for j, m := range ms {
		e := &els[j]
		t := reader{text: m.text, sized: d.sized}
		d.element(e, m.i, &t)
		lo, hi := d.attrRange(m.i)
		if hi > lo {
			e.Attrs, aptrs = aptrs[:hi-lo:hi-lo], aptrs[hi-lo:]
			for k := lo; k < hi; k++ {
				e.Attrs[k-lo] = d.attr(&attrs[k-lo], k, &t)
			}
			attrs = attrs[hi-lo:]
		}
		out[j] = e
	}
	// (A JSX document's records are not in document order: see order.)
	slices.SortFunc(out, func(a, b *Element) int { return a.Start - b.Start })
	return out
}

// element sets e from the record of element i, its name read from t
// (which is then at its attributes).
func (d *Document) element(e *Element, i int, t *reader) {
	r := &d.els[i]
	e.Name = t.name(r.name, int(r.nameEnd-r.start-1))
	e.Start, e.NameEnd, e.TagEnd, e.End = int(r.start), int(r.nameEnd), int(r.tagEnd), int(r.end)
	e.SelfClosing, e.Closed = r.selfClosing, r.closed
}

// attr sets a from the record of attribute k, its name and value read
// from t, and returns it.
func (d *Document) attr(a *Attr, k int, t *reader) *Attr {
	ra := &d.attrs[k]
	a.Name = t.name(ra.name, int(ra.nameEnd-ra.start))
	a.Value = t.next(int(ra.valueEnd - ra.valueStart))
	a.Start, a.NameEnd, a.ValueStart, a.ValueEnd = int(ra.start), int(ra.nameEnd), int(ra.valueStart), int(ra.valueEnd)
	a.HasValue, a.Quote = ra.hasValue, ra.quote
	return a
}

// skipAttrs moves t past the names and values of element i's attributes,
// and returns the range of their records.
func (d *Document) skipAttrs(i int, t *reader) (lo, hi int) {
	lo, hi = d.attrRange(i)
	for k := lo; k < hi; k++ {
		ra := &d.attrs[k]
		t.name(ra.name, int(ra.nameEnd-ra.start))
		t.next(int(ra.valueEnd - ra.valueStart))
	}
	return lo, hi
}

// attrRange returns the range of the records of element i's attributes.
func (d *Document) attrRange(i int) (lo, hi int) {
	lo, hi = int(d.els[i].attrs), len(d.attrs)
	if i+1 < len(d.els) {
		hi = int(d.els[i+1].attrs)
	}
	return lo, hi
}

// Mentions reports whether s may be in a name or a value of the document's
// elements and attributes, without making the elements: when it returns
// false, none holds s.
func (d *Document) Mentions(s string) bool {
	return strings.Contains(d.text, s) || slices.ContainsFunc(commonList, func(n string) bool { return strings.Contains(n, s) })
}

// build makes the elements of the document.
func (d *Document) build() []*Element {
	n := len(d.els)
	els := make([]Element, n)
	var attrs []Attr
	var aptrs []*Attr
	if len(d.attrs) > 0 {
		attrs = make([]Attr, len(d.attrs))
		aptrs = make([]*Attr, len(d.attrs))
	}
	// kids[first[p]:first[p+1]] are the children of els[p].
	first := make([]int32, n+1)
	for i := range d.els {
		if p := d.els[i].parent; p > 0 {
			first[p-1]++
		}
	}
	sum := int32(0)
	for p := range n {
		c := first[p]
		first[p] = sum
		sum += c
	}
	var kids []*Element
	if sum > 0 {
		kids = make([]*Element, sum)
	}
	t := reader{text: d.text, sized: d.sized}
	for i := range d.els {
		r, e := &d.els[i], &els[i]
		d.element(e, i, &t)
		lo, hi := d.attrRange(i)
		if hi > lo {
			e.Attrs = aptrs[lo:hi:hi]
			for k := lo; k < hi; k++ {
				aptrs[k] = d.attr(&attrs[k], k, &t)
			}
		}
		if p := r.parent; p > 0 {
			e.Parent = &els[p-1]
			kids[first[p-1]] = e
			first[p-1]++
		}
	}
	// first[p] is now where the children of els[p] end; they start where
	// those of els[p-1] end.
	for p := range els {
		lo := int32(0)
		if p > 0 {
			lo = first[p-1]
		}
		if hi := first[p]; hi > lo {
			els[p].Children = kids[lo:hi:hi]
		}
	}
	out := make([]*Element, n)
	if d.order != nil {
		for i, k := range d.order {
			out[i] = &els[k]
		}
	} else {
		for i := range els {
			out[i] = &els[i]
		}
	}
	return out
}

// inText is the name of an elem or attr whose name is in the document's
// text, not in commonList.
const inText = 255

// reader reads the strings of a document's text in order: the name of
// each element (unless common) followed by the names (unless common) and
// values of its attributes. A string's length is that of its span in the
// source, or, in a sized text, a uvarint before it.
type reader struct {
	text  string
	sized bool
}

// name returns the name whose code is c and whose span is n bytes long.
func (t *reader) name(c uint8, n int) string {
	if c != inText {
		return commonList[c]
	}
	return t.next(n)
}

// next returns the next string, whose span is n bytes long.
func (t *reader) next(n int) string {
	if t.sized {
		n = 0
		for shift := 0; ; shift += 7 {
			c := t.text[0]
			t.text = t.text[1:]
			n |= int(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
	}
	s := t.text[:n]
	t.text = t.text[n:]
	return s
}

// builder makes what a Document keeps of its elements.
type builder struct {
	text  []byte
	els   []elem
	attrs []attr
	// sized: each string's length is written before it (its names and
	// values are not their spans of the source).
	sized bool
}

// name returns the code of a name, adding it to the text unless it is a
// common name.
func (b *builder) name(s string) uint8 { return addName(b, s) }

// add appends s to the text.
func (b *builder) add(s string) { add(b, s) }

func addName[S string | []byte](b *builder, s S) uint8 {
	if i, ok := commonIndex[string(s)]; ok {
		return i
	}
	add(b, s)
	return inText
}

func add[S string | []byte](b *builder, s S) {
	if b.sized {
		b.text = binary.AppendUvarint(b.text, uint64(len(s)))
	}
	b.text = append(b.text, s...)
}

// finish gives d what b made. (b is not used again: d takes its slices,
// and Load copies what it keeps into blocks of its own, see moved.)
func (b *builder) finish(d *Document) {
	if len(b.text) > 0 {
		d.text = unsafe.String(unsafe.SliceData(b.text), len(b.text))
	}
	d.els, d.attrs, d.sized = b.els, b.attrs, b.sized
}

// blocks holds the blocks what the documents of a load keep is copied
// into: allocated one by one among the parse's garbage, each would keep
// the span of its size class from being freed (see package arena).
type blocks struct {
	text  arena.Arena
	els   arena.Slab[elem]
	attrs arena.Slab[attr]
	docs  arena.Slab[Document]
	files arena.Slab[File]
}

// moved returns a copy of a compacted document in k.
func (d *Document) moved(k *blocks) *Document {
	c := &k.docs.Make(1)[0]
	c.Comments, c.WXS, c.Errors = d.Comments, d.WXS, d.Errors
	c.text, c.els, c.attrs = k.text.String(d.text), k.els.Clone(d.els), k.attrs.Clone(d.attrs)
	c.order, c.sized = d.order, d.sized
	return c
}

// commonList are the names of WeChat's components and of the attributes
// templates use most, shared by every document rather than copied into
// each (a project keeps its templates until its last rule has run);
// commonIndex their indices.
var commonList = strings.Fields(`
	view text image block template import include slot wxs button input textarea label form
	scroll-view swiper swiper-item navigator icon rich-text progress checkbox checkbox-group
	radio radio-group switch slider picker picker-view picker-view-column video audio camera
	canvas map web-view movable-area movable-view cover-view cover-image editor ad ad-custom
	open-data open-data-list open-data-item live-player live-pusher page-meta navigation-bar
	root-portal page-container share-element match-media keyboard-accessory list-view
	grid-view sticky-header sticky-section functional-page-navigator official-account
	class style id src module name is data mode type size color value title show hidden
	disabled loading placeholder maxlength focus index key lang nodes url
	wx:if wx:elif wx:else wx:for wx:key wx:for-item wx:for-index
	bindtap bind:tap catchtap catch:tap bindinput bind:input bindchange bind:change
	bindconfirm bindblur bindfocus bindscroll bindload binderror bind:click bind:close
	catchtouchmove catch:touchmove bindtouchstart bindtouchmove bindtouchend
	open-type form-type hover-class hover-stay-time scroll-x scroll-y scroll-top
	scroll-into-view enhanced custom-class custom-style t-class aria-label aria-role
	aria-hidden data-index data-id data-type data-item
`)

var commonIndex = func() map[string]uint8 {
	if len(commonList) >= inText {
		panic("wxml: too many common names")
	}
	m := make(map[string]uint8, len(commonList))
	for i, n := range commonList {
		if _, dup := m[n]; !dup {
			m[n] = uint8(i)
		}
	}
	return m
}()
