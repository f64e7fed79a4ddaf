//go:build unix

package size

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCacheFIFO: a named pipe at the cache file's path, with no writer,
// blocked the size check for ever (reading it waits for a writer). It is
// neither read nor replaced, and said once.
func TestCacheFIFO(t *testing.T) {
	cp := newCacheProject(t)
	cp.check("first run", 0)
	path := cp.path()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	cp.check("a named pipe", 1, path, "not a regular file")
	cp.check("a named pipe again", 0)
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v", err)
	}
	cp.noTemp()
}

// TestCacheSymlink: a symbolic link at the cache file's path, to
// /dev/zero (which reads without end, until memory runs out) or to a file
// elsewhere, is neither followed nor replaced, and said once.
func TestCacheSymlink(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	outside := filepath.Join(t.TempDir(), "outside")
	for _, target := range []string{"/dev/zero", outside} {
		cp := newCacheProject(t)
		cp.check("first run", 0)
		path := cp.path()
		// The file elsewhere holds a valid cache of the project: it must
		// not be read either.
		if err := os.Rename(path, outside); err != nil {
			t.Fatal(err)
		}
		before, err := os.ReadFile(outside)
		if err != nil {
			t.Fatal(err)
		}
		if target == "/dev/zero" {
			os.Remove(outside)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Fatal(err)
		}
		// A changed style sheet, not in the cache: the run has an entry
		// to write.
		if err := os.WriteFile(filepath.Join(cp.root, "pages/a/a.wxss"), []byte(".b { margin: 0 0 0 0 }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cp.want = cp.sizes(false)
		cp.check("a link to "+target, 1, path, "not a regular file")
		if got, err := os.Readlink(path); err != nil || got != target {
			t.Errorf("the link to %s was replaced (%q, %v)", target, got, err)
		}
		if target == outside {
			if after, err := os.ReadFile(outside); err != nil || string(after) != string(before) {
				t.Errorf("the file the link names was changed (%v)", err)
			}
		}
		cp.noTemp()
	}
}

// noTemp fails when a temporary file is left in the cache directory.
func (cp *cacheProject) noTemp() {
	cp.t.Helper()
	m, _ := filepath.Glob(filepath.Join(cp.cacheDir, "*"))
	if len(m) != 1 {
		cp.t.Errorf("the cache directory holds %q, want the one path", m)
	}
}
