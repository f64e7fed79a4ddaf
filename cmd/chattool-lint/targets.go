package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/config"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/report"
	"github.com/chattool-lint/chattool-lint/rules"
)

// stdin is what --stdin-filename reads.
var stdin io.Reader = os.Stdin

// plan is what the PATH arguments ask to check: the projects (targets)
// and the source folders found and not checked.
type plan struct {
	targets   []*discover.Target
	unchecked []*discover.Target
	// summarize is set when a PATH is a folder: the report then says
	// what was checked (for files, the hook's usual case, it would be
	// noise).
	summarize bool
	// joinDir is set when a project was found elsewhere than a PATH
	// names: JSON paths then carry their project's folder.
	joinDir bool
}

// plan resolves the PATH arguments (see package discover): a folder is its
// project, the project it lies in, or the projects below it; a file belongs
// to the project discover.File finds for it, linted whole but reported
// only for the files given. --stdin-filename makes one target of standard
// input. Targets naming the same project are merged. assume is
// --assume-chat-tool, which makes scripts count as loose mini program files.
func planPaths(paths []string, assume bool, stdinName string) (*plan, error) {
	pl := &plan{}
	byDir := map[string]*discover.Target{}
	add := func(t *discover.Target) error {
		key, err := filepath.Abs(t.Dir)
		if err != nil {
			return err
		}
		if real, err := filepath.EvalSymlinks(key); err == nil {
			key = real // the same project given twice, once through a link
		}
		if u := byDir[key]; u != nil {
			u.Merge(t)
			return nil
		}
		byDir[key] = t
		pl.targets = append(pl.targets, t)
		return nil
	}
	if stdinName != "" {
		src, err := io.ReadAll(io.LimitReader(stdin, project.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %v", err)
		}
		dir, rel, kind, err := discover.File(stdinName)
		if err != nil {
			return nil, err
		}
		return pl, add(&discover.Target{Dir: local(dir), Kind: kind, Files: map[string]bool{rel: true}, Overlay: map[string][]byte{rel: src}})
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, unwrap(err))
		}
		if !st.IsDir() {
			dir, rel, kind, err := discover.File(p)
			if err != nil {
				return nil, err
			}
			if err := add(&discover.Target{Dir: local(dir), Kind: kind, Files: map[string]bool{rel: true}}); err != nil {
				return nil, err
			}
			continue
		}
		pl.summarize = true
		ts, _, err := discover.Folder(p, assume)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if !t.Kind.Checked() {
				pl.unchecked = append(pl.unchecked, t)
				continue
			}
			if t.Dir != p {
				pl.joinDir = true
			}
			if err := add(t); err != nil {
				return nil, err
			}
		}

	}
	return pl, nil
}

// projects lists what the run checked and found, for the reports.
func (pl *plan) projects(jobs []*check.Job) []report.Project {
	if !pl.summarize {
		return nil
	}
	var out []report.Project
	for _, j := range jobs {
		kind := kindName(j.Kind)
		if j.Kind == discover.Loose && j.Target.Kind != discover.Loose {
			// A project whose app.json is missing or broken: still the
			// project it was found as.
			kind = kindName(j.Target.Kind)
		}
		t := j.Target
		if len(t.Under) == 0 || t.Files != nil {
			out = append(out, report.Project{Path: filepath.Clean(t.Dir), Kind: kind, ChatTool: j.ChatTool, Checked: true})
		}
		for _, u := range t.Under {
			out = append(out, report.Project{Path: filepath.Join(t.Dir, filepath.FromSlash(u)), In: filepath.Clean(t.Dir), Kind: kind, ChatTool: j.ChatTool, Checked: true})
		}
	}
	for _, t := range pl.unchecked {
		out = append(out, report.Project{Path: filepath.Clean(t.Dir), Kind: kindName(t.Kind)})
	}
	return out
}

func kindName(k discover.Kind) string {
	return [...]string{
		discover.MiniProgram: "miniprogram",
		discover.MiniGame:    "minigame",
		discover.Loose:       "loose",
		discover.UniApp:      "uniapp",
		discover.Taro:        "taro",
	}[k]
}

// jobs pairs each target with its options. A configuration file with
// problems stops the run (exit 2): linting without it would hide them.
func jobsFor(targets []*discover.Target, r *options.Resolver) ([]*check.Job, error) {
	jobs := make([]*check.Job, len(targets))
	for i, t := range targets {
		o, err := r.For(t.Dir)
		if err != nil {
			return nil, err
		}
		jobs[i] = &check.Job{Target: t, Options: o}
	}
	return jobs, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// local returns path relative to the current folder when it lies below it,
// as a user would type it, else path.
func local(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(r) {
			return r
		}
	}
	return path
}

// verdict is the exit status for the findings: exitFindings when one
// reaches --fail-on's severity or the warnings pass --max-warnings.
func (f *flags) verdict(results []*lint.Result, stderr io.Writer) int {
	var counts [3]int // by severity
	for _, r := range results {
		for _, fd := range r.Findings {
			if fd.Suppressed == nil && fd.Severity >= lint.Info && fd.Severity <= lint.Error {
				counts[fd.Severity]++
			}
		}
	}
	least := map[string]lint.Severity{"error": lint.Error, "warning": lint.Warning, "info": lint.Info}
	if l, ok := least[f.failOn]; ok {
		for s := l; s <= lint.Error; s++ {
			if counts[s] > 0 {
				return exitFindings
			}
		}
	}
	if f.maxWarnings >= 0 && counts[lint.Warning] > f.maxWarnings {
		fmt.Fprintf(stderr, "chattool-lint: %d warnings, more than --max-warnings %d\n", counts[lint.Warning], f.maxWarnings)
		return exitFindings
	}
	return exitOK
}

// configCmd is "chattool-lint config verify [FILE|PATH]": validates a
// configuration file (given, or found above PATH or the current folder).
func configCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" || len(args) > 2 {
		fmt.Fprintf(stderr, "chattool-lint: usage: chattool-lint config verify [FILE|PATH]\n")
		return exitFailure
	}
	where := "."
	if len(args) == 2 {
		where = args[1]
	}
	path := where
	if st, err := os.Stat(where); err != nil {
		fmt.Fprintf(stderr, "chattool-lint: cannot read %s: %v\n", where, unwrap(err))
		return exitFailure
	} else if st.IsDir() {
		p, err := config.Find(where)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure
		}
		if p == "" {
			fmt.Fprintf(stderr, "chattool-lint: no %s in %s or above\n", config.FileName, where)
			return exitFailure
		}
		path = p
	}
	path = local(path)
	_, err := config.Load(path, func(name string) bool { return rules.ByName(name) != nil })
	var ps config.Problems
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			fmt.Fprintln(stdout, p.Error())
		}
		return exitFindings
	case err != nil:
		fmt.Fprintf(stderr, "chattool-lint: %s: %v\n", path, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: ok\n", path)
	return exitOK
}
