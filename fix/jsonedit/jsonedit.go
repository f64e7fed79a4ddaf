// Package jsonedit makes the text edits of the safe fixes in JSON files:
// setting a string, renaming a key, deleting bytes and adding a member to an
// object. An added member copies the formatting of its neighbours (the
// separator between members, the space after the colon, the indentation and
// the newline style, so that a CRLF file stays CRLF), so that a fixed file
// looks as if its author had written the member.
package jsonedit

import (
	"bytes"
	"encoding/json"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/project"
)

// Edit replaces the bytes of a source from Start to End with Text.
type Edit struct {
	Start, End int
	Text       string
}

// TextEdit is e as go/analysis states it, in file f.
func TextEdit(f *project.File, e Edit) analysis.TextEdit {
	return analysis.TextEdit{Pos: f.Pos(e.Start), End: f.Pos(e.End), NewText: []byte(e.Text)}
}

// Fix is a suggested fix of one edit in f.
func Fix(f *project.File, message string, e Edit) analysis.SuggestedFix {
	return analysis.SuggestedFix{Message: message, TextEdits: []analysis.TextEdit{TextEdit(f, e)}}
}

// Quote is s as a JSON string, with <, > and & as they are.
func Quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// SetString replaces the value v with the JSON string s.
func SetString(v *jsonc.Value, s string) Edit {
	return Edit{Start: v.Start, End: v.End, Text: Quote(s)}
}

// RenameKey replaces the key of member m with key.
func RenameKey(m *jsonc.Member, key string) Edit {
	return Edit{Start: m.KeyStart, End: m.KeyEnd, Text: Quote(key)}
}

// AddMember returns the edit that adds "key": raw (raw is JSON text) after
// the last member of the object obj, in src. It reports false when obj is not
// an object, or when comments around the members leave the formatting to
// copy in doubt.
func AddMember(src []byte, obj *jsonc.Value, key, raw string) (Edit, bool) {
	if obj == nil || obj.Kind != jsonc.Object || obj.Start < 0 || obj.End > len(src) || obj.End-obj.Start < 2 {
		return Edit{}, false
	}
	n := len(obj.Members)
	if n == 0 {
		return addFirst(src, obj, key, raw)
	}
	last := obj.Members[n-1]
	colon := ": "
	if c := string(src[last.KeyEnd:last.Value.Start]); isBlank(strings.Replace(c, ":", "", 1)) && !strings.ContainsAny(c, "\r\n") {
		colon = c
	}
	member := Quote(key) + colon + raw
	var sep string
	if n >= 2 {
		// The separator of the last two members: a comma and the
		// whitespace around it, newline and indentation included.
		s := string(src[obj.Members[n-2].Value.End:last.KeyStart])
		if strings.Count(s, ",") == 1 && isBlank(strings.Replace(s, ",", "", 1)) {
			sep = s
		}
	}
	if sep == "" {
		// One member, or a separator with comments: a comma, then the
		// line break and indentation before the last member's key.
		i := last.KeyStart
		for i > obj.Start+1 && strings.IndexByte(" \t\r\n", src[i-1]) >= 0 {
			i--
		}
		lead := string(src[i:last.KeyStart])
		if j := strings.LastIndexByte(lead, '\n'); j >= 0 {
			nl := "\n"
			if j > 0 && lead[j-1] == '\r' {
				nl = "\r\n"
			}
			sep = "," + nl + lead[j+1:]
		} else if n == 1 && i == obj.Start+1 && (lead != "" || !strings.Contains(colon, " ")) {
			sep = "," + lead // {"a":1} → {"a":1,"k":v}; { "a": 1 } → { "a": 1, "k": v }
		} else {
			sep = ", "
		}
	}
	return Edit{Start: last.Value.End, End: last.Value.End, Text: sep + member}, true
}

// addFirst adds a member to an empty object.
func addFirst(src []byte, obj *jsonc.Value, key, raw string) (Edit, bool) {
	inner := string(src[obj.Start+1 : obj.End-1])
	if !isBlank(inner) {
		return Edit{}, false // a comment
	}
	member := Quote(key) + ": " + raw
	at := obj.Start + 1
	i := strings.LastIndexByte(inner, '\n')
	if i < 0 {
		if inner == "" {
			return Edit{Start: at, End: at, Text: member}, true // {"k": v}
		}
		return Edit{Start: at, End: at, Text: " " + member}, true // { "k": v }
	}
	nl := "\n"
	if i > 0 && inner[i-1] == '\r' {
		nl = "\r\n"
	}
	// The closing brace's indentation, one level deeper.
	return Edit{Start: at, End: at, Text: nl + inner[i+1:] + indentUnit(src) + member}, true
}

// indentUnit guesses one level of indentation in src: a tab if the first
// indented line starts with one, else that line's spaces, else two spaces.
func indentUnit(src []byte) string {
	for line := range strings.SplitSeq(string(src), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || trimmed == "\r" || len(trimmed) == len(line) {
			continue
		}
		ws := line[:len(line)-len(trimmed)]
		if ws[0] == '\t' {
			return "\t"
		}
		return strings.Repeat(" ", len(ws)-len(strings.TrimLeft(ws, " ")))
	}
	return "  "
}

func isBlank(s string) bool {
	return strings.Trim(s, " \t\r\n") == ""
}
