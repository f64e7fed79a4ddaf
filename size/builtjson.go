package size

import (
	"bytes"
	"encoding/json"
	"iter"
	"strings"
	"unsafe"
)

// The built size of a JSON file: tdewolff's JSON minifier's output, with
// "usingComponents":{} added to the configuration of a page or component
// that has none (see estimate.go). The top-level keys are read from the
// minified bytes, not decoded into a map: that was most of what measuring
// 20,000 component configurations made and dropped (bench/gen-big.sh).

// configKeys are top-level keys that make a JSON file the configuration of
// the app, a page or a component, which the compiler rewrites. Other JSON
// files (data, package.json, project.config.json copies) are uploaded as is.
var configKeys = map[string]bool{
	"usingComponents": true, "component": true, "pages": true, "componentGenerics": true,
	"componentPlaceholder": true, "styleIsolation": true, "navigationBarTitleText": true,
	"navigationBarBackgroundColor": true, "navigationBarTextStyle": true, "navigationStyle": true,
	"backgroundColor": true, "backgroundTextStyle": true, "backgroundColorTop": true,
	"backgroundColorBottom": true, "enablePullDownRefresh": true, "onReachBottomDistance": true,
	"pageOrientation": true, "disableScroll": true, "initialRenderingCache": true, "style": true,
	"singlePage": true, "restartStrategy": true, "visualEffectInBackground": true,
	"handleWebviewPreload": true, "renderer": true, "componentFramework": true,
	"rendererOptions": true, "homeButton": true, "disableSwipeBack": true, "enablePassiveEvent": true,
}

func builtJSON(src []byte) int64 {
	// (Minified from a reader: the minifier rewrites numbers in the bytes
	// it is given.)
	var buf bytes.Buffer
	buf.Grow(len(src))
	if err := minifier.Minify("json", &buf, bytes.NewReader(src)); err != nil {
		return int64(len(src))
	}
	b := buf.Bytes()
	if len(b) < 2 || b[0] != '{' || !json.Valid(b) {
		return int64(len(src))
	}
	var keys, config, app, using bool
	for k := range topKeys(b) {
		keys = true
		config = config || configKeys[k]
		app = app || k == "pages"
		using = using || k == "usingComponents"
	}
	if keys && !config {
		return int64(len(src))
	}
	n := len(b)
	if !using && !app {
		n += len(`"usingComponents":{}`)
		if keys {
			n++ // the comma
		}
	}
	// What depends on the project around the file (component paths
	// resolved, Skyline pages' keys, warnings) jsonContext adds.
	return int64(n)
}

// topKeys yields the keys of the members of b, a valid JSON object, as
// they read unescaped (duplicates too), without decoding their values.
func topKeys(b []byte) iter.Seq[string] {
	return func(yield func(string) bool) {
		i := jsonSpace(b, 1)
		for i < len(b) && b[i] == '"' {
			end := stringEnd(b, i)
			k := b[i+1 : end-1]
			key := unsafe.String(unsafe.SliceData(k), len(k)) // (b does not change)
			if bytes.IndexByte(k, '\\') >= 0 {
				_ = json.Unmarshal(b[i:end], &key)
			}
			if !yield(key) {
				return
			}
			i = jsonSpace(b, end)
			i = jsonSpace(b, valueEnd(b, jsonSpace(b, i+1))) // (past the colon)
			if i >= len(b) || b[i] != ',' {
				return
			}
			i = jsonSpace(b, i+1)
		}
	}
}

// jsonSpace returns the offset of the first byte at or after i that is no
// JSON white space.
func jsonSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the offset after the string that starts at i.
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// valueEnd returns the offset after the value of valid JSON that starts
// at i.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(b) && !strings.ContainsRune(",}] \t\n\r", rune(b[i])) {
		i++
	}
	return i
}
