package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/fix"
)

// maxFixRounds bounds the rounds of fixing: a fix can make another finding
// appear (adding "renderer": "skyline" makes lazyCodeLoading required),
// whose fix the next round applies, as ESLint (10 passes) and Ruff do.
const maxFixRounds = 10

// fixer is the work of --fix and --diff across rounds, as Ruff's fix loop
// does it: lint, apply every fix in memory, lint the fixed contents again,
// until no fix changes anything. Files are kept by their real path, so a
// project given twice (once through a symbolic link) is fixed once.
type fixer struct {
	cwd    string
	rounds int
	files  map[string]*fixedFile // by real path, in the order first fixed
	order  []string
	// fixed counts the findings fixed, by the real path of the file
	// their fix edits first.
	fixed map[string]int
	// base are the targets' own overlays (standard input).
	base    map[*check.Job]map[string][]byte
	skipped []string
	pending bool // the last round still changed something
	// unwritten are the files --fix could not write (read-only, changed
	// since they were linted, ...), by real path; failed is set when one
	// of them failed for a reason the tool should have overcome (exit 2).
	unwritten map[string]bool
	failed    bool
}

type fixedFile struct {
	dir, rel string // the project folder, as the target gives it, and the path in it
	orig     []byte // the content on disk (or in the buffer) before any fix
	cur      []byte
}

func newFixer(cwd string, jobs []*check.Job) *fixer {
	fx := &fixer{cwd: cwd, files: map[string]*fixedFile{}, fixed: map[string]int{}, base: map[*check.Job]map[string][]byte{}}
	for _, j := range jobs {
		fx.base[j] = j.Target.Overlay
	}
	return fx
}

// realPath is the key of a file in a project folder.
func realPath(dir, rel string) string {
	p, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return filepath.Join(dir, rel)
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(d, filepath.Base(p))
	}
	return p
}

// round takes the fixes of the last check and reports whether another
// round is to run; it then sets each job's overlay to the fixed contents.
func (fx *fixer) round(jobs []*check.Job) bool {
	fx.skipped = fx.skipped[:0]
	var changed []*fixedFile
	fixed := map[string]int{}
	for _, j := range jobs {
		r := j.Result
		if r == nil {
			continue
		}
		plan := fix.Compute(r)
		for _, s := range plan.Skipped {
			fd := s.Finding
			fx.skipped = append(fx.skipped, fmt.Sprintf("%s:%d:%d: fix %q (%s) skipped: %s",
				fix.DisplayPath(fx.cwd, r.Dir, fd.Path), fd.Start.Line, fd.Start.Column, s.Fix.Message, fd.Rule, s.Reason))
		}
		for _, fd := range plan.Fixed {
			if len(fd.Fixes) > 0 && len(fd.Fixes[0].Edits) > 0 {
				fixed[realPath(r.Dir, fd.Fixes[0].Edits[0].Path)]++
			}
		}
		for _, file := range plan.Files {
			orig := file.Old
			if ff := fx.files[realPath(r.Dir, file.Path)]; ff != nil {
				orig = ff.orig
			}
			changed = append(changed, &fixedFile{dir: r.Dir, rel: file.Path, orig: orig, cur: file.New})
		}
	}
	fx.pending = len(changed) > 0
	if !fx.pending || fx.rounds >= maxFixRounds {
		return false
	}
	fx.rounds++
	for k, n := range fixed {
		fx.fixed[k] += n
	}
	for _, c := range changed {
		key := realPath(c.dir, c.rel)
		if fx.files[key] == nil {
			fx.order = append(fx.order, key)
		}
		fx.files[key] = c
	}
	for _, j := range jobs {
		o := map[string][]byte{}
		for k, v := range fx.base[j] {
			o[k] = v
		}
		for _, key := range fx.order {
			ff := fx.files[key]
			if rel, ok := relIn(j.Target.Dir, key); ok {
				o[rel] = ff.cur
			}
		}
		j.Target.Overlay = o
	}
	return true
}

// relIn is the slash path of the file at key (a real path) in the project
// folder dir, if it lies there.
func relIn(dir, key string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	r, err := filepath.Rel(abs, key)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// finish ends --fix and --diff once the rounds are done. --diff prints the
// unified diff of all the changes (to --output or standard output), writes
// nothing and ends the run, with status 1 when there is a change, as ruff
// --diff does; --fix writes each changed file once, and the report of the
// last round, which linted exactly what is now on disk, shows what remains
// (as ESLint and Ruff do). done is false when the run should go on and
// report the results.
func (fx *fixer) finish(f *flags, failure error, cwd string, stdout, stderr io.Writer) (code int, done bool) {
	if fx.pending {
		fmt.Fprintf(stderr, "chattool-lint: fixes still apply after %d rounds; stopped (run again)\n", maxFixRounds)
	}
	for _, s := range fx.skipped {
		fmt.Fprintf(stderr, "chattool-lint: %s\n", s)
	}
	var files []*fixedFile
	for _, key := range fx.order {
		if ff := fx.files[key]; !bytes.Equal(ff.orig, ff.cur) {
			files = append(files, ff)
		}
	}
	slices.SortStableFunc(files, func(a, b *fixedFile) int {
		return cmp.Or(cmp.Compare(a.dir, b.dir), cmp.Compare(a.rel, b.rel))
	})

	if f.diff {
		var buf bytes.Buffer
		for _, ff := range files {
			p := fix.Plan{Dir: ff.dir, Files: []*fix.File{{Path: ff.rel, Old: ff.orig, New: ff.cur}}}
			buf.Write(p.Diff(cwd))
		}
		if err := writeOut(f.output, buf.Bytes(), stdout); err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure, true
		}
		if len(files) > 0 {
			fmt.Fprintf(stderr, "chattool-lint: would fix %s in %s\n", plural(fx.count(nil), "finding"), plural(len(files), "file"))
		}
		switch {
		case failure != nil:
			return exitFailure, true
		case len(files) > 0:
			return exitFindings, true
		}
		return exitOK, true
	}

	if len(files) == 0 {
		return 0, false
	}
	byDir := map[string]*fix.Plan{}
	var plans []*fix.Plan
	for _, ff := range files {
		p := byDir[ff.dir]
		if p == nil {
			p = &fix.Plan{Dir: ff.dir}
			byDir[ff.dir] = p
			plans = append(plans, p)
		}
		p.Files = append(p.Files, &fix.File{Path: ff.rel, Old: ff.orig, New: ff.cur})
	}
	written := len(files)
	fx.unwritten = map[string]bool{}
	for _, e := range fix.Errors(writeAll(plans)) {
		var fe fix.FileError
		if !errors.As(e, &fe) {
			fmt.Fprintf(stderr, "chattool-lint: --fix: %v\n", e)
			return exitFailure, true
		}
		dir, rel := fe.File()
		fmt.Fprintf(stderr, "chattool-lint: --fix: %s: %s\n", fix.DisplayPath(cwd, dir, rel), strings.TrimPrefix(e.Error(), rel+": "))
		var we *fix.WriteError
		if errors.As(e, &we) {
			fx.failed = true // the tool could not do its job
		}
		fx.unwritten[realPath(dir, rel)] = true
		written--
	}
	fmt.Fprintf(stderr, "chattool-lint: fixed %s in %s\n", plural(fx.count(fx.unwritten), "finding"), plural(written, "file"))
	return 0, false
}

// count is the number of findings fixed, but in the files of except.
func (fx *fixer) count(except map[string]bool) int {
	n := 0
	for k, c := range fx.fixed {
		if !except[k] {
			n += c
		}
	}
	return n
}

// writeAll writes the fixes, with interrupts held off: files are written
// in place (keeping mode, owner and links), so a write cut short would
// leave a file half fixed.
func writeAll(plans []*fix.Plan) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	return fix.WriteAll(plans)
}

// reset points the jobs at what is on disk again (and standard input)
// after --fix wrote its files, and reports whether a file was left
// unwritten: the jobs must then be checked again, so the report shows
// the findings the files still hold, not those of the fixes not written.
func (fx *fixer) reset(jobs []*check.Job) bool {
	for _, j := range jobs {
		j.Target.Overlay = fx.base[j]
	}
	return len(fx.unwritten) > 0
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
