package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

// at is a finding of rule at line (1-based) of src, at the first
// occurrence of needle in that line.
func at(t *testing.T, src, path, rule string, line int, needle string) lint.Finding {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	off := 0
	for _, l := range lines[:line-1] {
		off += len(l)
	}
	col := strings.Index(lines[line-1], needle)
	if col < 0 {
		t.Fatalf("%q not in line %d", needle, line)
	}
	start := lint.Position{Offset: off + col, Line: line, Column: col + 1, ColumnUTF16: col + 1}
	end := start
	end.Offset += len(needle)
	end.Column += len(needle)
	return lint.Finding{Rule: rule, Path: path, Start: start, End: end, Message: "m"}
}

func keys(t *testing.T, src, path string, fs ...lint.Finding) []Key {
	t.Helper()
	fp := &Fingerprinter{Source: func(p string) []byte {
		if p != path {
			t.Fatalf("source of %s asked", p)
		}
		return []byte(src)
	}}
	var out []Key
	for i := range fs {
		print, _ := fp.Fingerprint(&fs[i])
		out = append(out, Key{File: fs[i].Path, Rule: fs[i].Rule, Fingerprint: print})
	}
	return out
}

func TestFingerprintFollowsTheLine(t *testing.T) {
	const rule = "chattool-disabled-api"
	before := "Page({\n  onLoad() {\n    wx.navigateToMiniProgram({appId: 'x'})\n  }\n})\n"
	// Code above moves the finding down four lines, re-indented; CRLF.
	after := "// a\n// b\nconst x = 1\n\r\nPage({\r\n  onLoad() {\r\n\t\twx.navigateToMiniProgram({ appId: 'x' })\r\n  }\r\n})\r\n"
	k1 := keys(t, before, "a.js", at(t, before, "a.js", rule, 3, "wx.navigateToMiniProgram"))[0]
	k2 := keys(t, after, "a.js", at(t, after, "a.js", rule, 7, "wx.navigateToMiniProgram"))[0]
	if k1 != k2 {
		t.Errorf("moved and re-spaced line: %v, then %v", k1, k2)
	}
	other := "wx.navigateToMiniProgram({appId: 'y'})\n"
	if k3 := keys(t, other, "a.js", at(t, other, "a.js", rule, 1, "wx"))[0]; k3 == k1 {
		t.Errorf("another line's text has the same fingerprint %s", k3.Fingerprint)
	}
	// A byte order mark is not part of the line.
	bom := "\uFEFFwx.navigateToMiniProgram({appId: 'x'})\n"
	if k := keys(t, bom, "a.js", at(t, bom, "a.js", rule, 1, "wx"))[0]; k != k1 {
		t.Errorf("BOM: %v, want %v", k, k1)
	}
}

func TestFingerprintFileLevel(t *testing.T) {
	src := "import a from './a'\nPage({})\n"
	f := lint.Finding{Rule: "unused-file", Path: "x.js",
		Start: lint.Position{Offset: 0, Line: 1, Column: 1}, End: lint.Position{Offset: 0, Line: 1, Column: 1}}
	if !IsFileLevel(&f) {
		t.Fatal("an empty span at the first byte is about the file")
	}
	if k := keys(t, src, "x.js", f)[0]; k.Fingerprint != FileLevel {
		t.Errorf("fingerprint %q, want %q", k.Fingerprint, FileLevel)
	}
	g := at(t, src, "x.js", "r", 1, "import")
	if IsFileLevel(&g) {
		t.Error("a span at 1:1 is about its text")
	}
	if k := keys(t, src, "x.js", g)[0]; k.Fingerprint == FileLevel {
		t.Error("a finding at 1:1 with a span got the file's fingerprint")
	}
	if h := (lint.Finding{Rule: "r", Path: "x.js"}); !IsFileLevel(&h) {
		t.Error("a finding without a line is about the file")
	}
}

func TestFingerprintLongLine(t *testing.T) {
	// Minified code: one change far from a finding keeps it, a change
	// near it does not.
	pad := strings.Repeat("var a=1;", 100)
	src := pad + "wx.navigateToMiniProgram({});" + pad
	edited := "var b=2;" + pad + "wx.navigateToMiniProgram({});" + pad + "var c=3;"
	near := pad[:len(pad)-8] + "var z=9;wx.navigateToMiniProgram({});" + pad
	k := keys(t, src, "m.js", at(t, src, "m.js", "r", 1, "wx."))[0]
	if k2 := keys(t, edited, "m.js", at(t, edited, "m.js", "r", 1, "wx."))[0]; k2 != k {
		t.Errorf("a change far away: %v, want %v", k2, k)
	}
	if k3 := keys(t, near, "m.js", at(t, near, "m.js", "r", 1, "wx."))[0]; k3 == k {
		t.Error("a change next to the finding kept its fingerprint")
	}
	_, code := (&Fingerprinter{Source: func(string) []byte { return []byte(src) }}).Fingerprint(&[]lint.Finding{at(t, src, "m.js", "r", 1, "wx.")}[0])
	if n := len([]rune(code)); n > codeWidth || !strings.HasSuffix(code, "…") {
		t.Errorf("code %q (%d characters): want at most %d, ending in …", code, n, codeWidth)
	}
}

func TestMatcherCounts(t *testing.T) {
	const rule = "chattool-disabled-api"
	line := "wx.navigateToMiniProgram({})"
	old := "Page({})\n" + line + "\n"
	now := "// moved\n\n\nPage({})\n" + line + "\nwx.showShareMenu()\n" + line + "\n"
	recorded := keys(t, old, "a.js", at(t, old, "a.js", rule, 2, "wx"))
	b := New([]Entry{{File: "a.js", Rule: rule, Fingerprint: recorded[0].Fingerprint, Count: 1}})
	m := NewMatcher(b)
	found := keys(t, now, "a.js",
		at(t, now, "a.js", rule, 5, "wx"),
		at(t, now, "a.js", rule, 6, "wx"), // same rule, another line: new
		at(t, now, "a.js", rule, 7, "wx"), // the same mistake again: new
	)
	var got []bool
	for _, k := range found {
		got = append(got, m.Match(k))
	}
	if want := []bool{true, false, false}; !equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
	if s := m.Stale(nil); len(s) != 0 {
		t.Errorf("stale %v, want none", s)
	}

	// Two recorded, one found: one stale, in scope or not.
	b2 := New([]Entry{
		{File: "a.js", Rule: rule, Fingerprint: recorded[0].Fingerprint, Count: 2},
		{File: "gone.js", Rule: rule, Fingerprint: "0123456789abcdef", Count: 1},
	})
	m2 := NewMatcher(b2)
	m2.Match(found[0])
	s := m2.Stale(nil)
	if len(s) != 2 || s[0].File != "a.js" || s[0].Count != 1 || s[1].File != "gone.js" {
		t.Errorf("stale %+v", s)
	}
	s = m2.Stale(func(k Key) bool { return k.File != "gone.js" })
	if len(s) != 1 || s[0].File != "a.js" {
		t.Errorf("stale in scope %+v", s)
	}
}

func equal(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMarshalStableAndSorted(t *testing.T) {
	entries := []Entry{
		{File: "b/x.wxml", Rule: "r2", Fingerprint: "22", Count: 1, Code: "<ad unit-id=\"x\"/>", Message: "<ad> & co"},
		{File: "a.js", Rule: "r1", Fingerprint: "11", Count: 1},
		{File: "b/x.wxml", Rule: "r1", Fingerprint: "33", Count: 2},
		{File: "a.js", Rule: "r1", Fingerprint: "11", Count: 2},
	}
	got := string(New(entries).Marshal())
	want := `{
  "version": 1,
  "findings": [
    {
      "file": "a.js",
      "rule": "r1",
      "fingerprint": "11",
      "count": 3
    },
    {
      "file": "b/x.wxml",
      "rule": "r1",
      "fingerprint": "33",
      "count": 2
    },
    {
      "file": "b/x.wxml",
      "rule": "r2",
      "fingerprint": "22",
      "count": 1,
      "code": "<ad unit-id=\"x\"/>",
      "message": "<ad> & co"
    }
  ]
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Any order gives the same bytes; a round trip too.
	rev := []Entry{entries[3], entries[2], entries[1], entries[0]}
	if again := string(New(rev).Marshal()); again != want {
		t.Errorf("another order:\n%s", again)
	}
	b, err := Parse([]byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if string(b.Marshal()) != want {
		t.Errorf("round trip:\n%s", b.Marshal())
	}
	if b.Total() != 6 {
		t.Errorf("total %d, want 6", b.Total())
	}
	if empty := string(New(nil).Marshal()); empty != "{\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("empty: %q", empty)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`[]`, "not a chattool-lint baseline"},
		{`{"findings": []}`, `no "version"`},
		{`{"version": 2, "findings": []}`, "newer than this chattool-lint reads"},
		{`{"version": 1, "findings": [{"file": "a.js", "rule": "r", "count": 1}]}`, "findings[0]: file, rule and fingerprint are required"},
		{`{"version": 1, "findings": [{"file": "a.js", "rule": "r", "fingerprint": "f", "count": 0}]}`, "findings[0]: count 0"},
		{`{"version": 1} {}`, "more than one JSON value"},
	} {
		_, err := Parse([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%s): %v, want %q", tc.in, err, tc.want)
		}
	}
	// Unknown keys are read past (a later version's extras, a $comment).
	if _, err := Parse([]byte(`{"version": 1, "$comment": "x", "findings": [{"file": "a", "rule": "r", "fingerprint": "f", "count": 1, "line": 3}]}`)); err != nil {
		t.Error(err)
	}
}

func TestWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	b := New([]Entry{{File: "a.js", Rule: "r", Fingerprint: "f", Count: 1}})
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 1 || got.Findings[0].Key() != (Key{"a.js", "r", "f"}) {
		t.Errorf("read %+v", got)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("files left beside it: %v", ents)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none.json")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
