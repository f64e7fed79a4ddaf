package wxss

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
)

// keptPart is what Sheet.keep must keep of a parsed sheet, written out as
// text: every at-rule, import and error, and every style rule with a kept
// token or declaration, with those declarations and, for a kept token,
// every token.
func keptPart(s *Sheet, comments bool) string {
	var b strings.Builder
	for _, a := range s.AtRules {
		fmt.Fprintf(&b, "@%s %q %d-%d %d-%d block %v %d-%d\n", a.Name, a.Prelude, a.Start, a.End, a.PreludeStart, a.PreludeEnd, a.Block, a.BlockStart, a.BlockEnd)
		decls(&b, a.Decls)
	}
	for _, im := range s.Imports {
		fmt.Fprintf(&b, "import %q %d-%d\n", im.Path, im.Start, im.End)
	}
	for _, r := range s.Rules {
		var toks []Token
		if KeptSelector(r.Tokens) {
			toks = r.Tokens
		}
		var ds []*Decl
		for _, d := range r.Decls {
			if KeptDecl(d) {
				ds = append(ds, d)
			}
		}
		if len(toks) == 0 && len(ds) == 0 {
			continue
		}
		in := ""
		for a := r.Parent; a != nil; a = a.Parent {
			in += fmt.Sprintf(" @%s@%d", a.Name, a.Start)
		}
		for p := r.ParentRule; p != nil; p = p.ParentRule {
			in += fmt.Sprintf(" %q@%d", p.Selector, p.Start)
		}
		fmt.Fprintf(&b, "rule %q %d-%d block %d-%d in%s\n", r.Selector, r.Start, r.End, r.BlockStart, r.BlockEnd, in)
		for _, t := range toks {
			fmt.Fprintf(&b, "  token %v %q %d\n", t.Type, t.Text, t.Start)
		}
		decls(&b, ds)
	}
	if comments {
		for _, c := range s.Comments {
			fmt.Fprintf(&b, "comment %q %d-%d\n", c.Text, c.Start, c.End)
		}
	}
	for _, e := range s.Errors {
		fmt.Fprintf(&b, "error %d %s\n", e.Offset, e.Msg)
	}
	return b.String()
}

func decls(b *strings.Builder, ds []*Decl) {
	for _, d := range ds {
		if !KeptDecl(d) {
			continue
		}
		sel := ""
		if d.Rule != nil {
			sel = d.Rule.Selector
		}
		fmt.Fprintf(b, "  decl %q %d-%d %q %d-%d important %v in %q\n", d.Property, d.Start, d.End, d.Value, d.ValueStart, d.ValueEnd, d.Important, sel)
	}
}

// TestKept holds what Load keeps of each style sheet of the corpus to the
// part of the parse the rules read (see KeptProperties): the same, and
// nothing else.
func TestKept(t *testing.T) {
	files, _ := loadCorpus(t)
	for i, src := range []string{
		"/* a */ .a{color:red} .b > *{display:grid} .c[x]{float:left} @media (x){.d::before{position:sticky}}",
		".a{display:flex} .b{display:GRID} .c{position:relative} .d{position:-webkit-sticky} .e{overflow:hidden} .f{overflow-y:Auto} .g{overflow-x:scroll} .h{float:none}",
		".a::after{color:red} .b:active{color:red} .c::placeholder{color:red} .d:first-line{color:red} .e:not(.f)::selection{top:0} .g:nth-child(2n+1){top:0} :: {} .h:{}",
		".e{&:hover{overflow:auto} .f{top:0}} @font-face{display:swap;src:url(x)} sticky-header{position:sticky}",
	} {
		files = append(files, corpus.File{Path: fmt.Sprintf("case%d", i), Src: []byte(src)})
	}
	var full, nkept int
	for _, f := range files {
		s := Parse(f.Src)
		for _, comments := range []bool{false, true} {
			want := keptPart(s, comments)
			k := Parse(f.Src).keep(comments, &blocks{})
			if got := keptPart(k, true); got != want {
				t.Errorf("%s (comments %v): kept\n%s\nwant\n%s", f.Path, comments, got, want)
			}
			if k.Src != nil {
				t.Errorf("%s: Src kept", f.Path)
			}
			if !comments && k.Comments != nil {
				t.Errorf("%s: comments kept", f.Path)
			}
		}
		full += len(s.Rules)
		nkept += len(Parse(f.Src).keep(false, &blocks{}).Rules)
	}
	t.Logf("%d files: %d style rules kept of %d", len(files), nkept, full)
}
