package configschema

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
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
			d := analysis.Diagnostic{Pos: jf.Pos(prob.Start), End: jf.Pos(prob.End), Category: sev.String(), Message: prob.Message}
			if prob.Kind == jsonc.TrailingComma {
				// Safe: JSON.parse rejects the comma and nothing else reads it.
				d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(jf.File, "Remove the trailing comma",
					jsonedit.Edit{Start: prob.Start, End: prob.End})}
			}
			pass.Report(d)
		}
		if jf.Root == nil || jf.Schema == "" {
			continue
		}
		errs, err := schemas.Validate(jf.Schema, jf.Root.Interface())
		if err != nil {
			return nil, err
		}
		found := make([]finding, len(errs))
		for i, e := range errs {
			found[i] = locate(jf, e)
		}
		// In the order of the file: the driver resolves each position from
		// the last one on the same line (a file of one line holding
		// 400,000 bad keys), and the fixes' budget goes to the first.
		sort.SliceStable(found, func(i, j int) bool {
			if found[i].start != found[j].start {
				return found[i].start < found[j].start
			}
			return found[i].end < found[j].end
		})
		budget := newFixBudget(jf.Root)
		for _, f := range found {
			report(pass, jf, f, budget)
		}
	}
	return nil, nil
}

// A finding is a schema error and the part of the file it underlines.
type finding struct {
	schemas.Error
	v          *jsonc.Value
	m          *jsonc.Member // the key, for an unknown key
	start, end int
}

func locate(jf *project.JSONFile, e schemas.Error) finding {
	v, m := jf.Root.Lookup(e.Pointer)
	if v == nil {
		v = jf.Root
	}
	f := finding{Error: e, v: v}
	switch e.Kind {
	case schemas.Unknown:
		f.start, f.end = v.Start, v.End
		if m != nil {
			f.m, f.start, f.end = m, m.KeyStart, m.KeyEnd
		}
	case schemas.Missing:
		// Point at the opening brace of the object that lacks the key.
		f.start, f.end = v.Start, v.Start+1
	default:
		f.start, f.end = v.Start, v.Head()
	}
	return f
}

func report(pass *analysis.Pass, jf *project.JSONFile, f finding, budget *fixBudget) {
	d := analysis.Diagnostic{Message: f.Message, Category: lint.Error.String()}
	switch f.Kind {
	case schemas.Unknown:
		d.Category = lint.Warning.String()
		if f.m != nil {
			d.SuggestedFixes = renameFix(jf, f.Error, f.m, budget)
		}
	case schemas.Missing:
	default:
		d.SuggestedFixes = valueFix(jf, f.Error, f.v, budget)
	}
	d.Pos, d.End = jf.Pos(f.start), jf.Pos(f.end)
	pass.Report(d)
}

// A fixBudget bounds the validations the rule runs to test its fixes (each
// validates the whole file with the change made): values validated, at
// most a few times the file's own plus a fixed amount, so that a file of
// 100,000 keys, each a case-only typo, is not validated 100,000 times. A
// real file, a few hundred values, has hundreds of validations to spend;
// past the budget, a typo gets its finding and no fix.
type fixBudget struct {
	values, left int
}

func newFixBudget(root *jsonc.Value) *fixBudget {
	n := countValues(root)
	return &fixBudget{values: n, left: 4*n + 1<<16}
}

// take spends one validation of the file, if the budget holds it.
func (b *fixBudget) take() bool {
	if b.left < b.values {
		return false
	}
	b.left -= b.values
	return true
}

func countValues(v *jsonc.Value) int {
	n := 1
	for _, m := range v.Members {
		n += countValues(m.Value)
	}
	for _, e := range v.Elems {
		n += countValues(e)
	}
	return n
}

// The suggestions in the schemas package's messages: `did you mean "X"?` for
// an unknown key, `allowed: "a", "b"` for a value outside an enum and `it
// must be "a"` for a constant.
var (
	didYouMean = regexp.MustCompile(`did you mean ("(?:[^"\\]|\\.)*")\?$`)
	allowed    = regexp.MustCompile(`; (?:allowed|it must be): ((?:"(?:[^"\\]|\\.)*"(?:, )?)+)$`)
)

// renameFix fixes an unknown key that differs from a known one only in case
// ("navigationBarTitletext"), when the schema accepts the known key, with its
// value, in that object and the object does not have it already. Other typos
// get no fix: the author may have meant another key.
func renameFix(jf *project.JSONFile, e schemas.Error, m *jsonc.Member, budget *fixBudget) []analysis.SuggestedFix {
	sm := didYouMean.FindStringSubmatch(e.Message)
	if sm == nil {
		return nil
	}
	key, err := strconv.Unquote(sm[1])
	if err != nil || key == m.Key || !strings.EqualFold(key, m.Key) {
		return nil
	}
	parent := e.Pointer[:len(e.Pointer)-1]
	obj, _ := jf.Root.Lookup(parent)
	if obj.Member(key) != nil {
		return nil
	}
	if !accepted(jf, budget, append(slices.Clone(parent), key), func(doc map[string]any) {
		doc[key] = doc[m.Key]
		delete(doc, m.Key)
	}, parent) {
		return nil
	}
	return []analysis.SuggestedFix{jsonedit.Fix(jf.File, fmt.Sprintf("Rename %q to %q", m.Key, key), jsonedit.RenameKey(m, key))}
}

// valueFix fixes a string outside an enum (or not the constant) that differs
// from exactly one allowed value only in case ("Custom" for "custom"), when
// the schema accepts that value there.
func valueFix(jf *project.JSONFile, e schemas.Error, v *jsonc.Value, budget *fixBudget) []analysis.SuggestedFix {
	s, ok := v.String()
	if !ok || len(e.Pointer) == 0 {
		return nil
	}
	sm := allowed.FindStringSubmatch(e.Message)
	if sm == nil {
		return nil
	}
	var match string
	for rest := sm[1]; rest != ""; {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil
		}
		rest = strings.TrimPrefix(rest[len(q):], ", ")
		w, err := strconv.Unquote(q)
		if err != nil {
			return nil
		}
		if w != s && strings.EqualFold(w, s) {
			if match != "" {
				return nil // two candidates: not certain
			}
			match = w
		}
	}
	if match == "" {
		return nil
	}
	parent, last := e.Pointer[:len(e.Pointer)-1], e.Pointer[len(e.Pointer)-1]
	if !accepted(jf, budget, e.Pointer, func(doc map[string]any) { doc[last] = match }, parent) {
		return nil
	}
	return []analysis.SuggestedFix{jsonedit.Fix(jf.File, fmt.Sprintf("Set %s to %q", last, match), jsonedit.SetString(v, match))}
}

// accepted reports whether the file validates with no error at or under ptr
// once change has been made to the object at parent (which must be an
// object; arrays are not changed here). It says no, untested, once the
// budget is spent.
func accepted(jf *project.JSONFile, budget *fixBudget, ptr []string, change func(map[string]any), parent []string) bool {
	if !budget.take() {
		return false
	}
	doc := jf.Root.Interface()
	var cur any = doc
	for _, tok := range parent {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return false
			}
			cur = c[i]
		default:
			return false
		}
	}
	obj, ok := cur.(map[string]any)
	if !ok {
		return false
	}
	change(obj)
	errs, err := schemas.Validate(jf.Schema, doc)
	if err != nil {
		return false
	}
	for _, e := range errs {
		if len(e.Pointer) >= len(ptr) && slices.Equal(e.Pointer[:len(ptr)], ptr) {
			return false
		}
	}
	return true
}
