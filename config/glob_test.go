package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

func writeConfig(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func known(string) bool { return true }

// TestGlobBraceBudget: brace expansion was bounded per glob, not per file:
// twenty globs like "{1..100000}*q*z" in ignore took minutes and gigabytes.
// The globs of chattool-lint.json now share one budget, and each one it
// cuts is a problem at its line and column.
func TestGlobBraceBudget(t *testing.T) {
	lines := []string{`{"ignore": [`}
	for i := range 20 {
		sep := ","
		if i == 19 {
			sep = ""
		}
		lines = append(lines, `  "{1..100000}*q*z"`+sep)
	}
	lines = append(lines, `], "overrides": [{"files": ["**/*.{js,ts}"], "rules": {}}]}`)
	path := writeConfig(t, strings.Join(lines, "\n"))
	var err error
	testutil.Within(t, 10*time.Second, "the match", func() { _, err = Load(path, known) })
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("Load: %v", err)
	}
	if len(ps) != 21 {
		t.Fatalf("%d problems, want 21 (20 ignore globs, 1 override):\n%v", len(ps), ps)
	}
	for i, p := range ps[:20] {
		if p.Line != i+2 || p.Column != 3 || !strings.Contains(p.Message, "goes past what this checker evaluates for one file") {
			t.Errorf("problem %d: %v", i, p)
		}
	}
	if p := ps[20]; p.Line != 22 || !strings.Contains(p.Message, `glob "**/*.{js,ts}" goes past`) {
		t.Errorf("override problem: %v", p)
	}

	// Within the budget: no problem.
	path = writeConfig(t, `{"ignore": ["{a,b}/**", "dist/**"], "overrides": [{"files": ["**/*.{js,ts}"], "rules": {}}]}`)
	if _, err := Load(path, known); err != nil {
		t.Errorf("Load: %v", err)
	}
}

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
	testutil.Within(t, 10*time.Second, "the match", func() { sev, _ = o.Severity("parse-error", strings.Repeat("d/", 40)+"f.js") })
	if sev != lint.Warning {
		t.Errorf("severity %v", sev)
	}
}
