package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// TestReadEach reads files one goroutine each, in any order, and holds the
// registering to the order of the names (so positions do not depend on
// scheduling), as ReadAll does: line tables built, unreadable files as
// stand-ins with their error, files registered before passed as they are.
func TestReadEach(t *testing.T) {
	dir := t.TempDir()
	tree := map[string]string{"app.json": `{"pages": []}`}
	var rels []string
	for i := range 200 {
		rel := fmt.Sprintf("pages/p%03d.js", i)
		tree[rel] = strings.Repeat(fmt.Sprintf("// %d\n", i), 1+i%7)
		rels = append(rels, rel)
	}
	testutil.WriteTree(t, dir, tree)
	if err := os.Mkdir(filepath.Join(dir, "pages", "dir.js"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rels = append(rels, "pages/dir.js", "missing.js", "app.json", "pages/p007.js")
	var mu sync.Mutex
	got := make([]*File, len(rels))
	errs := make([]error, len(rels))
	calls := 0
	p.ReadEach(rels, func(i int, f *File, err error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		got[i], errs[i] = f, err
	})
	if calls != len(rels) {
		t.Fatalf("%d calls for %d files", calls, len(rels))
	}
	for i := range 200 {
		f := got[i]
		if errs[i] != nil || string(f.Src) != tree[rels[i]] {
			t.Fatalf("%s: %q, %v", rels[i], f.Src, errs[i])
		}
		if i > 0 && f.Pos(0) <= got[i-1].Pos(0) {
			t.Errorf("%s registered before %s", rels[i], rels[i-1])
		}
		if n := f.TF().LineCount(); n != 1 && len(f.Src) > 0 {
			t.Errorf("%s: %d lines before Lines, want the 1 AddFile gives (line tables are built when asked for)", rels[i], n)
		}
		if n := f.Lines().LineCount(); n != 1+i%7 {
			t.Errorf("%s: %d lines, want %d", rels[i], n, 1+i%7)
		}
	}
	if errs[200] == nil || errs[201] == nil || got[200] == nil || got[200].Src != nil || got[200].Readable() {
		t.Errorf("unreadable files: %v %v %+v", errs[200], errs[201], got[200])
	}
	if errs[202] != nil || got[202] != p.App.File {
		t.Errorf("app.json, read by the loader: %+v, %v", got[202], errs[202])
	}
	// Listed twice: the bytes, read again, on a copy at the same place.
	if errs[203] != nil || !got[203].Same(got[7]) || got[203].TF() != got[7].TF() || string(got[203].Src) != tree["pages/p007.js"] {
		t.Errorf("a file listed twice: %+v, %v", got[203], errs[203])
	}
}

// TestRelease drops a file's bytes and reads them again where they are
// wanted: Text keeps them from then on, ReadFile does not, Register does
// not read them.
func TestRelease(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"app.json":   `{"pages": ["index"]}`,
		"index.js":   "Page({})\n",
		"index.json": `{}`,
	})
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := p.ReadFile("index.js")
	if err != nil {
		t.Fatal(err)
	}
	f.Release(false)
	if f.Src != nil || !f.Readable() || p.Source("index.js") != nil {
		t.Fatalf("released: %q, readable %v", f.Src, f.Readable())
	}
	if g, err := p.Register("index.js"); err != nil || g != f || g.Src != nil {
		t.Errorf("Register read it again: %+v, %v", g, err)
	}
	g, err := p.ReadFile("index.js")
	if err != nil || g == f || !g.Same(f) || g.TF() != f.TF() || string(g.Src) != "Page({})\n" || f.Src != nil {
		t.Errorf("ReadFile: %+v, %v; the file %q", g, err, f.Src)
	}
	if src := p.Text("index.js"); string(src) != "Page({})\n" || string(f.Src) != "Page({})\n" {
		t.Errorf("Text: %q, then the file holds %q", src, f.Src)
	}
	// The JSON the loader parsed is never released: rules edit its values.
	app := p.App.File
	app.Release(false)
	if string(app.Src) != `{"pages": ["index"]}` {
		t.Errorf("app.json released")
	}
	// A file kept (it holds what a rule reads) stays.
	h, err := p.ReadFile("index.json")
	if err != nil {
		t.Fatal(err)
	}
	h.Release(true)
	h.Release(false)
	if string(h.Src) != `{}` {
		t.Errorf("a kept file was released")
	}
	// Register reads and registers a file not read yet, and lets its
	// bytes go.
	if err := os.WriteFile(filepath.Join(dir, "other.js"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := p.Register("other.js")
	if err != nil || o.Src != nil || o.Size() != 2 || o.TF().Size() != 2 || !o.Readable() {
		t.Errorf("Register of a new file: %+v, %v", o, err)
	}
	// Upload's sizes come from the files read, released or not.
	for _, uf := range p.Upload().Files {
		if uf.MP == "index.js" && uf.Bytes != 9 {
			t.Errorf("index.js uploaded as %d bytes, want 9", uf.Bytes)
		}
	}
}

// TestReadSized reads a file whole whatever its size was when stat'ed: the
// same, grown since, or shrunk since.
func TestReadSized(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "f.js")
	want := strings.Repeat("x", 10000)
	if err := os.WriteFile(abs, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int64{10000, 0, 1, 9999, 10001, 20000} {
		if b, err := readSized(abs, n); err != nil || string(b) != want {
			t.Errorf("stat'ed at %d: %d bytes, %v", n, len(b), err)
		}
	}
	if _, err := readSized(abs+".missing", 1); err == nil {
		t.Errorf("a missing file read")
	}
}
