package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDiskChange: a file changed on disk that is not open (app.json no
// longer declaring the chat tool) lints the open files of its project
// again, without a save; and a didSave right after another file was
// written sees that file as written (the watcher's barrier).
func TestDiskChange(t *testing.T) {
	dir := fixture(t)
	c := start(t, Options{Debounce: 20 * time.Millisecond}, nil)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	c.open(uri, readFile(t, path))
	if p := c.wait(uri); len(p.Diagnostics) != 2 {
		t.Fatalf("diagnostics = %+v", p.Diagnostics)
	}
	app := filepath.Join(dir, "miniprogram", "app.json")
	old := readFile(t, app)
	// The watcher starts after the first check: wait for it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := os.WriteFile(app, []byte(`{"pages": ["pages/index/index"]}`), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case p := <-c.diags:
			if p.URI != uri || len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != apiRule {
				t.Fatalf("after app.json changed on disk: %+v", p)
			}
		case <-time.After(500 * time.Millisecond):
			if time.Now().Before(deadline) {
				continue // (not watched yet)
			}
			t.Fatal("no diagnostics after app.json changed on disk")
		}
		break
	}

	// Written back, then a save of the page at once: the save's check
	// sees app.json as written.
	if err := os.WriteFile(app, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.wait(uri); len(p.Diagnostics) != 2 {
		t.Fatalf("after app.json was written back and the page saved: %+v", p.Diagnostics)
	}
}
