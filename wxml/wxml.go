// Package wxml is chattool-lint's WXML front end: a scanner and tree builder
// for WeChat's template language, with exact byte offsets for every tag,
// attribute and value.
//
// WXML looks like XML but is not: names keep their case ("<my-Comp>"),
// attributes may have no value ("<scroll-view enhanced>"), any tag may
// close itself ("<textarea/>", "<my-comp/>"), and "{{ }}" data bindings may
// appear anywhere, holding "<", ">" and quotes ("<view wx:if="{{a < b}}">").
// An inline <wxs> holds a script, not markup: its body is raw text up to
// "</wxs>" and is parsed as WXS by jsparse. HTML and XML lexers get each of
// these wrong, so this package scans WXML itself.
//
// Syntax errors (a tag never closed, an end tag with no start tag, an end tag
// that does not match, an unterminated comment, string or data binding) are
// collected in Document.Errors, each at its byte offset; scanning goes on
// after each, so the rest of the file is still checked.
package wxml

import (
	"strings"
	"sync"
	"weak"

	"github.com/chattool-lint/chattool-lint/jsparse"
)

// Document is a parsed WXML file.
//
// A project keeps its templates' documents until its last rule has run, so
// a Document holds its elements compactly (a few dozen bytes an element or
// attribute, the names WeChat's templates use most shared by every
// document, the rest of the names and the values in one string), and
// Elements builds them while someone uses them.
type Document struct {
	// Src is what was parsed; nil in a Document of a loaded project (Load).
	Src      []byte
	Comments []Comment
	// WXS are the inline <wxs> modules (those without src), in order.
	WXS    []*InlineWXS
	Errors []Error

	// text holds, in document order, the name of each element and
	// attribute that is not a common name (commonList) and the value of
	// each attribute (see reader); els are the elements in document order,
	// attrs their attributes in the same order (those of els[i] from
	// els[i].attrs to els[i+1].attrs).
	text  string
	els   []elem
	attrs []attr
	// order, when not nil, is the order of els by their start (parseJSX).
	order []int32
	// made is the first of the elements Elements made last, while someone
	// holds them.
	mu   sync.Mutex
	made weak.Pointer[*Element]
	// sized: the strings of text have their length before them.
	sized bool
}

// elem is an Element as a Document keeps it, offsets as int32 (a file of
// the project is at most project.MaxFileSize).
type elem struct {
	start, nameEnd, tagEnd, end int32
	// parent is the index of the parent plus one (0 for a root); attrs the
	// index of the first attribute.
	parent, attrs uint32
	// name is the index of the name in commonList, or inText.
	name                uint8
	selfClosing, closed bool
}

// attr is an Attr as a Document keeps it.
type attr struct {
	start, nameEnd, valueStart, valueEnd int32
	name                                 uint8
	hasValue                             bool
	quote                                byte
}

// Element is an element: a start tag, its children and its end tag.
type Element struct {
	Name string
	// Start is the offset of "<", NameEnd the end of the name, TagEnd the
	// offset after the start tag's ">", End the offset after the element
	// (after its end tag, or TagEnd when it closes itself or is not closed).
	Start, NameEnd, TagEnd, End int
	Attrs                       []*Attr
	Parent                      *Element
	Children                    []*Element
	// SelfClosing is set for "<x/>"; Closed when an end tag closed it.
	SelfClosing, Closed bool
}

// Attr is an attribute of a start tag.
type Attr struct {
	Name string
	// Start and NameEnd span the name; ValueStart and ValueEnd the value
	// inside its quotes (both NameEnd when there is no value).
	Start, NameEnd, ValueStart, ValueEnd int
	// Value is the raw value, without quotes; HasValue is false for a bare
	// attribute ("<scroll-view enhanced>").
	Value    string
	HasValue bool
	Quote    byte // '"', '\'' or 0
}

// Comment is a <!-- --> comment; Text is what is between the markers.
type Comment struct {
	Text       string
	Start, End int
}

// InlineWXS is the body of an inline <wxs module="m"> ... </wxs>.
type InlineWXS struct {
	// Start is the offset of the body in the file; Source its parse.
	Start  int
	Source *jsparse.Source
}

// Error is a syntax error at a byte offset.
type Error struct {
	Offset int
	Msg    string
}

// Attr returns the attribute with this name, or nil.
func (e *Element) Attr(name string) *Attr {
	for _, a := range e.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// AttrAny returns the first attribute with one of these names, or nil
// ("bind:submitToGroup", "bindsubmitToGroup").
func (e *Element) AttrAny(names ...string) *Attr {
	for _, a := range e.Attrs {
		for _, n := range names {
			if a.Name == n {
				return a
			}
		}
	}
	return nil
}

// Ancestor returns the nearest enclosing element with this name, or nil.
func (e *Element) Ancestor(name string) *Element {
	for p := e.Parent; p != nil; p = p.Parent {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Static returns the value when it holds no data binding.
func (a *Attr) Static() (string, bool) {
	if !a.HasValue {
		return "", true
	}
	if strings.Contains(a.Value, "{{") {
		return "", false
	}
	return a.Value, true
}

// Dynamic reports whether the value holds a data binding.
func (a *Attr) Dynamic() bool { return strings.Contains(a.Value, "{{") }

// Literals returns the string literals of the value's data bindings and
// the static text around them: the values it can plausibly take. For
// "{{ok ? 'share' : ”}}" it returns "share" and "". It is a cheap
// over-approximation for "can this attribute be X?" questions.
func (a *Attr) Literals() []string {
	var out []string
	v := a.Value
	for {
		i := strings.Index(v, "{{")
		if i < 0 {
			if s := strings.TrimSpace(v); s != "" {
				out = append(out, s)
			}
			return out
		}
		if s := strings.TrimSpace(v[:i]); s != "" {
			out = append(out, s)
		}
		rest := v[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 {
			j = len(rest)
		}
		out = append(out, stringLiterals(rest[:j])...)
		if j+2 > len(rest) {
			return out
		}
		v = rest[j+2:]
	}
}

// stringLiterals returns the quoted strings of an expression.
func stringLiterals(expr string) []string {
	var out []string
	for i := 0; i < len(expr); i++ {
		q := expr[i]
		if q != '\'' && q != '"' && q != '`' {
			continue
		}
		j := strings.IndexByte(expr[i+1:], q)
		if j < 0 {
			return out
		}
		out = append(out, expr[i+1:i+1+j])
		i += j + 1
	}
	return out
}
