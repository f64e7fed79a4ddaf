package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// Write writes the changed files of the plan, each atomically (a temporary
// file beside it, renamed over it) with its permissions kept. It writes only
// inside the project directory (symlinks are followed, and must stay inside
// it), and only over a file whose content is still what the linter read: a
// file edited since is left alone and named in the error. It goes on after
// a file it cannot write and returns the errors together.
func (p *Plan) Write() error {
	if len(p.Files) == 0 {
		return nil
	}
	root, err := realDir(p.Dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range p.Files {
		if err := writeFile(root, f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func realDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// target resolves a project path to the file to write, inside root.
func target(root, rel string) (string, error) {
	clean := path.Clean(rel)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || path.IsAbs(clean) || filepath.VolumeName(filepath.FromSlash(clean)) != "" {
		return "", fmt.Errorf("%s: not a path inside the project", rel)
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(clean)))
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(root, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", fmt.Errorf("%s: resolves to %s, outside the project %s; not written", rel, real, root)
	}
	return real, nil
}

func writeFile(root string, f *File) error {
	name, err := target(root, f.Path)
	if err != nil {
		return err
	}
	st, err := os.Stat(name)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file; not written", f.Path)
	}
	cur, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, f.Old) {
		return fmt.Errorf("%s: changed since it was linted; not written", f.Path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".chattool-lint-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(f.New); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	done = true
	return nil
}

// Diff returns the unified diff of the plan's changes (nil when there are
// none), one file after another, named a/PATH and b/PATH with PATH relative
// to cwd (as the text report names files), so that `patch -p1` or `git
// apply` run in cwd applies it. A file outside cwd is named by its absolute
// path, as `git diff --no-index` names it (a/tmp/x for /tmp/x): `patch -p1
// -d /` applies those. The lines keep their line endings, so a CRLF file's
// hunk lines end in CRLF.
//
// Names are written as git writes them: a name with a control character, a
// double quote, a backslash or a byte past ASCII is quoted as a C string
// ("a/caf\303\251.json"), and the ---/+++ line of a name with a space ends
// in a TAB, which tells patch where the name ends (GNU patch would read
// a/my dir/app.json as a/my).
//
// The diff is github.com/rogpeppe/go-internal/diff, a copy of the Go
// toolchain's internal/diff (an anchored diff: O(n log n), and clearer than
// a minimal one around repeated lines such as closing braces), which the
// module requires already for its script tests.
func (p *Plan) Diff(cwd string) []byte {
	var out bytes.Buffer
	for _, f := range p.Files {
		name := strings.TrimPrefix(DisplayPath(cwd, p.Dir, f.Path), "/")
		d := diff.Diff("a", f.Old, "b", f.New)
		if d == nil {
			continue
		}
		a, b := quoteName("a/"+name), quoteName("b/"+name)
		fmt.Fprintf(&out, "diff %s %s\n--- %s%s\n+++ %s%s\n", a, b, a, nameEnd(a), b, nameEnd(b))
		out.Write(d[len("diff a b\n--- a\n+++ b\n"):])
	}
	return out.Bytes()
}

// nameEnd is what git writes after a file name in a ---/+++ line: a TAB when
// the name has a space (git's diff.c), nothing otherwise.
func nameEnd(name string) string {
	if strings.Contains(name, " ") {
		return "\t"
	}
	return ""
}

// quoteName quotes a name as git does with core.quotePath on (its default,
// quote.c's quote_c_style): when it holds a control character, a double
// quote, a backslash or a byte past ASCII, the whole name goes between
// double quotes with those bytes escaped (\t, \n, \", \\, octal for the
// others).
func quoteName(name string) string {
	if !strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == '"' || r == '\\' || r >= 0x7f }) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\a':
			b.WriteString(`\a`)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\v':
			b.WriteString(`\v`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// DisplayPath is a project file's path as reports show it: relative to cwd
// when it is inside cwd, with forward slashes.
func DisplayPath(cwd, dir, rel string) string {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if cwd != "" {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, abs)
		}
		if r, err := filepath.Rel(cwd, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			p = r
		} else {
			p = abs
		}
	}
	return filepath.ToSlash(p)
}
