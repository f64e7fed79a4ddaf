package main

// Adopting chattool-lint on a project that already has findings (issue 20):
// --baseline and --write-baseline (package baseline), --new-from-rev and
// --new-from-merge-base (package gitdiff). lintPaths calls adopt once the
// checks (and --fix) are done and before the report, so every --format
// reports the same findings and the exit status counts only those.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/baseline"
	"github.com/chattool-lint/chattool-lint/gitdiff"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
)

// registerAdoptFlags defines --baseline, --write-baseline, --new-from-rev
// and --new-from-merge-base; adopt reads them back by name.
func registerAdoptFlags(fs *flag.FlagSet) {
	fs.String("baseline", "", "leave out the findings recorded in the baseline `FILE` (made with --write-baseline) and report the rest")
	fs.String("write-baseline", "", "record the current findings in the baseline `FILE` (again: prune what no longer matches), then report none of them")
	fs.String("new-from-rev", "", "report only the findings on lines added or changed since the git revision `REV` (working tree and untracked files included)")
	fs.String("new-from-merge-base", "", "report only the findings on lines added or changed since the merge base of HEAD and `REF` (a pull request's: origin/main)")
}

// adoptFlags are the values of those flags.
type adoptFlags struct {
	baseline, write, rev, mergeBase string
}

func adoptFlagsOf(fs *flag.FlagSet) adoptFlags {
	get := func(name string) string {
		if fl := fs.Lookup(name); fl != nil {
			return fl.Value.String()
		}
		return ""
	}
	return adoptFlags{get("baseline"), get("write-baseline"), get("new-from-rev"), get("new-from-merge-base")}
}

// adopt applies --write-baseline, --baseline and --new-from-rev (or
// --new-from-merge-base), in that order, to the results of a run, in
// place: findings the baseline records become suppressed ("external", as
// configuration suppressions are: SARIF keeps them as dismissed, the other
// formats leave them out, none counts them), and findings on lines that
// did not change since the revision are dropped. paths are the PATH
// arguments (what the run covers: entries elsewhere are never stale and
// never pruned); failure, when set, means some rule failed, so the run
// saw only part of the findings: the baseline is then neither written nor
// said to be stale. An error is exit 2.
func adopt(f *flags, paths []string, cwd string, results []*lint.Result, failure error, stderr io.Writer) error {
	af := adoptFlagsOf(f.FlagSet)
	if af == (adoptFlags{}) {
		return nil
	}
	switch {
	case af.rev != "" && af.mergeBase != "":
		return errors.New("--new-from-rev and --new-from-merge-base: give one")
	case af.write != "" && (af.rev != "" || af.mergeBase != ""):
		return errors.New("--write-baseline records every finding: it does not go with --new-from-rev or --new-from-merge-base")
	case af.write != "" && f.stdinFilename != "":
		return errors.New("--write-baseline records the files on disk, and --stdin-filename lints a buffer: drop one")
	}
	a := &adopter{cwd: cwd, dirs: map[string]string{}}
	if af.write != "" && af.baseline != "" && !sameFile(af.write, af.baseline) {
		return errors.New("--write-baseline and --baseline name different files: --write-baseline FILE also leaves out what it records")
	}
	if err := a.scope(paths, f.stdinFilename, f.Flags); err != nil {
		return err
	}
	switch {
	case af.write != "":
		if err := a.writeBaseline(af.write, results, failure, stderr); err != nil {
			return err
		}
	case af.baseline != "":
		if err := a.applyBaseline(af.baseline, results, failure, stderr); err != nil {
			return err
		}
	}
	switch {
	case af.rev != "":
		return a.newFrom("--new-from-rev", af.rev, false, results)
	case af.mergeBase != "":
		return a.newFrom("--new-from-merge-base", af.mergeBase, true, results)
	}
	return nil
}

// adopter holds what the filters share.
type adopter struct {
	cwd string
	// dirs caches each result's folder, absolute with links resolved.
	dirs map[string]string
	// folders and files are what the PATH arguments cover (absolute,
	// links resolved); roots are the folders to find repositories from.
	folders, files, roots []string
	// ran reports whether a rule ran (--select, --ignore).
	ran func(rule string) bool
}

// resolvedPath returns p absolute with symbolic links resolved as far as they
// exist (a file that does not exist keeps its name under its real folder).
func resolvedPath(cwd, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(cwd, p)
	}
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if dir, base := filepath.Split(p); dir != p && base != "" {
		return filepath.Join(resolvedPath(cwd, filepath.Clean(dir)), base)
	}
	return p
}

func sameFile(a, b string) bool {
	return resolvedPath("", mustAbs(a)) == resolvedPath("", mustAbs(b))
}

func mustAbs(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// scope records what the run covers: the PATH arguments (a folder covers
// everything below it, a file itself), or --stdin-filename's file, and
// the rules --select and --ignore leave running.
func (a *adopter) scope(paths []string, stdinName string, fl options.Flags) error {
	if stdinName != "" {
		p := resolvedPath(a.cwd, stdinName)
		a.files = append(a.files, p)
		a.roots = append(a.roots, filepath.Dir(p))
	}
	for _, p := range paths {
		r := resolvedPath(a.cwd, p)
		st, err := os.Stat(r)
		if err != nil {
			return err
		}
		if st.IsDir() {
			a.folders = append(a.folders, r)
			a.roots = append(a.roots, r)
		} else {
			a.files = append(a.files, r)
			a.roots = append(a.roots, filepath.Dir(r))
		}
	}
	sel, err := options.RuleNames("--select", fl.Select)
	if err != nil {
		return err
	}
	ign, err := options.RuleNames("--ignore", fl.Ignore)
	if err != nil {
		return err
	}
	a.ran = func(rule string) bool {
		return (len(sel) == 0 || slices.Contains(sel, rule)) && !slices.Contains(ign, rule)
	}
	return nil
}

// covers reports whether the run looked at the file at abs (absolute,
// links resolved).
func (a *adopter) covers(abs string) bool {
	if slices.Contains(a.files, abs) {
		return true
	}
	for _, d := range a.folders {
		if within(d, abs) {
			return true
		}
	}
	return false
}

// within reports whether path is dir or below it.
func within(dir, path string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// file returns the absolute path (links resolved) of a finding's file.
func (a *adopter) file(r *lint.Result, f *lint.Finding) string {
	dir, ok := a.dirs[r.Dir]
	if !ok {
		dir = resolvedPath(a.cwd, r.Dir)
		a.dirs[r.Dir] = dir
	}
	return filepath.Join(dir, filepath.FromSlash(f.Path))
}

// keyer gives findings their baseline keys, relative to the baseline's
// folder.
type keyer struct {
	a    *adopter
	dir  string // the baseline's folder, absolute, links resolved
	fps  map[*lint.Result]*baseline.Fingerprinter
	code string // the code of the last key
}

func (a *adopter) keyer(path string) *keyer {
	return &keyer{a: a, dir: filepath.Dir(resolvedPath(a.cwd, path)), fps: map[*lint.Result]*baseline.Fingerprinter{}}
}

func (k *keyer) key(r *lint.Result, f *lint.Finding) baseline.Key {
	fp := k.fps[r]
	if fp == nil {
		fp = &baseline.Fingerprinter{Source: r.Source}
		k.fps[r] = fp
	}
	abs := k.a.file(r, f)
	rel, err := filepath.Rel(k.dir, abs)
	if err != nil {
		rel = abs // another volume: the absolute path
	}
	var print string
	print, k.code = fp.Fingerprint(f)
	return baseline.Key{File: filepath.ToSlash(rel), Rule: f.Rule, Fingerprint: print}
}

// inScope reports whether a baseline entry is about what the run covered:
// a file under a PATH, of a rule that ran. Only those can be stale.
func (k *keyer) inScope(key baseline.Key) bool {
	return k.a.ran(key.Rule) && k.a.covers(filepath.Join(k.dir, filepath.FromSlash(key.File)))
}

// writeBaseline records the findings of the run in path, keeping the
// entries of files and rules the run did not cover, and marks them all as
// recorded, so that the run reports none of them.
func (a *adopter) writeBaseline(path string, results []*lint.Result, failure error, stderr io.Writer) error {
	if failure != nil {
		fmt.Fprintf(stderr, "chattool-lint: %s not written: the run failed, so its findings are not all known\n", path)
		return nil
	}
	k := a.keyer(path)
	var old *baseline.Baseline
	switch b, err := baseline.Read(path); {
	case err == nil:
		old = b
	case errors.Is(err, fs.ErrNotExist):
		old = baseline.New(nil)
	default:
		return fmt.Errorf("--write-baseline: %v (delete the file to start afresh)", err)
	}
	var entries []baseline.Entry
	for _, r := range results {
		if r == nil {
			continue
		}
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed != nil {
				continue
			}
			key := k.key(r, f)
			entries = append(entries, baseline.Entry{File: key.File, Rule: key.Rule, Fingerprint: key.Fingerprint,
				Count: 1, Code: k.code, Message: oneLineMessage(f.Message)})
			f.Suppressed = recorded(path)
		}
	}
	// What the old file had that this run did not see stays.
	m := baseline.NewMatcher(baseline.New(entries))
	pruned := 0
	for _, e := range old.Findings {
		if !k.inScope(e.Key()) {
			entries = append(entries, e)
			continue
		}
		for range e.Count {
			if !m.Match(e.Key()) {
				pruned++
			}
		}
	}
	nb := baseline.New(entries)
	if err := nb.Write(path); err != nil {
		return fmt.Errorf("--write-baseline: %v", err)
	}
	msg := fmt.Sprintf("chattool-lint: %s records %s", path, plural(nb.Total(), "finding"))
	if pruned > 0 {
		msg += fmt.Sprintf(" (%s no longer found, pruned)", plural(pruned, "recorded finding"))
	}
	fmt.Fprintln(stderr, msg)
	return nil
}

// applyBaseline marks the findings path records and says, in one line,
// how many of its entries no finding matched.
func (a *adopter) applyBaseline(path string, results []*lint.Result, failure error, stderr io.Writer) error {
	b, err := baseline.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("--baseline: %s does not exist (make it with --write-baseline %s)", path, path)
	}
	if err != nil {
		return fmt.Errorf("--baseline: %v", err)
	}
	k := a.keyer(path)
	m := baseline.NewMatcher(b)
	for _, r := range results {
		if r == nil {
			continue
		}
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed == nil && m.Match(k.key(r, f)) {
				f.Suppressed = recorded(path)
			}
		}
	}
	if failure != nil {
		return nil
	}
	stale := 0
	for _, e := range m.Stale(k.inScope) {
		stale += e.Count
	}
	if stale > 0 {
		fmt.Fprintf(stderr, "chattool-lint: %s in %s no longer found (fixed, or its line changed): chattool-lint --write-baseline %s prunes them\n",
			plural(stale, "recorded finding"), path, path)
	}
	return nil
}

// recorded is the suppression of a finding the baseline at path records.
func recorded(path string) *lint.Suppression {
	return &lint.Suppression{Kind: "external", Justification: "recorded in the baseline " + filepath.ToSlash(path), Path: path}
}

// oneLineMessage keeps a message on one line in the baseline.
func oneLineMessage(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// newFrom drops the findings on lines that did not change since rev (or
// since the merge base of rev and HEAD). A finding is kept when any line
// of its span was added or changed; a finding about a whole file (an
// empty span at its first byte) when the file is new or has any added or
// changed line.
func (a *adopter) newFrom(flagName, rev string, mergeBase bool, results []*lint.Result) error {
	var repos []*gitdiff.Changes
	seen := map[string]bool{}
	asked := map[string]bool{}
	for _, root := range a.roots {
		if asked[root] {
			continue // the files a hook passes share a few folders
		}
		asked[root] = true
		top, err := gitdiff.Toplevel(root)
		if err != nil {
			return fmt.Errorf("%s: %v", flagName, err)
		}
		if seen[top] {
			continue
		}
		seen[top] = true
		var c *gitdiff.Changes
		if mergeBase {
			c, err = gitdiff.SinceMergeBase(top, rev)
		} else {
			c, err = gitdiff.Since(top, rev)
		}
		if err != nil {
			return fmt.Errorf("%s: %v", flagName, err)
		}
		repos = append(repos, c)
	}
	// The innermost repository holding a file is its own (a nested
	// repository's files are not the outer one's).
	slices.SortFunc(repos, func(x, y *gitdiff.Changes) int { return len(y.Root) - len(x.Root) })
	for _, r := range results {
		if r == nil {
			continue
		}
		kept := r.Findings[:0]
		for _, f := range r.Findings {
			abs := a.file(r, &f)
			for _, c := range repos {
				if !c.Contains(abs) {
					continue
				}
				file := c.File(abs)
				if baseline.IsFileLevel(&f) {
					if file.Changed(0, 0) {
						kept = append(kept, f)
					}
				} else if file.Changed(f.Start.Line, f.End.Line) {
					kept = append(kept, f)
				}
				break
			}
		}
		r.Findings = kept
	}
	return nil
}
