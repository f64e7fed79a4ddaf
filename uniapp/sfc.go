package uniapp

import (
	"bytes"
	"strings"
)

// Block is a top-level block of a Vue single-file component: its
// <template>, a <script> (Setup for <script setup>), a <style>, or a
// custom block.
type Block struct {
	// Tag is the block's name ("template", "script", "style", ...), Lang
	// its lang attribute ("" when it has none), Setup whether a script
	// has the setup attribute.
	Tag, Lang string
	Setup     bool
	// Start and End span the content between the start and end tags.
	Start, End int
}

// Blocks returns the top-level blocks of a .vue file, as Vue's SFC
// parser finds them: the content of <script> and <style> is text up to
// their end tag; a <template> ends at the </template> that closes it,
// nested <template> elements counted. Comments between blocks are
// skipped; a block never closed runs to the end of the file.
func Blocks(src []byte) []Block {
	var out []Block
	n := len(src)
	for i := 0; i < n; {
		switch {
		case bytes.HasPrefix(src[i:], []byte("<!--")):
			end := bytes.Index(src[i+4:], []byte("-->"))
			if end < 0 {
				return out
			}
			i += 4 + end + 3
		case src[i] == '<' && i+1 < n && isTagStart(src[i+1]):
			j := i + 1
			for j < n && isTagChar(src[j]) {
				j++
			}
			tag := strings.ToLower(string(src[i+1 : j]))
			attrs, body, self := startTag(src, j)
			b := Block{Tag: tag, Lang: attr(attrs, "lang"), Setup: hasAttr(attrs, "setup"), Start: body, End: body}
			if self {
				out = append(out, b)
				i = body
				continue
			}
			var next int
			if tag == "template" {
				b.End, next = templateEnd(src, body)
			} else {
				b.End, next = rawEnd(src, body, tag)
			}
			out = append(out, b)
			i = next
		default:
			i++
		}
	}
	return out
}

func isTagStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isTagChar(c byte) bool { return isTagStart(c) || c >= '0' && c <= '9' || c == '-' || c == '_' }

// startTag reads the attributes of a start tag from j, and returns them
// as written, the offset after its ">", and whether it closes itself.
func startTag(src []byte, j int) (attrs string, after int, self bool) {
	n := len(src)
	k := j
	for k < n && src[k] != '>' {
		if q := src[k]; q == '"' || q == '\'' {
			if e := bytes.IndexByte(src[k+1:], q); e >= 0 {
				k += e + 2
				continue
			}
			return string(src[j:]), n, false
		}
		k++
	}
	if k >= n {
		return string(src[j:]), n, false
	}
	self = k > j && src[k-1] == '/'
	return string(src[j:k]), k + 1, self
}

// attr returns the value of attribute name in a start tag's attributes.
func attr(attrs, name string) string {
	for _, f := range attrFields(attrs) {
		k, v, ok := strings.Cut(f, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.ToLower(strings.Trim(strings.TrimSpace(v), `"'`))
		}
	}
	return ""
}

func hasAttr(attrs, name string) bool {
	for _, f := range attrFields(attrs) {
		k, _, _ := strings.Cut(f, "=")
		if strings.EqualFold(strings.TrimSpace(k), name) {
			return true
		}
	}
	return false
}

// attrFields splits attributes at the white space outside quotes.
func attrFields(s string) []string {
	var out []string
	var q byte
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/':
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// rawEnd finds the end tag of a block whose content is text (</script>,
// </style>, a custom block): the content's end and the offset after it.
func rawEnd(src []byte, body int, tag string) (int, int) {
	e := indexFold(src[body:], "</"+tag)
	if e < 0 {
		return len(src), len(src)
	}
	end := body + e
	gt := bytes.IndexByte(src[end:], '>')
	if gt < 0 {
		return end, len(src)
	}
	return end, end + gt + 1
}

// templateEnd finds the </template> that closes a top-level template,
// counting the <template> elements nested in it and skipping comments.
func templateEnd(src []byte, body int) (int, int) {
	depth := 1
	n := len(src)
	for i := body; i < n; {
		switch {
		case bytes.HasPrefix(src[i:], []byte("<!--")):
			e := bytes.Index(src[i+4:], []byte("-->"))
			if e < 0 {
				return n, n
			}
			i += 4 + e + 3
		case hasPrefixFold(src[i:], "</template") && (i+10 >= n || !isTagChar(src[i+10])):
			gt := bytes.IndexByte(src[i:], '>')
			depth--
			if depth == 0 {
				if gt < 0 {
					return i, n
				}
				return i, i + gt + 1
			}
			if gt < 0 {
				return n, n
			}
			i += gt + 1
		case hasPrefixFold(src[i:], "<template") && (i+9 >= n || !isTagChar(src[i+9])):
			_, after, self := startTag(src, i+9)
			if !self {
				depth++
			}
			i = after
		default:
			i++
		}
	}
	return n, n
}

// hasPrefixFold reports whether b starts with p (ASCII), ignoring the
// case of ASCII letters.
func hasPrefixFold(b []byte, p string) bool {
	if len(b) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// Keep returns a copy of src in which every byte outside the spans is a
// space, line breaks excepted: a file with the offsets, lines and columns
// of src that holds only those blocks.
func Keep(src []byte, spans ...Block) []byte {
	out := bytes.Clone(src)
	in := make([]bool, len(src))
	for _, b := range spans {
		for i := max(b.Start, 0); i < min(b.End, len(src)); i++ {
			in[i] = true
		}
	}
	for i, c := range out {
		if !in[i] && c != '\n' && c != '\r' {
			out[i] = ' '
		}
	}
	return out
}

// indexFold is the index of the first instance of s (ASCII, lower case)
// in b, case-insensitively, or -1. (bytes.ToLower would change the length
// of b where it holds invalid UTF-8.)
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if hasPrefixFold(b[i:], s) {
			return i
		}
	}
	return -1
}
