// Package options resolves, once and in one place, what a check of a
// project is to do: the flags every command shares (lint, size, lsp,
// --fix), read from the command line, and the chattool-lint.json found
// above each project, validated and applied under them (flags win over
// the file). Every command asks a Resolver for a project's options, so the
// commands cannot drift apart (as size once ignored the configured size
// budgets).
package options

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chattool-lint/chattool-lint/config"
	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/plugin"
	"github.com/chattool-lint/chattool-lint/plugin/bans"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
	"github.com/chattool-lint/chattool-lint/size"
)

// Flags are the settings every command takes from its command line.
type Flags struct {
	MinBaseLibrary  string
	AssumeChatTool  bool
	NoCache         bool
	ConfigFile      string
	NoConfig        bool
	BudgetChatTool  string
	BudgetPackage   string
	BudgetTotal     string
	ServiceProvider bool
	// Select and Ignore are comma-separated rule names: run only the
	// selected rules, or all but the ignored ones.
	Select, Ignore string
}

// Register defines the shared flags on fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.MinBaseLibrary, "min-base-library", "", "oldest base library `X.Y.Z` the app supports (set in WeChat's admin console); chat-tool code is never checked below 3.7.8")
	fs.BoolVar(&f.AssumeChatTool, "assume-chat-tool", false, "treat every file under PATH as chat-tool code (component libraries, folders without app.json)")
	fs.BoolVar(&f.NoCache, "no-cache", false, "estimate every file's built size again instead of reusing the estimates of earlier runs ($CHATTOOL_LINT_CACHE: the cache folder, or off)")
	fs.StringVar(&f.ConfigFile, "config", "", "read the configuration from `FILE` instead of the chattool-lint.json found above each project")
	fs.BoolVar(&f.NoConfig, "no-config", false, "use no configuration file")
	fs.StringVar(&f.BudgetChatTool, "budget-chat-tool", "", "size limit of the chat-tool subpackage (default 500KB; KB and MB of 1024 bytes)")
	fs.StringVar(&f.BudgetPackage, "budget-package", "", "size limit of the main package and of each subpackage (default 2MB)")
	fs.StringVar(&f.BudgetTotal, "budget-total", "", "size limit of all packages together (default 30MB)")
	fs.BoolVar(&f.ServiceProvider, "service-provider", false, "the app is built by a service provider: all packages together may hold 20MB")
	fs.StringVar(&f.Select, "select", "", "run only these rules (`RULE,...`; the configuration's severities still apply to them)")
	fs.StringVar(&f.Ignore, "ignore", "", "do not run these rules (`RULE,...`)")
}

// RuleNames parses a comma-separated list of rule names, each of which
// must exist: an unknown one is an error with the closest name.
func RuleNames(flagName, list string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		// A plugin's rule (PLUGIN/RULE) is checked once the
		// configuration that loads the plugin is (pluginRules).
		if rules.ByName(n) == nil && !bans.Known(n) && !plugin.ValidRuleName(n) {
			return nil, fmt.Errorf("%s: %s", flagName, UnknownRule(n))
		}
		out = append(out, n)
	}
	return out, nil
}

// UnknownRule says that name is no rule, with a did-you-mean.
func UnknownRule(name string) string {
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Doc.Name)
	}
	for _, d := range bans.Docs() {
		names = append(names, d.Name)
	}
	msg := fmt.Sprintf("no rule named %q", name)
	if c := suggest.Closest(name, names); c != "" {
		msg += fmt.Sprintf("; did you mean %q?", c)
	}
	return msg + " (chattool-lint rules lists them)"
}

// Resolver gives each project folder its options. It is safe for
// concurrent use.
type Resolver struct {
	base       project.Options
	configFile string // absolute; "" to find one above each project
	noConfig   bool
	// off are the rules --select and --ignore turn off everywhere; sel
	// and ign the names they give.
	off      map[string]bool
	sel, ign []string

	mu      sync.Mutex
	configs map[string]*loaded
}

type loaded struct {
	size  int64
	mtime time.Time
	cfg   *config.Config
	err   error
}

// Resolver validates the flags and returns the resolver they make.
func (f *Flags) Resolver() (*Resolver, error) {
	if f.ConfigFile != "" && f.NoConfig {
		return nil, errors.New("--config and --no-config do not go together")
	}
	r := &Resolver{noConfig: f.NoConfig, configs: map[string]*loaded{}}
	r.base.AssumeChatTool = f.AssumeChatTool
	if f.MinBaseLibrary != "" {
		v, err := project.ParseVersion(f.MinBaseLibrary)
		if err != nil {
			return nil, fmt.Errorf("--min-base-library: %v", err)
		}
		r.base.MinBaseLibrary = v
	}
	for _, b := range []struct {
		name, val string
		dst       *int64
	}{
		{"--budget-chat-tool", f.BudgetChatTool, &r.base.Budgets.ChatTool},
		{"--budget-package", f.BudgetPackage, &r.base.Budgets.Package},
		{"--budget-total", f.BudgetTotal, &r.base.Budgets.Total},
	} {
		if b.val == "" {
			continue
		}
		n, err := size.Parse(b.val)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", b.name, err)
		}
		*b.dst = n
	}
	if f.ServiceProvider && r.base.Budgets.Total == 0 {
		r.base.Budgets.Total = size.ServiceProviderBudget
	}
	if !f.NoCache {
		r.base.CacheDir = size.DefaultCacheDir()
	}
	if f.ConfigFile != "" {
		abs, err := filepath.Abs(f.ConfigFile)
		if err != nil {
			return nil, err
		}
		r.configFile = abs
	}
	sel, err := RuleNames("--select", f.Select)
	if err != nil {
		return nil, err
	}
	ign, err := RuleNames("--ignore", f.Ignore)
	if err != nil {
		return nil, err
	}
	if len(sel) > 0 || len(ign) > 0 {
		r.off = map[string]bool{}
		for _, rule := range rules.All() {
			if len(sel) > 0 && !slices.Contains(sel, rule.Doc.Name) {
				r.off[rule.Doc.Name] = true
			}
		}
		for _, d := range bans.Docs() {
			if len(sel) > 0 && !slices.Contains(sel, d.Name) {
				r.off[d.Name] = true
			}
		}
		for _, n := range ign {
			r.off[n] = true
		}
	}
	r.sel, r.ign = sel, ign
	return r, nil
}

// Resolved are a project's options.
type Resolved struct {
	Project project.Options
	Lint    lint.Options
	// Config is the configuration file applied, or nil.
	Config *config.Config
}

// For returns the options of the project in dir (as it will be given to
// project.Load: findings' paths are relative to it). A configuration file
// that cannot be used is an error (ConfigError for one with problems at
// lines and columns); the caller decides whether to stop or go on with
// Resolved as if there were no file, which For returns beside the error.
func (r *Resolver) For(dir string) (Resolved, error) {
	out := Resolved{Project: r.base}
	cfg, err := r.config(dir)
	if err != nil {
		return out, err
	}
	cfg.Apply(&out.Project)
	lo, err := cfg.Options(dir)
	if err != nil {
		return out, err
	}
	if len(r.off) > 0 {
		// The command line wins over the file: a rule it turns off is
		// off whatever the file says.
		disabled := map[string]bool{}
		for k, v := range lo.Disabled {
			disabled[k] = v
		}
		for k := range r.off {
			disabled[k] = true
		}
		lo.Disabled = disabled
	}
	if err := r.pluginRules(cfg, &lo); err != nil {
		return out, err
	}
	out.Lint, out.Config = lo, cfg
	return out, nil
}

// ConfigError is a configuration file with problems.
type ConfigError struct {
	Problems config.Problems
}

func (e *ConfigError) Error() string { return fmt.Sprintf("invalid configuration:\n%v", e.Problems) }

// config returns the configuration for the project in dir: --config's, or
// the chattool-lint.json found above it, or none. A file is read again
// when it has changed since it was read (the language server lives long).
func (r *Resolver) config(dir string) (*config.Config, error) {
	if r.noConfig {
		return nil, nil
	}
	path := r.configFile
	if path == "" {
		var err error
		if path, err = config.Find(dir); err != nil || path == "" {
			return nil, err
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if l := r.configs[path]; l != nil && l.size == st.Size() && l.mtime.Equal(st.ModTime()) {
		return l.cfg, l.err
	}
	l := &loaded{size: st.Size(), mtime: st.ModTime()}
	l.cfg, l.err = config.Load(local(path), func(name string) bool { return rules.ByName(name) != nil })
	var ps config.Problems
	if errors.As(l.err, &ps) {
		l.err = &ConfigError{Problems: ps}
	} else if l.err != nil {
		l.err = fmt.Errorf("%s: %v", path, l.err)
	}
	if l.err != nil {
		l.cfg = nil
	}
	r.configs[path] = l
	return l.cfg, l.err
}

// local returns path relative to the current folder when it lies below it,
// as a user would type it (configuration problems are shown that way).
func local(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(r) {
			return r
		}
	}
	return path
}
