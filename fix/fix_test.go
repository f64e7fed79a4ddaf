package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

// edit replaces the first occurrence of old in src (after skip bytes) with
// text; old "" with an at string inserts before at.
func edit(path, src, old, text string) lint.Edit {
	i := strings.Index(src, old)
	if i < 0 {
		panic(old + " not in " + path)
	}
	return lint.Edit{Path: path, Start: lint.Position{Offset: i}, End: lint.Position{Offset: i + len(old)}, NewText: text}
}

func insert(path, src, before, text string) lint.Edit {
	i := strings.Index(src, before)
	if i < 0 {
		panic(before + " not in " + path)
	}
	return lint.Edit{Path: path, Start: lint.Position{Offset: i}, End: lint.Position{Offset: i}, NewText: text}
}

func finding(rule, path string, line int, fixes ...lint.Fix) lint.Finding {
	return lint.Finding{Rule: rule, Path: path, Start: lint.Position{Line: line, Column: 1}, Message: rule, Fixes: fixes}
}

func fix(msg string, edits ...lint.Edit) lint.Fix { return lint.Fix{Message: msg, Edits: edits} }

func result(dir string, files map[string]string, fs ...lint.Finding) *lint.Result {
	return &lint.Result{Dir: dir, Findings: fs, Source: func(p string) []byte {
		if s, ok := files[p]; ok {
			return []byte(s)
		}
		return nil
	}}
}

const appJSON = "{\n  \"lazyCodeLoading\": \"requiredcomponents\",\n  \"subPackages\": [{ \"root\": \"p\", \"independent\": true }],\n}\n"

func TestCompute(t *testing.T) {
	files := map[string]string{"app.json": appJSON, "b.json": "{}"}
	lazy := edit("app.json", appJSON, `"requiredcomponents"`, `"requiredComponents"`)
	renderer := insert("app.json", appJSON, " }]", `, "renderer": "skyline"`)
	framework := insert("app.json", appJSON, " }]", `, "componentFramework": "glass-easel"`)
	comma := edit("app.json", appJSON, "],\n}", "]\n}")
	res := result("proj", files,
		finding("lazy", "app.json", 2, fix("case", lazy), fix("second fix, never used", edit("app.json", appJSON, "{", "["))),
		finding("lazy-again", "app.json", 2, fix("same edit", lazy)),
		finding("overlapping", "app.json", 2, fix("overlaps lazy", edit("app.json", appJSON, `"lazyCodeLoading": "req`, ""))),
		finding("renderer", "app.json", 3, fix("renderer", renderer)),
		finding("framework", "app.json", 3, fix("framework", framework)),
		finding("suppressed", "app.json", 3, fix("suppressed", edit("app.json", appJSON, `"p"`, `"q"`))),
		finding("comma", "app.json", 4, fix("comma", comma)),
		finding("no source", "gone.json", 1, fix("gone", lint.Edit{Path: "gone.json"})),
		finding("no fix", "b.json", 1),
	)
	res.Findings[5].Suppressed = &lint.Suppression{Kind: "inSource"}
	p := Compute(res)
	want := "{\n  \"lazyCodeLoading\": \"requiredComponents\",\n  \"subPackages\": [{ \"root\": \"p\", \"independent\": true, \"renderer\": \"skyline\", \"componentFramework\": \"glass-easel\" }]\n}\n"
	if len(p.Files) != 1 || p.Files[0].Path != "app.json" || string(p.Files[0].New) != want || string(p.Files[0].Old) != appJSON {
		t.Fatalf("files: %+v", p.Files)
	}
	var fixed []string
	for _, f := range p.Fixed {
		fixed = append(fixed, f.Rule)
	}
	if got := strings.Join(fixed, ","); got != "lazy,lazy-again,renderer,framework,comma" {
		t.Errorf("fixed %s", got)
	}
	var skipped []string
	for _, s := range p.Skipped {
		skipped = append(skipped, s.String())
	}
	if got := strings.Join(skipped, "\n"); got != `app.json:2:1: fix "overlaps lazy" (overlapping) skipped: it overlaps the fix of an earlier finding; run --fix again`+"\n"+
		`gone.json:1:1: fix "gone" (no source) skipped: the content of gone.json is not available` {
		t.Errorf("skipped:\n%s", got)
	}
}

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	at := func(s, e int, text string) lint.Edit {
		return lint.Edit{Path: "f", Start: lint.Position{Offset: s}, End: lint.Position{Offset: e}, NewText: text}
	}
	for _, tc := range []struct {
		edits []lint.Edit
		want  string
	}{
		{nil, "abcdef"},
		{[]lint.Edit{at(4, 6, "XY"), at(0, 1, "")}, "bcdXY"},
		{[]lint.Edit{at(2, 2, "1"), at(2, 2, "2"), at(2, 4, "-")}, "ab12-ef"},
		{[]lint.Edit{at(0, 2, "<"), at(2, 2, "|"), at(6, 6, ">")}, "<|cdef>"},
	} {
		got, err := Apply(src, tc.edits)
		if err != nil || string(got) != tc.want {
			t.Errorf("Apply(%v) = %q, %v; want %q", tc.edits, got, err, tc.want)
		}
	}
	if string(src) != "abcdef" {
		t.Errorf("Apply changed its input: %q", src)
	}
	for _, bad := range [][]lint.Edit{
		{at(0, 3, ""), at(2, 4, "")},
		{at(1, 5, ""), at(3, 3, "x")},
		{at(5, 7, "")},
		{at(3, 2, "")},
	} {
		if got, err := Apply(src, bad); err == nil {
			t.Errorf("Apply(%v) = %q, want an error", bad, got)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	outside := filepath.Join(dir, "outside.json")
	mustWrite(t, filepath.Join(proj, "app.json"), appJSON, 0o640)
	mustWrite(t, filepath.Join(proj, "edited.json"), "{ }", 0o644)
	mustWrite(t, outside, "{}", 0o644)
	if err := os.Symlink(outside, filepath.Join(proj, "link.json")); err != nil {
		t.Skip("no symlinks:", err)
	}
	files := map[string]string{"app.json": appJSON, "edited.json": "{}", "link.json": "{}"}
	res := result(proj, files,
		finding("a", "app.json", 2, fix("a", edit("app.json", appJSON, `"requiredcomponents"`, `"requiredComponents"`))),
		finding("b", "edited.json", 1, fix("b", insert("edited.json", "{}", "}", `"k": 1`))),
		finding("c", "link.json", 1, fix("c", insert("link.json", "{}", "}", `"k": 1`))),
	)
	p := Compute(res)
	if len(p.Files) != 3 {
		t.Fatalf("%d files", len(p.Files))
	}
	err := p.Write()
	if err == nil {
		t.Fatal("Write wrote a changed file and one outside the project")
	}
	for _, want := range []string{"edited.json: changed since it was linted", "link.json: resolves to " + outside + ", outside the project"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	got := mustRead(t, filepath.Join(proj, "app.json"))
	if want := strings.Replace(appJSON, "requiredcomponents", "requiredComponents", 1); got != want {
		t.Errorf("app.json:\n%s", got)
	}
	if mustRead(t, filepath.Join(proj, "edited.json")) != "{ }" || mustRead(t, outside) != "{}" {
		t.Error("a file that must stay was written")
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(filepath.Join(proj, "app.json"))
		if err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("app.json mode %v, %v; want -rw-r-----", st.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(proj)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "app.json edited.json link.json" {
		t.Errorf("files left in the project: %s", got)
	}
}

func TestTarget(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{"../x.json", "/etc/passwd", "a/../../x.json", ".", ""} {
		if got, err := target(root, rel); err == nil {
			t.Errorf("target(%q) = %s, want an error", rel, got)
		}
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	crlf := strings.ReplaceAll(appJSON, "\n", "\r\n")
	mustWrite(t, filepath.Join(proj, "app.json"), crlf, 0o644)
	res := result("proj", map[string]string{"app.json": crlf},
		finding("a", "app.json", 2, fix("a", edit("app.json", crlf, `"requiredcomponents"`, `"requiredComponents"`))))
	p := Compute(res)
	got := string(p.Diff(dir))
	want := "diff a/proj/app.json b/proj/app.json\n--- a/proj/app.json\n+++ b/proj/app.json\n@@ -1,4 +1,4 @@\n {\r\n-  \"lazyCodeLoading\": \"requiredcomponents\",\r\n+  \"lazyCodeLoading\": \"requiredComponents\",\r\n   \"subPackages\": [{ \"root\": \"p\", \"independent\": true }],\r\n }\r\n"
	if got != want {
		t.Errorf("diff:\n%q\nwant\n%q", got, want)
	}
	// The diff applies with patch, when there is one, and gives the fixed file.
	if _, err := exec.LookPath("patch"); err == nil {
		cmd := exec.Command("patch", "-p1", "--quiet")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(got)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s", err, out)
		}
		if got := mustRead(t, filepath.Join(proj, "app.json")); got != string(p.Files[0].New) {
			t.Errorf("patched file:\n%q", got)
		}
	}
	if d := (&Plan{}).Diff(dir); d != nil {
		t.Errorf("empty plan's diff: %q", d)
	}
	// A project outside cwd: its files are named by their absolute path
	// without the leading slash, as git diff --no-index does.
	other := t.TempDir()
	p = Compute(result(proj, map[string]string{"app.json": crlf},
		finding("a", "app.json", 2, fix("a", edit("app.json", crlf, `"requiredcomponents"`, `"requiredComponents"`)))))
	abs := strings.TrimPrefix(filepath.ToSlash(filepath.Join(proj, "app.json")), "/")
	if got := string(p.Diff(other)); !strings.HasPrefix(got, "diff a/"+abs+" b/"+abs+"\n--- a/"+abs+"\n+++ b/"+abs+"\n") {
		t.Errorf("diff from another folder:\n%s", got)
	}
}

func TestDisplayPath(t *testing.T) {
	for _, tc := range []struct{ cwd, dir, rel, want string }{
		{"/w", "proj", "a/b.json", "proj/a/b.json"},
		{"/w", "/w/proj", "app.json", "proj/app.json"},
		{"/w", "/elsewhere", "app.json", "/elsewhere/app.json"},
		{"/w", ".", "app.json", "app.json"},
		{"", "proj", "app.json", "proj/app.json"},
	} {
		if runtime.GOOS == "windows" {
			t.Skip("POSIX paths")
		}
		if got := DisplayPath(tc.cwd, tc.dir, tc.rel); got != tc.want {
			t.Errorf("DisplayPath(%q, %q, %q) = %q, want %q", tc.cwd, tc.dir, tc.rel, got, tc.want)
		}
	}
}

func mustWrite(t *testing.T, name, s string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
