//go:build unix

package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// The walk lets Exists, IsDir and ReadFile answer without asking the disk
// (metAt): their answers must be those the disk gives, for every kind of
// entry (files, folders, symlinks inside and out of the root, a FIFO,
// node_modules, dot-folders, missing paths, paths that leave the root), with
// or without miniprogramRoot.
func TestWalkShortcuts(t *testing.T) {
	for _, mr := range []string{"", "mp"} {
		t.Run("miniprogramRoot="+mr, func(t *testing.T) {
			base := t.TempDir()
			outside := filepath.Join(base, "outside")
			dir := filepath.Join(base, "project")
			mp := filepath.Join(dir, mr)
			testutil.WriteTree(t, outside, map[string]string{"secret.js": "secret", "d/x.js": "x"})
			testutil.WriteTree(t, dir, map[string]string{"project.config.json": `{"miniprogramRoot": "` + mr + `"}`})
			testutil.WriteTree(t, mp, map[string]string{
				"app.json":                 `{"pages": ["pages/a/a"]}`,
				"pages/a/a.js":             "Page({})",
				"pages/a/a.json":           "{}",
				"pages/a/a.wxml":           "<view/>",
				"miniprogram_npm/pkg/i.js": "x",
				"node_modules/dep/i.js":    "x",
				".hidden/h.js":             "h",
				"empty.js":                 "",
			})
			for link, target := range map[string]string{
				"in.js":        "pages/a/a.js",
				"indir":        "pages",
				"out.js":       filepath.Join(outside, "secret.js"),
				"outdir":       filepath.Join(outside, "d"),
				"broken.js":    "nowhere.js",
				"loop.js":      "loop.js",
				"pages/up.js":  "../app.json",
				"pages/upd":    "..",
				"pages/a/self": ".",
			} {
				if err := os.Symlink(target, filepath.Join(mp, link)); err != nil {
					t.Fatal(err)
				}
			}
			if err := syscall.Mkfifo(filepath.Join(mp, "pages/fifo.js"), 0o644); err != nil {
				t.Skipf("no FIFO: %v", err)
			}
			rels := []string{
				"app.json", "pages", "pages/a", "pages/a/a.js", "pages/a/a.json", "pages/a/a.wxml",
				"pages/a/missing.js", "pages/missing", "pages/missing/x.js", "pages/missing/y/z.js", "missing.js",
				"pages/a/a.js/x", "pages/a/a.js/x/y", "missing/miniprogram_npm/pkg", "in.js/x", "indir/nope/x.js",
				"node_modules/nope/x.js", "out.js/x/y",
				"miniprogram_npm", "miniprogram_npm/pkg", "miniprogram_npm/pkg/i.js", "miniprogram_npm/nope",
				"node_modules", "node_modules/dep", "node_modules/dep/i.js", "node_modules/nope.js",
				".hidden", ".hidden/h.js", ".hidden/nope.js", "empty.js",
				"in.js", "indir", "indir/a/a.js", "indir/nope.js", "out.js", "outdir", "outdir/x.js",
				"broken.js", "loop.js", "pages/up.js", "pages/upd", "pages/upd/app.json", "pages/upd/nope",
				"pages/a/self", "pages/a/self/a.js", "pages/fifo.js", "pages/fifo.js/x",
				".", "..", "../outside/secret.js", "pages/../app.json", "pages/../../outside/secret.js",
			}
			type answer struct {
				exists, isDir bool
				src           string
				err           string
			}
			ask := func(p *Project, rel string) answer {
				r := p.MP(rel)
				a := answer{exists: p.Exists(r), isDir: p.IsDir(r)}
				src, err := p.read(r)
				a.src = string(src)
				switch {
				case errors.Is(err, fs.ErrNotExist):
					a.err = "not exist"
				case err != nil:
					a.err = err.Error()
				}
				return a
			}
			// From the disk: a project that has not walked.
			p, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.met != nil {
				t.Fatal("the loader walked already: the answers below would not come from the disk")
			}
			disk := map[string]answer{}
			for _, rel := range rels {
				disk[rel] = ask(p, rel)
				p.exists = map[string]bool{} // no cached answer for the next project
			}
			// From the walk.
			p, err = Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p.walk()
			if p.met == nil {
				t.Fatal("no walk")
			}
			shortcuts := 0
			for _, rel := range rels {
				if p.metAt(p.MP(rel)) != 0 {
					shortcuts++
				}
				if got := ask(p, rel); got != disk[rel] {
					t.Errorf("%s: after the walk %+v, from the disk %+v", rel, got, disk[rel])
				}
			}
			if shortcuts < 15 {
				t.Errorf("only %d paths answered from the walk", shortcuts)
			}
			if p.metAt(p.MP("out.js")) != 0 || p.metAt(p.MP("node_modules/dep/i.js")) != 0 || p.metAt(p.MP("pages/fifo.js")) != 0 {
				t.Error("a symlink, node_modules or a FIFO answered from the walk")
			}
		})
	}
}

// readJSONs (the loose loader's parallel reading) leaves the project as
// readJSON does, file by file: the same files in the same order and
// positions, the same parse results and load errors.
func TestReadJSONs(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"app.json":      `{"pages": []}`,
		"a/ok.json":     `{"component": true}`,
		"a/broken.json": `{"x": `,
		"a/empty.json":  "",
		"a/crlf.json":   "{\r\n\"x\": 1\r\n}\r\n",
		"b/dir.json/x":  "a folder named like a json file",
	})
	rels := []string{"a/ok.json", "a/broken.json", "a/empty.json", "app.json", "a/missing.json",
		"../outside.json", "b/dir.json", "./a/crlf.json", "a/ok.json"}
	load := func(each bool) *Project {
		p, err := Load(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if each {
			for _, rel := range rels {
				p.readJSON(rel, "page")
			}
		} else {
			p.readJSONs(rels, "page")
		}
		return p
	}
	type jsonFile struct {
		Path, Schema string
		Root         bool
		Err          string
		Problems     int
	}
	describe := func(p *Project) (files []string, jsons []jsonFile, errs []string) {
		for _, f := range p.Files {
			tf := f.TF()
			files = append(files, fmt.Sprintf("%s base %d size %d lines %d src %q", f.Path, tf.Base(), tf.Size(), tf.LineCount(), f.Src))
		}
		for _, jf := range p.JSONFiles {
			j := jsonFile{Path: jf.Path, Schema: jf.Schema, Root: jf.Root != nil, Problems: len(jf.Problems)}
			if jf.Err != nil {
				j.Err = jf.Err.Error()
			}
			jsons = append(jsons, j)
		}
		for _, le := range p.LoadErrors {
			errs = append(errs, le.File.Path+": "+le.Err.Error())
		}
		for _, rel := range rels {
			jf := p.JSON(rel)
			errs = append(errs, fmt.Sprintf("JSON(%s) nil %v", rel, jf == nil))
		}
		return
	}
	f1, j1, e1 := describe(load(true))
	f2, j2, e2 := describe(load(false))
	if fmt.Sprint(f1) != fmt.Sprint(f2) {
		t.Errorf("files:\none by one %q\nreadJSONs  %q", f1, f2)
	}
	if fmt.Sprint(j1) != fmt.Sprint(j2) {
		t.Errorf("JSON files:\none by one %+v\nreadJSONs  %+v", j1, j2)
	}
	if fmt.Sprint(e1) != fmt.Sprint(e2) {
		t.Errorf("load errors:\none by one %q\nreadJSONs  %q", e1, e2)
	}
	if len(j1) != 5 || len(f1) != 5 || !strings.HasPrefix(e1[0], "b/dir.json: ") {
		t.Errorf("the fixture lost its point: %d JSON files, %d files, load errors %q", len(j1), len(f1), e1)
	}
}
