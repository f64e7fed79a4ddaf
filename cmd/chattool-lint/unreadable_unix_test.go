//go:build unix

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// TestUnreadableFolder: a folder of the project the checker cannot list is
// reported as "cannot read", not as missing files, and size says so rather
// than undercounting silently. Root reads every folder, so as root the
// command runs as nobody (uid 65534), from a copy of this test binary in a
// folder nobody may enter (testscript's own are root's alone).
func TestUnreadableFolder(t *testing.T) {
	dir, err := os.MkdirTemp("", "unreadable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(filepath.Join(dir, "proj", "images"), 0o755)
		os.RemoveAll(dir)
	})
	testutil.WriteTree(t, dir, map[string]string{
		"proj/app.json":          `{"pages": ["pages/a/a"]}`,
		"proj/sitemap.json":      `{"rules": []}`,
		"proj/pages/a/a.json":    `{}`,
		"proj/pages/a/a.wxml":    `<image src="/images/logo.png"/>` + "\n",
		"proj/pages/a/a.js":      "Page({})\n",
		"proj/images/logo.png":   strings.Repeat("x", 4096),
		"proj/images/banner.png": strings.Repeat("x", 4096),
	})
	bin := filepath.Join(dir, "chattool-lint")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, self, bin)
	for _, d := range []string{dir, filepath.Join(dir, "proj"), filepath.Join(dir, "proj", "pages"), filepath.Join(dir, "proj", "pages", "a")} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "proj", "images"), 0); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CHATTOOL_LINT_CACHE=off")
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run() // the exit status is not the point: the words are
		return stdout.String(), stderr.String()
	}
	out, errOut := run("proj")
	if !strings.Contains(out, "proj/images:1:1: error: cannot read images: folder: permission denied (parse-error)") {
		t.Errorf("lint: no \"cannot read\" for the folder:\n%s%s", out, errOut)
	}
	if strings.Contains(out, "no such file") {
		t.Errorf("lint: a file in the unreadable folder is called missing:\n%s", out)
	}
	out, errOut = run("size", "--all", "proj")
	if !strings.Contains(out, "images") || !strings.Contains(out, "cannot be read") {
		t.Errorf("size: the unreadable folder is not named among the files not counted:\n%s%s", out, errOut)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
