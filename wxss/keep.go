package wxss

import (
	"strings"

	"github.com/tdewolff/parse/v2/css"
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

// keep reduces s, in place, to what a loaded project keeps of it (see
// KeptProperties); comments says whether the file holds a directive.
func (s *Sheet) keep(comments bool) {
	k := keeper{strs: map[string]string{}, rules: map[*Rule]bool{}}
	s.Src = nil
	if comments {
		for i := range s.Comments {
			s.Comments[i].Text = strings.Clone(s.Comments[i].Text)
		}
	} else {
		s.Comments = nil
	}
	for _, im := range s.Imports {
		im.Path = strings.Clone(im.Path)
	}
	for _, a := range s.AtRules {
		k.atRule(a)
	}
	var rules []*Rule
	for _, r := range s.Rules {
		if r.ParentRule == nil && len(r.Decls) == 0 && !KeptSelector(r.Tokens) {
			continue // (the commonest case, settled first)
		}
		k.rule(r)
		if len(r.Decls) > 0 || len(r.Tokens) > 0 {
			rules = append(rules, r)
		}
	}
	s.Rules = rules
	for i := range s.Errors {
		s.Errors[i].Msg = strings.Clone(s.Errors[i].Msg)
	}
}

type keeper struct {
	strs  map[string]string
	rules map[*Rule]bool
}

// str copies a short string that repeats (a property, an at-rule's name)
// once per sheet.
func (k *keeper) str(s string) string {
	if c, ok := k.strs[s]; ok {
		return c
	}
	c := strings.Clone(s)
	k.strs[c] = c
	return c
}

func (k *keeper) decls(ds []*Decl) []*Decl {
	var kept []*Decl
	for _, d := range ds {
		if KeptDecl(d) {
			d.Property, d.Value = k.str(d.Property), strings.Clone(d.Value)
			kept = append(kept, d)
		}
	}
	return kept
}

func (k *keeper) atRule(a *AtRule) {
	a.Name, a.Prelude = k.str(a.Name), strings.Clone(a.Prelude)
	a.Decls = k.decls(a.Decls)
	if a.ParentRule != nil {
		k.rule(a.ParentRule)
	}
}

// rule reduces r, and the rules around it (CSS nesting), which it keeps
// pointing to.
func (k *keeper) rule(r *Rule) {
	for ; r != nil && !k.rules[r]; r = r.ParentRule {
		k.rules[r] = true
		sel := strings.Clone(r.Selector)
		r.Selector = sel
		if KeptSelector(r.Tokens) {
			toks := make([]Token, len(r.Tokens))
			for i, t := range r.Tokens {
				t.Text = sel[t.Start-r.Start : t.Start-r.Start+len(t.Text)]
				toks[i] = t
			}
			r.Tokens = toks
		} else {
			r.Tokens = nil
		}
		r.Decls = k.decls(r.Decls)
	}
}
