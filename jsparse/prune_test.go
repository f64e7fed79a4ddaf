package jsparse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/grafana/sobek/ast"
)

// factsDump writes out what the rules can ask of a parsed file: every
// fact, the span of every node a fact holds, and what the resolvers say
// of the arguments of calls (their constants, static prefixes, objects,
// properties, nested objects and arrays), as the rules ask it.
func factsDump(s *Source) string {
	var b strings.Builder
	span := func(n ast.Node) string {
		if n == nil {
			return "-"
		}
		return fmt.Sprintf("%d-%d", s.Offset(n.Idx0()), s.Offset(n.Idx1()))
	}
	var expr func(sc *Scope, e ast.Expression, depth int)
	expr = func(sc *Scope, e ast.Expression, depth int) {
		ind := strings.Repeat("  ", depth)
		fmt.Fprintf(&b, "%sexpr %s", ind, span(e))
		if v, ok := s.Value(sc, e); ok {
			fmt.Fprintf(&b, " value %v %q %v %v at %s", v.Kind, v.Str, v.Num, v.Bool, span(v.Node))
		}
		if p, complete, ok := s.Prefix(sc, e); ok {
			fmt.Fprintf(&b, " prefix %q %v", p, complete)
		}
		if api, ok := s.API(sc, e); ok {
			fmt.Fprintf(&b, " api %s", api)
		}
		if id, ok := e.(*ast.Identifier); ok {
			if init, ok := sc.Lookup(id.Name.String()).Alias(); ok {
				fmt.Fprintf(&b, " alias of %s", span(init))
				if a, ok := init.(*ast.ArrayLiteral); ok {
					fmt.Fprintf(&b, " array of %d", len(a.Value))
				}
			}
		}
		if a, ok := e.(*ast.ArrayLiteral); ok {
			fmt.Fprintf(&b, " array of %d", len(a.Value))
		}
		b.WriteString("\n")
		if depth >= 3 {
			return
		}
		if o, ok := s.Object(sc, e); ok {
			fmt.Fprintf(&b, "%s  object %s open %v\n", ind, span(o.Node), o.Open)
			for _, pr := range o.Props {
				fmt.Fprintf(&b, "%s  prop %q key %s\n", ind, pr.Key, span(pr.KeyNode))
				expr(o.Scope, pr.Value, depth+2)
			}
		}
	}
	fx := s.Facts()
	if fx == nil {
		return "no facts\n"
	}
	for _, u := range fx.Uses {
		fmt.Fprintf(&b, "use %s node %s passed %v optional %v known %v promised %v", u.API, span(u.Node), u.Passed, u.Optional, u.ArgsKnown, u.Promised)
		if u.Call != nil {
			fmt.Fprintf(&b, " call %s", span(u.Call))
		}
		for g := u.Guard; g != nil; g = g.parent {
			fmt.Fprintf(&b, " guard %q %q", g.API, g.Version)
		}
		b.WriteString("\n")
		for _, a := range u.Args {
			expr(u.Scope, a, 1)
		}
	}
	for _, im := range fx.Imports {
		fmt.Fprintf(&b, "import %s %q %d-%d\n", im.Kind, im.Spec, s.Offset(im.Start), s.Offset(im.End))
	}
	for _, g := range fx.Globals {
		fmt.Fprintf(&b, "global %s call %s callee %s args %d\n", g.Name, span(g.Call), span(g.Call.Callee), len(g.Call.ArgumentList))
		for _, a := range g.Call.ArgumentList {
			fmt.Fprintf(&b, "  arg %s\n", span(a))
			if g.Name == "getApp" {
				expr(g.Scope, a, 1)
			}
		}
	}
	for _, h := range fx.Handlers {
		fmt.Fprintf(&b, "handler %s in %s key %s\n", h.Name, h.In, span(h.KeyNode))
	}
	for _, c := range fx.Compares {
		fmt.Fprintf(&b, "compare %v %q at %s node %s\n", c.Value.Kind, c.Value.Str, span(c.Value.Node), span(c.Node))
	}
	for _, r := range fx.Routes {
		fmt.Fprintf(&b, "route %s call %s\n", r.Method, span(r.Call))
		for _, a := range r.Call.ArgumentList {
			expr(r.Scope, a, 1)
		}
	}
	return b.String()
}

// TestCompact holds a compacted script to what the rules can ask of it
// before: every fact, every span, everything the resolvers answer about
// the arguments of calls, on every script of the corpus and of the
// cases below; its positions and verdicts too.
func TestCompact(t *testing.T) {
	files, _ := loadCorpus(t)
	for i, src := range []string{
		`const o = {url: '/a/b?x=1', n: -2, t: ` + "`x${y}`" + `, f() { wx.x() }, g: () => 1, ...{k: true}};
		 const arr = [1, 2]; const {getApiCategory: gac} = wx;
		 if (wx.canIUse('openChatTool')) wx.openChatTool(o, arr, gac, function named(a = wx.y) {}, class C extends D { m() {} });
		 Page({onShareAppMessage() {}, data: {a: 1}}); getApp({allowDefault: true}); App({});
		 switch (wx.getApiCategory()) { case 'chatTool': break }`,
		`import x from './x'; export const a = require('../y'); wx.navigateTo({url: '/pkg/' + a + '/index'})`,
	} {
		files = append(files, corpusFile{lang: JS})
		files[len(files)-1].Path, files[len(files)-1].Src = fmt.Sprintf("case%d.js", i), []byte(src)
	}
	for _, f := range files {
		s, c := Parse(f.Src, f.lang), Parse(f.Src, f.lang)
		want := factsDump(s)
		deep, _ := s.TooDeep()
		c.Compact()
		if c.Program != nil || c.Src != nil && !c.Limited || c.Code != "" && f.lang != TS {
			t.Errorf("%s: Compact kept the tree, the bytes or the code", f.Path)
		}
		if got := factsDump(c); got != want {
			t.Errorf("%s: compacted, the facts are\n%s\nwant\n%s", f.Path, got, want)
			continue
		}
		if d, _ := c.TooDeep(); d != deep || (c.Err == nil) != (s.Err == nil) || c.Limited != s.Limited || !c.ParsedFrom(f.Src) {
			t.Errorf("%s: verdicts changed by Compact", f.Path)
		}
		if len(f.Src) > 0 && c.ParsedFrom(append([]byte(nil), f.Src[:len(f.Src)-1]...)) {
			t.Errorf("%s: ParsedFrom other bytes", f.Path)
		}
	}
}
