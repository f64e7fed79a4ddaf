//go:build unix

package fix

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The file is written in place: its inode, mode, owner and hard links stay.
func TestWriteInPlace(t *testing.T) {
	proj := t.TempDir()
	name := filepath.Join(proj, "app.json")
	mustWrite(t, name, appJSON, 0o640)
	other := filepath.Join(t.TempDir(), "hard-link.json")
	if err := os.Link(name, other); err != nil {
		t.Fatal(err)
	}
	owned := os.Getuid() == 0
	if owned {
		// As a CI container's root fixing a checkout of the host's user.
		if err := os.Chown(name, 4321, 8765); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.Stat(name)
	if err := lazyPlan(proj).Write(); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, name); got != fixedJSON {
		t.Errorf("app.json:\n%s", got)
	}
	if got := mustRead(t, other); got != fixedJSON {
		t.Errorf("its hard link:\n%s", got)
	}
	after, _ := os.Stat(name)
	if !os.SameFile(before, after) {
		t.Error("app.json is another file (inode) after the fix")
	}
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v, was %v", after.Mode(), before.Mode())
	}
	st := after.Sys().(*syscall.Stat_t)
	if owned && (st.Uid != 4321 || st.Gid != 8765) {
		t.Errorf("owner %d:%d, was 4321:8765", st.Uid, st.Gid)
	}
	if st.Nlink != 2 {
		t.Errorf("%d links, was 2", st.Nlink)
	}
	if entries, _ := os.ReadDir(proj); len(entries) != 1 {
		t.Errorf("%d files in the project, want 1", len(entries))
	}
}

// A file we may not open for writing is read-only too (as another user
// than root: root opens any file).
func TestWriteNoPermission(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root may open any file for writing")
	}
	proj := t.TempDir()
	name := filepath.Join(proj, "app.json")
	mustWrite(t, name, appJSON, 0o644)
	// Owner without write, group with: the mode has a write bit, we may not.
	if err := os.Chmod(name, 0o464); err != nil {
		t.Fatal(err)
	}
	err := lazyPlan(proj).Write()
	var ro *ReadOnlyError
	if !errors.As(err, &ro) || ro.Err == nil || !strings.Contains(err.Error(), "app.json: read-only: cannot be opened for writing (permission denied)") {
		t.Errorf("Write = %v, want a *ReadOnlyError", err)
	}
	if got := mustRead(t, name); got != appJSON {
		t.Errorf("written:\n%s", got)
	}
}
