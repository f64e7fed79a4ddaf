package jsparse

import (
	"encoding/json"
	"strings"
)

// MapBack maps a position of a built script (0-based line and UTF-16
// column) to the source a version 3 source map (raw, the .map file a
// build writes beside the script) says it came from: the source as the
// map names it (sourceRoot joined), and the 0-based line and UTF-16
// column there. It reports false when the map does not parse, or maps
// nothing at or before the position on its line.
func MapBack(raw []byte, line, col int) (source string, srcLine, srcCol int, ok bool) {
	var m struct {
		Version    int      `json:"version"`
		SourceRoot string   `json:"sourceRoot"`
		Sources    []string `json:"sources"`
		Mappings   string   `json:"mappings"`
	}
	if json.Unmarshal(raw, &m) != nil || m.Version != 3 || line < 0 {
		return "", 0, 0, false
	}
	var fields [5]int
	gl, genCol, src, sl, sc := 0, 0, 0, 0, 0
	best := -1
	s := m.Mappings
	for i := 0; i < len(s) && gl <= line; {
		switch s[i] {
		case ';':
			gl, genCol = gl+1, 0
			i++
			continue
		case ',':
			i++
			continue
		}
		n := 0
		for i < len(s) && s[i] != ',' && s[i] != ';' {
			if n == len(fields) {
				return "", 0, 0, false
			}
			v, next, err := vlq(s, i)
			if err != nil {
				return "", 0, 0, false
			}
			fields[n], i = v, next
			n++
		}
		genCol += fields[0]
		if n < 4 {
			continue
		}
		src, sl, sc = src+fields[1], sl+fields[2], sc+fields[3]
		if gl == line && genCol <= col && src >= 0 && src < len(m.Sources) {
			best, source, srcLine, srcCol = genCol, m.Sources[src], sl, sc
		}
	}
	if best < 0 {
		return "", 0, 0, false
	}
	if m.SourceRoot != "" && !strings.Contains(source, "://") {
		source = strings.TrimSuffix(m.SourceRoot, "/") + "/" + source
	}
	return source, srcLine, srcCol, true
}
