package forbidapis

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule documents forbid-apis; it forbids nothing (see New).
var Rule = lint.NewRule(doc, "../plugin/bans/forbidapis", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
})

func init() {
	Rule.Doc.URL = "https://github.com/chattool-lint/chattool-lint/blob/main/plugin/bans/forbidapis/doc.go"
	Rule.Analyzer.URL = Rule.Doc.URL
}

// Settings are forbid-apis' settings in chattool-lint.json.
type Settings struct {
	Forbid []Entry `json:"forbid"`
}

// Entry is a forbidden API: a name, or { "api", "message" }.
type Entry struct {
	API     string `json:"api"`
	Message string `json:"message"`
}

// UnmarshalJSON takes a name or an object.
func (e *Entry) UnmarshalJSON(b []byte) error {
	if json.Unmarshal(b, &e.API) == nil {
		return nil
	}
	type plain Entry
	return json.Unmarshal(b, (*plain)(e))
}

// New is the rule with these settings.
func New(s Settings) *lint.Rule {
	forbidden := map[string]Entry{}
	for _, e := range s.Forbid {
		forbidden[e.API] = e
	}
	return &lint.Rule{Doc: Rule.Doc, Analyzer: &analysis.Analyzer{
		Name:     Rule.Analyzer.Name,
		Doc:      Rule.Analyzer.Doc,
		URL:      Rule.Analyzer.URL,
		Requires: Rule.Analyzer.Requires,
		Run: func(pass *analysis.Pass) (any, error) {
			if len(forbidden) > 0 {
				run(pass, forbidden)
			}
			return nil, nil
		},
	}}
}

func run(pass *analysis.Pass, forbidden map[string]Entry) {
	report := func(f *jsparse.File, api string, start, end int) {
		msg := fmt.Sprintf("wx.%s is forbidden in this project", api)
		if m := forbidden[api].Message; m != "" {
			msg += ": " + m
		}
		pass.Report(analysis.Diagnostic{Pos: f.File.Pos(start), End: f.File.Pos(end), Message: msg})
	}
	for _, f := range jsparse.Of(pass).Files {
		if f.ReadErr != nil || f.Source == nil {
			continue
		}
		if f.Limited {
			for _, u := range f.Tokens() {
				if _, ok := forbidden[u.API]; ok {
					report(f, u.API, u.Start, u.End)
				}
			}
			continue
		}
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, u := range fx.Uses {
			if _, ok := forbidden[u.API]; ok {
				start, end := f.Span(u.Node)
				report(f, u.API, f.File.Offset(start), f.File.Offset(end))
			}
		}
	}
}
