package jsparse

import (
	"github.com/grafana/sobek/ast"
)

// Once pruned, the nodes a file keeps are moved into one slice per type
// (mover): a node allocated alone takes the next size class (a 40-byte
// string literal takes 48 bytes, a 56-byte call 64, an 88-byte Use 96),
// in a slice it takes its size. A first walk counts the nodes of each
// type, the second copies each node into its slice and points every
// reference at the copy; the pruned nodes are left to the collector.

// slab holds the copies of one type of node.
type slab[T any] struct {
	n   int
	buf []T
}

// mover moves what the pruned facts of a file reach into slabs.
type mover struct {
	counting bool
	// done maps a node (or a Guard) moved to its copy; while counting,
	// to itself.
	done map[any]any

	str   slab[ast.StringLiteral]
	num   slab[ast.NumberLiteral]
	calls slab[ast.CallExpression]
	dot   slab[ast.DotExpression]
	prop  slab[ast.PropertyKeyed]
	obj   slab[ast.ObjectLiteral]
	arr   slab[ast.ArrayLiteral]
	bin   slab[ast.BinaryExpression]
	use   slab[Use]
	guard slab[Guard]
}

// take returns the copy of v in s (v itself while counting).
func take[T any](m *mover, s *slab[T], v *T) *T {
	if m.counting {
		s.n++
		return v
	}
	if s.buf == nil {
		s.buf = make([]T, 0, s.n)
	}
	if len(s.buf) == cap(s.buf) {
		// More than counted (never): a copy of its own, so that the
		// copies made are not left in a slab outgrown.
		c := *v
		return &c
	}
	s.buf = append(s.buf, *v)
	return &s.buf[len(s.buf)-1]
}

// move moves the nodes of f and of the scopes its facts reach (scopes:
// the pruned scopes, each once) into slabs.
func move(f *Facts, scopes []*Scope) {
	m := &mover{counting: true, done: map[any]any{}}
	m.facts(f, scopes)
	m.counting, m.done = false, make(map[any]any, len(m.done))
	m.facts(f, scopes)
}

func (m *mover) facts(f *Facts, scopes []*Scope) {
	for i, u := range f.Uses {
		c := take(m, &m.use, u)
		c.Node = m.expr(u.Node)
		c.Call = m.call(u.Call)
		m.exprs(c.Args)
		c.Guard = m.guardOf(u.Guard)
		f.Uses[i] = c
	}
	for _, g := range f.Globals {
		g.Call = m.call(g.Call)
	}
	for _, h := range f.Handlers {
		h.KeyNode = m.expr(h.KeyNode)
	}
	for _, c := range f.Compares {
		c.Node = m.expr(c.Node)
		c.Value.Node = m.expr(c.Value.Node)
	}
	for _, r := range f.Routes {
		r.Call = m.call(r.Call)
	}
	for _, s := range scopes {
		for _, b := range s.binds {
			b.Init = m.expr(b.Init)
		}
	}
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

func (m *mover) exprs(list []ast.Expression) {
	for i, e := range list {
		list[i] = m.expr(e)
	}
}

func (m *mover) props(list []ast.Property) {
	for i, p := range list {
		if p != nil {
			list[i] = m.expr(p).(ast.Property)
		}
	}
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
	case *ast.StringLiteral:
		c = take(m, &m.str, e)
	case *ast.NumberLiteral:
		c = take(m, &m.num, e)
	case *ast.CallExpression:
		n := take(m, &m.calls, e)
		n.Callee = m.expr(n.Callee)
		m.exprs(n.ArgumentList)
		c = n
	case *ast.DotExpression:
		n := take(m, &m.dot, e)
		n.Left = m.expr(n.Left)
		c = n
	case *ast.PropertyKeyed:
		n := take(m, &m.prop, e)
		n.Key, n.Value = m.expr(n.Key), m.expr(n.Value)
		c = n
	case *ast.ObjectLiteral:
		n := take(m, &m.obj, e)
		m.props(n.Value)
		c = n
	case *ast.ArrayLiteral:
		n := take(m, &m.arr, e)
		m.exprs(n.Value)
		c = n
	case *ast.BinaryExpression:
		n := take(m, &m.bin, e)
		n.Left, n.Right = m.expr(n.Left), m.expr(n.Right)
		c = n
	// The types without a slab: their children move.
	case *ast.TemplateLiteral:
		e.Tag = m.expr(e.Tag)
		m.exprs(e.Expressions)
	case *ast.ArrayPattern:
		m.exprs(e.Elements)
		e.Rest = m.expr(e.Rest)
	case *ast.ObjectPattern:
		m.props(e.Properties)
		e.Rest = m.expr(e.Rest)
	case *ast.PropertyShort:
		e.Initializer = m.expr(e.Initializer)
	case *ast.SpreadElement:
		e.Expression = m.expr(e.Expression)
	case *ast.AssignExpression:
		e.Left, e.Right = m.expr(e.Left), m.expr(e.Right)
	case *ast.UnaryExpression:
		e.Operand = m.expr(e.Operand)
	case *ast.ConditionalExpression:
		e.Test, e.Consequent, e.Alternate = m.expr(e.Test), m.expr(e.Consequent), m.expr(e.Alternate)
	case *ast.SequenceExpression:
		m.exprs(e.Sequence)
	case *ast.NewExpression:
		e.Callee = m.expr(e.Callee)
		m.exprs(e.ArgumentList)
	case *ast.PrivateDotExpression:
		e.Left = m.expr(e.Left)
	case *ast.BracketExpression:
		e.Left, e.Member = m.expr(e.Left), m.expr(e.Member)
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
	// A copy is its own copy: a slice shared by two nodes (the arguments
	// of a call and of its Use) holds copies once moved through one.
	m.done[e], m.done[c] = c, c
	return c
}
