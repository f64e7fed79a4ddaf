package size

import (
	"bytes"
	"encoding/json"
	"testing"
)

// builtJSONDecoded is builtJSON as it was, decoding the minified object
// into a map: FuzzBuiltJSON holds the two to the same answer.
func builtJSONDecoded(src []byte) int64 {
	var buf bytes.Buffer
	if err := minifier.Minify("json", &buf, bytes.NewReader(src)); err != nil {
		return int64(len(src))
	}
	b := buf.Bytes()
	if len(b) < 2 || b[0] != '{' {
		return int64(len(src))
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(b, &top) != nil {
		return int64(len(src))
	}
	config := len(top) == 0
	for k := range top {
		config = config || configKeys[k]
	}
	if !config {
		return int64(len(src))
	}
	n := len(b)
	_, app := top["pages"]
	if _, ok := top["usingComponents"]; !ok && !app {
		n += len(`"usingComponents":{}`)
		if len(top) > 0 {
			n++
		}
	}
	return int64(n)
}

var builtJSONSeeds = []string{
	``, `{}`, ` { } `, `[]`, `"x"`, `{"a":1}`, `{"component":true}`,
	`{"component": true, "usingComponents": {"a": "./a"}}`,
	`{"pages":["a","b"],"window":{"x":[1,{"y":"}"}]}}`,
	`{"\u0070ages":[]}`, `{"use\u0072Components":{}, "x": "a\"b"}`,
	`{"component":true,"component":false}`, `{"style":"v2",}`,
	"{\"a\":1 /* c */, \"component\": true}", `{"a":1}{"b":2}`, `{"a" 1}`,
	`{"a":[1,2,[3,{"b":"]}"}]],"c":null,"d":-1.5e3,"component":true}`,
	"{\"k\xff\":1,\"component\":true}", `{"navigationStyle":"custom"}`,
}

func TestBuiltJSONKeys(t *testing.T) {
	for _, s := range builtJSONSeeds {
		if got, want := builtJSON([]byte(s)), builtJSONDecoded([]byte(s)); got != want {
			t.Errorf("builtJSON(%q) = %d, want %d", s, got, want)
		}
	}
	if n := builtJSON([]byte(`{"component": true}`)); n != int64(len(`{"component":true,"usingComponents":{}}`)) {
		t.Errorf("a component without usingComponents: %d", n)
	}
}

func FuzzBuiltJSON(f *testing.F) {
	for _, s := range builtJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		was := bytes.Clone(src)
		if got, want := builtJSON(src), builtJSONDecoded(src); got != want {
			t.Errorf("builtJSON(%q) = %d, want %d", src, got, want)
		}
		if !bytes.Equal(src, was) {
			t.Errorf("builtJSON(%q) changed its input to %q", was, src)
		}
	})
}
