package requireattributes

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

// Rule documents require-attributes; it requires nothing (see New).
var Rule = lint.NewRule(doc, "../plugin/bans/requireattributes", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, wxml.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
})

func init() {
	Rule.Doc.URL = "https://github.com/chattool-lint/chattool-lint/blob/main/plugin/bans/requireattributes/doc.go"
	Rule.Analyzer.URL = Rule.Doc.URL
}

// Settings are require-attributes' settings in chattool-lint.json.
type Settings struct {
	Require []Entry `json:"require"`
}

// Entry is a tag and the attributes it requires.
type Entry struct {
	Tag     string `json:"tag"`
	Attrs   []Attr `json:"attrs"`
	Message string `json:"message"`
}

// Attr is a required attribute: a name, or { "key", "value" }.
type Attr struct {
	Key   string  `json:"key"`
	Value *string `json:"value"`
}

// UnmarshalJSON takes a name or an object.
func (a *Attr) UnmarshalJSON(b []byte) error {
	if json.Unmarshal(b, &a.Key) == nil {
		return nil
	}
	type plain Attr
	return json.Unmarshal(b, (*plain)(a))
}

// New is the rule with these settings.
func New(s Settings) *lint.Rule {
	byTag := map[string][]Entry{}
	for _, e := range s.Require {
		byTag[e.Tag] = append(byTag[e.Tag], e)
	}
	return &lint.Rule{Doc: Rule.Doc, Analyzer: &analysis.Analyzer{
		Name:     Rule.Analyzer.Name,
		Doc:      Rule.Analyzer.Doc,
		URL:      Rule.Analyzer.URL,
		Requires: Rule.Analyzer.Requires,
		Run: func(pass *analysis.Pass) (any, error) {
			if len(byTag) == 0 {
				return nil, nil
			}
			for _, f := range wxml.Of(pass).Files {
				for _, e := range f.Doc.Elements() {
					for _, entry := range byTag[e.Name] {
						check(pass, f, e, entry)
					}
				}
			}
			return nil, nil
		},
	}}
}

func check(pass *analysis.Pass, f *wxml.File, e *wxml.Element, entry Entry) {
	why := ""
	if entry.Message != "" {
		why = ": " + entry.Message
	}
	for _, want := range entry.Attrs {
		a := e.Attr(want.Key)
		switch {
		case a == nil:
			pass.Report(analysis.Diagnostic{Pos: f.Pos(e.Start + 1), End: f.Pos(e.NameEnd),
				Message: fmt.Sprintf("<%s> lacks the attribute %s, which this project requires%s", e.Name, want.Key, why)})
		case want.Value != nil && !a.Dynamic() && a.Value != *want.Value:
			end := a.NameEnd
			if a.HasValue {
				end = a.ValueEnd
			}
			pass.Report(analysis.Diagnostic{Pos: f.Pos(a.Start), End: f.Pos(end),
				Message: fmt.Sprintf("<%s> has %s=%q, and this project requires %q%s", e.Name, want.Key, a.Value, *want.Value, why)})
		}
	}
}
