package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

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
			check := func(opts project.Options) []string {
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
			for _, rel := range p.Tree() { // the longest script
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
