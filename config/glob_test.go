package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"
)

// finishes fails the test when f has not returned after d (cases that took
// minutes or never finished before they were fixed; milliseconds now).
func finishes(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("not done after %v", d)
	}
}

func writeConfig(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func known(string) bool { return true }

// TestGlobstarDeep: ten "**" before a name nothing has, in ignore and
// overrides, and a file 40 folders deep: minimatch's recursion never
// finished.
func TestGlobstarDeep(t *testing.T) {
	star := strings.Repeat("**/", 10) + "nomatch"
	path := writeConfig(t, `{"rules": {"parse-error": "warning"}, "ignore": ["`+star+`"], "overrides": [{"files": ["`+star+`"], "rules": {"parse-error": "off"}}]}`)
	c, err := Load(path, known)
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.Options(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var sev lint.Severity
	finishes(t, 10*time.Second, func() { sev, _ = o.Severity("parse-error", strings.Repeat("d/", 40)+"f.js") })
	if sev != lint.Warning {
		t.Errorf("severity %v", sev)
	}
}
