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
// A first walk counts what each type of the file needs, the second copies
// and points every reference at the copy.

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

// slab is what a file takes of one of the blocks' slabs: n counted, then buf
// carved out of it once and filled.
type slab[T any] struct {
	g   *arena.Slab[T]
	n   int
	buf []T
}

// mover moves what the pruned facts of a file reach into blocks.
type mover struct {
	k        *blocks
	counting bool
	// done maps a node (or a Guard) moved to its copy; while counting,
	// to itself.
	done map[any]any

	exprList slab[ast.Expression]
	propList slab[ast.Property]
	elems    slab[*ast.TemplateElement]

	str     slab[ast.StringLiteral]
	num     slab[ast.NumberLiteral]
	calls   slab[ast.CallExpression]
	dot     slab[ast.DotExpression]
	prop    slab[ast.PropertyKeyed]
	obj     slab[ast.ObjectLiteral]
	arr     slab[ast.ArrayLiteral]
	bin     slab[ast.BinaryExpression]
	idents  slab[ast.Identifier]
	boolean slab[ast.BooleanLiteral]
	null    slab[ast.NullLiteral]
	bad     slab[ast.BadExpression]
	fn      slab[ast.FunctionLiteral]
	arrow   slab[ast.ArrowFunctionLiteral]
	block   slab[ast.BlockStatement]
	body    slab[ast.ExpressionBody]
	tmpl    slab[ast.TemplateLiteral]
	elem    slab[ast.TemplateElement]
	short   slab[ast.PropertyShort]
	unary   slab[ast.UnaryExpression]
	cond    slab[ast.ConditionalExpression]
	this    slab[ast.ThisExpression]
	newx    slab[ast.NewExpression]
	bracket slab[ast.BracketExpression]
	assign  slab[ast.AssignExpression]
	spread  slab[ast.SpreadElement]

	use   slab[Use]
	guard slab[Guard]
	scope slab[Scope]
	bind  slab[Binding]
	names slab[string]
	binds slab[*Binding]
}

func newMover(k *blocks) *mover {
	return &mover{k: k,
		counting: true, done: map[any]any{},
		exprList: slab[ast.Expression]{g: &k.exprs}, propList: slab[ast.Property]{g: &k.props},
		elems: slab[*ast.TemplateElement]{g: &k.elems},
		str:   slab[ast.StringLiteral]{g: &k.str}, num: slab[ast.NumberLiteral]{g: &k.num},
		calls: slab[ast.CallExpression]{g: &k.calls}, dot: slab[ast.DotExpression]{g: &k.dot},
		prop: slab[ast.PropertyKeyed]{g: &k.prop}, obj: slab[ast.ObjectLiteral]{g: &k.obj},
		arr: slab[ast.ArrayLiteral]{g: &k.arr}, bin: slab[ast.BinaryExpression]{g: &k.bin},
		idents: slab[ast.Identifier]{g: &k.ident}, boolean: slab[ast.BooleanLiteral]{g: &k.boolean},
		null: slab[ast.NullLiteral]{g: &k.null}, bad: slab[ast.BadExpression]{g: &k.bad},
		fn: slab[ast.FunctionLiteral]{g: &k.fn}, arrow: slab[ast.ArrowFunctionLiteral]{g: &k.arrow},
		block: slab[ast.BlockStatement]{g: &k.block}, body: slab[ast.ExpressionBody]{g: &k.body},
		tmpl: slab[ast.TemplateLiteral]{g: &k.tmpl}, elem: slab[ast.TemplateElement]{g: &k.elem},
		short: slab[ast.PropertyShort]{g: &k.short}, unary: slab[ast.UnaryExpression]{g: &k.unary},
		cond: slab[ast.ConditionalExpression]{g: &k.cond}, this: slab[ast.ThisExpression]{g: &k.this},
		newx: slab[ast.NewExpression]{g: &k.newx}, bracket: slab[ast.BracketExpression]{g: &k.bracket},
		assign: slab[ast.AssignExpression]{g: &k.assign}, spread: slab[ast.SpreadElement]{g: &k.spread},
		use: slab[Use]{g: &k.use}, guard: slab[Guard]{g: &k.guard},
		scope: slab[Scope]{g: &k.scope}, bind: slab[Binding]{g: &k.bind},
		names: slab[string]{g: &k.names}, binds: slab[*Binding]{g: &k.binds},
	}
}

// take returns the copy of v in s (v itself while counting).
func take[T any](m *mover, s *slab[T], v *T) *T {
	if m.counting {
		s.n++
		return v
	}
	s.carve()
	if len(s.buf) == cap(s.buf) {
		// More than counted (never): a copy of its own.
		c := *v
		return &c
	}
	s.buf = append(s.buf, *v)
	return &s.buf[len(s.buf)-1]
}

// takeAll returns a copy of list in s (list itself while counting, and
// when it is empty).
func takeAll[T any](m *mover, s *slab[T], list []T) []T {
	if len(list) == 0 {
		return list
	}
	if m.counting {
		s.n += len(list)
		return list
	}
	s.carve()
	k := len(s.buf)
	if k+len(list) > cap(s.buf) {
		return append([]T(nil), list...) // (never)
	}
	s.buf = append(s.buf, list...)
	return s.buf[k:len(s.buf):len(s.buf)]
}

// carve takes the room counted out of the shared slab, once.
func (s *slab[T]) carve() {
	if s.buf == nil && s.n > 0 {
		s.buf = s.g.Make(s.n)[:0]
	}
}

// move moves what the pruned facts f reach, the scopes they reach
// (scopes: the pruned scopes, each once) included, into k, and returns
// the facts that hold the copies.
func move(f *Facts, scopes []*Scope, k *blocks) *Facts {
	m := newMover(k)
	m.facts(f, scopes)
	m.counting, m.done = false, make(map[any]any, len(m.done))
	return m.facts(f, scopes)
}

func (m *mover) facts(f *Facts, scopes []*Scope) *Facts {
	for _, s := range scopes {
		m.scopeOf(s)
	}
	uses := make([]*Use, len(f.Uses))
	for i, u := range f.Uses {
		c := take(m, &m.use, u)
		c.Node = m.expr(u.Node)
		c.Call = m.call(u.Call)
		c.Args = m.exprs(c.Args)
		c.Guard = m.guardOf(u.Guard)
		c.Scope = m.scopeOf(u.Scope)
		uses[i] = c
	}
	for _, s := range scopes {
		for _, b := range m.scopeOf(s).binds {
			b.Init = m.expr(b.Init)
		}
	}
	if m.counting {
		for _, g := range f.Globals {
			m.call(g.Call)
		}
		for _, h := range f.Handlers {
			m.expr(h.KeyNode)
		}
		for _, c := range f.Compares {
			m.expr(c.Node)
			m.expr(c.Value.Node)
		}
		for _, r := range f.Routes {
			m.call(r.Call)
		}
		return f
	}
	k := m.k
	out := k.facts.New(Facts{Uses: k.uses.Clone(uses)})
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
	c := take(m, &m.scope, s)
	m.done[s], m.done[c] = c, c
	c.parent = m.scopeOf(s.parent)
	c.names = takeAll(m, &m.names, s.names)
	binds := takeAll(m, &m.binds, s.binds)
	for i, b := range binds {
		nb := take(m, &m.bind, b)
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
	c := take(m, &m.guard, g)
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
	list = takeAll(m, &m.exprList, list)
	for i, e := range list {
		list[i] = m.expr(e)
	}
	return list
}

func (m *mover) props(list []ast.Property) []ast.Property {
	list = takeAll(m, &m.propList, list)
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
	c := take(m, &m.idents, id)
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
		c = take(m, &m.str, e)
	case *ast.NumberLiteral:
		c = take(m, &m.num, e)
	case *ast.BooleanLiteral:
		c = take(m, &m.boolean, e)
	case *ast.NullLiteral:
		c = take(m, &m.null, e)
	case *ast.BadExpression:
		c = take(m, &m.bad, e)
	case *ast.ThisExpression:
		c = take(m, &m.this, e)
	case *ast.CallExpression:
		n := take(m, &m.calls, e)
		n.Callee = m.expr(n.Callee)
		n.ArgumentList = m.exprs(n.ArgumentList)
		c = n
	case *ast.NewExpression:
		n := take(m, &m.newx, e)
		n.Callee = m.expr(n.Callee)
		n.ArgumentList = m.exprs(n.ArgumentList)
		c = n
	case *ast.DotExpression:
		n := take(m, &m.dot, e)
		n.Left = m.expr(n.Left)
		c = n
	case *ast.BracketExpression:
		n := take(m, &m.bracket, e)
		n.Left, n.Member = m.expr(n.Left), m.expr(n.Member)
		c = n
	case *ast.PropertyKeyed:
		n := take(m, &m.prop, e)
		n.Key, n.Value = m.expr(n.Key), m.expr(n.Value)
		c = n
	case *ast.PropertyShort:
		n := take(m, &m.short, e)
		n.Initializer = m.expr(n.Initializer)
		c = n
	case *ast.ObjectLiteral:
		n := take(m, &m.obj, e)
		n.Value = m.props(n.Value)
		c = n
	case *ast.ArrayLiteral:
		n := take(m, &m.arr, e)
		n.Value = m.exprs(n.Value)
		c = n
	case *ast.BinaryExpression:
		n := take(m, &m.bin, e)
		n.Left, n.Right = m.expr(n.Left), m.expr(n.Right)
		c = n
	case *ast.UnaryExpression:
		n := take(m, &m.unary, e)
		n.Operand = m.expr(n.Operand)
		c = n
	case *ast.ConditionalExpression:
		n := take(m, &m.cond, e)
		n.Test, n.Consequent, n.Alternate = m.expr(n.Test), m.expr(n.Consequent), m.expr(n.Alternate)
		c = n
	case *ast.AssignExpression:
		n := take(m, &m.assign, e)
		n.Left, n.Right = m.expr(n.Left), m.expr(n.Right)
		c = n
	case *ast.SpreadElement:
		n := take(m, &m.spread, e)
		n.Expression = m.expr(n.Expression)
		c = n
	case *ast.TemplateLiteral:
		n := take(m, &m.tmpl, e)
		n.Tag = m.expr(n.Tag)
		n.Expressions = m.exprs(n.Expressions)
		els := takeAll(m, &m.elems, n.Elements)
		for i, el := range els {
			if el != nil {
				els[i] = take(m, &m.elem, el)
			}
		}
		n.Elements = els
		c = n
	case *ast.FunctionLiteral:
		// (Pruned: a name and an empty body.)
		n := take(m, &m.fn, e)
		n.Name = m.ident(n.Name)
		if n.Body != nil {
			n.Body = take(m, &m.block, n.Body)
		}
		c = n
	case *ast.ArrowFunctionLiteral:
		n := take(m, &m.arrow, e)
		switch b := n.Body.(type) {
		case *ast.BlockStatement:
			n.Body = take(m, &m.block, b)
		case *ast.ExpressionBody:
			nb := take(m, &m.body, b)
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
