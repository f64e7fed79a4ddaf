package jsonedit

import (
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// RemoveMember returns the edit that deletes member m from the object obj,
// in src, with the comma that separates it from its neighbour: the line of
// a member written on its own line goes, the others keep their formatting,
// and the only member leaves "{}". It reports false when m is not a member
// of obj, when the key is duplicated (the other member may be the one that
// counts), or when a comment sits next to the member: what it speaks of is
// in doubt, and the rest is left to the author.
func RemoveMember(src []byte, obj *jsonc.Value, m *jsonc.Member) (Edit, bool) {
	if obj == nil || obj.Kind != jsonc.Object || m == nil || m.Value == nil || obj.Start < 0 || obj.End > len(src) {
		return Edit{}, false
	}
	i, dup := -1, 0
	for j, o := range obj.Members {
		if o == m {
			i = j
		}
		if o.Key == m.Key {
			dup++
		}
	}
	if i < 0 || dup > 1 || !isBlank(strings.Replace(string(src[m.KeyEnd:m.Value.Start]), ":", "", 1)) {
		return Edit{}, false
	}
	n := len(obj.Members)
	switch {
	case n == 1:
		// {"a": 1} → {}; a trailing comma goes with it.
		before, after := string(src[obj.Start+1:m.KeyStart]), string(src[m.Value.End:obj.End-1])
		if !isBlank(before) || !isBlank(strings.Replace(after, ",", "", 1)) {
			return Edit{}, false
		}
		return Edit{Start: obj.Start + 1, End: obj.End - 1}, true
	case i == 0:
		// The first member: up to the next member's key, so that the
		// next one takes its place and indentation.
		next := obj.Members[1]
		if !separator(string(src[m.Value.End:next.KeyStart])) || !isBlank(string(src[obj.Start+1:m.KeyStart])) {
			return Edit{}, false
		}
		return Edit{Start: m.KeyStart, End: next.KeyStart}, true
	default:
		// From the end of the previous member's value: its comma and the
		// line break before m go with m.
		prev := obj.Members[i-1]
		if !separator(string(src[prev.Value.End:m.KeyStart])) {
			return Edit{}, false
		}
		if i+1 < n {
			if !separator(string(src[m.Value.End:obj.Members[i+1].KeyStart])) {
				return Edit{}, false
			}
		} else if !isBlank(strings.Replace(string(src[m.Value.End:obj.End-1]), ",", "", 1)) {
			return Edit{}, false
		}
		return Edit{Start: prev.Value.End, End: m.Value.End}, true
	}
}

// separator reports whether s is one comma and whitespace.
func separator(s string) bool {
	return strings.Count(s, ",") == 1 && isBlank(strings.Replace(s, ",", "", 1))
}
