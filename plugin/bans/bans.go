// Package bans holds the rules that chattool-lint.json's settings drive,
// for the house rules that need no JavaScript: forbid-apis,
// forbid-components and require-attributes. Each finds nothing until its
// settings say what to forbid or require; a configuration file makes them
// with its settings (Rules).
package bans

import (
	"encoding/json"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/plugin/bans/forbidapis"
	"github.com/chattool-lint/chattool-lint/plugin/bans/forbidcomponents"
	"github.com/chattool-lint/chattool-lint/plugin/bans/requireattributes"
)

// Docs are the rules' documentation, for listings.
func Docs() []*lint.Doc {
	return []*lint.Doc{forbidapis.Rule.Doc, forbidcomponents.Rule.Doc, requireattributes.Rule.Doc}
}

// Known reports whether name is one of the rules.
func Known(name string) bool {
	for _, d := range Docs() {
		if d.Name == name {
			return true
		}
	}
	return false
}

// Rule returns the rule of this name (without settings: it finds
// nothing), or nil.
func Rule(name string) *lint.Rule {
	for _, r := range []*lint.Rule{forbidapis.Rule, forbidcomponents.Rule, requireattributes.Rule} {
		if r.Doc.Name == name {
			return r
		}
	}
	return nil
}

// Rules makes the rules that settings (chattool-lint.json's, by rule name,
// as JSON) configure, the schema having checked their shape.
func Rules(settings map[string]json.RawMessage) ([]*lint.Rule, error) {
	var out []*lint.Rule
	if b, ok := settings[forbidapis.Rule.Doc.Name]; ok {
		var s forbidapis.Settings
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, err
		}
		out = append(out, forbidapis.New(s))
	}
	if b, ok := settings[forbidcomponents.Rule.Doc.Name]; ok {
		var s forbidcomponents.Settings
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, err
		}
		out = append(out, forbidcomponents.New(s))
	}
	if b, ok := settings[requireattributes.Rule.Doc.Name]; ok {
		var s requireattributes.Settings
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, err
		}
		out = append(out, requireattributes.New(s))
	}
	return out, nil
}
