package options

import (
	"fmt"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/config"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/plugin"
	"github.com/chattool-lint/chattool-lint/plugin/bans"
)

// pluginRules applies --select and --ignore to the rules of a
// configuration's plugins. Their names (PLUGIN/RULE) are known only once
// the configuration of a project is loaded: a name of that shape the flags
// give is checked here, against the plugins of the project's
// configuration.
func (r *Resolver) pluginRules(cfg *config.Config, lo *lint.Options) error {
	var set *plugin.Set
	where := "no configuration file loads plugins"
	if cfg != nil {
		set = cfg.Plugins
		where = cfg.Path + " loads no plugin"
		if names := set.Names(); len(names) > 0 {
			where = fmt.Sprintf("the plugins of %s have %v", cfg.Path, names)
		}
	}
	for _, l := range []struct {
		flag  string
		names []string
	}{{"--select", r.sel}, {"--ignore", r.ign}} {
		for _, n := range l.names {
			if plugin.ValidRuleName(n) && !set.Has(n) {
				return fmt.Errorf("%s: no rule named %q (%s)", l.flag, n, where)
			}
		}
	}
	if len(r.sel) == 0 {
		return nil // (--ignore's names are in r.off)
	}
	disabled := map[string]bool{}
	for k, v := range lo.Disabled {
		disabled[k] = v
	}
	for _, n := range set.Names() {
		if !slices.Contains(r.sel, n) {
			disabled[n] = true
		}
	}
	lo.Disabled = disabled
	return nil
}

// ExtraDocs documents the rules beside the built-in ones: the bans, and
// the rules of the plugins the configuration found above dir loads (the
// bans alone, and the configuration's error, when it cannot be loaded).
func ExtraDocs(dir string) ([]*lint.Doc, error) {
	docs := map[string]*lint.Doc{}
	for _, d := range bans.Docs() {
		docs[d.Name] = d
	}
	r, err := (&Flags{}).Resolver()
	var cfg *config.Config
	if err == nil {
		var res Resolved
		res, err = r.For(dir)
		cfg = res.Config
	}
	if cfg != nil {
		for _, d := range cfg.Plugins.Docs() {
			docs[d.Name] = d
		}
	}
	out := make([]*lint.Doc, 0, len(docs))
	for _, d := range docs {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *lint.Doc) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

// ExtraDoc is the documentation of one of ExtraDocs' rules, or nil.
func ExtraDoc(dir, name string) *lint.Doc {
	docs, _ := ExtraDocs(dir)
	for _, d := range docs {
		if d.Name == name {
			return d
		}
	}
	return nil
}
