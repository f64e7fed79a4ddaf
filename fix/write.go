package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/rogpeppe/go-internal/diff"
)

// Write writes the changed files of the plan in place: each file is opened
// for writing, its new content written over the old and the rest cut off,
// so that its inode, mode, owner, ACLs and hard links stay as they are (a
// temporary file renamed over it would leave a file owned by whoever ran the
// fix, and break hard links). It writes only inside the project directory
// (symlinks are followed, and must stay inside it), and never:
//
//   - a read-only file: one whose mode has no write bit, for anyone (root
//     could write it; the mode says its owner does not want that), or that
//     cannot be opened for writing (*ReadOnlyError);
//   - a file whose content is no longer what the linter read (*ChangedError).
//     A file that already holds the new content is left alone without an
//     error: it is the same file reached through another path, fixed
//     already.
//
// Write reads the file just before writing it, through the descriptor it
// writes with, and compares it with what was linted; the write follows at
// once. What remains is the window from the end of that read to the end of
// the write (one comparison in memory, then the write: microseconds for the
// files a mini program has): a program that writes the file in place within
// it has its edit overwritten, or mixed with the fix (no advisory lock would
// stop an editor that takes none). An editor that saves by renaming a new
// file over the old one, before the write or during it, loses nothing:
// before, the content read is not what was linted; during, the path names
// another file after the write, which Write checks: the editor's file is
// never touched, the file it replaced gets its old content back, and the
// error is a *ChangedError.
//
// A write that fails midway (a full disk) puts the old content back and
// says so (*WriteError, Damaged when even that failed). The new bytes past
// the old end are written first, so that a file that grows runs out of
// space before any of its old bytes is overwritten.
//
// Two paths of the plan naming one file (hard links, links inside the
// project) are written once, as WriteAll does across plans. Write goes on
// after a file it cannot write and returns the errors together
// (errors.Join); each is a FileError, and Errors lists them.
func (p *Plan) Write() error {
	return WriteAll([]*Plan{p})
}

// WriteAll writes the plans, each file once: Merge first (so that a project
// given twice, as proj and a link to proj, is no false "changed since it was
// linted"), then each plan's files as Write writes them. Its error joins
// Merge's and the writes'.
func WriteAll(plans []*Plan) error {
	merged, err := Merge(plans)
	errs := []error{err}
	for _, p := range merged {
		errs = append(errs, p.write())
	}
	return errors.Join(errs...)
}

// Merge returns the plans with each real file in one of them only: two
// entries that name the same file (after symbolic links, or through hard
// links: os.SameFile) are one, the first, when they give it the same new
// content. When they do not (two runs with different configurations over
// one project), the file is left out of every plan and the error, a
// *ConflictError for each such file, says why: neither content is the fix
// of the other's findings. A file that cannot be resolved or stat'ed is
// kept as it is (Write reports it). The plans given are not changed; the
// result has one plan for each, in the same order, with the same Fixed and
// Skipped.
//
// --diff needs it as much as --fix: the same change named twice would not
// apply (patch would find the second already applied).
func Merge(plans []*Plan) ([]*Plan, error) {
	type entry struct {
		key      string // the real path
		info     fs.FileInfo
		dir, rel string
		file     *File
		conflict bool
	}
	var seen []*entry
	var errs []error
	for _, p := range plans {
		for _, f := range p.Files {
			e := &entry{dir: p.Dir, rel: f.Path, file: f}
			e.key = filepath.Join(p.Dir, filepath.FromSlash(f.Path))
			if abs, err := filepath.Abs(e.key); err == nil {
				e.key = abs
				if real, err := filepath.EvalSymlinks(abs); err == nil {
					e.key = real
					e.info, _ = os.Stat(real)
				}
			}
			var first *entry
			for _, s := range seen {
				if s.key == e.key || s.info != nil && e.info != nil && os.SameFile(s.info, e.info) {
					first = s
					break
				}
			}
			if first == nil {
				seen = append(seen, e)
				continue
			}
			e.conflict = true // left out: written (or refused) as first
			if !bytes.Equal(first.file.New, f.New) {
				first.conflict = true
				errs = append(errs, &ConflictError{Dir: first.dir, Path: first.rel, OtherDir: p.Dir, OtherPath: f.Path})
			}
		}
	}
	keep := map[*File]bool{}
	for _, s := range seen {
		if !s.conflict {
			keep[s.file] = true
		}
	}
	out := make([]*Plan, len(plans))
	for i, p := range plans {
		q := *p
		q.Files = nil
		for _, f := range p.Files {
			if keep[f] {
				q.Files = append(q.Files, f)
				delete(keep, f) // the same *File twice in a plan is written once
			}
		}
		out[i] = &q
	}
	return out, errors.Join(errs...)
}

// FileError is what each error of Write, WriteAll and Merge is: the failure
// of one file, named as the plan names it (Plan.Dir and File.Path), for a
// report to show with its path. The types are *ReadOnlyError,
// *ChangedError, *ConflictError and *WriteError.
type FileError interface {
	error
	File() (dir, path string)
}

// ReadOnlyError is a file Write refuses to write: its mode has no write bit
// (Err is nil), or it cannot be opened for writing (Err says why: no
// permission, a read-only file system, an immutable file).
type ReadOnlyError struct {
	Dir, Path string
	Mode      fs.FileMode
	Err       error
}

func (e *ReadOnlyError) Error() string {
	if e.Err != nil {
		cause := e.Err
		if pe := (*fs.PathError)(nil); errors.As(cause, &pe) {
			cause = pe.Err
		}
		return fmt.Sprintf("%s: read-only: cannot be opened for writing (%v); not written", e.Path, cause)
	}
	return fmt.Sprintf("%s: read-only (mode %v); not written", e.Path, e.Mode.Perm())
}
func (e *ReadOnlyError) Unwrap() error            { return e.Err }
func (e *ReadOnlyError) File() (dir, path string) { return e.Dir, e.Path }

// ChangedError is a file whose content is no longer what the linter read,
// or that was replaced while it was written: it is not written (or, when it
// was replaced, the file it was is given back its old content).
type ChangedError struct {
	Dir, Path string
	// Replaced: another file was renamed over the path while it was
	// written.
	Replaced bool
}

func (e *ChangedError) Error() string {
	if e.Replaced {
		return e.Path + ": replaced by another file while it was being fixed; that file is not written (run --fix again)"
	}
	return e.Path + ": changed since it was linted; not written"
}
func (e *ChangedError) File() (dir, path string) { return e.Dir, e.Path }

// ConflictError is one file that two plans fix differently, under two
// names (Dir/Path and OtherDir/OtherPath): it is not written.
type ConflictError struct {
	Dir, Path           string
	OtherDir, OtherPath string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: the same file as %s, which is fixed differently there (two configurations?); not written",
		filepath.ToSlash(filepath.Join(e.Dir, filepath.FromSlash(e.Path))), filepath.ToSlash(filepath.Join(e.OtherDir, filepath.FromSlash(e.OtherPath))))
}
func (e *ConflictError) File() (dir, path string) { return e.Dir, e.Path }

// WriteError is a file Write could not write for another reason: it lies
// outside the project, is not a regular file, cannot be read, or a write
// failed. The file is as it was, unless Damaged: a write failed midway and
// putting the old content back failed too.
type WriteError struct {
	Dir, Path string
	Err       error
	Damaged   bool
}

func (e *WriteError) Error() string {
	if e.Damaged {
		return fmt.Sprintf("%s: writing the fix failed midway, and so did putting its old content back (%v): the file may be damaged; restore it from version control", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}
func (e *WriteError) Unwrap() error            { return e.Err }
func (e *WriteError) File() (dir, path string) { return e.Dir, e.Path }

// Errors lists the errors joined in err (by errors.Join, at any depth):
// those of Write, WriteAll and Merge are each a FileError.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Errors(e)...)
		}
		return out
	}
	return []error{err}
}

// write writes the plan's files, without merging.
func (p *Plan) write() error {
	if len(p.Files) == 0 {
		return nil
	}
	root, rootErr := realDir(p.Dir)
	var errs []error
	for _, f := range p.Files {
		if rootErr != nil {
			errs = append(errs, &WriteError{Dir: p.Dir, Path: f.Path, Err: rootErr})
			continue
		}
		if err := writeFile(p.Dir, root, f); err != nil {
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
		return "", errors.New("not a path inside the project")
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(clean)))
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(root, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", fmt.Errorf("resolves to %s, outside the project %s", real, root)
	}
	return real, nil
}

// readOnly reports whether a mode forbids writing to everyone.
func readOnly(m fs.FileMode) bool { return m.Perm()&0o222 == 0 }

// testHookBeforeWrite, when set, runs between writeFile's read of the file
// and its write: where the tests put the edits of other programs.
var testHookBeforeWrite func(name string)

func writeFile(dir, root string, f *File) error {
	fail := func(err error) error {
		return &WriteError{Dir: dir, Path: f.Path, Err: fmt.Errorf("%w; not written", err)}
	}
	name, err := target(root, f.Path)
	if err != nil {
		return fail(err)
	}
	// Look before opening: opening a FIFO or a device would block, or
	// write to it.
	st, err := os.Stat(name)
	if err != nil {
		return fail(err)
	}
	if !st.Mode().IsRegular() {
		return fail(errors.New("not a regular file"))
	}
	if readOnly(st.Mode()) {
		return &ReadOnlyError{Dir: dir, Path: f.Path, Mode: st.Mode()}
	}
	fh, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return &ReadOnlyError{Dir: dir, Path: f.Path, Mode: st.Mode(), Err: err}
		}
		return fail(err)
	}
	defer fh.Close()
	// What was opened, which the path may no longer name.
	if st, err = fh.Stat(); err != nil {
		return fail(err)
	}
	if !st.Mode().IsRegular() {
		return fail(errors.New("not a regular file"))
	}
	if readOnly(st.Mode()) {
		return &ReadOnlyError{Dir: dir, Path: f.Path, Mode: st.Mode()}
	}
	// One byte more than either content tells a longer file from both.
	cur, err := io.ReadAll(io.LimitReader(fh, int64(max(len(f.Old), len(f.New)))+1))
	if err != nil {
		return fail(err)
	}
	if bytes.Equal(cur, f.New) {
		return nil // fixed already: the same file through another path
	}
	if !bytes.Equal(cur, f.Old) {
		return &ChangedError{Dir: dir, Path: f.Path}
	}
	if testHookBeforeWrite != nil {
		testHookBeforeWrite(name)
	}
	if err := overwrite(fh, f.Old, f.New); err != nil {
		err.Dir, err.Path = dir, f.Path
		return err
	}
	if now, err := os.Stat(name); err != nil || !os.SameFile(now, st) {
		// Another file was renamed over the path (an editor's save): the
		// fix went to the file that was there, which gets its old content
		// back (it may be the editor's backup copy).
		if err := overwrite(fh, f.New, f.Old); err != nil {
			err.Dir, err.Path = dir, f.Path
			return err
		}
		return &ChangedError{Dir: dir, Path: f.Path, Replaced: true}
	}
	if err := fh.Sync(); err != nil {
		return &WriteError{Dir: dir, Path: f.Path, Err: fmt.Errorf("written, but it may not have reached the disk: %w", err)}
	}
	if err := fh.Close(); err != nil {
		return &WriteError{Dir: dir, Path: f.Path, Err: fmt.Errorf("written, but closing it failed: %w", err)}
	}
	return nil
}

// writerAt is what overwrite writes to: an *os.File, or the tests' disk
// that fills up.
type writerAt interface {
	WriteAt(b []byte, off int64) (int, error)
	Truncate(size int64) error
}

// overwrite replaces the content old of the file fh with new, in place.
// The bytes past old's end are written first: a file that grows takes its
// new blocks before any old byte is overwritten, so that a full disk stops
// the write while the old content is still whole. Then new's first bytes
// are written over old, and the file is cut to new's length. When a write
// fails, overwrite puts old back and returns a *WriteError, Damaged when it
// could not.
func overwrite(fh writerAt, old, new []byte) *WriteError {
	restore := func(err error) *WriteError {
		_, werr := fh.WriteAt(old, 0)
		terr := fh.Truncate(int64(len(old)))
		if werr != nil || terr != nil {
			return &WriteError{Err: err, Damaged: true}
		}
		return &WriteError{Err: fmt.Errorf("writing the fix failed (%w); its old content was put back", err)}
	}
	if len(new) > len(old) {
		if _, err := fh.WriteAt(new[len(old):], int64(len(old))); err != nil {
			return restore(err)
		}
	}
	if _, err := fh.WriteAt(new[:min(len(old), len(new))], 0); err != nil {
		return restore(err)
	}
	if err := fh.Truncate(int64(len(new))); err != nil {
		return restore(err)
	}
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
// a/my dir/app.json as a/my). A file that two plans name (the same project
// given twice) would be in their diffs twice: Merge the plans first.
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
