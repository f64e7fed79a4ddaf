package size

import "bytes"

// autoprefixer, as the compiler runs it (overrideBrowserslist "iOS >= 8",
// "Chrome >= 37", remove: false, before cssnano), adds -webkit- copies:
// of the declarations whose property iOS 8 needs prefixed (flex and its
// kin, transform, animation, user-select, mask, ...), of those whose value
// it needs prefixed (display: flex, position: sticky, width:
// fit-content), and of a transition of transform, which gets two more
// declarations. prefixBytes counts them, minified, in a style sheet; inside
// @keyframes twice (the block is copied as @-webkit-keyframes, which
// cssMinLen counts without them). A rule that already writes the
// prefixed declaration gets no copy.

// prefixedProps are the properties autoprefixer 10 prefixes for those
// browsers (its info() for them), as the demo and the calibration set use
// them.
var prefixedProps = map[string]bool{
	"align-content": true, "align-items": true, "align-self": true,
	"animation": true, "animation-delay": true, "animation-direction": true, "animation-duration": true,
	"animation-fill-mode": true, "animation-iteration-count": true, "animation-name": true,
	"animation-play-state": true, "animation-timing-function": true,
	"appearance": true, "backdrop-filter": true, "backface-visibility": true, "background-clip": true,
	"box-decoration-break": true, "clip-path": true, "column-count": true, "column-gap": true,
	"column-rule": true, "column-width": true, "columns": true, "filter": true,
	"flex": true, "flex-basis": true, "flex-direction": true, "flex-flow": true, "flex-grow": true,
	"flex-shrink": true, "flex-wrap": true, "font-feature-settings": true, "hyphens": true,
	"justify-content": true, "mask": true, "mask-clip": true, "mask-composite": true, "mask-image": true,
	"mask-origin": true, "mask-position": true, "mask-repeat": true, "mask-size": true, "order": true,
	"perspective": true, "perspective-origin": true, "text-decoration": true, "text-decoration-color": true,
	"text-decoration-line": true, "text-decoration-style": true, "text-emphasis": true,
	"text-size-adjust": true, "transform": true, "transform-origin": true, "transform-style": true,
	"user-select": true, "writing-mode": true, "break-inside": true, "shape-outside": true,
	"margin-inline-start": true, "margin-inline-end": true, "padding-inline-start": true, "padding-inline-end": true,
}

// prefixedValues are the values autoprefixer prefixes, by property.
var prefixedValues = map[string]map[string]bool{
	"display":    {"flex": true, "inline-flex": true},
	"position":   {"sticky": true},
	"width":      {"fit-content": true, "max-content": true, "min-content": true, "fill-available": true, "stretch": true},
	"height":     {"fit-content": true, "max-content": true, "min-content": true, "fill-available": true, "stretch": true},
	"min-width":  {"fit-content": true, "max-content": true, "min-content": true},
	"max-width":  {"fit-content": true, "max-content": true, "min-content": true},
	"min-height": {"fit-content": true, "max-content": true, "min-content": true},
	"max-height": {"fit-content": true, "max-content": true, "min-content": true},
	"cursor":     {"grab": true, "grabbing": true},
}

const webkit = len("-webkit-")

// prefixBytes returns the bytes autoprefixer's copies add to a style
// sheet once minified.
func prefixBytes(src []byte) int {
	type block struct {
		keyframes bool
		props     map[string]bool
		copies    map[string]int // what the copies of each property's declarations add
	}
	var (
		stack []*block
		total int
	)
	inKeyframes := func() bool {
		for _, b := range stack {
			if b.keyframes {
				return true
			}
		}
		return false
	}
	i, start := 0, 0 // start: where the current statement began
	for i < len(src) {
		c := src[i]
		switch c {
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					i = len(src)
				} else {
					i += j + 4
				}
				continue
			}
		case '"', '\'':
			i = skipString(src, i)
			continue
		case '{':
			head := bytes.TrimSpace(src[start:i])
			kf := bytes.HasPrefix(head, []byte("@keyframes")) || bytes.HasPrefix(head, []byte("@-webkit-keyframes"))
			stack = append(stack, &block{keyframes: kf, props: map[string]bool{}, copies: map[string]int{}})
			i++
			start = i
			continue
		case ';', '}':
			if len(stack) > 0 {
				b := stack[len(stack)-1]
				if prop, value, ok := declaration(src[start:i]); ok {
					b.props[prop] = true
					b.copies[prop] += declCopy(prop, value)
				}
			}
			if c == '}' && len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				n := 0
				for p, cp := range b.copies {
					if !b.props["-webkit-"+p] {
						n += cp
					}
				}
				if inKeyframes() {
					n *= 2
				}
				total += n
			}
			i++
			start = i
			continue
		}
		i++
	}
	return total
}

// declaration splits "prop: value" (white space and !important kept out
// of the property).
func declaration(d []byte) (string, []byte, bool) {
	k := bytes.IndexByte(d, ':')
	if k <= 0 {
		return "", nil, false
	}
	prop := bytes.ToLower(bytes.TrimSpace(d[:k]))
	if len(prop) == 0 || bytes.ContainsAny(prop, " {}()@&") {
		return "", nil, false
	}
	return string(prop), bytes.TrimSpace(d[k+1:]), true
}

// declCopy returns what autoprefixer's copies of a declaration add,
// minified: 0 for one it leaves alone.
func declCopy(prop string, value []byte) int {
	v := minValueLen(value)
	switch {
	case prefixedProps[prop]:
		// -webkit-prop:value;
		return webkit + len(prop) + 1 + v + 1
	case prop == "transition" || prop == "transition-property" || prop == "will-change":
		if bytes.Contains(value, []byte("transform")) {
			// transition:…,-webkit-transform …; twice more.
			return 2*(len(prop)+1+v+1) + 2*webkit + len("transform")
		}
	case prefixedValues[prop] != nil:
		if prefixedValues[prop][string(bytes.ToLower(value))] {
			return len(prop) + 1 + v + webkit + 1
		}
	}
	return 0
}

// minValueLen is the length of a value with its white space collapsed
// and dropped next to punctuation, as a minifier prints it.
func minValueLen(v []byte) int {
	n := 0
	space := false
	var last byte
	for _, c := range v {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			space = true
			continue
		}
		if space && n > 0 && last != ',' && last != '(' && c != ',' && c != ')' {
			n++
		}
		space = false
		n++
		last = c
	}
	return n
}

// selectorSpaces returns the white space in the selectors of a style
// sheet that cssnano keeps and tdewolff's minifier (cssMinLen's model)
// drops: the compiler turns cssnano's minifySelectors off, so a selector
// keeps its white space as written (".a > .b", ".x   .y", ":not( .i )")
// but at its ends and around the commas of a list.
func selectorSpaces(src []byte) int {
	extra := 0
	i, start := 0, 0

	var kinds []bool // for each open block: a rule block (declarations)
	for i < len(src) {
		c := src[i]
		switch c {
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					return extra
				}
				i += j + 4
				continue
			}
		case '"', '\'':
			i = skipString(src, i)
			continue
		case '{':
			head := bytes.TrimSpace(src[start:i])
			rule := len(head) > 0 && head[0] != '@' && (len(kinds) == 0 || !kinds[len(kinds)-1])
			if rule {
				extra += keptSpaces(head)
			}
			kinds = append(kinds, rule)

			i++
			start = i
			continue
		case '}':
			if len(kinds) > 0 {
				kinds = kinds[:len(kinds)-1]
			}
			i++
			start = i
			continue
		case ';':
			i++
			start = i
			continue
		}
		i++
	}
	return extra
}

// keptSpaces is what the white space of a selector list takes once cssnano
// has trimmed its parts, less what a minifier that drops it next to
// punctuation and keeps one space elsewhere leaves.
func keptSpaces(sel []byte) int {
	n := 0
	for _, part := range bytes.Split(sel, []byte(",")) {
		part = bytes.TrimSpace(part)
		run := 0
		for k, c := range part {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				run++
				continue
			}
			if run > 0 {
				prev := part[k-run-1]
				punct := bytes.IndexByte([]byte(">~+()[]=,:"), prev) >= 0 || bytes.IndexByte([]byte(">~+()[]=,"), c) >= 0
				if punct {
					n += run
				} else {
					n += run - 1
				}
			}
			run = 0
		}
	}
	return n
}
