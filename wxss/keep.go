package wxss

import (
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2/css"

	"github.com/chattool-lint/chattool-lint/internal/arena"
)

// What a style sheet of a loaded project keeps (Load).
//
// A parsed sheet is several times the size of its source (a Decl, a Rule
// and each selector Token are structs of their own), and a project holds
// every sheet until its last rule has run. So Load keeps of each sheet what
// the rules read, and lets the rest go:
//
//   - Imports, AtRules and Errors, whole;
//   - Comments only when the file holds a directive (unused-suppression
//     reads them; no one else does);
//   - of the style rules, those whose selector KeptSelector accepts, or that
//     keep a declaration (KeptDecl); of a rule kept, its Selector,
//     its Tokens only when KeptSelector accepts them, and of its
//     declarations (and of an at-rule's) those KeptDecl keeps.
//
// skyline-support is the rule that reads style rules: it reports the
// selectors Skyline does not support (KeptSelector) and declarations of
// the properties below. A rule that comes to read more of the style rules
// adds it here (TestKept holds the sheets Parse returns to the kept part
// on the corpus). Every string kept is a copy: none holds on to the source.
var KeptProperties = map[string]bool{
	"position": true, "overflow": true, "overflow-x": true, "overflow-y": true,
	"float": true, "display": true,
}

// KeptDecl reports whether a loaded sheet keeps a declaration: of
// KeptProperties, and with a value skyline-support may report (a
// superset: the rule reads the value's words). `display: flex`, the
// commonest of them, is not kept: on the npm corpus as one project it
// was most of what the sheets kept.
func KeptDecl(d *Decl) bool {
	if !KeptProperties[d.Property] {
		return false
	}
	has := func(s string) bool { return containsFold(d.Value, s) }
	switch d.Property {
	case "display":
		return has("grid")
	case "position":
		return has("sticky")
	case "overflow", "overflow-x", "overflow-y":
		return has("scroll") || has("auto")
	}
	return true
}

// containsFold reports whether s holds sub (lowercase ASCII), in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// KeptSelector reports whether a loaded sheet keeps the tokens of a
// selector: when it holds what Skyline may not support, a universal
// selector (`*`), an attribute selector (`[`) or a pseudo-element other than
// ::before and ::after (`::x`, and the legacy `:first-line` and
// `:first-letter`). Pseudo-classes (`:active`, `:not(...)`) and ::before
// and ::after are supported: their selectors keep only their text.
func KeptSelector(toks []Token) bool {
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; t.Type {
		case css.LeftBracketToken:
			return true
		case css.DelimToken:
			if t.Text == "*" {
				return true
			}
		case css.ColonToken:
			colons := 1
			if i+1 < len(toks) && toks[i+1].Type == css.ColonToken {
				colons = 2
			}
			k := i + colons
			i = k - 1
			if k >= len(toks) || toks[k].Type != css.IdentToken && toks[k].Type != css.FunctionToken {
				continue
			}
			name := strings.ToLower(strings.TrimSuffix(toks[k].Text, "("))
			if colons == 2 && name != "before" && name != "after" || colons == 1 && (name == "first-line" || name == "first-letter") {
				return true
			}
		}
	}
	return false
}

// keep reduces s to what a loaded project keeps of it (see
// KeptProperties), and returns a copy of that in kept (see package
// arena); comments says whether the file holds a directive.
func (s *Sheet) keep(comments bool, kept *blocks) *Sheet {
	k := keeper{kept: kept, strs: map[string]string{}, rules: map[*Rule]*Rule{}, atRules: map[*AtRule]*AtRule{}}
	out := kept.sheet.New(Sheet{})
	if comments {
		out.Comments = kept.comments.Clone(s.Comments)
		for i := range out.Comments {
			out.Comments[i].Text = kept.strs.String(out.Comments[i].Text)
		}
	}
	out.AtRules = kept.atRulePtrs.Make(len(s.AtRules))
	for i, a := range s.AtRules {
		out.AtRules[i] = k.atRule(a)
	}
	out.Imports = kept.importPtrs.Make(len(s.Imports))
	for i, im := range s.Imports {
		c := kept.imports.New(*im)
		c.Path, c.Options, c.Tail = kept.strs.String(c.Path), kept.strs.String(c.Options), kept.strs.String(c.Tail)
		c.Rule, c.At = k.str(c.Rule), k.atRule(c.At)
		out.Imports[i] = c
	}
	var rules []*Rule
	for _, r := range s.Rules {
		if KeptSelector(r.Tokens) || slices.ContainsFunc(r.Decls, KeptDecl) {
			rules = append(rules, k.rule(r))
		}
	}
	out.Rules = kept.rulePtrs.Clone(rules)
	out.Errors = kept.errors.Clone(s.Errors)
	for i := range out.Errors {
		out.Errors[i].Msg = kept.strs.String(out.Errors[i].Msg)
	}
	return out
}

// blocks holds the blocks what the sheets of a load keep is copied into:
// allocated one by one among the parse's garbage, each would keep the span
// of its size class from being freed.
type blocks struct {
	strs       arena.Arena
	sheet      arena.Slab[Sheet]
	comments   arena.Slab[Comment]
	errors     arena.Slab[Error]
	imports    arena.Slab[Import]
	importPtrs arena.Slab[*Import]
	atRules    arena.Slab[AtRule]
	atRulePtrs arena.Slab[*AtRule]
	rules      arena.Slab[Rule]
	rulePtrs   arena.Slab[*Rule]
	decls      arena.Slab[Decl]
	declPtrs   arena.Slab[*Decl]
	tokens     arena.Slab[Token]
	files      arena.Slab[File]
}

// keeper copies what a sheet keeps, each rule and at-rule once.
type keeper struct {
	kept    *blocks
	strs    map[string]string
	rules   map[*Rule]*Rule
	atRules map[*AtRule]*AtRule
}

// str copies a short string that repeats (a property, an at-rule's name)
// once per sheet.
func (k *keeper) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := k.strs[s]; ok {
		return c
	}
	c := k.kept.strs.String(s)
	k.strs[c] = c
	return c
}

// decls returns copies of the declarations of ds a loaded sheet keeps.
func (k *keeper) decls(ds []*Decl) []*Decl {
	var list []*Decl
	for _, d := range ds {
		if KeptDecl(d) {
			c := k.kept.decls.New(*d)
			c.Property, c.Value = k.str(d.Property), k.kept.strs.String(d.Value)
			c.Rule = k.rule(d.Rule)
			list = append(list, c)
		}
	}
	return k.kept.declPtrs.Clone(list)
}

// atRule returns the copy of a, and of the rules around it.
func (k *keeper) atRule(a *AtRule) *AtRule {
	if a == nil {
		return nil
	}
	if c, ok := k.atRules[a]; ok {
		return c
	}
	c := k.kept.atRules.New(*a)
	k.atRules[a] = c
	c.Name, c.Prelude = k.str(a.Name), k.kept.strs.String(a.Prelude)
	c.Decls = k.decls(a.Decls)
	c.Parent = k.atRule(a.Parent)
	c.ParentRule = k.rule(a.ParentRule)
	return c
}

// rule returns the reduced copy of r, and of the rules around it (CSS
// nesting), which it keeps pointing to.
func (k *keeper) rule(r *Rule) *Rule {
	if r == nil {
		return nil
	}
	if c, ok := k.rules[r]; ok {
		return c
	}
	c := k.kept.rules.New(*r)
	k.rules[r] = c
	sel := k.kept.strs.String(r.Selector)
	c.Selector = sel
	if KeptSelector(r.Tokens) {
		toks := k.kept.tokens.Make(len(r.Tokens))
		for i, t := range r.Tokens {
			t.Text = sel[t.Start-r.Start : t.Start-r.Start+len(t.Text)]
			toks[i] = t
		}
		c.Tokens = toks
	} else {
		c.Tokens = nil
	}
	c.Decls = k.decls(r.Decls)
	c.Parent = k.atRule(r.Parent)
	c.ParentRule = k.rule(r.ParentRule)
	return c
}
