package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/plugin"
	"github.com/chattool-lint/chattool-lint/plugin/bans"
	"github.com/chattool-lint/chattool-lint/size"
)

// plugins loads what a configuration adds to the built-in rules: the
// plugins "plugins" names (paths relative to the file; each loaded once,
// here), with "pluginLimits" and the settings of their rules, and the bans
// "settings" configure (forbid-apis, forbid-components,
// require-attributes). A problem in a plugin's own file is a Problem at
// its line there; path is the configuration file as shown.
func plugins(path string, root *jsonc.Value, at func(int, string, ...any), probs *Problems) *plugin.Set {
	o := plugin.Options{Log: os.Stderr}
	if lim := root.Get("pluginLimits"); lim != nil {
		if v := lim.Get("time"); v != nil {
			s, _ := v.String()
			d, err := time.ParseDuration(s)
			if err != nil || d <= 0 {
				at(v.Start, "time: %q is not a duration (500ms, 2s)", s)
			}
			o.Time = d
		}
		if v := lim.Get("memory"); v != nil {
			s, _ := v.String()
			n, err := size.Parse(s)
			if err != nil {
				at(v.Start, "memory: %v", err)
			}
			o.Memory = n
		}
	}
	settings := map[string]json.RawMessage{}
	for _, m := range members(root.Get("settings")) {
		if strings.Contains(m.Key, "/") || bans.Known(m.Key) {
			b, err := json.Marshal(m.Value.Interface())
			if err != nil {
				at(m.Value.Start, "%v", err)
				continue
			}
			settings[m.Key] = b
		}
	}
	extra, err := bans.Rules(settings)
	if err != nil {
		at(root.Get("settings").Start, "settings: %v", err)
	}
	var loaded []*plugin.Plugin
	names := map[string]string{}
	for _, e := range elems(root.Get("plugins")) {
		s, _ := e.String()
		if s == "" {
			continue
		}
		display := filepath.FromSlash(s)
		if !filepath.IsAbs(display) {
			display = filepath.Join(filepath.Dir(path), display)
		}
		abs := display
		if !filepath.IsAbs(abs) {
			if a, err := filepath.Abs(abs); err == nil {
				abs = a
			}
		}
		p, err := plugin.LoadFile(abs, display, o)
		var pe *plugin.Error
		switch {
		case errors.As(err, &pe):
			line, col := pe.Line, pe.Column
			if line == 0 {
				line, col = 1, 1
			}
			*probs = append(*probs, Problem{Path: pe.Path, Line: line, Column: col, Message: pe.Message})
			continue
		case err != nil:
			at(e.Start, "plugin %s: %v", s, unwrapPath(err))
			continue
		}
		if other, dup := names[p.Name]; dup {
			at(e.Start, "plugin %s is named %q, as %s is: give one of them another meta.name", s, p.Name, other)
			continue
		}
		names[p.Name] = s
		loaded = append(loaded, p)
	}
	if len(loaded) == 0 && len(extra) == 0 {
		return nil
	}
	set, err := plugin.NewSet(loaded, settings, extra, o)
	if err != nil {
		at(root.Start, "%v", err)
		return nil
	}
	// Settings of a plugin rule that no plugin has.
	for _, m := range members(root.Get("settings")) {
		if strings.Contains(m.Key, "/") && !set.Has(m.Key) {
			at(m.KeyStart, "%s", unknownPluginRule(m.Key, set))
		}
	}
	return set
}

// unknownPluginRule says that name is no rule of the plugins.
func unknownPluginRule(name string, set *plugin.Set) string {
	msg := fmt.Sprintf("unknown rule %q", name)
	if ns := set.Names(); len(ns) > 0 {
		msg += fmt.Sprintf(" (the plugins have %s)", strings.Join(ns, ", "))
	} else {
		msg += " (no plugin is loaded)"
	}
	return msg
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func members(v *jsonc.Value) []*jsonc.Member {
	if v == nil || v.Kind != jsonc.Object {
		return nil
	}
	return v.Members
}

func elems(v *jsonc.Value) []*jsonc.Value {
	if v == nil || v.Kind != jsonc.Array {
		return nil
	}
	return v.Elems
}
