package plugin

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// Set is the plugins a configuration loads, with their settings and
// budgets, and the rules the configuration adds without JavaScript (the
// bans). It is safe for concurrent use: each run takes runtimes from the
// Set's pool.
type Set struct {
	plugins []*Plugin
	rules   []*Rule // sorted by name
	byName  map[string]*Rule
	extra   []*lint.Rule // rules run beside the plugins' (the bans)
	opts    Options
	// settings are each rule's settings, as JSON.
	settings map[string]json.RawMessage

	mu   sync.Mutex
	idle []*worker
}

// NewSet makes the set of plugins (whose names must differ), with the
// settings of their rules (as JSON, by rule name) and extra rules to run
// beside them.
func NewSet(plugins []*Plugin, settings map[string]json.RawMessage, extra []*lint.Rule, o Options) (*Set, error) {
	s := &Set{plugins: plugins, byName: map[string]*Rule{}, extra: extra, opts: o, settings: settings}
	names := map[string]string{}
	for _, p := range plugins {
		if other, dup := names[p.Name]; dup {
			return nil, fmt.Errorf("%s and %s are both the plugin %q", other, p.Path, p.Name)
		}
		names[p.Name] = p.Path
		for _, r := range p.Rules {
			s.rules = append(s.rules, r)
			s.byName[r.Name] = r
		}
	}
	sort.Slice(s.rules, func(i, j int) bool { return s.rules[i].Name < s.rules[j].Name })
	return s, nil
}

// Plugins are the plugins of the set.
func (s *Set) Plugins() []*Plugin {
	if s == nil {
		return nil
	}
	return s.plugins
}

// Has reports whether a rule of this name is one of the set's plugins'.
func (s *Set) Has(name string) bool {
	return s != nil && s.byName[name] != nil
}

// Names are the names of the plugins' rules, sorted.
func (s *Set) Names() []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.Name
	}
	return out
}

// Docs are the documentation of every rule of the set: the extra rules'
// and the plugins', sorted by name.
func (s *Set) Docs() []*lint.Doc {
	if s == nil {
		return nil
	}
	var out []*lint.Doc
	for _, r := range s.extra {
		out = append(out, r.Doc)
	}
	for _, r := range s.rules {
		out = append(out, r.Doc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Rules returns the rules of the set for one run: the extra rules, and a
// rule for each plugin rule that is not disabled, all of them run by one
// analyzer over the project's files (so each file's facts are made once
// for all of them). A rule disabled here still has its findings dropped
// by the driver; leaving it out saves running it.
func (s *Set) Rules(disabled map[string]bool) []*lint.Rule {
	if s == nil {
		return nil
	}
	out := append([]*lint.Rule(nil), s.extra...)
	var enabled []*Rule
	for _, r := range s.rules {
		if !disabled[r.Name] {
			enabled = append(enabled, r)
		}
	}
	base := &analysis.Analyzer{
		Name:       "plugins",
		Doc:        "runs the rules of the plugins chattool-lint.json loads",
		Requires:   []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, wxml.Analyzer, wxss.Analyzer, views.Analyzer},
		ResultType: reflect.TypeOf((*results)(nil)),
		Run:        func(pass *analysis.Pass) (any, error) { return s.run(pass, enabled) },
	}
	for _, r := range s.rules {
		name := r.Name
		out = append(out, &lint.Rule{Doc: r.Doc, Analyzer: &analysis.Analyzer{
			Name:     name,
			Doc:      r.Doc.Summary,
			URL:      r.Doc.URL,
			Requires: []*analysis.Analyzer{base},
			Run: func(pass *analysis.Pass) (any, error) {
				for _, d := range pass.ResultOf[base].(*results).byRule[name] {
					pass.Report(d)
				}
				return nil, nil
			},
		}})
	}
	return out
}
