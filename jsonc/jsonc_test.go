package jsonc

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/internal/fuzzseed"
)

func TestParseOffsets(t *testing.T) {
	src := `{"a": [1, "标题"], "b": {"c": true}, "a": null}`
	v, probs, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Kind != DuplicateKey || src[probs[0].Start:probs[0].End] != `"a"` {
		t.Fatalf("problems = %+v, want one duplicate key on the second \"a\"", probs)
	}
	if got := v.Get("a"); got == nil || got.Kind != Null {
		t.Errorf(`Get("a") = %+v, want the last value (null)`, got)
	}
	first := v.Members[0].Value
	if s := src[first.Elems[1].Start:first.Elems[1].End]; s != `"标题"` {
		t.Errorf("element offsets cover %q", s)
	}
	c, m := v.Lookup([]string{"b", "c"})
	if c == nil || !c.IsTrue() || m == nil || src[m.KeyStart:m.KeyEnd] != `"c"` {
		t.Errorf("Lookup(b/c) = %+v, %+v", c, m)
	}
	if e, _ := v.Lookup([]string{"a", "0"}); e != nil {
		t.Errorf("Lookup into null = %+v, want nil", e)
	}
	if e, _ := v.Members[0].Value.Lookup([]string{"1"}); e == nil || e.Str != "标题" {
		t.Errorf("Lookup(1) = %+v", e)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []ProblemKind
		at   []string // the source text each problem covers
	}{
		{`{"a": 1,}`, []ProblemKind{TrailingComma}, []string{","}},
		{"{\"a\": [1, 2 ,\n ]}", []ProblemKind{TrailingComma}, []string{","}},
		{"{// c\r\n\"a\": 1}", []ProblemKind{Comment}, []string{"// c"}},
		{`{/* x */"a": "//not a comment, /* nor this */"}`, []ProblemKind{Comment}, []string{"/* x */"}},
		{"\uFEFF{}", []ProblemKind{ByteOrderMark}, []string{"\uFEFF"}},
		{`{"a": "x,}"}`, nil, nil},
		{`{"a": "\"", "b": [] }`, nil, nil},
	} {
		_, probs, err := Parse([]byte(tc.src))
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if len(probs) != len(tc.want) {
			t.Errorf("%q: problems %+v, want kinds %v", tc.src, probs, tc.want)
			continue
		}
		for i, p := range probs {
			if p.Kind != tc.want[i] || tc.src[p.Start:p.End] != tc.at[i] {
				t.Errorf("%q: problem %d = %+v covering %q, want kind %v covering %q", tc.src, i, p, tc.src[p.Start:p.End], tc.want[i], tc.at[i])
			}
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		src    string
		offset int
		msg    string
	}{
		{`{"a":`, 5, "unexpected end of file"},
		{"", 0, "unexpected end of file"},
		{`{"a" 1}`, 5, "after object name"},
		{"{\n\"a\": 1\n\"b\": 2}", 9, "after object value"},
		{`[1] 2`, 4, "after top-level value"},
		{"\uFEFF{\"a\": x}", 9, "invalid literal"},
		{`{"a": "unterminated}`, 20, "unexpected end of file"},
		{`{"a": 1 /* open`, 8, "unterminated /* comment"},
		{strings.Repeat("[", MaxDepth+1), MaxDepth, "nested deeper than"},
	} {
		v, _, err := Parse([]byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error (value %+v)", tc.src, v)
			continue
		}
		if err.Offset != tc.offset || !strings.Contains(err.Message, tc.msg) {
			t.Errorf("%q: error at %d %q, want at %d containing %q", tc.src, err.Offset, err.Message, tc.offset, tc.msg)
		}
	}
	// A message quoting invalid UTF-8 (JSONTestSuite's
	// n_string_invalid_utf8_after_escape) stays text.
	if _, _, err := Parse([]byte(`["\` + "\xe5" + `"]`)); err == nil || !utf8.ValidString(err.Message) {
		t.Errorf("invalid UTF-8 after an escape: %+v", err)
	}
}

// A binary file is a syntax error; invalid UTF-8 in an otherwise valid
// file is an error that comes with the value (read as U+FFFD), unless a
// syntax error comes first.
func TestNotText(t *testing.T) {
	for _, tc := range []struct {
		src      string
		offset   int
		msg      string
		hasValue bool
	}{
		{"{\"a\": \"x\x00\"}", 8, "binary file", false},
		{"\xFF\xFE{\x00}\x00", 0, "binary file: UTF-16", false},
		{"{\"a\": \"x\xFFy\"}", 8, "invalid UTF-8 (byte 0xFF)", true},
		{"{\"a\": \"x\xFFy\",}", 8, "invalid UTF-8", true},
		{"{\"a\": x, \"b\": \"\xC3(\"}", 6, "invalid literal", false},
		{"{\"a\": \"\xC3(\", \"b\": x}", 7, "invalid UTF-8", false},
	} {
		v, _, err := Parse([]byte(tc.src))
		if err == nil || err.Offset != tc.offset || !strings.Contains(err.Message, tc.msg) || (v != nil) != tc.hasValue {
			t.Errorf("%q: value %v, error %+v; want an error at %d containing %q, a value: %v", tc.src, v != nil, err, tc.offset, tc.msg, tc.hasValue)
		}
	}
	v, _, _ := Parse([]byte("{\"a\": \"x\xFFy\"}"))
	if s, _ := v.Get("a").String(); s != "x\uFFFDy" {
		t.Errorf("value %q, want the invalid byte read as U+FFFD", s)
	}
}

func TestInterface(t *testing.T) {
	v, _, err := Parse([]byte(`{"n": 1.50, "s": "x", "l": [true, null]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := v.Interface().(map[string]any)
	if n := m["n"]; n.(interface{ String() string }).String() != "1.50" {
		t.Errorf("number = %v, want json.Number 1.50", n)
	}
	if l := m["l"].([]any); l[0] != true || l[1] != nil {
		t.Errorf("list = %v", l)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a": [1, {"b": null}], // c` + "\n}", "\uFEFF[]", `{"a":`, `[1,]`, "{\"a\": \"\xff\"}"} {
		f.Add([]byte(s))
	}
	for _, b := range fuzzseed.Files("..", ".json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, probs, err := Parse(b)
		if err != nil {
			if err.Offset < 0 || err.Offset > len(b) {
				t.Fatalf("error offset %d outside [0, %d]", err.Offset, len(b))
			}
			if v == nil {
				return
			}
			if !strings.HasPrefix(err.Message, "invalid UTF-8") {
				t.Fatalf("a value with the error %q", err.Message)
			}
		}
		for _, p := range probs {
			if p.Start < 0 || p.End > len(b) || p.Start > p.End {
				t.Fatalf("problem %+v outside the input", p)
			}
		}
		if v.Start < 0 || v.End > len(b) {
			t.Fatalf("value %d..%d outside the input", v.Start, v.End)
		}
	})
}

// FuzzFastParse holds the parser that builds the tree from the bytes to
// hujson's and the builder's: whatever it takes, they take too, into the
// same tree with the same problems.
func FuzzFastParse(f *testing.F) {
	for _, s := range []string{`{"a": [1, {"b": null}], // c` + "\n}", `[1,]`, "{\"a\": \"\xff\"}", `{"a":1,"a":2}`,
		`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"a":9,"i":{"j":[],"j":{}}}`, `[-0.5e+3, true, false, null, "\u00e9\n"]`,
		"/* x */ {} // y\n", "[1] // no newline", `{"a" /* c */ : /* d */ 1 /* e */ , }`, "[\"\x01\"]", "[01]", "[1.]",
		"{ // 页面标题\n\"a\": 1 /* 注释 */}", "[1 // \xff\n]", "[1 /* \xe9 */]", "[1 // \u2028\n]", "[1 /* \u2029 */]"} {
		f.Add([]byte(s))
	}
	for _, b := range fuzzseed.Files("..", ".json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var n counts
		if _, serr := scan(b, 0, &n); serr != nil {
			return // (fastParse runs after scan only)
		}
		fast, fastProbs, ok := fastParse(b, 0, n)
		if !ok {
			return
		}
		if vals, mems := treeSize(fast); vals > n.values || mems > n.members {
			t.Fatalf("scan counted %d values and %d members, the tree has %d and %d", n.values, n.members, vals, mems)
		}
		slow, slowProbs, serr, herr := hujsonParse(b, 0)
		if serr != nil {
			t.Fatalf("fastParse takes what hujson rejects: %v (%v)", serr.Message, herr)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fastParse built\n%s\nhujson and the builder\n%s", dump(fast), dump(slow))
		}
		if !reflect.DeepEqual(fastProbs, slowProbs) {
			t.Fatalf("fastParse found %+v, the builder %+v", fastProbs, slowProbs)
		}
	})
}

// treeSize counts the values and members of a tree.
func treeSize(v *Value) (values, members int) {
	values = 1
	for _, m := range v.Members {
		a, b := treeSize(m.Value)
		values, members = values+a, members+b+1
	}
	for _, e := range v.Elems {
		a, b := treeSize(e)
		values, members = values+a, members+b
	}
	return values, members
}

func dump(v *Value) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

// TestFastParseTaken: every valid JSON file of the repository's test data
// (the rule fixtures, the command's scripts, the example project), and a
// few written here, is built by fastParse, not handed to hujson: were it
// to give up on usual files, Parse would be right but slow again.
func TestFastParseTaken(t *testing.T) {
	files := fuzzseed.Files("..", ".json")
	for _, s := range []string{"\uFEFF{\"a\": 1}", "{\r\n  // c\r\n  \"a\": [1, 2,],\r\n  /* d */ \"b\": \"标题 \\u00e9\"\r\n}", "{ // 页面标题\n\"a\": 1 /* 注释 */}", `{"a":1,"a":2}`, `[]`, `"x"`, `-1.5e-3`} {
		files = append(files, []byte(s))
	}
	n := 0
	for _, b := range files {
		if _, _, err := Parse(b); err != nil {
			continue
		}
		n++
		body := bytes.TrimPrefix(b, []byte("\uFEFF"))
		var c counts
		scan(body, len(b)-len(body), &c)
		v, _, ok := fastParse(body, len(b)-len(body), c)
		if !ok {
			t.Errorf("fastParse gives up on %.200q", b)
			continue
		}
		// scan's counts are what a file takes, at most: its first
		// blocks hold the whole tree.
		if vals, mems := treeSize(v); vals > c.values || mems > c.members {
			t.Errorf("scan counted %d values and %d members in %.200q, the tree has %d and %d", c.values, c.members, b, vals, mems)
		}
	}
	if n < 100 {
		t.Errorf("only %d valid JSON files in the test data", n)
	}
}
