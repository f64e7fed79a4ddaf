package configschema

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
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
	d := analysis.Diagnostic{Message: e.Message}
	var start, end int
	switch e.Kind {
	case schemas.Unknown:
		start, end, d.Category = v.Start, v.End, lint.Warning.String()
		if m != nil {
			start, end = m.KeyStart, m.KeyEnd
			d.SuggestedFixes = renameFix(jf, e, m)
		}
	case schemas.Missing:
		// Point at the opening brace of the object that lacks the key.
		start, end, d.Category = v.Start, v.Start+1, lint.Error.String()
	default:
		start, end, d.Category = v.Start, v.Head(), lint.Error.String()
		d.SuggestedFixes = valueFix(jf, e, v)
	}
	d.Pos, d.End = jf.Pos(start), jf.Pos(end)
	pass.Report(d)
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
func renameFix(jf *project.JSONFile, e schemas.Error, m *jsonc.Member) []analysis.SuggestedFix {
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
	if !accepted(jf, append(slices.Clone(parent), key), func(doc map[string]any) {
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
func valueFix(jf *project.JSONFile, e schemas.Error, v *jsonc.Value) []analysis.SuggestedFix {
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
	if !accepted(jf, e.Pointer, func(doc map[string]any) { doc[last] = match }, parent) {
		return nil
	}
	return []analysis.SuggestedFix{jsonedit.Fix(jf.File, fmt.Sprintf("Set %s to %q", last, match), jsonedit.SetString(v, match))}
}

// accepted reports whether the file validates with no error at or under ptr
// once change has been made to the object at parent (which must be an
// object; arrays are not changed here).
func accepted(jf *project.JSONFile, ptr []string, change func(map[string]any), parent []string) bool {
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
