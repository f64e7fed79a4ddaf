package skylinesupport

import (
	"strings"

	"github.com/tdewolff/parse/v2/css"
	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// Facts from framework/runtime/skyline/wxss.html and the Skyline skill
// notes (wechat-miniprogram/skyline-skills, skyline-wxss).
var (
	// Skyline supports only these pseudo-elements; single-colon :before and
	// :after are their legacy spelling.
	pseudoElements = map[string]bool{"before": true, "after": true}
	// CSS2 pseudo-elements may be written with one colon.
	legacyPseudoElements = map[string]bool{"first-line": true, "first-letter": true}
)

func checkStyles(pass *analysis.Pass, f *wxss.File, where string) {
	sheet := f.Sheet
	for _, at := range sheet.AtRules {
		if at.Name != "media" || strings.Contains(strings.ToLower(at.Prelude), "prefers-color-scheme") {
			continue
		}
		lint.Report(pass, lint.Warning, f.Pos(at.Start), f.Pos(at.End),
			"@media %s (%s): Skyline supports only dark-mode media queries (prefers-color-scheme) and does not evaluate this condition; compute it in script (wx.getWindowInfo()) and bind a class",
			short(at.Prelude), where)
	}
	for _, rule := range sheet.Rules {
		if !inKeyframes(rule) {
			checkSelector(pass, f, rule, where)
		}
		for _, d := range rule.Decls {
			checkDecl(pass, f, d, where)
		}
	}
}

// inKeyframes reports whether rule is a step of @keyframes (from, to, 50%),
// which is not a selector.
func inKeyframes(rule *wxss.Rule) bool {
	for at := rule.Parent; at != nil; at = at.Parent {
		if strings.HasSuffix(at.Name, "keyframes") {
			return true
		}
	}
	return false
}

func checkSelector(pass *analysis.Pass, f *wxss.File, rule *wxss.Rule, where string) {
	toks := rule.Tokens
	// fns holds the functions whose arguments the scan is in (":not(",
	// ":nth-child(", or "" for a bare parenthesis).
	var fns []string
	inNth := func() bool {
		for _, fn := range fns {
			if strings.HasPrefix(fn, "nth-") {
				return true
			}
		}
		return false
	}
	report := func(start, end int, format string, args ...any) {
		args = append(args, where)
		lint.Report(pass, lint.Warning, f.Pos(start), f.Pos(end), format, args...)
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.Type {
		case css.FunctionToken:
			fns = append(fns, strings.ToLower(strings.TrimSuffix(t.Text, "(")))
			continue
		case css.LeftParenthesisToken:
			fns = append(fns, "")
			continue
		case css.RightParenthesisToken:
			if len(fns) > 0 {
				fns = fns[:len(fns)-1]
			}
			continue
		}
		if inNth() {
			continue // An+B arguments: "2n+1", never a selector
		}
		switch {
		case t.Type == css.DelimToken && t.Text == "*":
			report(t.Start, t.Start+1,
				"universal selector * in %q (%s): Skyline does not support the universal selector; use a class",
				short(rule.Selector))
		case t.Type == css.LeftBracketToken:
			j := i + 1
			for j < len(toks) && toks[j].Type != css.RightBracketToken {
				j++
			}
			end := t.Start + 1
			if j < len(toks) {
				end = toks[j].Start + 1
			}
			report(t.Start, end,
				"attribute selector %s (%s): Skyline does not support attribute selectors; use a class",
				short(selectorText(toks[i:min(j+1, len(toks))])))
			i = j
		case t.Type == css.ColonToken:
			colons := 1
			if i+1 < len(toks) && toks[i+1].Type == css.ColonToken {
				colons = 2
			}
			k := i + colons
			if k >= len(toks) || (toks[k].Type != css.IdentToken && toks[k].Type != css.FunctionToken) {
				i = k - 1
				continue
			}
			name := strings.ToLower(strings.TrimSuffix(toks[k].Text, "("))
			if (colons == 2 && !pseudoElements[name]) || (colons == 1 && legacyPseudoElements[name]) {
				report(t.Start, toks[k].Start+len(strings.TrimSuffix(toks[k].Text, "(")),
					"pseudo-element %s%s (%s): Skyline supports only the pseudo-elements ::before and ::after",
					strings.Repeat(":", colons), name)
			}
			// Leave a function token to the top of the loop, which tracks
			// its parenthesis.
			i = k - 1
			if toks[k].Type == css.IdentToken {
				i = k
			}
		}
	}
}

// short cuts a selector (minified style sheets group dozens) to a length
// that fits a message.
func short(s string) string {
	const limit = 60
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}

func selectorText(toks []wxss.Token) string {
	var sb strings.Builder
	for _, t := range toks {
		sb.WriteString(t.Text)
	}
	return sb.String()
}

func checkDecl(pass *analysis.Pass, f *wxss.File, d *wxss.Decl, where string) {
	words := valueWords(d.Value)
	has := func(vals ...string) string {
		for _, w := range words {
			for _, v := range vals {
				if w == v {
					return w
				}
			}
		}
		return ""
	}
	var msg string
	switch d.Property {
	case "position":
		if v := has("sticky", "-webkit-sticky"); v != "" && !onStickyHeader(d.Rule) {
			msg = "position: " + v + " (%s): Skyline does not support sticky positioning; put the header in <sticky-header> inside <sticky-section> in a <scroll-view type=\"custom\">"
		}
	case "overflow", "overflow-x", "overflow-y":
		if v := has("scroll", "auto"); v != "" {
			msg = d.Property + ": " + v + " (%s): Skyline supports only overflow hidden and visible, so this box does not scroll; scroll with <scroll-view type=\"list\">"
		}
	case "float":
		if len(words) > 0 && has("none") == "" {
			msg = "float: " + strings.Join(words, " ") + " (%s): Skyline does not support float; use flex layout"
		}
	case "display":
		if v := has("grid", "inline-grid", "-ms-grid", "-ms-inline-grid"); v != "" {
			msg = "display: " + v + " (%s): Skyline does not support grid layout; use flex, or <grid-view> inside <scroll-view type=\"custom\">"
		}
	}
	if msg != "" {
		lint.Report(pass, lint.Warning, f.Pos(d.Start), f.Pos(d.ValueEnd), msg, where)
	}
}

// valueWords returns the lowercase words of a declaration value, without
// comments and !important.
func valueWords(v string) []string {
	for {
		i := strings.Index(v, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(v[i+2:], "*/")
		if j < 0 {
			v = v[:i]
			break
		}
		v = v[:i] + " " + v[i+2+j+2:]
	}
	v = strings.ToLower(v)
	if i := strings.Index(v, "!"); i >= 0 {
		v = v[:i]
	}
	return strings.Fields(v)
}

// onStickyHeader reports whether every selector of rule styles a
// <sticky-header>: position: sticky there is the webview fallback of a
// component that is sticky in Skyline by itself (as in Tencent's Skyline
// examples), not a mistake.
func onStickyHeader(rule *wxss.Rule) bool {
	if rule == nil {
		return false
	}
	for _, sel := range strings.Split(rule.Selector, ",") {
		f := strings.FieldsFunc(sel, func(r rune) bool { return strings.ContainsRune(" \t\r\n>+~", r) })
		if len(f) == 0 {
			return false
		}
		subject := f[len(f)-1]
		rest, ok := strings.CutPrefix(subject, "sticky-header")
		if !ok || (rest != "" && !strings.ContainsRune(".#:[", rune(rest[0]))) {
			return false
		}
	}
	return true
}
