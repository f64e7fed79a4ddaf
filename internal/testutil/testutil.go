// Package testutil holds what the tests of several packages share: a
// deadline for work that must stay linear, and a tree of files written at
// test time.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Within runs f and fails the test when it has not returned after d. The
// inputs it guards take well under a second with work linear in their
// size, and minutes when anything is quadratic or exponential, so the
// deadline tells the two apart on a loaded machine too. (The goroutine is
// not stopped: a failing test spins on until the binary exits.)
func Within(t testing.TB, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
		t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond))
	case <-time.After(d):
		t.Fatalf("%s: not done after %v", what, d)
	}
}

// WriteTree writes files (slash paths to contents) under dir, making the
// folders they need.
func WriteTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
