// Package check is the one path every command takes from a target to
// findings: load the project with its resolved options, run the rules that
// apply to its kind, and keep the findings the target asks for.
//
//	options -> discover -> check (project.Load, front ends, rules) -> report
//
// The command (lint, --fix rounds, size) and the language server all call
// it, so a project is checked the same way whoever asks.
package check

import (
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// Job is one target to check, with its options, and what came of it.
type Job struct {
	Target  *discover.Target
	Options options.Resolved
	// Rules are the rules to run (nil: rules.All()).
	Rules []*lint.Rule

	Result *lint.Result
	// Kind is what the loaded project turned out to be, and ChatTool the
	// root of its chat-tool subpackage ("" when it declares none).
	Kind     discover.Kind
	ChatTool string
	// Err is a failure of the rules (exit 2): Result holds what the
	// others found. LoadErr is a project that could not be loaded.
	Err, LoadErr error

	// Loader, when set, loads the project in place of Load: the project
	// a language server or --watch keeps between checks (package engine).
	Loader func(j *Job) (*project.Project, error)
}

// Load loads the project of a job, with the overlay of its target.
func Load(j *Job) (*project.Project, error) {
	if j.Loader != nil {
		return j.Loader(j)
	}
	opts := j.Options.Project
	if j.Target.Overlay != nil {
		opts.Overlay = j.Target.Overlay
	}
	opts.Exclude = j.Target.Exclude
	return project.Load(j.Target.Dir, opts)
}

// Lint loads and lints the project of a job, filling in its outcome.
func Lint(j *Job) {
	defer func() {
		if r := recover(); r != nil {
			j.LoadErr = fmt.Errorf("%s: internal error: %v\n%s", j.Target.Dir, r, debug.Stack())
		}
	}()
	p, err := Load(j)
	if err != nil {
		j.LoadErr = err
		return
	}
	j.Kind, j.ChatTool = Describe(p)
	lo := j.Options.Lint
	lo.Disabled = withSource(withKind(lo.Disabled, p.IsGame()), p)
	all := j.Rules
	if all == nil {
		all = rules.All()
	}
	if cfg := j.Options.Config; cfg != nil {
		// The configuration's plugins and bans run beside the rules.
		all = append(all[:len(all):len(all)], cfg.Plugins.Rules(lo.Disabled)...)
	}
	j.Result, j.Err = lint.RunWith(p, all, lo)
	if j.Result == nil {
		return
	}
	if !j.Target.Whole() {
		kept := j.Result.Findings[:0]
		for _, f := range j.Result.Findings {
			if j.Target.Keeps(f.Path) {
				kept = append(kept, f)
			}
		}
		j.Result.Findings = kept
	}
}

// Describe is what kind of project p is, and its chat tool's root.
func Describe(p *project.Project) (discover.Kind, string) {
	switch {
	case p.IsGame():
		return discover.MiniGame, ""
	case p.Framework != nil && p.ChatTool != nil:
		return sourceKind(p), p.ChatTool.Root
	case p.Framework != nil:
		return sourceKind(p), ""
	case p.App == nil:
		return discover.Loose, ""
	case p.ChatTool != nil:
		return discover.MiniProgram, p.ChatTool.Root
	}
	return discover.MiniProgram, ""
}

// withKind adds to disabled the rules that do not check projects of this
// kind: in a mini game, every rule that holds only for mini programs.
func withKind(disabled map[string]bool, game bool) map[string]bool {
	if !game {
		return disabled
	}
	out := map[string]bool{}
	for k, v := range disabled {
		out[k] = v
	}
	for _, r := range rules.All() {
		if !r.Doc.MiniGames {
			out[r.Doc.Name] = true
		}
	}
	return out
}

// InFlight is how many projects are loaded and linted at once. Each
// project's files are already spread over every core; a second project
// fills the cores while the first waits on its slowest file or its serial
// steps (the project model, the report), and more would only add memory.
const InFlight = 2

// All lints the jobs, InFlight at a time. Each job's outcome is kept in
// the job, so reports come out in the jobs' order whatever the order they
// finish in. Each result keeps only the sources its findings name (see
// Keep), so memory does not grow with the number of projects.
func All(jobs []*Job) {
	sem := make(chan struct{}, InFlight)
	var wg sync.WaitGroup
	for _, j := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			Lint(j)
			if j.Result != nil {
				j.Result.Source = Keep(j.Result)
			}
		}()
	}
	wg.Wait()
	dedupeBuilds(jobs) // a source and its build output: one report (builds.go)
}

// Keep returns a Source that holds only the files res's findings and
// their fixes name: what the reports (SARIF fingerprints) and --fix read.
// res.Source holds the whole project (every file's source, line tables,
// parsed JSON), which would otherwise stay in memory until the report is
// written, one project per target.
func Keep(res *lint.Result) func(string) []byte {
	kept := map[string][]byte{}
	if res.Source != nil {
		for _, f := range res.Findings {
			kept[f.Path] = res.Source(f.Path)
			for _, fx := range f.Fixes {
				for _, e := range fx.Edits {
					kept[e.Path] = res.Source(e.Path)
				}
			}
		}
	}
	return func(path string) []byte { return kept[path] }
}
