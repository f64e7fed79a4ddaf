package jsparse

import (
	"sort"
	"strconv"
	"strings"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/token"
)

// BindingKind is how a name was declared.
type BindingKind int

const (
	Var BindingKind = iota
	Let
	Const
	Param
	Func
	Class
	Imported
	Catch
)

// Binding is a declared name. Only const bindings are followed when values
// are resolved: anything else may change.
type Binding struct {
	Kind BindingKind
	// Init is the initializer of a const or variable declaration.
	Init ast.Expression
	// Prop is set when the name is destructured from Init: const {Prop: name} = Init.
	Prop string
	// Scope is the scope the binding lives in.
	Scope *Scope
	// Module is the module an Imported default or namespace binding
	// comes from.
	Module string
}

// Alias returns the initializer of a const name bound directly to a value
// (const x = init), the only bindings values are followed through. It is
// nil-safe.
func (b *Binding) Alias() (ast.Expression, bool) {
	if b == nil || b.Kind != Const || b.Init == nil || b.Prop != "" {
		return nil, false
	}
	return b.Init, true
}

// Scope is a lexical scope.
type Scope struct {
	parent *Scope
	// few, then vars past smallScope of them, are the names declared,
	// while the walk collects them; then names, sorted, and their binds
	// (see pruner.scope).
	few   []scopeVar
	vars  map[string]*Binding
	names []string
	binds []*Binding
	fn    bool // a function (or the program): where var declarations live
}

// scopeVar is a name a scope declares, while the walk collects them.
type scopeVar struct {
	name string
	b    *Binding
}

// smallScope is how many names a scope holds in a slice before a map:
// most scopes declare a few, and a map for them was a thirtieth of what a
// run allocates on the npm corpus.
const smallScope = 8

func newScope(parent *Scope, fn bool) *Scope {
	return &Scope{parent: parent, fn: fn}
}

// Lookup returns the binding a name resolves to in s, or nil for a global.
func (s *Scope) Lookup(name string) *Binding {
	for ; s != nil; s = s.parent {
		if b, ok := s.declared(name); ok {
			return b
		}
	}
	return nil
}

// declared returns the binding s declares name with.
func (s *Scope) declared(name string) (*Binding, bool) {
	switch {
	case s.vars != nil:
		b, ok := s.vars[name]
		return b, ok
	case s.few != nil:
		for i := range s.few {
			if s.few[i].name == name {
				return s.few[i].b, true
			}
		}
	default:
		if i := sort.SearchStrings(s.names, name); i < len(s.names) && s.names[i] == name {
			return s.binds[i], true
		}
	}
	return nil, false
}

func (s *Scope) bind(name string, b *Binding) {
	b.Scope = s
	if s.vars != nil {
		s.vars[name] = b
		return
	}
	for i := range s.few {
		if s.few[i].name == name {
			s.few[i].b = b
			return
		}
	}
	if s.few == nil {
		s.few = make([]scopeVar, 0, smallScope/2)
	}
	if len(s.few) < smallScope {
		s.few = append(s.few, scopeVar{name, b})
		return
	}
	s.vars = make(map[string]*Binding, 2*smallScope)
	for _, v := range s.few {
		s.vars[v.name] = v.b
	}
	s.vars[name], s.few = b, nil
}

// collected calls yield for each name s declares, while the walk collects
// them, in no order.
func (s *Scope) collected(yield func(name string, b *Binding)) {
	for name, b := range s.vars {
		yield(name, b)
	}
	for _, v := range s.few {
		yield(v.name, v.b)
	}
}

func (s *Scope) funcScope() *Scope {
	for t := s; t != nil; t = t.parent {
		if t.fn {
			return t
		}
	}
	return s
}

// bindTarget declares the names of a binding target.
func bindTarget(s *Scope, target ast.Expression, init ast.Expression, kind BindingKind) {
	switch t := target.(type) {
	case *ast.Identifier:
		s.bind(t.Name.String(), &Binding{Kind: kind, Init: init})
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				s.bind(p.Name.Name.String(), &Binding{Kind: kind, Init: init, Prop: p.Name.Name.String()})
			case *ast.PropertyKeyed:
				key, ok := propKey(p.Key, p.Computed)
				if id, isID := p.Value.(*ast.Identifier); isID && ok {
					s.bind(id.Name.String(), &Binding{Kind: kind, Init: init, Prop: key})
				} else {
					bindTarget(s, p.Value, nil, kind)
				}
			}
		}
		if t.Rest != nil {
			bindTarget(s, t.Rest, nil, kind)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			if e != nil {
				bindTarget(s, e, nil, kind)
			}
		}
		if t.Rest != nil {
			bindTarget(s, t.Rest, nil, kind)
		}
	case *ast.AssignExpression: // a default: [a = 1] or {a = 1}
		bindTarget(s, t.Left, nil, kind)
	case *ast.Binding:
		bindTarget(s, t.Target, nil, kind)
	}
}

// propKey returns the static name of a property key.
func propKey(key ast.Expression, computed bool) (string, bool) {
	switch k := key.(type) {
	case *ast.Identifier:
		if !computed {
			return k.Name.String(), true
		}
	case *ast.StringLiteral:
		return k.Value.String(), true
	case *ast.NumberLiteral:
		return k.Literal, true
	}
	return "", false
}

// Kind is the kind of a constant value.
type Kind int

const (
	String Kind = iota
	Number
	Bool
)

// Value is a constant the resolver found.
type Value struct {
	Kind Kind
	Str  string
	Num  float64
	Bool bool
	// Node is the literal that holds the value (where a finding points).
	Node ast.Expression
}

// maxDepth bounds how many const indirections are followed.
const maxDepth = 8

// Value resolves e to a constant: a literal, a template without
// substitutions, a negated number, or a const name bound to one of these.
// It returns false for anything that cannot be known statically.
func (s *Source) Value(sc *Scope, e ast.Expression) (Value, bool) {
	return s.value(sc, e, 0)
}

func (s *Source) value(sc *Scope, e ast.Expression, depth int) (Value, bool) {
	if depth > maxDepth {
		return Value{}, false
	}
	switch e := e.(type) {
	case *ast.StringLiteral:
		return Value{Kind: String, Str: e.Value.String(), Node: e}, true
	case *ast.TemplateLiteral:
		if e.Tag == nil && len(e.Expressions) == 0 && len(e.Elements) == 1 {
			return Value{Kind: String, Str: e.Elements[0].Parsed.String(), Node: e}, true
		}
	case *ast.NumberLiteral:
		if f, ok := number(e); ok {
			return Value{Kind: Number, Num: f, Node: e}, true
		}
	case *ast.BooleanLiteral:
		return Value{Kind: Bool, Bool: e.Value, Node: e}, true
	case *ast.UnaryExpression:
		if e.Operator == token.MINUS {
			if v, ok := s.value(sc, e.Operand, depth+1); ok && v.Kind == Number {
				v.Num, v.Node = -v.Num, e
				return v, true
			}
		}
		if e.Operator == token.NOT {
			if n, ok := e.Operand.(*ast.NumberLiteral); ok { // !0, !1 (minified booleans)
				if f, ok := number(n); ok {
					return Value{Kind: Bool, Bool: f == 0, Node: e}, true
				}
			}
		}
	case *ast.Identifier:
		b := sc.Lookup(e.Name.String())
		init, ok := b.Alias()
		if !ok {
			return Value{}, false
		}
		return s.value(b.Scope, init, depth+1)
	}
	return Value{}, false
}

func number(n *ast.NumberLiteral) (float64, bool) {
	switch v := n.Value.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	f, err := strconv.ParseFloat(n.Literal, 64)
	return f, err == nil
}

// Prefix returns the static beginning of a string expression: the whole
// string for a constant (complete), or the text before the first
// substitution of a template or a + concatenation.
func (s *Source) Prefix(sc *Scope, e ast.Expression) (prefix string, complete bool, ok bool) {
	return s.prefix(sc, e, 0)
}

func (s *Source) prefix(sc *Scope, e ast.Expression, depth int) (string, bool, bool) {
	if depth > maxDepth {
		return "", false, false
	}
	if v, ok := s.value(sc, e, depth); ok {
		if v.Kind != String {
			return "", false, false
		}
		return v.Str, true, true
	}
	switch e := e.(type) {
	case *ast.TemplateLiteral:
		if e.Tag == nil && len(e.Elements) > 0 {
			return e.Elements[0].Parsed.String(), false, true
		}
	case *ast.BinaryExpression:
		if e.Operator != token.PLUS {
			break
		}
		left, complete, ok := s.prefix(sc, e.Left, depth+1)
		if !ok {
			return "", false, false
		}
		if !complete {
			return left, false, true
		}
		right, complete, ok := s.prefix(sc, e.Right, depth+1)
		if !ok {
			return left, false, true
		}
		return left + right, complete, true
	case *ast.Identifier:
		b := sc.Lookup(e.Name.String())
		if init, ok := b.Alias(); ok {
			return s.prefix(b.Scope, init, depth+1)
		}
	}
	return "", false, false
}

// Object is an object literal the resolver found.
type Object struct {
	Node  *ast.ObjectLiteral
	Props []*Prop
	// Open is set when the literal has spreads of unknown values or computed
	// keys: properties may exist that are not in Props. A spread of a const
	// object literal contributes its properties (their values resolve in
	// Scope only when written there: rules resolve what they can).
	Open bool
	// Scope is where the literal was written (to resolve its values).
	Scope *Scope
}

// Prop is a property of an object literal with a static key.
type Prop struct {
	Key     string
	KeyNode ast.Expression // the key as written (for shorthand, the name)
	Value   ast.Expression
}

// Get returns the last property named key (later properties win), or nil.
func (o *Object) Get(key string) *Prop {
	for i := len(o.Props) - 1; i >= 0; i-- {
		if o.Props[i].Key == key {
			return o.Props[i]
		}
	}
	return nil
}

// Object resolves e to an object literal, directly or through a const name.
func (s *Source) Object(sc *Scope, e ast.Expression) (*Object, bool) {
	for depth := 0; depth <= maxDepth; depth++ {
		switch v := e.(type) {
		case *ast.ObjectLiteral:
			o := &Object{Node: v, Scope: sc}
			for _, p := range v.Value {
				switch p := p.(type) {
				case *ast.PropertyShort:
					o.Props = append(o.Props, &Prop{Key: p.Name.Name.String(), KeyNode: &p.Name, Value: &p.Name})
				case *ast.PropertyKeyed:
					key, ok := propKey(p.Key, p.Computed)
					if !ok {
						o.Open = true
						continue
					}
					if p.Kind == ast.PropertyKindGet || p.Kind == ast.PropertyKindSet {
						o.Open = true
					}
					o.Props = append(o.Props, &Prop{Key: key, KeyNode: p.Key, Value: p.Value})
				case *ast.SpreadElement:
					// A spread of a const object literal adds its properties.
					if inner, ok := s.Object(sc, p.Expression); ok && depth < maxDepth {
						o.Props = append(o.Props, inner.Props...)
						o.Open = o.Open || inner.Open
						continue
					}
					o.Open = true
				default:
					o.Open = true
				}
			}
			return o, true
		case *ast.Identifier:
			b := sc.Lookup(v.Name.String())
			init, ok := b.Alias()
			if !ok {
				return nil, false
			}
			e, sc = init, b.Scope
		default:
			return nil, false
		}
	}
	return nil, false
}

// unwrap removes optional-chaining wrappers.
func unwrap(e ast.Expression) ast.Expression {
	for {
		switch v := e.(type) {
		case *ast.OptionalChain:
			e = v.Expression
		case *ast.Optional:
			e = v.Expression
		default:
			return e
		}
	}
}

// isWx reports whether e is the global wx object: the name wx where no
// declaration shadows it, or a const alias of it.
func (s *Source) isWx(sc *Scope, e ast.Expression, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := unwrap(e).(type) {
	case *ast.Identifier:
		name := e.Name.String()
		b := sc.Lookup(name)
		if b == nil {
			return name == "wx" || wxLike[name]
		}
		if b.Kind == Imported && wxModules[b.Module] {
			return true
		}
		if init, ok := b.Alias(); ok {
			return s.isWx(b.Scope, init, depth+1)
		}
	case *ast.DotExpression: // globalThis.wx
		if id, ok := e.Left.(*ast.Identifier); ok && id.Name == "globalThis" && e.Identifier.Name == "wx" && sc.Lookup("globalThis") == nil {
			return true
		}
	}
	return false
}

// API returns the wx API that e refers to: wx.x, wx['x'], a const alias of
// either, or a name destructured from wx (const {x} = wx).
func (s *Source) API(sc *Scope, e ast.Expression) (string, bool) {
	return s.api(sc, e, 0)
}

func (s *Source) api(sc *Scope, e ast.Expression, depth int) (string, bool) {
	if depth > maxDepth {
		return "", false
	}
	switch e := unwrap(e).(type) {
	case *ast.DotExpression:
		if s.isWx(sc, e.Left, depth+1) {
			return e.Identifier.Name.String(), true
		}
	case *ast.BracketExpression:
		if s.isWx(sc, e.Left, depth+1) {
			if v, ok := s.value(sc, e.Member, depth+1); ok && v.Kind == String {
				return v.Str, true
			}
		}
	case *ast.Identifier:
		b := sc.Lookup(e.Name.String())
		if b == nil || b.Kind != Const || b.Init == nil {
			return "", false
		}
		if b.Prop != "" {
			if s.isWx(b.Scope, b.Init, depth+1) {
				return b.Prop, true
			}
			return "", false
		}
		return s.api(b.Scope, b.Init, depth+1)
	}
	return "", false
}

// globalName returns the name of an identifier no declaration binds.
func globalName(sc *Scope, e ast.Expression) (string, bool) {
	id, ok := unwrap(e).(*ast.Identifier)
	if !ok {
		return "", false
	}
	name := id.Name.String()
	if sc.Lookup(name) != nil {
		return "", false
	}
	return name, true
}

// mentionsSDKVersion reports whether e reads the SDKVersion of
// wx.getAppBaseInfo() or wx.getSystemInfoSync(), directly or through const
// names.
func (s *Source) mentionsSDKVersion(sc *Scope, e ast.Expression, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := unwrap(e).(type) {
	case *ast.DotExpression:
		return e.Identifier.Name == "SDKVersion"
	case *ast.BracketExpression:
		v, ok := s.value(sc, e.Member, depth+1)
		return ok && v.Str == "SDKVersion"
	case *ast.Identifier:
		name := e.Name.String()
		b := sc.Lookup(name)
		if b == nil {
			return false
		}
		if b.Prop == "SDKVersion" {
			return true
		}
		if init, ok := b.Alias(); ok {
			return s.mentionsSDKVersion(b.Scope, init, depth+1)
		}
		return strings.EqualFold(name, "SDKVersion")
	case *ast.CallExpression: // String(x.SDKVersion), x.SDKVersion.trim()
		for _, a := range e.ArgumentList {
			if s.mentionsSDKVersion(sc, a, depth+1) {
				return true
			}
		}
		if d, ok := e.Callee.(*ast.DotExpression); ok {
			return s.mentionsSDKVersion(sc, d.Left, depth+1)
		}
	}
	return false
}
