// Package gitdiff finds the lines added or changed since a revision, the
// working tree included, through the git command: what --new-from-rev and
// --new-from-merge-base keep findings on.
//
// It runs, in the repository's top-level folder,
//
//	git rev-parse --verify --quiet REV^{commit}
//	git diff --no-color --no-ext-diff --no-textconv --text -U0 -M COMMIT --
//	git ls-files --others --exclude-standard -z
//
// and reads the new side of each hunk of the diff (with -U0 a hunk's new
// range is exactly its added lines), plus every untracked file that is not
// ignored, which is new as a whole. A file git sees as renamed (-M) keeps
// its unchanged lines: moving a file is not writing it. Deleted lines leave
// nothing to point at and mark nothing. Binary files are diffed as text
// (--text), so a file the linter reads always has lines.
//
// git is given the explicit options that matter (prefixes, no colour, no
// external diff driver, no textconv, core.quotePath=false), so that the
// user's configuration cannot change the output parsed here, and
// GIT_OPTIONAL_LOCKS=0, so that it never takes the index lock another git
// command (an editor's, a hook's) may hold.
package gitdiff

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Changes are the lines added or changed in the files of one repository.
type Changes struct {
	// Root is the repository's top-level folder, absolute, with symbolic
	// links resolved.
	Root string
	// Commit is the full hash of the revision compared against.
	Commit string
	files  map[string]*File
}

// File is what changed in one file.
type File struct {
	// Whole is set for a file that is new as a whole: untracked, or added
	// since the revision.
	Whole bool
	// Lines are the added or changed lines, as sorted ranges of 1-based
	// line numbers, both ends included.
	Lines []Range
}

// Range is lines From to To, both included.
type Range struct{ From, To int }

// ErrNotRepository is returned for a folder in no git repository.
var ErrNotRepository = errors.New("not in a git repository")

// ErrUnknownRevision is returned for a revision git does not know.
var ErrUnknownRevision = errors.New("unknown revision")

// Error is a failure of the git command.
type Error struct {
	Args   []string
	Dir    string
	Stderr string
	Err    error
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("git %s (in %s): %s", strings.Join(e.Args, " "), e.Dir, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// git runs git with args in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("the git command is needed and was not found: %w", err)
		}
		return nil, &Error{Args: args, Dir: dir, Stderr: stderr.String(), Err: err}
	}
	return stdout.Bytes(), nil
}

// Toplevel returns the top-level folder of the repository that holds dir,
// absolute with symbolic links resolved, or an error that wraps
// ErrNotRepository.
func Toplevel(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && strings.Contains(ge.Stderr, "not a git repository") {
			abs, _ := filepath.Abs(dir)
			return "", fmt.Errorf("%s is %w (git init, or run from a clone)", abs, ErrNotRepository)
		}
		return "", err
	}
	top := strings.TrimRight(string(out), "\r\n")
	if top == "" {
		// Inside .git or a bare repository: no work tree.
		abs, _ := filepath.Abs(dir)
		return "", fmt.Errorf("%s is %w work tree", abs, ErrNotRepository)
	}
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return top, nil
}

// Resolve returns the full hash of the commit rev names in the repository
// at top, or an error that wraps ErrUnknownRevision.
func Resolve(top, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		// An option, not a revision: never pass it to git.
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	out, err := git(top, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) {
			hint := ""
			if shallow(top) {
				hint = " (the clone is shallow: fetch the history, git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
			}
			return "", fmt.Errorf("%w %q in %s%s", ErrUnknownRevision, rev, top, hint)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// shallow reports whether the repository at top is a shallow clone.
func shallow(top string) bool {
	out, err := git(top, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// MergeBase returns the best common ancestor of ref and HEAD in the
// repository at top: where a branch forked from ref, as a pull request's
// changes are counted.
func MergeBase(top, ref string) (string, error) {
	c, err := Resolve(top, ref)
	if err != nil {
		return "", err
	}
	head, err := Resolve(top, "HEAD")
	if err != nil {
		return "", err
	}
	out, err := git(top, "merge-base", c, head)
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && strings.TrimSpace(ge.Stderr) == "" {
			hint := "the histories are unrelated"
			if shallow(top) {
				hint = "the clone is shallow: fetch the history, git fetch --unshallow, or actions/checkout with fetch-depth: 0"
			}
			return "", fmt.Errorf("%q and HEAD have no common ancestor in %s (%s)", ref, top, hint)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Since returns the lines added or changed since rev (a commit, branch, tag
// or anything git rev-parse reads) in the repository that holds dir, the
// working tree included: staged and unstaged changes to tracked files, and
// untracked files that are not ignored.
func Since(dir, rev string) (*Changes, error) {
	top, err := Toplevel(dir)
	if err != nil {
		return nil, err
	}
	commit, err := Resolve(top, rev)
	if err != nil {
		return nil, err
	}
	return between(top, commit)
}

// SinceMergeBase is Since from the merge base of ref and HEAD.
func SinceMergeBase(dir, ref string) (*Changes, error) {
	top, err := Toplevel(dir)
	if err != nil {
		return nil, err
	}
	commit, err := MergeBase(top, ref)
	if err != nil {
		return nil, err
	}
	return between(top, commit)
}

func between(top, commit string) (*Changes, error) {
	out, err := git(top, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff",
		"--no-textconv", "--text", "-U0", "-M", "--src-prefix=a/", "--dst-prefix=b/",
		"--ignore-submodules", commit, "--")
	if err != nil {
		return nil, err
	}
	files, err := ParseDiff(out)
	if err != nil {
		return nil, fmt.Errorf("reading git diff %s in %s: %v", commit, top, err)
	}
	untracked, err := git(top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, name := range strings.Split(string(untracked), "\x00") {
		if name != "" {
			files[name] = &File{Whole: true}
		}
	}
	return &Changes{Root: top, Commit: commit, files: files}, nil
}

// Contains reports whether path (absolute, symbolic links resolved) lies
// in the repository's work tree.
func (c *Changes) Contains(path string) bool {
	_, ok := c.rel(path)
	return ok
}

func (c *Changes) rel(path string) (string, bool) {
	r, err := filepath.Rel(c.Root, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// File returns what changed in the file at path (absolute, symbolic links
// resolved), or nil when nothing did.
func (c *Changes) File(path string) *File {
	r, ok := c.rel(path)
	if !ok {
		return nil
	}
	return c.files[r]
}

// Changed reports whether any of lines from to to (1-based, both included)
// of the file at path was added or changed. from < 1 asks about the file
// as a whole: whether it is new or has any added or changed line.
func (c *Changes) Changed(path string, from, to int) bool {
	return c.File(path).Changed(from, to)
}

// Changed reports whether any of lines from to to was added or changed,
// or, with from < 1, whether anything was.
func (f *File) Changed(from, to int) bool {
	switch {
	case f == nil:
		return false
	case f.Whole:
		return true
	case from < 1:
		return len(f.Lines) > 0
	}
	to = max(to, from)
	i := sort.Search(len(f.Lines), func(i int) bool { return f.Lines[i].To >= from })
	return i < len(f.Lines) && f.Lines[i].From <= to
}

// ParseDiff reads the output of git diff -U0 (with the a/ and b/ prefixes)
// and returns, by the new side's path (a slash path relative to the
// repository's top), the lines each hunk adds. A file added since the
// revision is Whole; a deleted file is left out.
func ParseDiff(out []byte) (map[string]*File, error) {
	files := map[string]*File{}
	var (
		cur      *File // the file whose hunks follow; nil: none (deleted)
		header   bool  // between "diff --git" and the first hunk
		added    bool  // the header says "new file mode"
		gitName  string
		del, add int // lines of the current hunk still to skip
	)
	lines := bytes.Split(out, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for n, b := range lines {
		line := string(b)
		if del > 0 || add > 0 {
			switch {
			case strings.HasPrefix(line, "-") && del > 0:
				del--
				continue
			case strings.HasPrefix(line, "+") && add > 0:
				add--
				continue
			case strings.HasPrefix(line, `\`): // \ No newline at end of file
				continue
			}
			return nil, fmt.Errorf("line %d: %q inside a hunk", n+1, line)
		}
		if strings.HasPrefix(line, `\`) {
			continue
		}
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur, header, added = nil, true, false
			gitName = newNameOfGitLine(strings.TrimPrefix(line, "diff --git "))
		case header && strings.HasPrefix(line, "new file mode "):
			added = true
			if gitName != "" {
				cur = fileOf(files, gitName)
				cur.Whole = true
			}
		case header && strings.HasPrefix(line, "deleted file mode "):
			cur = nil
		case header && strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				cur = nil
				continue
			}
			p, err := unquote(name)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n+1, err)
			}
			p, ok := strings.CutPrefix(p, "b/")
			if !ok {
				return nil, fmt.Errorf("line %d: %q: want a b/ prefix", n+1, line)
			}
			cur = fileOf(files, p)
			if added {
				cur.Whole = true
			}
		case strings.HasPrefix(line, "@@ "):
			header = false
			r, d, a, err := parseHunk(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n+1, err)
			}
			del, add = d, a
			if cur != nil && r.To >= r.From {
				if k := len(cur.Lines); k > 0 && cur.Lines[k-1].To+1 >= r.From {
					cur.Lines[k-1].To = max(cur.Lines[k-1].To, r.To)
				} else {
					cur.Lines = append(cur.Lines, r)
				}
			}
		}
	}
	if del > 0 || add > 0 {
		return nil, errors.New("the diff ends inside a hunk")
	}
	return files, nil
}

func fileOf(files map[string]*File, name string) *File {
	f := files[name]
	if f == nil {
		f = &File{}
		files[name] = f
	}
	return f
}

// parseHunk reads "@@ -a[,b] +c[,d] @@...": the new lines c to c+d-1,
// and how many lines are removed (b) and added (d).
func parseHunk(line string) (r Range, del, add int, err error) {
	rest := strings.TrimPrefix(line, "@@ ")
	old, rest, ok1 := strings.Cut(rest, " ")
	nw, _, ok2 := strings.Cut(rest, " @@")
	if !ok1 || !ok2 || !strings.HasPrefix(old, "-") || !strings.HasPrefix(nw, "+") {
		return r, 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	_, del, err = parseRange(old[1:])
	if err != nil {
		return r, 0, 0, fmt.Errorf("bad hunk header %q: %v", line, err)
	}
	start, add, err := parseRange(nw[1:])
	if err != nil {
		return r, 0, 0, fmt.Errorf("bad hunk header %q: %v", line, err)
	}
	return Range{From: start, To: start + add - 1}, del, add, nil
}

// parseRange reads "start[,count]" (count 1 when left out).
func parseRange(s string) (start, count int, err error) {
	a, b, has := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("bad start %q", a)
	}
	count = 1
	if has {
		if count, err = strconv.Atoi(b); err != nil || count < 0 {
			return 0, 0, fmt.Errorf("bad count %q", b)
		}
	}
	return start, count, nil
}

// unquote reads a path of a ---/+++ line: C-quoted when it holds special
// characters, followed by a TAB when it holds a space.
func unquote(s string) (string, error) {
	if strings.HasPrefix(s, `"`) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", fmt.Errorf("bad quoted path %s", s)
		}
		return strconv.Unquote(q)
	}
	return strings.TrimSuffix(s, "\t"), nil
}

// newNameOfGitLine returns the new path of a "diff --git a/X b/X" line
// when it can be read without doubt: both names quoted, or the same name
// twice (as for a file added or deleted, whose name cannot be read from
// ---/+++ lines when it is empty). "" otherwise.
func newNameOfGitLine(rest string) string {
	if strings.HasPrefix(rest, `"`) {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return ""
		}
		second := strings.TrimPrefix(rest[len(q):], " ")
		p, err := unquote(second)
		if err != nil {
			return ""
		}
		name, _ := strings.CutPrefix(p, "b/")
		return name
	}
	// "a/NAME b/NAME": the halves around the middle space.
	if len(rest)%2 == 0 {
		return ""
	}
	half := len(rest) / 2
	a, b := rest[:half], rest[half+1:]
	if rest[half] != ' ' || !strings.HasPrefix(a, "a/") || !strings.HasPrefix(b, "b/") || a[2:] != b[2:] {
		return ""
	}
	return b[2:]
}
