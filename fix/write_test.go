package fix

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
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

// A read-only file is not written, whoever we are (root writes any file:
// the mode says what its owner wants).
func TestWriteReadOnly(t *testing.T) {
	proj := t.TempDir()
	name := filepath.Join(proj, "app.json")
	mustWrite(t, name, appJSON, 0o444)
	before, _ := os.Stat(name)
	err := lazyPlan(proj).Write()
	var ro *ReadOnlyError
	if !errors.As(err, &ro) || ro.Dir != proj || ro.Path != "app.json" || err.Error() != "app.json: read-only (mode -r--r--r--); not written" {
		t.Errorf("Write = %v, want a *ReadOnlyError for app.json", err)
	}
	if got := mustRead(t, name); got != appJSON {
		t.Errorf("the read-only file was written:\n%s", got)
	}
	after, _ := os.Stat(name)
	if !os.SameFile(before, after) || after.Mode() != before.Mode() || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the read-only file was touched: %v %v, was %v %v", after.Mode(), after.ModTime(), before.Mode(), before.ModTime())
	}
}

// Each error names its file, as the plan does, for the command to report.
func TestWriteErrors(t *testing.T) {
	proj := t.TempDir()
	mustWrite(t, filepath.Join(proj, "app.json"), appJSON, 0o444)
	mustWrite(t, filepath.Join(proj, "b.json"), "{ }", 0o644)
	p := lazyPlan(proj)
	p.Files = append(p.Files, &File{Path: "b.json", Old: []byte("{}"), New: []byte("[]")}, &File{Path: "gone.json", Old: []byte("{}"), New: []byte("[]")})
	var got []string
	for _, err := range Errors(p.Write()) {
		var fe FileError
		if !errors.As(err, &fe) {
			t.Fatalf("%T %v is no FileError", err, err)
		}
		dir, path := fe.File()
		if dir != proj {
			t.Errorf("%v: dir %s", err, dir)
		}
		switch err.(type) {
		case *ReadOnlyError:
			got = append(got, "read-only "+path)
		case *ChangedError:
			got = append(got, "changed "+path)
		case *WriteError:
			got = append(got, "write "+path)
		default:
			got = append(got, "? "+path)
		}
	}
	if s := strings.Join(got, ", "); s != "read-only app.json, changed b.json, write gone.json" {
		t.Errorf("errors: %s", s)
	}
	if Errors(nil) != nil {
		t.Error("Errors(nil) is not nil")
	}
}

// The same project given twice (through a link to it) writes each file once,
// with no false "changed since it was linted".
func TestWriteSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	link := filepath.Join(dir, "link")
	mustWrite(t, filepath.Join(proj, "app.json"), appJSON, 0o644)
	if err := os.Symlink(proj, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	plans := []*Plan{lazyPlan(proj), lazyPlan(link)}
	merged, err := Merge(plans)
	if err != nil || len(merged) != 2 || len(merged[0].Files) != 1 || len(merged[1].Files) != 0 || len(merged[1].Fixed) != 1 {
		t.Fatalf("Merge = %+v, %v", merged, err)
	}
	if len(plans[1].Files) != 1 {
		t.Error("Merge changed its input")
	}
	if d := string(merged[1].Diff(dir)); d != "" {
		t.Errorf("the file is in the diff twice:\n%s", d)
	}
	if err := WriteAll(plans); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(proj, "app.json")); got != fixedJSON {
		t.Errorf("app.json:\n%s", got)
	}
	// Written apart, the second finds the file fixed already: no error.
	mustWrite(t, filepath.Join(proj, "app.json"), appJSON, 0o644)
	for _, p := range plans {
		if err := p.Write(); err != nil {
			t.Error(err)
		}
	}
	if got := mustRead(t, filepath.Join(proj, "app.json")); got != fixedJSON {
		t.Errorf("app.json:\n%s", got)
	}

	// Fixed differently under the two names: neither is written.
	mustWrite(t, filepath.Join(proj, "app.json"), appJSON, 0o644)
	other := lazyPlan(link)
	other.Files[0].New = []byte("{}")
	err = WriteAll([]*Plan{lazyPlan(proj), other})
	var c *ConflictError
	if !errors.As(err, &c) || c.Dir != proj || c.Path != "app.json" || c.OtherDir != link || len(Errors(err)) != 1 {
		t.Errorf("WriteAll = %v, want one *ConflictError", err)
	}
	if got := mustRead(t, filepath.Join(proj, "app.json")); got != appJSON {
		t.Errorf("a file fixed two ways was written:\n%s", got)
	}
}

// Two names of one file in a project (hard links, a link) are one file.
func TestWriteLinksInProject(t *testing.T) {
	proj := t.TempDir()
	mustWrite(t, filepath.Join(proj, "a.json"), appJSON, 0o644)
	if err := os.Link(filepath.Join(proj, "a.json"), filepath.Join(proj, "b.json")); err != nil {
		t.Skip("no hard links:", err)
	}
	if err := os.Symlink("a.json", filepath.Join(proj, "c.json")); err != nil {
		t.Skip("no symlinks:", err)
	}
	p := lazyPlanOf(proj, "a.json")
	for _, rel := range []string{"b.json", "c.json"} {
		p.Files = append(p.Files, lazyPlanOf(proj, rel).Files...)
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(proj, "b.json")); got != fixedJSON {
		t.Errorf("b.json:\n%s", got)
	}
}

// An editor that saves by renaming a new file over the one being fixed
// keeps its file, and the file it replaced (its backup, here) gets its old
// content back.
func TestWriteReplacedWhileWriting(t *testing.T) {
	proj := t.TempDir()
	name := filepath.Join(proj, "app.json")
	mustWrite(t, name, appJSON, 0o644)
	testHookBeforeWrite = func(string) {
		if err := os.Link(name, name+"~"); err != nil {
			t.Skip("no hard links:", err)
		}
		mustWrite(t, name+".new", "{ \"edited\": true }", 0o644)
		if err := os.Rename(name+".new", name); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { testHookBeforeWrite = nil }()
	err := lazyPlan(proj).Write()
	var ch *ChangedError
	if !errors.As(err, &ch) || !ch.Replaced {
		t.Errorf("Write = %v, want a *ChangedError", err)
	}
	if got := mustRead(t, name); got != "{ \"edited\": true }" {
		t.Errorf("the editor's file:\n%s", got)
	}
	if got := mustRead(t, name+"~"); got != appJSON {
		t.Errorf("the file replaced:\n%s", got)
	}
}

// memFile is a file on a disk with room for size bytes: a write past it
// fails as on a full disk, after writing what fits. failAt, when not 0, is
// the first write that fails (counting from 1), halfway, whatever the room;
// broken makes every write after a failure fail too. touched says whether
// a byte of the first oldLen was overwritten before the first failure.
type memFile struct {
	data           []byte
	size, oldLen   int
	writes, failAt int
	broken, failed bool
	touched        bool
}

func (m *memFile) WriteAt(b []byte, off int64) (int, error) {
	m.writes++
	n, err := len(b), error(nil)
	switch {
	case m.failAt == m.writes || m.broken && m.failed:
		n, err = len(b)/2, syscall.EIO
	case m.size-int(off) < len(b):
		n, err = max(m.size-int(off), 0), syscall.ENOSPC
	}
	if !m.failed && n > 0 && int(off) < m.oldLen {
		m.touched = true
	}
	if len(m.data) < int(off)+n {
		m.data = append(m.data, make([]byte, int(off)+n-len(m.data))...)
	}
	copy(m.data[off:], b[:n])
	m.failed = m.failed || err != nil
	return n, err
}

func (m *memFile) Truncate(n int64) error {
	if m.broken && m.failed {
		return syscall.EIO
	}
	if int(n) < len(m.data) {
		m.data = m.data[:n]
	} else {
		m.data = append(m.data, make([]byte, int(n)-len(m.data))...)
	}
	return nil
}

// A write that fails midway puts the old content back; on a full disk, no
// old byte is overwritten before the write fails.
func TestOverwrite(t *testing.T) {
	old, grown, shrunk := []byte(appJSON), []byte(appJSON+"// more\n"), []byte(appJSON[:20])
	for _, tc := range []struct {
		name    string
		f       *memFile
		new     []byte
		want    []byte
		err     string
		damaged bool
	}{
		{name: "grows", f: &memFile{size: 1 << 20}, new: grown, want: grown},
		{name: "shrinks", f: &memFile{size: 1 << 20}, new: shrunk, want: shrunk},
		{name: "disk full", f: &memFile{size: len(old) + 3}, new: grown, want: old, err: "no space left on device"},
		{name: "fails midway", f: &memFile{size: 1 << 20, failAt: 2}, new: grown, want: old, err: "input/output error"},
		{name: "fails midway, shrinking", f: &memFile{size: 1 << 20, failAt: 1}, new: shrunk, want: old, err: "input/output error"},
		{name: "fails, then restoring fails", f: &memFile{size: 1 << 20, failAt: 2, broken: true}, new: grown, damaged: true, err: "input/output error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.f.data, tc.f.oldLen = bytes.Clone(old), len(old)
			err := overwrite(tc.f, old, tc.new)
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.err) || err.Damaged != tc.damaged {
				t.Fatalf("overwrite = %v, want %q, damaged %v", err, tc.err, tc.damaged)
			}
			if !tc.damaged && !bytes.Equal(tc.f.data, tc.want) {
				t.Errorf("content:\n%q\nwant\n%q", tc.f.data, tc.want)
			}
			if tc.name == "disk full" && tc.f.touched {
				t.Error("old bytes were overwritten before the disk was found full")
			}
		})
	}
}

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

// FuzzQuoteName: a quoted name reads back, as a C string, as the name.
func FuzzQuoteName(f *testing.F) {
	for _, s := range []string{"a/app.json", "a/my dir/x", "a/caf\u00e9", "a/\t\"\\\x00\x7f\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		q := quoteName(name)
		if q == name {
			if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == '"' || r == '\\' || r >= 0x7f }) {
				t.Fatalf("%q left unquoted", name)
			}
			return
		}
		if u, err := strconv.Unquote(q); err != nil || u != name {
			t.Fatalf("quoteName(%q) = %s, which reads back as %q, %v", name, q, u, err)
		}
	})
}

// FuzzOverwrite: whatever write fails, and however much fits on the disk,
// the file holds the new content, or the old one and an error, or an
// error that says it may be damaged.
func FuzzOverwrite(f *testing.F) {
	f.Add([]byte(appJSON), []byte(fixedJSON+"x"), uint16(len(appJSON)+1), uint8(0), false)
	f.Add([]byte(appJSON), []byte("{}"), uint16(1000), uint8(2), true)
	f.Fuzz(func(t *testing.T, old, new []byte, size uint16, failAt uint8, broken bool) {
		m := &memFile{data: bytes.Clone(old), size: max(int(size), len(old)), oldLen: len(old), failAt: int(failAt), broken: broken}
		err := overwrite(m, old, new)
		switch {
		case err == nil:
			if !bytes.Equal(m.data, new) {
				t.Fatalf("no error, and the content is %q, not %q", m.data, new)
			}
		case !err.Damaged:
			if !bytes.Equal(m.data, old) {
				t.Fatalf("%v, and the content is %q, not %q", err, m.data, old)
			}
		}
		if err != nil && int(size) >= len(new) && failAt == 0 {
			t.Fatalf("%v with room for the new content", err)
		}
	})
}
