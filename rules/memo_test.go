package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// TestMemo: a project checked with a project.Memo (the language server
// keeps one per project) gets the findings it gets without, on its first
// check, on a check that takes every parsed file from the Memo, and on
// one where a file changed; the Memo holds only what the last two checks
// used. A rule that changed a parsed file would show here: the next check
// would see the change.
func TestMemo(t *testing.T) {
	dirs := []string{"../testdata/example"}
	if d := os.Getenv("CHATTOOL_BENCH_PROJECT"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			check := func(opts project.Options) []string { t.Helper(); return memoCheck(t, dir, opts) }
			want := check(project.Options{})
			if len(want) == 0 {
				t.Fatal("no finding: nothing to compare")
			}
			memo := project.NewMemo()
			for i := range 3 {
				memo.Next()
				if got := check(project.Options{Memo: memo}); !reflect.DeepEqual(got, want) {
					t.Fatalf("check %d with the memo:\n%q\nwant\n%q", i+1, got, want)
				}
			}
			n := memo.Len()
			if n == 0 {
				t.Fatal("the memo holds nothing")
			}
			// A changed script: the memo gives the other files, the
			// changed one is parsed again, and the findings are those of
			// a check without the memo.
			p, err := project.Load(dir, project.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var script string
			var pf *project.File
			for rel := range p.Tree() { // the longest script
				if filepath.Ext(rel) == ".js" {
					if f, err := p.ReadFile(rel); err == nil && (pf == nil || len(f.Src) > len(pf.Src)) {
						script, pf = rel, f
					}
				}
			}
			if script == "" {
				t.Skip("no script")
			}
			// (Of the same length: the memo must tell contents apart, not
			// lengths.)
			changed := []byte("wx.shareAppMessage()\n")
			if len(pf.Src) < len(changed) {
				t.Skipf("%s is too short to change", script)
			}
			changed = append(changed, pf.Src[len(changed):]...)
			overlay := map[string][]byte{script: changed}
			if before := want; reflect.DeepEqual(check(project.Options{Overlay: overlay}), before) {
				t.Fatalf("changing %s changes no finding: the test would not see a stale parse", script)
			}
			want = check(project.Options{Overlay: overlay})
			memo.Next()
			if got := check(project.Options{Memo: memo, Overlay: overlay}); !reflect.DeepEqual(got, want) {
				t.Fatalf("after a change, with the memo:\n%q\nwant\n%q", got, want)
			}
			memo.Next()
			memo.Next() // the changed script's old parse is not used by the last two checks
			if got := memo.Len(); got > n {
				t.Errorf("the memo holds %d values after the change, %d before: old ones are kept", got, n)
			}
		})
	}
}

// run loads the project in dir and runs every rule on it; a rule that fails
// fails the test.
func run(t testing.TB, dir string) (*project.Project, *lint.Result) {
	t.Helper()
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(p, rules.All())
	if err != nil {
		t.Fatalf("a rule failed: %v", err)
	}
	return p, res
}

// memoCheck checks the project in dir with every rule and returns its
// findings, one line each.
func memoCheck(t *testing.T, dir string, opts project.Options) []string {
	t.Helper()
	opts.CacheDir = ""
	p, err := project.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(p, rules.All())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s %v", f.Path, f.Start.Line, f.Start.Column, f.End.Line, f.End.Column, f.Rule, f.Message, f.Fixes))
	}
	return out
}

// TestMemoReads: the memo keeps the bytes of the files it saw read, and a
// file changed on disk since (other bytes of the same length, written
// with a later modification time, as an editor's save does) is read
// again.
func TestMemoReads(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/example")); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "miniprogram", "packageChatTool", "pages", "vote", "index.wxml")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	memo := project.NewMemo()
	memo.Next()
	first := memoCheck(t, dir, project.Options{Memo: memo})
	if want := memoCheck(t, dir, project.Options{}); !reflect.DeepEqual(first, want) {
		t.Fatalf("with the memo:\n%q\nwant\n%q", first, want)
	}
	// The same length, other bytes: a button that shares, where the page
	// began.
	changed := append([]byte(`<button open-type="share"/>`), src[len(`<button open-type="share"/>`):]...)
	if err := os.WriteFile(page, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(page, later, later); err != nil {
		t.Fatal(err)
	}
	want := memoCheck(t, dir, project.Options{})
	if reflect.DeepEqual(want, first) {
		t.Fatal("the change changes no finding: the test would not see a stale read")
	}
	memo.Next()
	if got := memoCheck(t, dir, project.Options{Memo: memo}); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the file changed on disk, with the memo:\n%q\nwant\n%q", got, want)
	}
}
