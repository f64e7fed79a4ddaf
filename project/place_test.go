package project

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// TestPlace: a file read gets its place, and its token.File only when a
// position in it is resolved (TokenFile), in the project's FileSet, where
// the positions the front ends made from its place resolve; a project with
// a Memo (the language server's) makes them at once.
func TestPlace(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"app.json": `{"pages": ["a"]}`,
		"a.js":     "one\ntwo\n",
		"b.js":     "",
		"c.js":     "x\ny\nz",
	})
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fs []*File
	for _, rel := range []string{"a.js", "b.js", "c.js"} {
		f, err := p.ReadFile(rel)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	for _, f := range fs {
		if f.place.made() != nil || p.Fset.File(f.Pos(0)) != nil {
			t.Errorf("%s: a token.File before any position in it was resolved", f.Path)
		}
	}
	a, b, c := fs[0], fs[1], fs[2]
	for _, tc := range []struct {
		f    *File
		off  int
		line int
	}{{c, 4, 3}, {a, 4, 2}, {a, 7, 2}, {b, 0, 1}, {c, 0, 1}} {
		pos := tc.f.Pos(tc.off)
		tf := p.TokenFile(pos)
		if tf == nil || tf.Name() != tc.f.Path || tf != tc.f.TF() || p.FileAt(pos) != tc.f {
			t.Fatalf("%s:%d: TokenFile %v", tc.f.Path, tc.off, tf)
		}
		p.Lines(tf, p.Text(tc.f.Path))
		if got := p.Fset.Position(pos); got.Filename != tc.f.Path || got.Offset != tc.off || got.Line != tc.line {
			t.Errorf("%s:%d: at %v, want line %d", tc.f.Path, tc.off, got, tc.line)
		}
	}
	if f := p.FileAt(c.Pos(c.Size()) + 1); f != nil {
		t.Errorf("a position past the last file is in %s", f.Path)
	}
	if a.Offset(b.Pos(0)) != a.Size() || !a.Contains(a.Pos(a.Size())) || a.Contains(b.Pos(0)) {
		t.Errorf("a.js's range takes in b.js's")
	}
	// A copy is at the same place.
	if cp := a.WithSrc([]byte("ONE\nTWO\n")); !cp.Same(a) || cp.TF() != a.TF() || cp.Pos(3) != a.Pos(3) {
		t.Errorf("a copy is elsewhere")
	}
	// With a Memo, at once.
	q, err := Load(dir, Options{Memo: NewMemo()})
	if err != nil {
		t.Fatal(err)
	}
	f, err := q.ReadFile("c.js")
	if err != nil {
		t.Fatal(err)
	}
	if f.place.made() == nil || q.Fset.File(f.Pos(2)) != f.place.made() {
		t.Errorf("a project with a Memo made no token.File for c.js")
	}
}
