package size

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/chattool-lint/chattool-lint/project"
)

// TestCache checks that a cached run reports what an uncached one does,
// that it reuses the estimates (the cache file is not rewritten), that a
// changed file is estimated again, and that a corrupt cache file is only a
// cache miss.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, "p", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("project.config.json", `{"setting": {"es6": true, "minified": true, "minifyWXSS": true}}`)
	write("app.json", `{"pages": ["pages/a/a"]}`)
	write("pages/a/a.js", "function hello(name) {\n  const greeting = `hello ${name}`;\n  return greeting;\n}\nPage({ onLoad() { hello('x') } })\n")
	write("pages/a/a.wxss", ".a {\n  color: #ff0000;\n}\n")
	cacheDir := filepath.Join(dir, "cache")
	measure := func(cached bool) *Report {
		t.Helper()
		opts := project.Options{}
		if cached {
			opts.CacheDir = cacheDir
		}
		p, err := project.Load(filepath.Join(dir, "p"), opts)
		if err != nil {
			t.Fatal(err)
		}
		return Measure(p, nil)
	}
	sizes := func(r *Report) map[string]int64 {
		m := map[string]int64{}
		for _, f := range r.Packages[0].Files {
			m[f.MP] = f.Built
		}
		return m
	}
	cacheFile := func() (string, os.FileInfo) {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(cacheDir, "size-*"))
		if len(m) != 1 {
			t.Fatalf("cache files %q, want one", m)
		}
		fi, err := os.Stat(m[0])
		if err != nil {
			t.Fatal(err)
		}
		return m[0], fi
	}

	want := sizes(measure(false))
	if got := sizes(measure(true)); !reflect.DeepEqual(got, want) {
		t.Fatalf("first cached run %v, want %v", got, want)
	}
	path, fi := cacheFile()
	if got := sizes(measure(true)); !reflect.DeepEqual(got, want) {
		t.Fatalf("second cached run %v, want %v", got, want)
	}
	if _, fi2 := cacheFile(); !fi2.ModTime().Equal(fi.ModTime()) || fi2.Size() != fi.Size() {
		t.Errorf("the cache was rewritten by a run that changed nothing")
	}

	write("pages/a/a.wxss", ".a {\n  color: #ff0000;\n  margin: 0 0 0 0;\n}\n")
	want = sizes(measure(false))
	if got := sizes(measure(true)); !reflect.DeepEqual(got, want) {
		t.Errorf("after a change: cached %v, want %v", got, want)
	}

	if err := os.WriteFile(path, []byte("chattool-lint size cache\x01\x00\x01garbage\xff\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := sizes(measure(true)); !reflect.DeepEqual(got, want) {
		t.Errorf("with a corrupt cache: %v, want %v", got, want)
	}
}
