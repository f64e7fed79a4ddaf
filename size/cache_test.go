package size

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
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

// cacheProject writes a small project and returns its root, a measure
// function (cached in cacheDir when cached is set), the sizes of an
// uncached run, and the cache key of its script.
type cacheProject struct {
	t        *testing.T
	root     string
	cacheDir string
	want     map[string]int64
}

func newCacheProject(t *testing.T) *cacheProject {
	t.Helper()
	dir := t.TempDir()
	cp := &cacheProject{t: t, root: filepath.Join(dir, "p"), cacheDir: filepath.Join(dir, "cache")}
	testutil.WriteTree(t, cp.root, map[string]string{
		"project.config.json": `{"setting": {"es6": true, "minified": true, "minifyWXSS": true}}`,
		"app.json":            `{"pages": ["pages/a/a"]}`,
		"pages/a/a.js":        "function hello(name) {\n  const greeting = `hello ${name}`;\n  return greeting;\n}\nPage({ onLoad() { hello('x') } })\n",
		"pages/a/a.wxss":      ".a {\n  color: #ff0000;\n}\n",
		"pages/a/a.wxml":      "<view class=\"a\">{{x}}</view>\n",
	})
	cp.want = cp.sizes(false)
	return cp
}

func (cp *cacheProject) load() *project.Project {
	cp.t.Helper()
	p, err := project.Load(cp.root, project.Options{CacheDir: cp.cacheDir})
	if err != nil {
		cp.t.Fatal(err)
	}
	return p
}

// sizes measures the project, with the cache when cached is set, and
// returns the built size of each file.
func (cp *cacheProject) sizes(cached bool) map[string]int64 {
	cp.t.Helper()
	opts := project.Options{}
	if cached {
		opts.CacheDir = cp.cacheDir
	}
	p, err := project.Load(cp.root, opts)
	if err != nil {
		cp.t.Fatal(err)
	}
	m := map[string]int64{}
	for _, f := range Measure(p, nil).Packages[0].Files {
		m[f.MP] = f.Built
	}
	return m
}

// path returns the project's cache file, after a first cached run
// wrote it.
func (cp *cacheProject) path() string {
	cp.t.Helper()
	m, _ := filepath.Glob(filepath.Join(cp.cacheDir, "size-*"))
	if len(m) != 1 {
		cp.t.Fatalf("cache files %q, want one", m)
	}
	return m[0]
}

// scriptKey returns the cache key of the project's script.
func (cp *cacheProject) scriptKey() (cacheKey, []byte) {
	cp.t.Helper()
	p := cp.load()
	src, err := os.ReadFile(filepath.Join(cp.root, "pages/a/a.js"))
	if err != nil {
		cp.t.Fatal(err)
	}
	c := openCache(cp.cacheDir, p.Root())
	return c.key("js", "", src, SettingsOf(p)), src
}

// check measures with the cache (within a deadline: a cache file must
// never block the run) and wants the uncached sizes, and as many notes
// about the cache as notes says, each containing every word of want.
func (cp *cacheProject) check(what string, notes int, want ...string) {
	cp.t.Helper()
	CacheNotes() // (drop those of earlier tests)
	var got map[string]int64
	testutil.Within(cp.t, 20*time.Second, what, func() { got = cp.sizes(true) })
	if !reflect.DeepEqual(got, cp.want) {
		cp.t.Errorf("%s: sizes %v, want %v (uncached)", what, got, cp.want)
	}
	ns := CacheNotes()
	if len(ns) != notes {
		cp.t.Errorf("%s: notes %q, want %d", what, ns, notes)
	}
	for _, n := range ns {
		cp.t.Logf("%s: %s", what, n)
		for _, w := range want {
			if !strings.Contains(n, w) {
				cp.t.Errorf("%s: note %q does not say %q", what, n, w)
			}
		}
	}
}

// TestCacheTampered: a cache file changed since it was written (one
// entry's bytes edited, as one would to pass a size check) is ignored
// whole, with one note, and rewritten.
func TestCacheTampered(t *testing.T) {
	cp := newCacheProject(t)
	cp.check("first run", 0)
	path := cp.path()
	k, _ := cp.scriptKey()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, k[:])
	if i < 0 {
		t.Fatalf("no entry for the script in the cache")
	}
	b[i+len(k)] ^= 1 // (the byte after the key: the entry's first number)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cp.check("tampered", 1, path, "ignored")
	cp.check("rewritten", 0)
}

// TestCacheTruncated: a cache file cut short is ignored, with a note.
func TestCacheTruncated(t *testing.T) {
	for _, cut := range []int{1, 5, 20, 40, 1 << 20} {
		cp := newCacheProject(t)
		cp.check("first run", 0)
		path := cp.path()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b[:max(0, len(b)-cut)], 0o644); err != nil {
			t.Fatal(err)
		}
		cp.check(fmt.Sprintf("cut by %d bytes", cut), 1, path, "ignored")
	}
}

// TestCacheImpossible: entries whose checksum holds but whose sizes no
// estimate gives (negative, or a thousand times the source), as a bug or
// a hand that recomputed the checksum would write, are not believed: the
// cache is ignored, with one note.
func TestCacheImpossible(t *testing.T) {
	for _, n := range []int64{-1, -511 * 1024, math.MinInt64, 1 << 40, math.MaxInt64} {
		cp := newCacheProject(t)
		cp.check("first run", 0)
		k, _ := cp.scriptKey()
		c := openCache(cp.cacheDir, cp.load().Root())
		c.used[k] = n
		c.changed = true
		if err := c.save(); err != nil {
			t.Fatal(err)
		}
		cp.check(fmt.Sprintf("an entry of %d bytes", n), 1, cp.path(), "ignored")
	}
}

// TestCacheNotRegular: a directory where the cache file goes is neither
// read nor replaced, and said once.
func TestCacheNotRegular(t *testing.T) {
	cp := newCacheProject(t)
	cp.check("first run", 0)
	path := cp.path()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	cp.check("a directory", 1, path, "not a regular file")
	cp.check("a directory again", 0) // said once
	if fi, err := os.Lstat(path); err != nil || !fi.IsDir() {
		t.Errorf("the directory was replaced: %v", err)
	}
}
