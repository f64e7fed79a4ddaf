package jsparse

import (
	"github.com/grafana/sobek/ast"

	"github.com/chattool-lint/chattool-lint/internal/arena"
)

// Once pruned, what the facts of a file keep is copied into blocks shared
// by the files of a load (blocks; see package arena), and the originals
// are left to the collector: the nodes, the slices that hold them, the
// scopes and bindings the resolvers follow, the facts' records and their
// strings. A node allocated alone takes the next size class (a 40-byte
// string literal takes 48 bytes, a 56-byte call 64, an 88-byte Use 96), in
// a block it takes its size; and allocated where the parse put it, among
// the parse's garbage, it keeps the whole span of its size class from
// being freed (on the npm corpus as one project, 40 MB of such free slots
// beside 21 MB kept once the scripts were loaded; 16 MB with the copies).
// The walk copies each node once and points every reference at the copy.

// blocks holds the blocks of every type the mover copies into: one for a
// load of a project (Load), whose files' facts live and die together. (One
// for the process would have a block that holds a file of a project still
// loading keep the files of a project done with, beside it in the block:
// 110 projects checked in one run peaked at 98 MiB rather than 78.)
type blocks struct {
	strs  arena.Arena
	exprs arena.Slab[ast.Expression]
	props arena.Slab[ast.Property]
	elems arena.Slab[*ast.TemplateElement]

	str     arena.Slab[ast.StringLiteral]
	num     arena.Slab[ast.NumberLiteral]
	calls   arena.Slab[ast.CallExpression]
	dot     arena.Slab[ast.DotExpression]
	prop    arena.Slab[ast.PropertyKeyed]
	obj     arena.Slab[ast.ObjectLiteral]
	arr     arena.Slab[ast.ArrayLiteral]
	bin     arena.Slab[ast.BinaryExpression]
	ident   arena.Slab[ast.Identifier]
	boolean arena.Slab[ast.BooleanLiteral]
	null    arena.Slab[ast.NullLiteral]
	bad     arena.Slab[ast.BadExpression]
	fn      arena.Slab[ast.FunctionLiteral]
	arrow   arena.Slab[ast.ArrowFunctionLiteral]
	block   arena.Slab[ast.BlockStatement]
	body    arena.Slab[ast.ExpressionBody]
	tmpl    arena.Slab[ast.TemplateLiteral]
	elem    arena.Slab[ast.TemplateElement]
	short   arena.Slab[ast.PropertyShort]
	unary   arena.Slab[ast.UnaryExpression]
	cond    arena.Slab[ast.ConditionalExpression]
	this    arena.Slab[ast.ThisExpression]
	newx    arena.Slab[ast.NewExpression]
	bracket arena.Slab[ast.BracketExpression]
	assign  arena.Slab[ast.AssignExpression]
	spread  arena.Slab[ast.SpreadElement]

	use     arena.Slab[Use]
	guard   arena.Slab[Guard]
	scope   arena.Slab[Scope]
	bind    arena.Slab[Binding]
	names   arena.Slab[string]
	binds   arena.Slab[*Binding]
	facts   arena.Slab[Facts]
	uses    arena.Slab[*Use]
	imports arena.Slab[*Import]
	imp     arena.Slab[Import]
	globals arena.Slab[*GlobalCall]
	global  arena.Slab[GlobalCall]
	hands   arena.Slab[*Handler]
	hand    arena.Slab[Handler]
	comps   arena.Slab[*Compare]
	comp    arena.Slab[Compare]
	routes  arena.Slab[*Route]
	route   arena.Slab[Route]
	source  arena.Slab[Source]
	file    arena.Slab[File]
}

// mover moves what the pruned facts of a file reach into blocks.
type mover struct {
	*blocks
	// done maps a node (or a Guard, a Scope) moved to its copy, and the
	// copy to itself.
	done map[any]any
}

// takeAll returns a copy of list in s (list itself when it is empty).
func takeAll[T any](s *arena.Slab[T], list []T) []T {
	if len(list) == 0 {
		return list
	}
	return s.Clone(list)
}

// move moves what the pruned facts f reach, the scopes they reach
// (scopes: the pruned scopes, each once) included, into k, and returns
// the facts that hold the copies.
func move(f *Facts, scopes []*Scope, k *blocks) *Facts {
	m := &mover{blocks: k, done: map[any]any{}}
	return m.facts(f, scopes)
}

func (m *mover) facts(f *Facts, scopes []*Scope) *Facts {
	for _, s := range scopes {
		for _, b := range m.scopeOf(s).binds {
			b.Init = m.expr(b.Init)
		}
	}
	k := m.blocks
	out := k.facts.New(Facts{})
	out.Uses = k.uses.Make(len(f.Uses))
	for i, u := range f.Uses {
		c := k.use.New(*u)
		c.Node = m.expr(u.Node)
		c.Call = m.call(u.Call)
		c.Args = m.exprs(c.Args)
		c.Guard = m.guardOf(u.Guard)
		c.Scope = m.scopeOf(u.Scope)
		out.Uses[i] = c
	}
	out.Imports = records(&k.imports, &k.imp, f.Imports, func(*Import) {})
	out.Globals = records(&k.globals, &k.global, f.Globals, func(g *GlobalCall) {
		g.Call, g.Scope = m.call(g.Call), m.scopeOf(g.Scope)
	})
	out.Handlers = records(&k.hands, &k.hand, f.Handlers, func(h *Handler) { h.KeyNode = m.expr(h.KeyNode) })
	out.Compares = records(&k.comps, &k.comp, f.Compares, func(c *Compare) {
		c.Node, c.Value.Node = m.expr(c.Node), m.expr(c.Value.Node)
	})
	out.Routes = records(&k.routes, &k.route, f.Routes, func(r *Route) {
		r.Call, r.Scope = m.call(r.Call), m.scopeOf(r.Scope)
	})
	return out
}

// records copies each record of list into one, and list into ptrs, and
// calls fix on each copy.
func records[T any](ptrs *arena.Slab[*T], one *arena.Slab[T], list []*T, fix func(*T)) []*T {
	if len(list) == 0 {
		return nil
	}
	vs := one.Make(len(list))
	out := ptrs.Make(len(list))
	for i, r := range list {
		vs[i] = *r
		fix(&vs[i])
		out[i] = &vs[i]
	}
	return out
}

// scopeOf returns the copy of a kept scope (nil, and noScope, stay), its
// parents, bindings and names copied too.
func (m *mover) scopeOf(s *Scope) *Scope {
	if s == nil || s == noScope {
		return s
	}
	if c, ok := m.done[s]; ok {
		return c.(*Scope)
	}
	c := m.scope.New(*s)
	m.done[s], m.done[c] = c, c
	c.parent = m.scopeOf(s.parent)
	c.names = takeAll(&m.names, s.names)
	binds := takeAll(&m.binds, s.binds)
	for i, b := range binds {
		nb := m.bind.New(*b)
		nb.Scope = m.scopeOf(b.Scope)
		binds[i] = nb
	}
	c.binds = binds
	return c
}

func (m *mover) guardOf(g *Guard) *Guard {
	if g == nil {
		return nil
	}
	if c, ok := m.done[g]; ok {
		return c.(*Guard)
	}
	c := m.guard.New(*g)
	m.done[g], m.done[c] = c, c
	c.parent = m.guardOf(g.parent)
	return c
}

func (m *mover) call(c *ast.CallExpression) *ast.CallExpression {
	if c == nil {
		return nil
	}
	return m.expr(c).(*ast.CallExpression)
}

// exprs returns a copy of list, each of its nodes moved.
func (m *mover) exprs(list []ast.Expression) []ast.Expression {
	list = takeAll(&m.blocks.exprs, list)
	for i, e := range list {
		list[i] = m.expr(e)
	}
	return list
}

func (m *mover) props(list []ast.Property) []ast.Property {
	list = takeAll(&m.blocks.props, list)
	for i, p := range list {
		if p != nil {
			list[i] = m.expr(p).(ast.Property)
		}
	}
	return list
}

func (m *mover) ident(id *ast.Identifier) *ast.Identifier {
	if id == nil {
		return nil
	}
	if c, ok := m.done[id]; ok {
		return c.(*ast.Identifier)
	}
	c := m.blocks.ident.New(*id)
	m.done[id], m.done[c] = c, c
	return c
}

// expr returns the copy of e, its children moved (e itself, for a type
// that has no slab, its children moved).
func (m *mover) expr(e ast.Expression) ast.Expression {
	if e == nil {
		return nil
	}
	if c, ok := m.done[e]; ok {
		return c.(ast.Expression)
	}
	var c ast.Expression = e
	switch e := e.(type) {
	case *ast.Identifier:
		c = m.ident(e)
	case *ast.StringLiteral:
		c = m.str.New(*e)
	case *ast.NumberLiteral:
		c = m.num.New(*e)
	case *ast.BooleanLiteral:
		c = m.boolean.New(*e)
	case *ast.NullLiteral:
		c = m.null.New(*e)
	case *ast.BadExpression:
		c = m.bad.New(*e)
	case *ast.ThisExpression:
		c = m.this.New(*e)
	case *ast.CallExpression:
		n := m.calls.New(*e)
		n.Callee = m.expr(n.Callee)
		n.ArgumentList = m.exprs(n.ArgumentList)
		c = n
	case *ast.NewExpression:
		n := m.newx.New(*e)
		n.Callee = m.expr(n.Callee)
		n.ArgumentList = m.exprs(n.ArgumentList)
		c = n
	case *ast.DotExpression:
		n := m.dot.New(*e)
		n.Left = m.expr(n.Left)
		c = n
	case *ast.BracketExpression:
		n := m.bracket.New(*e)
		n.Left, n.Member = m.expr(n.Left), m.expr(n.Member)
		c = n
	case *ast.PropertyKeyed:
		n := m.prop.New(*e)
		n.Key, n.Value = m.expr(n.Key), m.expr(n.Value)
		c = n
	case *ast.PropertyShort:
		n := m.short.New(*e)
		n.Initializer = m.expr(n.Initializer)
		c = n
	case *ast.ObjectLiteral:
		n := m.obj.New(*e)
		n.Value = m.props(n.Value)
		c = n
	case *ast.ArrayLiteral:
		n := m.arr.New(*e)
		n.Value = m.exprs(n.Value)
		c = n
	case *ast.BinaryExpression:
		n := m.bin.New(*e)
		n.Left, n.Right = m.expr(n.Left), m.expr(n.Right)
		c = n
	case *ast.UnaryExpression:
		n := m.unary.New(*e)
		n.Operand = m.expr(n.Operand)
		c = n
	case *ast.ConditionalExpression:
		n := m.cond.New(*e)
		n.Test, n.Consequent, n.Alternate = m.expr(n.Test), m.expr(n.Consequent), m.expr(n.Alternate)
		c = n
	case *ast.AssignExpression:
		n := m.assign.New(*e)
		n.Left, n.Right = m.expr(n.Left), m.expr(n.Right)
		c = n
	case *ast.SpreadElement:
		n := m.spread.New(*e)
		n.Expression = m.expr(n.Expression)
		c = n
	case *ast.TemplateLiteral:
		n := m.tmpl.New(*e)
		n.Tag = m.expr(n.Tag)
		n.Expressions = m.exprs(n.Expressions)
		els := takeAll(&m.elems, n.Elements)
		for i, el := range els {
			if el != nil {
				els[i] = m.elem.New(*el)
			}
		}
		n.Elements = els
		c = n
	case *ast.FunctionLiteral:
		// (Pruned: a name and an empty body.)
		n := m.fn.New(*e)
		n.Name = m.ident(n.Name)
		if n.Body != nil {
			n.Body = m.block.New(*n.Body)
		}
		c = n
	case *ast.ArrowFunctionLiteral:
		n := m.arrow.New(*e)
		switch b := n.Body.(type) {
		case *ast.BlockStatement:
			n.Body = m.block.New(*b)
		case *ast.ExpressionBody:
			nb := m.body.New(*b)
			nb.Expression = m.expr(nb.Expression)
			n.Body = nb
		}
		c = n
	// The types without a slab (rare in what is kept): their children
	// move.
	case *ast.ArrayPattern:
		e.Elements = m.exprs(e.Elements)
		e.Rest = m.expr(e.Rest)
	case *ast.ObjectPattern:
		e.Properties = m.props(e.Properties)
		e.Rest = m.expr(e.Rest)
	case *ast.SequenceExpression:
		e.Sequence = m.exprs(e.Sequence)
	case *ast.PrivateDotExpression:
		e.Left = m.expr(e.Left)
	case *ast.OptionalChain:
		e.Expression = m.expr(e.Expression)
	case *ast.Optional:
		e.Expression = m.expr(e.Expression)
	case *ast.YieldExpression:
		e.Argument = m.expr(e.Argument)
	case *ast.AwaitExpression:
		e.Argument = m.expr(e.Argument)
	case *ast.Binding:
		if t, ok := m.expr(e.Target).(ast.BindingTarget); ok {
			e.Target = t
		}
		e.Initializer = m.expr(e.Initializer)
	case *ast.ClassLiteral:
		e.SuperClass = m.expr(e.SuperClass)
	}
	m.done[e], m.done[c] = c, c
	return c
}
