package engine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/options"
)

// TestEarlyReach: a check that loads the project takes the Reach it
// started once the parsers were done, and its findings are those of a
// check from scratch; a derived check starts none.
func TestEarlyReach(t *testing.T) {
	dir := copyProject(t, "../testdata/example")
	res, err := (&options.Flags{NoCache: true}).Resolver()
	if err != nil {
		t.Fatal(err)
	}
	page := "miniprogram/pages/index/index.js"
	text, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	job := func(src string, keep map[string]bool) *check.Job {
		o, _ := res.For(dir)
		return &check.Job{Target: &discover.Target{Dir: dir, Files: keep, Overlay: map[string][]byte{page: []byte(src)}}, Options: o}
	}
	eng := New()
	eng.Trust(true)
	for i, edit := range []string{"", "const u = require('../../app.js')\n", "// more\n"} {
		for _, keep := range []map[string]bool{nil, {page: true}} {
			text = append(text, edit...)
			before := eng.early.taken
			j := job(string(text), keep)
			eng.Check(j)
			full := job(string(text), keep)
			check.Lint(full)
			if got, want := dump(j), dump(full); got != want {
				t.Errorf("check %d (keeping %v):\n%s\nwant, from scratch:\n%s", i, keep, got, want)
			}
			loaded := i == 0 && keep == nil
			if took := eng.early.taken > before; took != loaded {
				t.Errorf("check %d (keeping %v): took an early Reach: %v, want %v", i, keep, took, loaded)
			}
		}
	}
}
