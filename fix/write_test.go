package fix

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// lazyPlan plans the fix of app.json's lazyCodeLoading in the project dir
// (whose app.json must hold appJSON).
func lazyPlan(dir string) *Plan { return lazyPlanOf(dir, "app.json") }

// lazyPlanOf is lazyPlan for a file named rel that holds appJSON.
func lazyPlanOf(dir, rel string) *Plan {
	return Compute(result(dir, map[string]string{rel: appJSON},
		finding("a", rel, 2, fix("a", edit(rel, appJSON, `"requiredcomponents"`, `"requiredComponents"`)))))
}

var fixedJSON = strings.Replace(appJSON, "requiredcomponents", "requiredComponents", 1)

// patch -p1 applies the diff of a file whose path has a space, as git names
// it (a TAB after the name), and of one without; and names git quotes.
func TestDiffPatch(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch")
	}
	for _, rel := range []string{"my dir/app.json", "proj/app.json", "a b/c d.json", "tab\tand \"quote\"/caf\u00e9 \\.json"} {
		if runtime.GOOS == "windows" && strings.ContainsAny(rel, "\t\"\\") {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			cwd := t.TempDir()
			name := filepath.Join(cwd, filepath.FromSlash(rel))
			mustWrite(t, name, appJSON, 0o644)
			d := lazyPlanOf(filepath.Dir(name), filepath.Base(name)).Diff(cwd)
			cmd := exec.Command("patch", "-p1", "--batch", "--forward")
			cmd.Dir = cwd
			cmd.Stdin = bytes.NewReader(d)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch -p1: %v\n%s\ndiff:\n%s", err, out, d)
			}
			if got := mustRead(t, name); got != fixedJSON {
				t.Errorf("patched:\n%s", got)
			}
			if entries, _ := os.ReadDir(cwd); len(entries) != 1 {
				t.Errorf("patch made files: %v", entries)
			}
		})
	}
}

// The names as git writes them (git diff of the same files).
func TestDiffNames(t *testing.T) {
	for _, tc := range []struct{ rel, header string }{
		{"app.json", "diff a/app.json b/app.json\n--- a/app.json\n+++ b/app.json\n"},
		{"my dir/app.json", "diff a/my dir/app.json b/my dir/app.json\n--- a/my dir/app.json\t\n+++ b/my dir/app.json\t\n"},
		{"caf\u00e9/x\"y\\z\x01.json", `diff "a/caf\303\251/x\"y\\z\001.json" "b/caf\303\251/x\"y\\z\001.json"` + "\n" +
			`--- "a/caf\303\251/x\"y\\z\001.json"` + "\n" + `+++ "b/caf\303\251/x\"y\\z\001.json"` + "\n"},
		{"a b/t\tn.json", "diff \"a/a b/t\\tn.json\" \"b/a b/t\\tn.json\"\n--- \"a/a b/t\\tn.json\"\t\n+++ \"b/a b/t\\tn.json\"\t\n"},
	} {
		p := &Plan{Dir: ".", Files: []*File{{Path: tc.rel, Old: []byte("a\n"), New: []byte("b\n")}}}
		want := tc.header + "@@ -1,1 +1,1 @@\n-a\n+b\n"
		if got := string(p.Diff("")); got != want {
			t.Errorf("%q:\n%q\nwant\n%q", tc.rel, got, want)
		}
	}
}
