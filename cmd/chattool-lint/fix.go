package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/chattool-lint/chattool-lint/fix"
	"github.com/chattool-lint/chattool-lint/lint"
)

// maxFixRounds bounds the rounds of fixing: a fix can make another finding
// appear (adding "renderer": "skyline" makes lazyCodeLoading required),
// whose fix the next round applies, as ESLint (10 passes) and Ruff do.
const maxFixRounds = 10

// fixState is the work of --fix and --diff across rounds: the fixed
// contents so far, which the next round lints in place of the files.
type fixState struct {
	rounds int
	// files by absolute path, in the order first fixed.
	files map[string]*fixedFile
	order []string
	fixed int // findings fixed
	// stdin is the overlay of --stdin-filename, read in the first round.
	stdin map[string][]byte
}

type fixedFile struct {
	dir, rel string // the project folder, as the target gives it, and the path in it
	orig     []byte // the content on disk (or in the buffer) before any fix
	cur      []byte
}

// validateFix checks the --fix and --diff flags against the others.
func (f *flags) validateFix() error {
	if f.fix && f.stdinFilename != "" && !f.diff {
		return errors.New("--fix writes files, and --stdin-filename lints a buffer that is not on disk: use --diff to see the fixes")
	}
	return nil
}

// overlay is the overlay a project is loaded with: the target's (an
// editor's buffer), with the contents fixed in earlier rounds over it.
func (f *flags) overlay(t *target) map[string][]byte {
	if !f.fix && !f.diff {
		return t.overlay
	}
	if f.fixing == nil {
		f.fixing = &fixState{files: map[string]*fixedFile{}}
	}
	base := t.overlay
	if f.stdinFilename != "" {
		// Standard input was read in the first round.
		if f.fixing.stdin == nil {
			f.fixing.stdin = t.overlay
		}
		base = f.fixing.stdin
	}
	abs, err := filepath.Abs(t.dir)
	if err != nil {
		return base
	}
	o := map[string][]byte{}
	for k, v := range base {
		o[k] = v
	}
	for _, key := range f.fixing.order {
		ff := f.fixing.files[key]
		if d, err := filepath.Abs(ff.dir); err == nil && d == abs {
			o[ff.rel] = ff.cur
		}
	}
	if len(o) == 0 {
		return base
	}
	return o
}

// fixes serves --fix and --diff once the projects have been linted. Each
// round applies the first fix of each finding (see package fix) in memory
// and lints again with the fixed contents, until no fix changes anything
// (at most maxFixRounds rounds). Then --diff prints the unified diff of all
// the changes (to --output or standard output), writes nothing and ends the
// run, with status 1 when there is a change, as ruff --diff does; --fix
// writes each changed file once, and the report of the last round, which
// linted exactly what is now on disk, shows what remains (as ESLint and Ruff
// do). done is false when lintPaths should go on and report results.
func fixes(paths []string, f *flags, results []*lint.Result, failure error, cwd string, stdout, stderr io.Writer) (code int, done bool) {
	if f.fixing == nil { // overlay makes it in the first round
		f.fixing = &fixState{files: map[string]*fixedFile{}}
	}
	st := f.fixing
	var skipped []string
	var changed []*fixedFile
	fixed := 0
	for _, r := range results {
		if r == nil {
			continue
		}
		plan := fix.Compute(r)
		for _, s := range plan.Skipped {
			fd := s.Finding
			skipped = append(skipped, fmt.Sprintf("%s:%d:%d: fix %q (%s) skipped: %s",
				fix.DisplayPath(cwd, r.Dir, fd.Path), fd.Start.Line, fd.Start.Column, s.Fix.Message, fd.Rule, s.Reason))
		}
		if len(plan.Files) > 0 {
			fixed += len(plan.Fixed)
		}
		for _, file := range plan.Files {
			key, err := filepath.Abs(filepath.Join(r.Dir, filepath.FromSlash(file.Path)))
			if err != nil {
				fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
				return exitFailure, true
			}
			ff := st.files[key]
			if ff == nil {
				ff = &fixedFile{dir: r.Dir, rel: file.Path, orig: file.Old}
			}
			changed = append(changed, &fixedFile{dir: ff.dir, rel: ff.rel, orig: ff.orig, cur: file.New})
		}
	}
	if len(changed) > 0 && st.rounds < maxFixRounds {
		st.rounds++
		st.fixed += fixed
		for _, c := range changed {
			key, _ := filepath.Abs(filepath.Join(c.dir, filepath.FromSlash(c.rel)))
			if st.files[key] == nil {
				st.order = append(st.order, key)
			}
			st.files[key] = c
		}
		if f.stdinFilename != "" {
			stdin = bytes.NewReader(nil) // read once; the buffer is in st.stdin
		}
		return lintPaths(paths, f, stdout, stderr), true
	}
	if len(changed) > 0 {
		fmt.Fprintf(stderr, "chattool-lint: fixes still apply after %d rounds; stopped (run again)\n", maxFixRounds)
	}
	for _, s := range skipped {
		fmt.Fprintf(stderr, "chattool-lint: %s\n", s)
	}
	var files []*fixedFile
	for _, key := range st.order {
		if ff := st.files[key]; !bytes.Equal(ff.orig, ff.cur) {
			files = append(files, ff)
		}
	}
	slices.SortStableFunc(files, func(a, b *fixedFile) int {
		return cmp.Or(cmp.Compare(a.dir, b.dir), cmp.Compare(a.rel, b.rel))
	})
	summary := fmt.Sprintf("%s in %s", plural(st.fixed, "finding"), plural(len(files), "file"))

	if f.diff {
		var buf bytes.Buffer
		for _, ff := range files {
			p := fix.Plan{Dir: ff.dir, Files: []*fix.File{{Path: ff.rel, Old: ff.orig, New: ff.cur}}}
			buf.Write(p.Diff(cwd))
		}
		var err error
		if f.output != "" {
			err = os.WriteFile(f.output, buf.Bytes(), 0o644)
		} else {
			_, err = stdout.Write(buf.Bytes())
		}
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure, true
		}
		if len(files) > 0 {
			fmt.Fprintf(stderr, "chattool-lint: would fix %s\n", summary)
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
	var errs []error
	for _, p := range plans {
		if err := p.Write(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(stderr, "chattool-lint: --fix: %v\n", err)
		return exitFailure, true
	}
	fmt.Fprintf(stderr, "chattool-lint: fixed %s\n", summary)
	return 0, false
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
