package wxss

import (
	"fmt"
	"strings"
)

// dump describes a sheet in a compact form, with every offset, for tests.
func dump(s *Sheet) string {
	var b strings.Builder
	decls := func(ds []*Decl) {
		for _, d := range ds {
			fmt.Fprintf(&b, "  %s[%d:%d]: %q[%d:%d]", d.Property, d.Start, d.End, d.Value, d.ValueStart, d.ValueEnd)
			if d.Important {
				b.WriteString(" !important")
			}
			b.WriteByte('\n')
		}
	}
	for _, a := range s.AtRules {
		fmt.Fprintf(&b, "@%s[%d:%d] %q[%d:%d]", a.Name, a.Start, a.End, a.Prelude, a.PreludeStart, a.PreludeEnd)
		if a.Block {
			fmt.Fprintf(&b, " {%d:%d}", a.BlockStart, a.BlockEnd)
		}
		if a.Parent != nil {
			fmt.Fprintf(&b, " in @%s", a.Parent.Name)
		}
		if a.ParentRule != nil {
			fmt.Fprintf(&b, " in %q", a.ParentRule.Selector)
		}
		b.WriteByte('\n')
		decls(a.Decls)
	}
	for _, im := range s.Imports {
		fmt.Fprintf(&b, "import %q[%d:%d]\n", im.Path, im.Start, im.End)
	}
	for _, r := range s.Rules {
		fmt.Fprintf(&b, "rule %q[%d:%d] {%d:%d}", r.Selector, r.Start, r.End, r.BlockStart, r.BlockEnd)
		if r.Parent != nil {
			fmt.Fprintf(&b, " in @%s", r.Parent.Name)
		}
		if r.ParentRule != nil {
			fmt.Fprintf(&b, " in %q", r.ParentRule.Selector)
		}
		b.WriteByte('\n')
		decls(r.Decls)
	}
	for _, c := range s.Comments {
		fmt.Fprintf(&b, "comment %q[%d:%d]\n", c.Text, c.Start, c.End)
	}
	for _, e := range s.Errors {
		fmt.Fprintf(&b, "error %d: %s\n", e.Offset, e.Msg)
	}
	return b.String()
}
