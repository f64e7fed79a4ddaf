package jsparse

import (
	"sort"
	"sync"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/unistring"

	"github.com/chattool-lint/chattool-lint/internal/arena"
)

// What a loaded file keeps once its facts are collected (Source.compact).
//
// The rules read a script through its Facts: the uses of wx APIs with their
// calls and arguments, the global calls, share handlers and compared
// constants, and the scopes those were found in, whose const bindings the
// resolvers (Object, Value, Prefix, API) follow. They never read a
// function's body nor a statement. So once the facts are collected, a file
// keeps only the nodes they reach, with every function and class body
// replaced by an empty stand-in of the same span (and no parameter list),
// only the bindings of the names those nodes spell, and every string copied
// out of the source (a substring would keep the whole source alive): the
// syntax tree and the source are left to the collector. What stays is
// bounded by what the facts hold, not by the size of the file.

// pruneDepth is how deep below a kept node the pruned tree goes; anything
// deeper becomes a BadExpression of the same span. The resolvers follow at
// most maxDepth const indirections and a few levels of properties, far
// above it.
const pruneDepth = 64

// pruner prunes the nodes the facts reach, each once.
type pruner struct {
	k    *blocks // where what is kept goes
	seen map[ast.Node]bool
	// scopes maps the scopes the facts reach to what stands for them
	// (see pruneScopes); order lists them as reach found them.
	scopes map[*Scope]*Scope
	order  []*Scope
	// names are the names the kept identifiers spell.
	names  map[string]bool
	guards map[*Guard]bool
	// strs interns the strings copied out of the source: names and keys
	// repeat.
	strs map[string]string
}

func newPruner(k *blocks) *pruner {
	return &pruner{k: k, seen: map[ast.Node]bool{}, scopes: map[*Scope]*Scope{}, names: map[string]bool{}, guards: map[*Guard]bool{}, strs: map[string]string{}}
}

// str returns a copy of a name (an identifier, a property key, an API
// name) that shares no memory with the source: one copy per file, shared
// with other files (intern) for a short one.
func (p *pruner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := p.strs[s]; ok {
		return c
	}
	c, ok := intern(s)
	if !ok {
		c = p.k.strs.String(s)
	}
	p.strs[c] = c
	return c
}

// text returns a copy of the text of a literal (a string, a number, a
// template's part, a module specifier) that shares no memory with the
// source: one copy per file, not interned: such texts are mostly unique
// (URLs, paths, titles), and the intern table would keep them, and an
// entry for each, for the life of the process.
func (p *pruner) text(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := p.strs[s]; ok {
		return c
	}
	c := p.k.strs.String(s)
	p.strs[c] = c
	return c
}

// quoted copies the literal and the value of a string literal: as one
// string when the value is the literal without its quotes (no escapes).
// A property's key (sobek makes a string literal of a name key too) is a
// name (str), any other string a text.
func (p *pruner) quoted(e *ast.StringLiteral, key bool) {
	cp := p.text
	if key {
		cp = p.str
	}
	lit, v := e.Literal, string(e.Value)
	if n := len(lit); n >= 2 && lit[1:n-1] == v && !unistringIsUTF16(e.Value) {
		e.Literal = cp(lit)
		e.Value = unistring.String(e.Literal[1 : n-1])
		return
	}
	e.Literal, e.Value = cp(lit), unistring.String(cp(v))
}

// unistringIsUTF16 reports whether s is held as UTF-16 (a string with
// characters outside ASCII), whose bytes are not its text's.
func unistringIsUTF16(s unistring.String) bool { return s.AsUtf16() != nil }

// interned holds one copy of the short names the facts of every file keep
// (API names, property keys, identifiers), up to internMax of them: a
// long-running language server sees new names forever.
var interned struct {
	sync.Mutex
	m    map[string]string
	strs arena.Arena
}

const (
	internMax = 1 << 16
	internLen = 40
)

// intern returns the copy of s shared with other files, and false for a
// long s or when the table is full.
func intern(s string) (string, bool) {
	if len(s) > internLen {
		return "", false
	}
	interned.Lock()
	defer interned.Unlock()
	if c, ok := interned.m[s]; ok {
		return c, true
	}
	if len(interned.m) >= internMax {
		return "", false
	}
	c := interned.strs.String(s)
	if interned.m == nil {
		interned.m = map[string]string{}
	}
	interned.m[c] = c
	return c, true
}

func (p *pruner) ustr(s unistring.String) unistring.String {
	return unistring.String(p.str(string(s)))
}

func (p *pruner) ident(id *ast.Identifier) {
	if id != nil {
		id.Name = p.ustr(id.Name)
	}
}

// expr prunes e in place and returns what stands for it: e, or a
// BadExpression of its span below pruneDepth.
func (p *pruner) expr(e ast.Expression, depth int) ast.Expression {
	if e == nil {
		return nil
	}
	if depth > pruneDepth {
		if _, ok := e.(*ast.BadExpression); ok {
			return e
		}
		return &ast.BadExpression{From: e.Idx0(), To: e.Idx1()}
	}
	if p.seen[e] {
		return e
	}
	p.seen[e] = true
	d := depth + 1
	switch e := e.(type) {
	case *ast.Identifier:
		p.ident(e)
		p.names[e.Name.String()] = true
	case *ast.PrivateIdentifier:
		p.ident(&e.Identifier)
	case *ast.StringLiteral:
		p.quoted(e, false)
	case *ast.NumberLiteral:
		e.Literal = p.text(e.Literal)
	case *ast.BooleanLiteral:
		e.Literal = p.str(e.Literal)
	case *ast.NullLiteral:
		e.Literal = p.str(e.Literal)
	case *ast.RegExpLiteral:
		e.Literal, e.Pattern, e.Flags = p.text(e.Literal), p.text(e.Pattern), p.str(e.Flags)
	case *ast.TemplateLiteral:
		e.Tag = p.expr(e.Tag, d)
		for _, el := range e.Elements {
			if el != nil {
				el.Literal, el.Parsed = p.text(el.Literal), unistring.String(p.text(string(el.Parsed)))
			}
		}
		p.exprs(e.Expressions, d)
	case *ast.ArrayLiteral:
		p.exprs(e.Value, d)
	case *ast.ArrayPattern:
		p.exprs(e.Elements, d)
		e.Rest = p.expr(e.Rest, d)
	case *ast.ObjectLiteral:
		p.props(e.Value, d)
	case *ast.ObjectPattern:
		p.props(e.Properties, d)
		e.Rest = p.expr(e.Rest, d)
	case *ast.PropertyShort:
		p.ident(&e.Name)
		p.names[e.Name.Name.String()] = true
		e.Initializer = p.expr(e.Initializer, d)
	case *ast.PropertyKeyed:
		if k, ok := e.Key.(*ast.StringLiteral); ok && !e.Computed && !p.seen[k] {
			p.seen[k] = true
			p.quoted(k, true)
		}
		e.Key = p.expr(e.Key, d)
		e.Value = p.expr(e.Value, d)
	case *ast.SpreadElement:
		e.Expression = p.expr(e.Expression, d)
	case *ast.AssignExpression:
		e.Left, e.Right = p.expr(e.Left, d), p.expr(e.Right, d)
	case *ast.BinaryExpression:
		e.Left, e.Right = p.expr(e.Left, d), p.expr(e.Right, d)
	case *ast.UnaryExpression:
		e.Operand = p.expr(e.Operand, d)
	case *ast.ConditionalExpression:
		e.Test, e.Consequent, e.Alternate = p.expr(e.Test, d), p.expr(e.Consequent, d), p.expr(e.Alternate, d)
	case *ast.SequenceExpression:
		p.exprs(e.Sequence, d)
	case *ast.CallExpression:
		e.Callee = p.expr(e.Callee, d)
		p.exprs(e.ArgumentList, d)
	case *ast.NewExpression:
		e.Callee = p.expr(e.Callee, d)
		p.exprs(e.ArgumentList, d)
	case *ast.DotExpression:
		e.Left = p.expr(e.Left, d)
		p.ident(&e.Identifier)
	case *ast.PrivateDotExpression:
		e.Left = p.expr(e.Left, d)
		p.ident(&e.Identifier.Identifier)
	case *ast.BracketExpression:
		e.Left, e.Member = p.expr(e.Left, d), p.expr(e.Member, d)
	case *ast.OptionalChain:
		e.Expression = p.expr(e.Expression, d)
	case *ast.Optional:
		e.Expression = p.expr(e.Expression, d)
	case *ast.YieldExpression:
		e.Argument = p.expr(e.Argument, d)
	case *ast.AwaitExpression:
		e.Argument = p.expr(e.Argument, d)
	case *ast.MetaProperty:
		p.ident(e.Meta)
		p.ident(e.Property)
	case *ast.Binding:
		if t := p.expr(e.Target, d); t != nil {
			if bt, ok := t.(ast.BindingTarget); ok {
				e.Target = bt
			}
		}
		e.Initializer = p.expr(e.Initializer, d)
	case *ast.FunctionLiteral:
		// The name stays (a named function expression); parameters (nil
		// afterwards) and body go, the span stays.
		p.ident(e.Name)
		e.ParameterList = nil
		if e.Body != nil {
			e.Body = &ast.BlockStatement{LeftBrace: e.Body.LeftBrace, RightBrace: e.Body.RightBrace}
		}
		e.Source, e.DeclarationList = "", nil
	case *ast.ArrowFunctionLiteral:
		e.ParameterList = nil
		switch b := e.Body.(type) {
		case *ast.BlockStatement:
			e.Body = &ast.BlockStatement{LeftBrace: b.LeftBrace, RightBrace: b.RightBrace}
		case *ast.ExpressionBody:
			if b.Expression != nil {
				e.Body = &ast.ExpressionBody{Expression: &ast.BadExpression{From: b.Expression.Idx0(), To: b.Expression.Idx1()}}
			}
		}
		e.Source, e.DeclarationList = "", nil
	case *ast.ClassLiteral:
		p.ident(e.Name)
		e.SuperClass = p.expr(e.SuperClass, d)
		e.Body, e.Source = nil, ""
	}
	// ThisExpression, SuperExpression, DynamicImportExpression,
	// BadExpression: no strings, no children.
	return e
}

func (p *pruner) exprs(list []ast.Expression, depth int) {
	for i, e := range list {
		list[i] = p.expr(e, depth)
	}
}

func (p *pruner) props(list []ast.Property, depth int) {
	for i, pr := range list {
		if e, ok := p.expr(pr, depth).(ast.Property); ok {
			list[i] = e
		} else {
			// Below pruneDepth: a stand-in that is a property.
			list[i] = &ast.PropertyKeyed{Key: &ast.BadExpression{From: pr.Idx0(), To: pr.Idx0()}, Value: &ast.BadExpression{From: pr.Idx0(), To: pr.Idx1()}, Computed: true}
		}
	}
}

// reach records a scope the facts reach, and the scopes around it, to be
// pruned once every node the facts keep is (see pruneScopes).
func (p *pruner) reach(s *Scope) {
	for ; s != nil; s = s.parent {
		if _, ok := p.scopes[s]; ok {
			return
		}
		p.scopes[s] = nil
		p.order = append(p.order, s)
	}
}

// pruneScopes prunes the scopes reach recorded. A lookup is only ever made of a
// name the kept nodes spell (the resolvers look up the identifiers they
// meet, and the rules the names of the identifiers they are given), so a
// scope keeps only the bindings of such names: a const binding keeps its
// initializer, whose names are then kept too, and so on (the only
// bindings the resolvers follow; see Binding.Alias), any other binding
// drops it. Names are copied into sorted slices (a map costs more than a
// few names).
func (p *pruner) pruneScopes() {
	kept := map[*Binding]bool{}
	for more := true; more; {
		more = false
		for _, s := range p.order {
			s.collected(func(name string, b *Binding) {
				if kept[b] || !p.names[name] {
					return
				}
				kept[b], more = true, true
				if b.Kind == Const {
					b.Init = p.expr(b.Init, 0)
				} else {
					b.Init = nil
				}
				b.Prop, b.Module = p.str(b.Prop), p.text(b.Module)
			})
		}
	}
	done := map[*Scope]bool{}
	var prune func(s *Scope) *Scope
	prune = func(s *Scope) *Scope {
		if s == nil {
			return nil
		}
		if done[s] {
			return p.scopes[s]
		}
		done[s] = true
		parent := prune(s.parent)
		var names []string
		s.collected(func(name string, b *Binding) {
			if kept[b] {
				names = append(names, p.str(name))
			}
		})
		if len(names) == 0 {
			if parent == nil {
				parent = noScope
			}
			p.scopes[s] = parent
			return parent
		}
		sort.Strings(names)
		binds := make([]*Binding, len(names))
		for j, name := range names {
			binds[j], _ = s.declared(name)
		}
		if parent == noScope {
			parent = nil
		}
		s.parent, s.names, s.binds, s.vars, s.few = parent, names, binds, nil, nil
		p.scopes[s] = s
		return s
	}
	for _, s := range p.order {
		prune(s)
	}
}

// noScope stands for a scope the facts reach where no name they spell is
// declared: nothing is found in it.
var noScope = &Scope{fn: true}

// scope returns what stands for a scope once pruneScopes has run: the scope,
// or the nearest around it that declares a name the kept nodes spell.
func (p *pruner) scope(s *Scope) *Scope {
	if s == nil {
		return nil
	}
	return p.scopes[s]
}

func (p *pruner) guard(g *Guard) {
	for ; g != nil && !p.guards[g]; g = g.parent {
		p.guards[g] = true
		g.API, g.Version = p.str(g.API), p.str(g.Version)
	}
}

func (p *pruner) value(v *Value) {
	v.Str = p.text(v.Str)
	v.Node = p.expr(v.Node, 0)
}

// facts prunes what f holds, and returns the copy kept (see move).
func (p *pruner) facts(f *Facts) *Facts {
	for _, u := range f.Uses {
		u.API = p.str(u.API)
		u.Node = p.expr(u.Node, 0)
		if u.Call != nil {
			p.expr(u.Call, 0)
		}
		p.exprs(u.Args, 0)
		p.reach(u.Scope)
		p.guard(u.Guard)
	}
	for _, im := range f.Imports {
		im.Spec, im.Kind = p.text(im.Spec), p.str(im.Kind)
	}
	for _, g := range f.Globals {
		g.Name = p.str(g.Name)
		p.reach(g.Scope)
		switch {
		case g.Call == nil:
		case g.Name == "getApp":
			p.expr(g.Call, 0) // its option, allowDefault, is read
		default:
			// The options of App, Page, Component and Behavior were read
			// by the walk (Handlers): their arguments keep their spans.
			c := &ast.CallExpression{
				Callee:           p.expr(g.Call.Callee, 0),
				LeftParenthesis:  g.Call.LeftParenthesis,
				ArgumentList:     make([]ast.Expression, len(g.Call.ArgumentList)),
				RightParenthesis: g.Call.RightParenthesis,
			}
			for i, a := range g.Call.ArgumentList {
				c.ArgumentList[i] = &ast.BadExpression{From: a.Idx0(), To: a.Idx1()}
			}
			g.Call = c
		}
	}
	for _, h := range f.Handlers {
		h.Name, h.In = p.str(h.Name), p.str(h.In)
		h.KeyNode = p.expr(h.KeyNode, 0)
	}
	for _, c := range f.Compares {
		p.value(&c.Value)
		c.Node = p.expr(c.Node, 0)
	}
	for _, r := range f.Routes {
		r.Method = p.str(r.Method)
		p.expr(r.Call, 0)
		p.reach(r.Scope)
	}
	p.pruneScopes()
	for _, u := range f.Uses {
		u.Scope = p.scope(u.Scope)
	}
	for _, g := range f.Globals {
		g.Scope = p.scope(g.Scope)
	}
	for _, r := range f.Routes {
		r.Scope = p.scope(r.Scope)
	}
	var kept []*Scope
	for _, s := range p.order {
		if t := p.scopes[s]; t == s {
			kept = append(kept, s)
		}
	}
	return move(f, kept, p.k)
}
