// Package config reads chattool-lint.json, the configuration file: rule
// severities, rule settings, per-path overrides and ignore globs. It is
// found by walking up from the linted path (Find), validated against its
// JSON Schema (schemas/chattool-lint.schema.json), and turned into the
// options of a run (Options, Apply).
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/plugin"
	"github.com/chattool-lint/chattool-lint/plugin/bans"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/schemas"
	"github.com/chattool-lint/chattool-lint/size"
)

// FileName is the configuration file's name.
const FileName = "chattool-lint.json"

// Config is a loaded configuration file.
type Config struct {
	// Path is the file, absolute; Dir its folder, which globs are
	// relative to.
	Path, Dir string
	// Rules are severities by rule name (lint.Off turns a rule off).
	Rules     map[string]lint.Severity
	Overrides []Override
	Ignore    []project.Glob
	// AssumeChatTool, Budgets and MinBaseLibrary are as project.Options'
	// (zero: not set).
	AssumeChatTool bool
	Budgets        project.Budgets
	MinBaseLibrary project.Version
	// Plugins are the rules the file adds to the built-in ones: its
	// plugins' and the bans its settings configure (nil: none).
	Plugins *plugin.Set
}

// Override sets rule severities for the files its globs match.
type Override struct {
	Files []project.Glob
	Rules map[string]lint.Severity
}

// Problem is an error in a configuration file, at a line and column
// (1-based, in characters).
type Problem struct {
	Path         string
	Line, Column int
	Message      string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Column, p.Message)
}

// Problems are the errors of a configuration file, as one error.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Error()
	}
	return strings.Join(s, "\n")
}

// Find returns the configuration file that applies to path (a folder or a
// file): the nearest chattool-lint.json in its folder or above, or "".
func Find(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		f := filepath.Join(dir, FileName)
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			return f, nil
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates the configuration file at path. known reports
// whether a rule name exists. Problems in the file come back as Problems
// (every one, each at its line and column); other failures as errors.
func Load(path string, known func(string) bool) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: abs, Dir: filepath.Dir(abs), Rules: map[string]lint.Severity{}}
	var probs Problems
	seen := map[int]bool{} // offsets with a problem: one each
	at := func(off int, format string, args ...any) {
		if seen[off] {
			return
		}
		seen[off] = true
		line, col := lineCol(src, off)
		probs = append(probs, Problem{Path: path, Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
	}
	root, jprobs, serr := jsonc.Parse(src)
	if serr != nil {
		at(serr.Offset, "%s", serr.Message)
		return nil, probs
	}
	for _, p := range jprobs {
		if p.Kind == jsonc.DuplicateKey {
			at(p.Start, "%s", p.Message)
		}
	}
	errs, err := schemas.Validate("chattool-lint", root.Interface())
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		v, m := root.Lookup(e.Pointer)
		off := root.Start
		switch {
		case m != nil && e.Kind == schemas.Unknown:
			off = m.KeyStart
		case v != nil:
			off = v.Start
		}
		at(off, "%s", e.Message)
	}
	c.Plugins = plugins(path, root, at, &probs)
	isKnown := func(name string) bool { return known(name) || bans.Known(name) || c.Plugins.Has(name) }
	// The schema cannot know the rule names: check them (and read the
	// values) even when it found problems, so that every problem is shown.
	rules := func(v *jsonc.Value) map[string]lint.Severity {
		out := map[string]lint.Severity{}
		if v == nil {
			return out
		}
		for _, m := range v.Members {
			if !isKnown(m.Key) {
				if strings.Contains(m.Key, "/") {
					at(m.KeyStart, "%s", unknownPluginRule(m.Key, c.Plugins))
				} else if c := suggest.Closest(m.Key, lint.Names()); c != "" {
					at(m.KeyStart, "unknown rule %q; did you mean %q? (chattool-lint rules lists them)", m.Key, c)
				} else {
					at(m.KeyStart, "unknown rule %q (chattool-lint rules lists them)", m.Key)
				}
				continue
			}
			s, _ := m.Value.String()
			sev, err := lint.ParseSeverity(s)
			if err != nil {
				at(m.Value.Start, "%v", err)
				continue
			}
			out[m.Key] = sev
		}
		return out
	}
	gc := project.NewGlobCompiler() // one budget for the file's globs
	globs := func(v *jsonc.Value) []project.Glob {
		var out []project.Glob
		for _, e := range v.Elems {
			s, _ := e.String()
			g, err := gc.Compile(s)
			if err != nil {
				at(e.Start, "%v", err)
				continue
			}
			out = append(out, g)
		}
		return out
	}
	c.Rules = rules(root.Get("rules"))
	if v := root.Get("ignore"); v != nil {
		c.Ignore = globs(v)
	}
	if v := root.Get("overrides"); v != nil {
		for _, o := range v.Elems {
			c.Overrides = append(c.Overrides, Override{Files: globs(o.Get("files")), Rules: rules(o.Get("rules"))})
		}
	}
	c.AssumeChatTool = root.Get("assumeChatTool").IsTrue()
	settings := root.Get("settings")
	if ps := settings.Get("package-size"); ps != nil {
		for _, b := range []struct {
			key string
			dst *int64
		}{{"chatTool", &c.Budgets.ChatTool}, {"package", &c.Budgets.Package}, {"total", &c.Budgets.Total}} {
			v := ps.Get(b.key)
			if v == nil {
				continue
			}
			s, _ := v.String()
			n, err := size.Parse(s)
			if err != nil {
				at(v.Start, "%s: %v", b.key, err)
				continue
			}
			*b.dst = n
		}
		if ps.Get("serviceProvider").IsTrue() && c.Budgets.Total == 0 {
			c.Budgets.Total = size.ServiceProviderBudget
		}
	}
	if v := settings.Get("min-base-library").Get("version"); v != nil {
		s, _ := v.String()
		ver, err := project.ParseVersion(s)
		if err != nil {
			at(v.Start, "%v", err)
		} else {
			c.MinBaseLibrary = ver
		}
	}
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		return nil, probs
	}
	return c, nil
}

// lineCol converts a byte offset to a 1-based line and column in
// characters.
func lineCol(src []byte, off int) (int, int) {
	off = min(max(off, 0), len(src))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}

// Apply sets the project options the file sets and the command line has
// not: flags win over the file.
func (c *Config) Apply(o *project.Options) {
	if c == nil {
		return
	}
	o.AssumeChatTool = o.AssumeChatTool || c.AssumeChatTool
	if o.MinBaseLibrary == (project.Version{}) {
		o.MinBaseLibrary = c.MinBaseLibrary
	}
	for _, b := range []struct{ dst, src *int64 }{
		{&o.Budgets.ChatTool, &c.Budgets.ChatTool},
		{&o.Budgets.Package, &c.Budgets.Package},
		{&o.Budgets.Total, &c.Budgets.Total},
	} {
		if *b.dst == 0 {
			*b.dst = *b.src
		}
	}
}

// Options returns the lint options for a project in dir (as given to
// project.Load; findings' paths are relative to it): the rule severities
// for each file, the ignored files (every rule off), and the rules that are
// off everywhere.
func (c *Config) Options(dir string) (lint.Options, error) {
	var o lint.Options
	if c == nil {
		return o, nil
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return o, err
	}
	o.Disabled = map[string]bool{}
	for r, sev := range c.Rules {
		if sev != lint.Off {
			continue
		}
		on := false
		for _, ov := range c.Overrides {
			if s, ok := ov.Rules[r]; ok && s != lint.Off {
				on = true
			}
		}
		if !on {
			o.Disabled[r] = true
		}
	}
	rel := map[string]string{} // finding path -> path relative to c.Dir
	o.Severity = func(rule, path string) (lint.Severity, bool) {
		r, ok := rel[path]
		if !ok {
			var err error
			r, err = filepath.Rel(c.Dir, filepath.Join(absDir, filepath.FromSlash(path)))
			if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				r = "" // outside the configuration's folder: no glob applies
			}
			r = filepath.ToSlash(r)
			rel[path] = r
		}
		if r != "" && matchAny(c.Ignore, r) {
			return lint.Off, true
		}
		sev, set := c.Rules[rule]
		if r == "" {
			return sev, set
		}
		for _, ov := range c.Overrides {
			if s, ok := ov.Rules[rule]; ok && matchAny(ov.Files, r) {
				sev, set = s, true
			}
		}
		return sev, set
	}
	return o, nil
}

func matchAny(gs []project.Glob, name string) bool {
	for _, g := range gs {
		if g.Match(name) {
			return true
		}
	}
	return false
}
