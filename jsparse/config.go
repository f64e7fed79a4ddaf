package jsparse

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/token"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/project"
)

func init() { project.ConfigReader = ReadConfig }

// ReadConfig evaluates a Taro configuration file (app.config.ts, a page's
// index.config.ts; JavaScript for a .js name) statically, as the JSON its
// default export makes: `export default {...}`, `export default
// defineAppConfig({...})` or definePageConfig, or `module.exports =
// {...}`. Taro's build runs the file; this reads what can be known
// without running it: literals, arrays and objects of them, constants
// declared in the file, spreads of those, template strings without
// substitutions, and process.env.TARO_ENV (which is "weapp") in a
// conditional. Anything else is left out: a member whose value is
// unknown is missing from its object. The offsets of the values are those
// of src. It returns nil when the file does not parse or exports no
// object.
func ReadConfig(src []byte, name string) *jsonc.Value {
	lang := JS
	switch {
	case strings.HasSuffix(name, ".tsx"):
		lang = TSX
	case strings.HasSuffix(name, ".jsx"):
		lang = JSX
	case strings.HasSuffix(name, ".ts"):
		lang = TS
	}
	s := Parse(src, lang)
	if s.Program == nil {
		return nil
	}
	ev := &configEval{s: s, consts: map[string]ast.Expression{}}
	var exported ast.Expression
	for _, st := range s.Program.Body {
		switch st := st.(type) {
		case *ast.LexicalDeclaration:
			if st.Token == token.CONST {
				for _, b := range st.List {
					if id, ok := b.Target.(*ast.Identifier); ok && b.Initializer != nil {
						ev.consts[id.Name.String()] = b.Initializer
					}
				}
			}
		case *ast.ExportDeclaration:
			if st.IsDefault && st.AssignExpression != nil {
				exported = st.AssignExpression
			}
		case *ast.ExpressionStatement:
			if a, ok := st.Expression.(*ast.AssignExpression); ok && isModuleExports(a.Left) {
				exported = a.Right
			}
		}
	}
	if c, ok := exported.(*ast.CallExpression); ok && len(c.ArgumentList) == 1 {
		if id, ok := c.Callee.(*ast.Identifier); ok && (id.Name == "defineAppConfig" || id.Name == "definePageConfig") {
			exported = c.ArgumentList[0]
		}
	}
	if exported == nil {
		return nil
	}
	v := ev.value(exported, 0)
	if v == nil || v.Kind != jsonc.Object {
		return nil
	}
	return v
}

func isModuleExports(e ast.Expression) bool {
	d, ok := e.(*ast.DotExpression)
	if !ok || d.Identifier.Name != "exports" {
		return false
	}
	id, ok := d.Left.(*ast.Identifier)
	return ok && id.Name == "module"
}

type configEval struct {
	s      *Source
	consts map[string]ast.Expression
}

// span returns the offsets in the source of a node; an object or array
// ends at its closing bracket, found in the source itself (esbuild maps
// the tokens that start things, not always those that end them).
func (ev *configEval) span(n ast.Node) (int, int) {
	start, end := ev.s.Offset(n.Idx0()), ev.s.Offset(n.Idx1())
	switch n.(type) {
	case *ast.ObjectLiteral, *ast.ArrayLiteral:
		if e := closing(ev.s.Src, start); e > start {
			end = e
		}
	}
	return start, max(end, start)
}

const maxConfigDepth = 64

func (ev *configEval) value(e ast.Expression, depth int) *jsonc.Value {
	if depth > maxConfigDepth || e == nil {
		return nil
	}
	start, end := ev.span(e)
	v := &jsonc.Value{Start: start, End: end}
	switch e := e.(type) {
	case *ast.StringLiteral:
		v.Kind, v.Str = jsonc.String, e.Value.String()
	case *ast.TemplateLiteral:
		if e.Tag != nil || len(e.Expressions) > 0 || len(e.Elements) != 1 {
			return nil
		}
		v.Kind, v.Str = jsonc.String, e.Elements[0].Parsed.String()
	case *ast.NumberLiteral:
		var f float64
		switch n := e.Value.(type) {
		case int64:
			f = float64(n)
		case float64:
			f = n
		default:
			return nil
		}
		v.Kind, v.Num = jsonc.Number, json.Number(strconv.FormatFloat(f, 'f', -1, 64))
	case *ast.BooleanLiteral:
		v.Kind, v.Bool = jsonc.Bool, e.Value
	case *ast.NullLiteral:
		v.Kind = jsonc.Null
	case *ast.UnaryExpression:
		if e.Operator == token.MINUS {
			if n := ev.value(e.Operand, depth+1); n != nil && n.Kind == jsonc.Number {
				v.Kind, v.Num = jsonc.Number, "-"+n.Num
				return v
			}
		}
		return nil
	case *ast.Identifier:
		init, ok := ev.consts[e.Name.String()]
		if !ok {
			return nil
		}
		c := ev.value(init, depth+1)
		if c != nil && c.Kind != jsonc.Object && c.Kind != jsonc.Array {
			// A constant's value is where the name is used: a finding
			// about it points there, and a fix changes that use only.
			c.Start, c.End = start, end
		}
		return c
	case *ast.ConditionalExpression:
		t, ok := ev.test(e.Test)
		if !ok {
			return nil
		}
		if t {
			return ev.value(e.Consequent, depth+1)
		}
		return ev.value(e.Alternate, depth+1)
	case *ast.ArrayLiteral:
		v.Kind = jsonc.Array
		for _, el := range e.Value {
			if sp, ok := el.(*ast.SpreadElement); ok {
				if a := ev.value(sp.Expression, depth+1); a != nil && a.Kind == jsonc.Array {
					v.Elems = append(v.Elems, a.Elems...)
				}
				continue
			}
			if x := ev.value(el, depth+1); x != nil {
				v.Elems = append(v.Elems, x)
			}
		}
	case *ast.ObjectLiteral:
		v.Kind = jsonc.Object
		for _, p := range e.Value {
			ev.property(v, p, depth)
		}
	default:
		return nil
	}
	return v
}

// property adds the member a property of an object literal makes to o.
func (ev *configEval) property(o *jsonc.Value, p ast.Property, depth int) {
	add := func(key string, ks, ke int, val *jsonc.Value) {
		if val == nil {
			return
		}
		for i, m := range o.Members {
			if m.Key == key { // a later property wins
				o.Members = append(o.Members[:i], o.Members[i+1:]...)
				break
			}
		}
		o.Members = append(o.Members, &jsonc.Member{Key: key, KeyStart: ks, KeyEnd: ke, Value: val})
	}
	switch p := p.(type) {
	case *ast.PropertyKeyed:
		if p.Computed || p.Kind != ast.PropertyKindValue {
			return
		}
		var key string
		switch k := p.Key.(type) {
		case *ast.Identifier:
			key = k.Name.String()
		case *ast.StringLiteral:
			key = k.Value.String()
		case *ast.NumberLiteral:
			key = k.Literal
		default:
			return
		}
		ks, ke := ev.span(p.Key)
		add(key, ks, ke, ev.value(p.Value, depth+1))
	case *ast.PropertyShort:
		if p.Initializer != nil {
			return
		}
		ks, ke := ev.span(&p.Name)
		add(p.Name.Name.String(), ks, ke, ev.value(&p.Name, depth+1))
	case *ast.SpreadElement:
		if x := ev.value(p.Expression, depth+1); x != nil && x.Kind == jsonc.Object {
			for _, m := range x.Members {
				add(m.Key, m.KeyStart, m.KeyEnd, m.Value)
			}
		}
	}
}

// test evaluates the test of a conditional when it compares
// process.env.TARO_ENV with a string: the weapp build's is "weapp".
func (ev *configEval) test(e ast.Expression) (bool, bool) {
	b, ok := e.(*ast.BinaryExpression)
	if !ok {
		return false, false
	}
	eq := b.Operator == token.STRICT_EQUAL || b.Operator == token.EQUAL
	if !eq && b.Operator != token.STRICT_NOT_EQUAL && b.Operator != token.NOT_EQUAL {
		return false, false
	}
	l, r := b.Left, b.Right
	if !isTaroEnv(l) {
		l, r = r, l
	}
	s, ok := r.(*ast.StringLiteral)
	if !isTaroEnv(l) || !ok {
		return false, false
	}
	return (s.Value.String() == "weapp") == eq, true
}

func isTaroEnv(e ast.Expression) bool {
	d, ok := e.(*ast.DotExpression)
	if !ok || d.Identifier.Name != "TARO_ENV" {
		return false
	}
	d2, ok := d.Left.(*ast.DotExpression)
	if !ok || d2.Identifier.Name != "env" {
		return false
	}
	id, ok := d2.Left.(*ast.Identifier)
	return ok && id.Name == "process"
}

// closing returns the offset after the bracket that closes the one at
// start in src ({ or [), skipping strings, template literals and
// comments, or -1.
func closing(src []byte, start int) int {
	if start < 0 || start >= len(src) || src[start] != '{' && src[start] != '[' {
		return -1
	}
	var stack []byte // open brackets; '`' for a template literal being read
	for i := start; i < len(src); i++ {
		c := src[i]
		if len(stack) > 0 && stack[len(stack)-1] == '`' {
			switch {
			case c == '\\':
				i++
			case c == '`':
				stack = stack[:len(stack)-1]
			case c == '$' && i+1 < len(src) && src[i+1] == '{':
				stack = append(stack, '{')
				i++
			}
			continue
		}
		switch c {
		case '{', '[', '(':
			stack = append(stack, c)
		case '}', ']', ')':
			if len(stack) == 0 {
				return -1
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return i + 1
			}
		case '\'', '"':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '`':
			stack = append(stack, '`')
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				e := strings.Index(string(src[i+2:]), "*/")
				if e < 0 {
					return -1
				}
				i += 2 + e + 1
			}
		}
	}
	return -1
}
