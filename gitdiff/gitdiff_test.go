package gitdiff

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A diff as git diff -U0 -M --text writes it, with the cases the parser
// must get right.
const sample = `diff --git a/app.json b/app.json
index 1111111..2222222 100644
--- a/app.json
+++ b/app.json
@@ -3 +3 @@
-  "pages": ["a"]
+  "pages": ["a", "b"]
@@ -10,2 +9,0 @@
-  "x": 1,
-  "y": 2
@@ -20,0 +19,3 @@
+++ a line that looks like a header
+--- and another
+@@ -1 +1 @@ not a hunk
@@ -30 +33,2 @@
-a
+b
+c
\ No newline at end of file
diff --git a/new.js b/new.js
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.js
@@ -0,0 +1,2 @@
+wx.showShareMenu()
+Page({})
diff --git a/empty.wxss b/empty.wxss
new file mode 100644
index 0000000..e69de29
diff --git a/gone.js b/gone.js
deleted file mode 100644
index 4444444..0000000
--- a/gone.js
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/old/name.js b/pages/name.js
similarity 90%
rename from old/name.js
rename to pages/name.js
index 5555555..6666666 100644
--- a/old/name.js
+++ b/pages/name.js
@@ -7 +7 @@
-a
+b
diff --git a/moved.js b/elsewhere/moved.js
similarity 100%
rename from moved.js
rename to elsewhere/moved.js
diff --git "a/caf\303\251.wxml" "b/caf\303\251.wxml"
index 7777777..8888888 100644
--- "a/caf\303\251.wxml"
+++ "b/caf\303\251.wxml"
@@ -1,0 +2 @@
+<view/>
diff --git a/my page.js b/my page.js
index 9999999..aaaaaaa 100644
--- a/my page.js	
+++ b/my page.js	
@@ -4 +4 @@
-a
+b
diff --git a/new page.js b/new page.js
new file mode 100644
index 0000000..e69de29
`

func TestParseDiff(t *testing.T) {
	got, err := ParseDiff([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*File{
		"app.json":      {Lines: []Range{{3, 3}, {19, 21}, {33, 34}}},
		"new.js":        {Whole: true, Lines: []Range{{1, 2}}},
		"empty.wxss":    {Whole: true},
		"pages/name.js": {Lines: []Range{{7, 7}}},
		"café.wxml":     {Lines: []Range{{2, 2}}},
		"my page.js":    {Lines: []Range{{4, 4}}},
		"new page.js":   {Whole: true},
	}
	if !reflect.DeepEqual(got, want) {
		for k, v := range got {
			t.Logf("%q: %+v", k, *v)
		}
		t.Errorf("want %d files as listed", len(want))
	}
}

func TestParseDiffErrors(t *testing.T) {
	for _, in := range []string{
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n+b\n",   // ends in a hunk
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n x\n+b\n", // context inside -U0
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +z @@\n",             // bad header
	} {
		if _, err := ParseDiff([]byte(in)); err == nil {
			t.Errorf("ParseDiff(%q): no error", in)
		}
	}
}

func TestChanged(t *testing.T) {
	f := &File{Lines: []Range{{3, 3}, {10, 12}}}
	for _, tc := range []struct {
		from, to int
		want     bool
	}{
		{3, 3, true}, {2, 2, false}, {4, 9, false}, {9, 10, true}, {12, 12, true},
		{13, 20, false}, {1, 3, true}, {11, 0, true}, {0, 0, true},
	} {
		if got := f.Changed(tc.from, tc.to); got != tc.want {
			t.Errorf("Changed(%d, %d) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
	var none *File
	if none.Changed(0, 0) || none.Changed(1, 1) {
		t.Error("an unchanged file changed")
	}
	if renamed := (&File{}); renamed.Changed(0, 0) {
		t.Error("a file moved without a change changed as a whole")
	}
	if whole := (&File{Whole: true}); !whole.Changed(5, 5) || !whole.Changed(0, 0) {
		t.Error("a new file did not change")
	}
}

// gitRun runs git in dir, deterministically (no user or system
// configuration, a fixed author, no signing).
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func gitEnv(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
		"GIT_CEILING_DIRECTORIES": filepath.Dir(t.TempDir()),
	} {
		t.Setenv(k, v)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSince(t *testing.T) {
	gitEnv(t)
	dir := t.TempDir()
	gitRun(t, dir, "init", "-q")
	write(t, filepath.Join(dir, "p/a.js"), "one\ntwo\nthree\n")
	write(t, filepath.Join(dir, ".gitignore"), "dist/\n")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "first")
	gitRun(t, dir, "branch", "base")
	// A commit on the branch, then changes in the working tree: a line
	// changed (unstaged), a file staged, an untracked one, an ignored one.
	write(t, filepath.Join(dir, "p/a.js"), "one\ntwo\nthree\nfour\n")
	gitRun(t, dir, "commit", "-q", "-am", "second")
	write(t, filepath.Join(dir, "p/a.js"), "zero\none\ntwo\nthree\nfour\n")
	write(t, filepath.Join(dir, "p/staged.js"), "s\n")
	gitRun(t, dir, "add", "p/staged.js")
	write(t, filepath.Join(dir, "p/new dir/untracked.js"), "u\n")
	write(t, filepath.Join(dir, "dist/out.js"), "ignored\n")

	c, err := Since(filepath.Join(dir, "p"), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.EvalSymlinks(dir)
	if c.Root != root {
		t.Errorf("root %s, want %s", c.Root, root)
	}
	a := filepath.Join(root, "p/a.js")
	if !c.Changed(a, 1, 1) || c.Changed(a, 2, 5) {
		t.Errorf("since HEAD: a.js %+v, want line 1 only", c.File(a))
	}
	for _, p := range []string{"p/staged.js", "p/new dir/untracked.js"} {
		if f := c.File(filepath.Join(root, p)); f == nil || !f.Whole {
			t.Errorf("%s: %+v, want new as a whole", p, f)
		}
	}
	if c.File(filepath.Join(root, "dist/out.js")) != nil {
		t.Error("an ignored file counts as new")
	}
	if c.Contains(filepath.Join(filepath.Dir(root), "elsewhere.js")) {
		t.Error("a file outside the repository is in it")
	}

	// From the merge base with base: the committed line 4 too.
	c, err = SinceMergeBase(dir, "base")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Changed(a, 1, 1) || !c.Changed(a, 5, 5) || c.Changed(a, 2, 4) {
		t.Errorf("since the merge base: a.js %+v, want lines 1 and 5", c.File(a))
	}

	if _, err := Since(dir, "no-such-branch"); !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), `"no-such-branch"`) {
		t.Errorf("unknown revision: %v", err)
	}
	if _, err := Since(dir, "--output=/tmp/x"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("an option as the revision: %v", err)
	}
	outside := t.TempDir()
	if _, err := Since(outside, "HEAD"); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: %v", err)
	}
}
