package jsparse

import (
	"bytes"
	"reflect"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/grafana/sobek/ast"
)

// loaders are esbuild's loaders for the languages it compiles.
var loaders = map[Lang]api.Loader{TS: api.LoaderTS, TSX: api.LoaderTSX, JSX: api.LoaderJSX}

// JSX compiles to calls of jsxFactory (an element: the tag, the props,
// the children) and jsxFragment (<>...</>), names no program declares, so
// that the calls are JSX elements and nothing else (see Elements).
const (
	jsxFactory  = "__jsx"
	jsxFragment = "__jsxFragment"
)

// wxLike are the globals that are the wx object under another name: uni,
// whose APIs uni-app's mp-weixin build forwards to wx's of the same name
// (packages/uni-mp-weixin/src/api: a Proxy onto wx, its protocols changing
// some arguments, not names). A name a declaration binds is not global.
var wxLike = map[string]bool{"uni": true}

// wxModules are the modules whose default (or namespace) export is the wx
// object under another name: Taro's, whose API calls the wx API of the
// same name in the weapp build (@tarojs/plugin-platform-weapp's
// processApis over wx).
var wxModules = map[string]bool{"@tarojs/taro": true}

// JSXElement is an element of the JSX of a .tsx or .jsx file: what Taro
// renders it as, with the place of its tag and attributes in the source.
type JSXElement struct {
	// Name is the WXML name of a component Taro provides (imported from
	// @tarojs/components: Button is "button", AdCustom "ad-custom"), the
	// tag of an intrinsic element ("view"), or the name of any other
	// component as written ("MyButton").
	Name string
	// Start is the offset of "<", NameEnd the end of the name, End the
	// end of the element as far as it is known.
	Start, NameEnd, End int
	Attrs               []JSXAttr
	// Parent is the index of the enclosing element, -1 for none.
	Parent int
}

// JSXAttr is an attribute of a JSX element, named as its WXML attribute:
// openType is "open-type", onClick "bind:tap", onXxx "bind:xxx".
type JSXAttr struct {
	Name string
	// Start and NameEnd span the name, ValueStart and ValueEnd the value
	// (inside its quotes, or the expression inside { }).
	Start, NameEnd, ValueStart, ValueEnd int
	// Value is a string's value, or "{{" + an expression + "}}" for any
	// other value; HasValue is false for an attribute written bare.
	Value    string
	HasValue bool
}

// taroComponents is the module of Taro's components.
const taroComponents = "@tarojs/components"

// JSXElements returns the JSX elements of src, a .tsx or .jsx file (lang
// TSX or JSX), in the order of their calls in the compiled code (parents
// before their children). It returns nil for a file that does not parse.
func JSXElements(src []byte, lang Lang) []JSXElement {
	s := Parse(src, lang)
	if s.Program == nil {
		return nil
	}
	x := &jsxReader{s: s, named: map[string]string{}, spaces: map[string]bool{}, seen: map[*ast.CallExpression]bool{}}
	for _, st := range s.Program.Body {
		im, ok := st.(*ast.ImportDeclaration)
		if !ok || im.ImportClause == nil {
			continue
		}
		from := im.ModuleSpecifier
		if im.FromClause != nil {
			from = im.FromClause.ModuleSpecifier
		}
		if from.String() != taroComponents {
			continue
		}
		c := im.ImportClause
		if c.NamedImports != nil {
			for _, sp := range c.NamedImports.ImportsList {
				local := sp.Alias
				if local == "" {
					local = sp.IdentifierName
				}
				x.named[local.String()] = sp.IdentifierName.String()
			}
		}
		if c.NameSpaceImport != nil {
			x.spaces[c.NameSpaceImport.ImportedBinding.String()] = true
		}
		if c.ImportedDefaultBinding != nil {
			x.spaces[c.ImportedDefaultBinding.Name.String()] = true
		}
	}
	x.walk(reflect.ValueOf(s.Program), -1, 0)
	return x.out
}

type jsxReader struct {
	s      *Source
	named  map[string]string // local name -> component imported from Taro
	spaces map[string]bool   // names of Taro's components module as a whole
	out    []JSXElement
	seen   map[*ast.CallExpression]bool
}

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// walk visits every node below v, reading the calls of the JSX factory.
func (x *jsxReader) walk(v reflect.Value, parent, depth int) {
	if depth > maxNesting {
		return
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if c, ok := v.Interface().(*ast.CallExpression); ok {
			if id, ok := c.Callee.(*ast.Identifier); ok && id.Name == jsxFactory && len(c.ArgumentList) > 0 {
				if !x.seen[c] { // (a node may be reachable twice)
					x.seen[c] = true
					x.element(c, parent, depth)
				}
				return
			}
		}
		x.walk(v.Elem(), parent, depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.Interface || f.Kind() == reflect.Pointer || f.Kind() == reflect.Slice || f.Kind() == reflect.Struct {
				x.walk(f, parent, depth+1)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			x.walk(v.Index(i), parent, depth+1)
		}
	}
}

// element reads a call of the JSX factory: (tag, props, ...children).
func (x *jsxReader) element(c *ast.CallExpression, parent, depth int) {
	src := x.s.Src
	name, known := x.tag(c.ArgumentList[0])
	self := parent
	if known {
		at := x.s.Offset(c.ArgumentList[0].Idx0())
		e := JSXElement{Name: name, Start: at, NameEnd: nameEnd(src, at), End: x.s.Offset(c.Idx1()), Parent: parent}
		if at > 0 && src[at-1] == '<' {
			e.Start = at - 1
		}
		if len(c.ArgumentList) > 1 {
			if o, ok := c.ArgumentList[1].(*ast.ObjectLiteral); ok {
				for _, p := range o.Value {
					if a, ok := x.attr(p); ok {
						e.Attrs = append(e.Attrs, a)
					}
				}
			}
		}
		self = len(x.out)
		x.out = append(x.out, e)
	}
	for _, a := range c.ArgumentList[1:] {
		x.walk(reflect.ValueOf(a), self, depth+1)
	}
}

// tag returns the name of the element a JSX tag makes, and false for a
// fragment or a tag that is neither a name nor a string.
func (x *jsxReader) tag(e ast.Expression) (string, bool) {
	switch t := e.(type) {
	case *ast.StringLiteral:
		return t.Value.String(), true
	case *ast.Identifier:
		n := t.Name.String()
		if n == jsxFragment {
			return "", false
		}
		if c, ok := x.named[n]; ok {
			return kebab(c), true
		}
		return n, true
	case *ast.DotExpression:
		if id, ok := t.Left.(*ast.Identifier); ok && x.spaces[id.Name.String()] {
			return kebab(t.Identifier.Name.String()), true
		}
		return x.s.Text(t), true
	}
	return "", false
}

// attr reads a property of a JSX element's props.
func (x *jsxReader) attr(p ast.Property) (JSXAttr, bool) {
	k, ok := p.(*ast.PropertyKeyed)
	if !ok || k.Computed {
		return JSXAttr{}, false
	}
	var name string
	switch key := k.Key.(type) {
	case *ast.Identifier:
		name = key.Name.String()
	case *ast.StringLiteral:
		name = key.Value.String()
	default:
		return JSXAttr{}, false
	}
	src := x.s.Src
	a := JSXAttr{Name: attrName(name), Start: x.s.Offset(k.Key.Idx0())}
	a.NameEnd = nameEnd(src, a.Start)
	a.ValueStart, a.ValueEnd = a.NameEnd, a.NameEnd
	if b, ok := k.Value.(*ast.BooleanLiteral); ok && b.Value && !bytes.HasPrefix(bytes.TrimLeft(src[a.NameEnd:], " \t\r\n"), []byte("=")) {
		return a, true // <Button plain>
	}
	a.HasValue = true
	at := x.s.Offset(k.Value.Idx0())
	if str, ok := k.Value.(*ast.StringLiteral); ok {
		a.Value = str.Value.String()
		if at < len(src) && (src[at] == '"' || src[at] == '\'') {
			q := src[at]
			a.ValueStart = at + 1
			if e := bytes.IndexByte(src[at+1:], q); e >= 0 {
				a.ValueEnd = at + 1 + e
			} else {
				a.ValueEnd = a.ValueStart
			}
			return a, true
		}
	} else {
		a.Value = "{{" + x.s.Text(k.Value) + "}}"
	}
	// A value in { }: the expression up to the closing brace.
	a.ValueStart, a.ValueEnd = at, at
	for open := at - 1; open >= 0; open-- {
		if c := src[open]; c == '{' {
			if e := closing(src, open); e > at {
				a.ValueStart, a.ValueEnd = at, e-1
			}
			break
		} else if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
	}
	return a, true
}

// attrName is the WXML attribute a JSX prop of a Taro component stands
// for: onClick is bind:tap, onXxx bind:xxx, camelCase names kebab-case.
func attrName(prop string) string {
	if rest, ok := strings.CutPrefix(prop, "on"); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
		if rest == "Click" {
			return "bind:tap"
		}
		return "bind:" + strings.ToLower(rest[:1]) + rest[1:]
	}
	return kebab(prop)
}

// kebab turns a camelCase or PascalCase name into kebab-case: openType is
// open-type, AdCustom ad-custom.
func kebab(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// nameEnd returns the end of the name (a tag or attribute name as JSX
// writes it) starting at off.
func nameEnd(src []byte, off int) int {
	i := off
	for i < len(src) {
		c := src[i]
		if c == '_' || c == '$' || c == '-' || c == '.' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			i++
			continue
		}
		break
	}
	return i
}
