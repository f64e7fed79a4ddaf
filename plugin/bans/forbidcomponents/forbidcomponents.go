package forbidcomponents

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxml"
)

//go:embed doc.go
var doc string

// Rule documents forbid-components; it forbids nothing (see New).
var Rule = lint.NewRule(doc, "../plugin/bans/forbidcomponents", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, wxml.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
})

func init() {
	Rule.Doc.URL = "https://github.com/chattool-lint/chattool-lint/blob/main/plugin/bans/forbidcomponents/doc.go"
	Rule.Analyzer.URL = Rule.Doc.URL
}

// Settings are forbid-components' settings in chattool-lint.json.
type Settings struct {
	Forbid []Entry `json:"forbid"`
}

// Entry is a forbidden tag: a name, or { "tag", "message" }.
type Entry struct {
	Tag     string `json:"tag"`
	Message string `json:"message"`
}

// UnmarshalJSON takes a name or an object.
func (e *Entry) UnmarshalJSON(b []byte) error {
	if json.Unmarshal(b, &e.Tag) == nil {
		return nil
	}
	type plain Entry
	return json.Unmarshal(b, (*plain)(e))
}

// New is the rule with these settings.
func New(s Settings) *lint.Rule {
	forbidden := map[string]Entry{}
	for _, e := range s.Forbid {
		forbidden[e.Tag] = e
	}
	return &lint.Rule{Doc: Rule.Doc, Analyzer: &analysis.Analyzer{
		Name:     Rule.Analyzer.Name,
		Doc:      Rule.Analyzer.Doc,
		URL:      Rule.Analyzer.URL,
		Requires: Rule.Analyzer.Requires,
		Run: func(pass *analysis.Pass) (any, error) {
			if len(forbidden) == 0 {
				return nil, nil
			}
			for _, f := range wxml.Of(pass).Files {
				for _, e := range f.Doc.Elements() {
					entry, ok := forbidden[e.Name]
					if !ok {
						continue
					}
					msg := fmt.Sprintf("<%s> is forbidden in this project", e.Name)
					if entry.Message != "" {
						msg += ": " + entry.Message
					}
					pass.Report(analysis.Diagnostic{Pos: f.Pos(e.Start + 1), End: f.Pos(e.NameEnd), Message: msg})
				}
			}
			return nil, nil
		},
	}}
}
