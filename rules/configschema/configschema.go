package configschema

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/schemas"
)

//go:embed doc.go
var doc string

// Rule is the config-schema rule.
var Rule = lint.NewRule(doc, "configschema", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	for _, jf := range p.JSONFiles {
		for _, prob := range jf.Problems {
			sev := lint.Error
			if prob.Kind == jsonc.DuplicateKey {
				sev = lint.Warning // JSON.parse keeps the last value; the build goes on
			}
			lint.Report(pass, sev, jf.Pos(prob.Start), jf.Pos(prob.End), "%s", prob.Message)
		}
		if jf.Root == nil || jf.Schema == "" {
			continue
		}
		errs, err := schemas.Validate(jf.Schema, jf.Root.Interface())
		if err != nil {
			return nil, err
		}
		for _, e := range errs {
			report(pass, jf, e)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, jf *project.JSONFile, e schemas.Error) {
	v, m := jf.Root.Lookup(e.Pointer)
	if v == nil {
		v = jf.Root
	}
	switch e.Kind {
	case schemas.Unknown:
		start, end := v.Start, v.End
		if m != nil {
			start, end = m.KeyStart, m.KeyEnd
		}
		lint.Report(pass, lint.Warning, jf.Pos(start), jf.Pos(end), "%s", e.Message)
	case schemas.Missing:
		// Point at the opening brace of the object that lacks the key.
		lint.Report(pass, lint.Error, jf.Pos(v.Start), jf.Pos(v.Start+1), "%s", e.Message)
	default:
		lint.Report(pass, lint.Error, jf.Pos(v.Start), jf.Pos(v.Head()), "%s", e.Message)
	}
}
