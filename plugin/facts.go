package plugin

import (
	"go/token"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/grafana/sobek/ast"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// The facts API: what a rule sees, as JavaScript objects made from what the
// front ends keep (jsparse's facts, wxml's documents, wxss's sheets, the
// parsed JSON, the project model and views). docs/chattool-lint.d.ts
// declares every shape made here; keep the two together.
//
// Every object with a place in a file (a node) has the prototype of the
// runtime's nodes, whose loc getter works the place out when it is read:
// the span of each node lives here, in Go, keyed by the object, so that a
// rule cannot forge one, and report({ node }) finds it.

// span is where a node is: positions in the project's FileSet.
type span struct{ start, end token.Pos }

// builder makes the nodes of one runtime.
type builder struct {
	vm *goja.Runtime
	p  *project.Project
	v  *views.Result
	// proto is the nodes' prototype (loc), guardProto the guards'.
	proto, guardProto *goja.Object
	// spans are the nodes of the file being visited; projectSpans those
	// of the project model, which lives for the whole run.
	spans, projectSpans map[*goja.Object]span
	guards              map[*goja.Object]*jsparse.Guard
	// texts caches the files whose columns were asked.
	texts map[string][]byte
	// setters are the setters of lazy properties, by name.
	setters map[string]goja.Value
}

func newBuilder(vm *goja.Runtime) *builder {
	b := &builder{vm: vm, spans: map[*goja.Object]span{}, projectSpans: map[*goja.Object]span{},
		guards: map[*goja.Object]*jsparse.Guard{}, texts: map[string][]byte{}, setters: map[string]goja.Value{}}
	b.proto = vm.NewObject()
	b.proto.DefineAccessorProperty("loc", vm.ToValue(func(call goja.FunctionCall) goja.Value {
		o, ok := call.This.(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		sp, ok := b.span(o)
		if !ok {
			return goja.Undefined()
		}
		return b.loc(sp)
	}), nil, goja.FLAG_FALSE, goja.FLAG_FALSE)
	b.guardProto = vm.NewObject()
	b.guardProto.Set("has", func(call goja.FunctionCall) goja.Value {
		g, _ := call.This.(*goja.Object)
		return vm.ToValue(b.guards[g].Has(call.Argument(0).String()))
	})
	b.guardProto.Set("hasField", func(call goja.FunctionCall) goja.Value {
		g, _ := call.This.(*goja.Object)
		return vm.ToValue(b.guards[g].HasField(call.Argument(0).String(), call.Argument(1).String()))
	})
	return b
}

// reset forgets the nodes of the file visited last.
func (b *builder) reset() {
	clear(b.spans)
	clear(b.guards)
}

// startRun points the builder at a project.
func (b *builder) startRun(p *project.Project, v *views.Result) {
	b.p, b.v = p, v
	clear(b.spans)
	clear(b.projectSpans)
	clear(b.guards)
	clear(b.texts)
}

func (b *builder) span(o *goja.Object) (span, bool) {
	if sp, ok := b.spans[o]; ok {
		return sp, true
	}
	sp, ok := b.projectSpans[o]
	return sp, ok
}

// node makes a node at sp.
func (b *builder) node(sp span) *goja.Object {
	o := b.vm.CreateObject(b.proto)
	b.spans[o] = sp
	return o
}

// lazy makes o[name] an own property, enumerable, writable and
// configurable as the others, whose value make computes when it is first
// read (most rules read few of a node's properties, and some of these cost
// a tree of nodes or a look-up in the file system): until then it is an
// accessor, which the value, or a value assigned, replaces.
func (b *builder) lazy(o *goja.Object, name string, make func() goja.Value) {
	var v goja.Value
	get := b.vm.ToValue(func(goja.FunctionCall) goja.Value {
		if v == nil {
			v = make()
			o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		return v
	})
	set := b.setters[name]
	if set == nil {
		set = b.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			if this, ok := call.This.(*goja.Object); ok {
				this.DefineDataProperty(name, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			}
			return goja.Undefined()
		})
		b.setters[name] = set
	}
	o.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// text is the content of a file of the project, read again if the loader
// released it.
func (b *builder) text(tf *token.File) []byte {
	name := tf.Name()
	if t, ok := b.texts[name]; ok {
		return t
	}
	var t []byte
	if f, err := b.p.ReadFile(name); err == nil {
		t = f.Src
	}
	b.texts[name] = t
	return t
}

// loc is { file, start: { line, column }, end }: lines from 1, columns
// from 0 in UTF-16 code units, as ESLint has them.
func (b *builder) loc(sp span) goja.Value {
	tf := b.p.TokenFile(sp.start)
	if tf == nil {
		return goja.Null()
	}
	src := b.text(tf)
	b.p.Lines(tf, src)
	pos := func(p token.Pos) *goja.Object {
		if b.p.TokenFile(p) != tf || p < sp.start {
			p = sp.start
		}
		off := tf.Offset(p)
		line := tf.Line(p)
		start := tf.Offset(tf.LineStart(line))
		col := 0
		if off <= len(src) && start <= off {
			for _, r := range string(src[start:off]) {
				col += utf16Len(r)
			}
		}
		o := b.vm.NewObject()
		o.Set("line", line)
		o.Set("column", col)
		return o
	}
	o := b.vm.NewObject()
	o.Set("file", tf.Name())
	o.Set("start", pos(sp.start))
	o.Set("end", pos(sp.end))
	return o
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// posOf is the position of a line (from 1) and column (from 0, UTF-16)
// in the file of tf.
func (b *builder) posOf(tf *token.File, line, col int) (token.Pos, bool) {
	b.p.Lines(tf, b.text(tf))
	if line < 1 || line > tf.LineCount() || col < 0 {
		return token.NoPos, false
	}
	start := tf.Offset(tf.LineStart(line))
	src := b.text(tf)
	off := start
	for n := 0; n < col && off < len(src) && src[off] != '\n'; {
		r, size := utf8.DecodeRune(src[off:])
		n += utf16Len(r)
		off += size
	}
	return tf.Pos(min(off, tf.Size())), true
}

func (b *builder) strings(ss []string) goja.Value {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return b.vm.NewArray(out...)
}

// --- files ---

// unit is a file rules visit.
type unit struct {
	kind, lang string // "script", "template", "style", "json"; "js", "wxml", ...
	path, mp   string
	pf         *project.File
	js         *jsparse.File
	wx         *wxml.File
	ws         *wxss.File
	json       *project.JSONFile
}

// fileInfo is context.file. It is made for every file and rule, and most
// rules read one or two of its properties, if any: so it is a dynamic
// object whose properties are made when they are read (once: a value read
// twice is the same), and otherwise behaves as a plain object of them (its
// keys in the same order, assignable, deletable), but for what a dynamic
// object cannot do (be frozen, or given accessors or symbols).
func (b *builder) fileInfo(u *unit) goja.Value {
	return b.vm.NewDynamicObject(&fileFacts{b: b, u: u})
}

// fileKeys are the properties of a FileInfo, in order.
var fileKeys = []string{"path", "mpPath", "kind", "language", "package", "pages", "chatTool", "skyline"}

// fileFacts are the properties of a FileInfo: made, assigned or deleted.
type fileFacts struct {
	b *builder
	u *unit
	// vals are the properties made or assigned; gone the properties of
	// fileKeys deleted; extra the keys added, in order.
	vals  map[string]goja.Value
	gone  map[string]bool
	extra []string
	// The views' answers, when one of them was asked.
	viewed   bool
	pages    []string
	chatTool bool
	skyline  bool
}

func isFileKey(key string) bool {
	for _, k := range fileKeys {
		if k == key {
			return true
		}
	}
	return false
}

func (f *fileFacts) view() {
	if f.viewed {
		return
	}
	f.viewed = true
	u, b := f.u, f.b
	key := u.mp
	switch u.kind {
	case "script", "json":
		key = strings.TrimSuffix(u.mp, path.Ext(u.mp))
	}
	f.chatTool = b.p.IsChatTool(u.mp)
	if b.v != nil {
		for _, pg := range b.v.Pages(key) {
			f.pages = append(f.pages, pg.Path)
			f.skyline = f.skyline || pg.Renderer.Value == "skyline"
		}
		f.chatTool = f.chatTool || b.v.ChatTool(key)
	}
}

// make makes a property of fileKeys.
func (f *fileFacts) make(key string) goja.Value {
	u, vm := f.u, f.b.vm
	switch key {
	case "path":
		return vm.ToValue(u.path)
	case "mpPath":
		return vm.ToValue(u.mp)
	case "kind":
		return vm.ToValue(u.kind)
	case "language":
		return vm.ToValue(u.lang)
	case "package":
		pkg := ""
		if sp := f.b.p.PackageOf(u.mp); sp != nil {
			pkg = sp.Root
		}
		return vm.ToValue(pkg)
	case "pages":
		f.view()
		return f.b.strings(f.pages)
	case "chatTool":
		f.view()
		return vm.ToValue(f.chatTool)
	case "skyline":
		f.view()
		return vm.ToValue(f.skyline)
	}
	return nil
}

func (f *fileFacts) Get(key string) goja.Value {
	if v, ok := f.vals[key]; ok {
		return v
	}
	if f.gone[key] || !isFileKey(key) {
		return nil
	}
	v := f.make(key)
	if f.vals == nil {
		f.vals = map[string]goja.Value{}
	}
	f.vals[key] = v
	return v
}

func (f *fileFacts) Set(key string, v goja.Value) bool {
	// A key added, or deleted and added again, comes last.
	if _, had := f.vals[key]; !had && (f.gone[key] || !isFileKey(key)) {
		f.extra = append(f.extra, key)
	}
	if f.vals == nil {
		f.vals = map[string]goja.Value{}
	}
	f.vals[key] = v
	return true
}

func (f *fileFacts) Has(key string) bool {
	if _, ok := f.vals[key]; ok {
		return true
	}
	return isFileKey(key) && !f.gone[key]
}

func (f *fileFacts) Delete(key string) bool {
	delete(f.vals, key)
	if isFileKey(key) {
		if f.gone == nil {
			f.gone = map[string]bool{}
		}
		f.gone[key] = true
	}
	for i, k := range f.extra {
		if k == key {
			f.extra = append(f.extra[:i:i], f.extra[i+1:]...)
			break
		}
	}
	return true
}

func (f *fileFacts) Keys() []string {
	keys := make([]string, 0, len(fileKeys)+len(f.extra))
	for _, k := range fileKeys {
		if !f.gone[k] {
			keys = append(keys, k)
		}
	}
	return append(keys, f.extra...)
}

// --- scripts ---

// event is a node of a file, in source order, of a visitor type.
type event struct {
	typ  string
	node goja.Value
	sp   span
}

// scriptEvents are the nodes of one visitor type of a script (WxApi,
// Import, GlobalCall or Route), made only for a type a rule visits.
func (b *builder) scriptEvents(u *unit, typ string) []event {
	f := u.js
	var out []event
	add := func(n *goja.Object, sp span) {
		out = append(out, event{typ, n, sp})
	}
	if f.Limited {
		// sobek could not parse it; the token scan still finds uses.
		if typ != "WxApi" {
			return nil
		}
		for _, t := range f.Tokens() {
			sp := span{f.File.Pos(t.Start), f.File.Pos(t.End)}
			n := b.node(sp)
			n.Set("api", t.API)
			n.Set("call", t.Call)
			n.Set("passed", false)
			n.Set("optional", false)
			n.Set("promised", false)
			n.Set("args", goja.Null())
			n.Set("guard", b.guard(nil))
			add(n, sp)
		}
		return out
	}
	fx := f.Facts()
	if fx == nil {
		return nil
	}
	switch typ {
	case "WxApi":
		for _, use := range fx.Uses {
			sp := b.astSpan(f, use.Node)
			n := b.node(sp)
			n.Set("api", use.API)
			n.Set("call", use.Call != nil)
			n.Set("passed", use.Passed)
			n.Set("optional", use.Optional)
			n.Set("promised", use.Promised)
			if use.ArgsKnown {
				b.lazy(n, "args", func() goja.Value { return b.args(f, use.Scope, use.Args) })
			} else {
				n.Set("args", goja.Null())
			}
			n.Set("guard", b.guard(use.Guard))
			add(n, sp)
		}
	case "Import":
		for _, im := range fx.Imports {
			sp := span{f.Pos(im.Start), f.Pos(im.End)}
			n := b.node(sp)
			n.Set("source", im.Spec)
			n.Set("kind", im.Kind)
			b.lazy(n, "resolved", func() goja.Value {
				if found, _, isPath := jsparse.Resolve(b.p, u.mp, im.Spec); isPath && found != "" {
					return b.vm.ToValue(found)
				}
				return goja.Null()
			})
			add(n, sp)
		}
	case "GlobalCall":
		for _, gc := range fx.Globals {
			sp := b.astSpan(f, gc.Call)
			n := b.node(sp)
			n.Set("name", gc.Name)
			b.lazy(n, "args", func() goja.Value { return b.args(f, gc.Scope, gc.Call.ArgumentList) })
			add(n, sp)
		}
	case "Route":
		for _, rt := range fx.Routes {
			sp := b.astSpan(f, rt.Call)
			n := b.node(sp)
			n.Set("method", rt.Method)
			b.lazy(n, "args", func() goja.Value { return b.args(f, rt.Scope, rt.Call.ArgumentList) })
			add(n, sp)
		}
	}
	return out
}

func (b *builder) astSpan(f *jsparse.File, n ast.Node) span {
	s, e := f.Span(n)
	return span{s, e}
}

func (b *builder) guard(g *jsparse.Guard) goja.Value {
	o := b.vm.CreateObject(b.guardProto)
	b.guards[o] = g
	if v := g.MinVersion(); v != (project.Version{}) {
		o.Set("minVersion", v.String())
	} else {
		o.Set("minVersion", goja.Null())
	}
	return o
}

// maxArgDepth bounds how deep object literals are resolved.
const maxArgDepth = 6

func (b *builder) args(f *jsparse.File, sc *jsparse.Scope, list []ast.Expression) goja.Value {
	out := make([]any, len(list))
	for i, e := range list {
		out[i] = b.arg(f, sc, e, 0)
	}
	return b.vm.NewArray(out...)
}

// arg is an Arg: an argument, with its value when it is known statically.
func (b *builder) arg(f *jsparse.File, sc *jsparse.Scope, e ast.Expression, depth int) goja.Value {
	n := b.node(b.astSpan(f, e))
	kind := "unknown"
	if v, ok := f.Value(sc, e); ok {
		switch v.Kind {
		case jsparse.String:
			kind = "string"
			n.Set("value", v.Str)
		case jsparse.Number:
			kind = "number"
			n.Set("value", v.Num)
		case jsparse.Bool:
			kind = "boolean"
			n.Set("value", v.Bool)
		}
	} else if o, ok := f.Object(sc, e); ok && depth < maxArgDepth {
		kind = "object"
		props := b.vm.NewObject()
		for _, p := range o.Props {
			props.Set(p.Key, b.arg(f, o.Scope, p.Value, depth+1))
		}
		n.Set("properties", props)
		n.Set("open", o.Open)
	} else {
		switch e := e.(type) {
		case *ast.ArrayLiteral:
			if depth < maxArgDepth {
				kind = "array"
				items := make([]any, len(e.Value))
				for i, x := range e.Value {
					if x == nil {
						items[i] = goja.Null()
						continue
					}
					items[i] = b.arg(f, sc, x, depth+1)
				}
				n.Set("items", b.vm.NewArray(items...))
			}
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			kind = "function"
		}
	}
	n.Set("kind", kind)
	return n
}

// --- templates ---

// elementEvents are the Element nodes of a template, in document order.
func (b *builder) elementEvents(u *unit) []event {
	f := u.wx
	els := f.Doc.Elements()
	nodes := make(map[*wxml.Element]*goja.Object, len(els))
	out := make([]event, 0, len(els))
	for _, e := range els {
		sp := span{f.Pos(e.Start), f.Pos(e.End)}
		n := b.node(sp)
		n.Set("name", e.Name)
		attrs := b.vm.NewObject()
		for _, a := range e.Attrs {
			end := a.NameEnd
			if a.HasValue {
				end = a.ValueEnd
				if a.Quote != 0 {
					end++ // the closing quote
				}
			}
			an := b.node(span{f.Pos(a.Start), f.Pos(end)})
			an.Set("name", a.Name)
			if a.HasValue {
				an.Set("value", a.Value)
			} else {
				an.Set("value", goja.Null())
			}
			an.Set("dynamic", a.Dynamic())
			attrs.Set(a.Name, an)
		}
		n.Set("attributes", attrs)
		n.Set("selfClosing", e.SelfClosing)
		if ref, global := b.tag(u.mp, e); ref != nil && ref.Target != nil {
			c := b.vm.NewObject()
			c.Set("path", ref.Target.Path)
			c.Set("global", global)
			n.Set("component", c)
		} else {
			n.Set("component", goja.Null())
		}
		nodes[e] = n
		out = append(out, event{"Element", n, sp})
	}
	for _, e := range els {
		n := nodes[e]
		if p := nodes[e.Parent]; p != nil {
			n.Set("parent", p)
		} else {
			n.Set("parent", goja.Null())
		}
		kids := make([]any, len(e.Children))
		for i, c := range e.Children {
			kids[i] = nodes[c]
		}
		n.Set("children", b.vm.NewArray(kids...))
	}
	return out
}

func (b *builder) tag(mp string, e *wxml.Element) (*project.ComponentRef, bool) {
	if b.v == nil {
		return nil, false
	}
	return b.v.Tag(mp, e)
}

// --- styles ---

// styleEvents are StyleRule, AtRule and Declaration nodes, in source
// order. A loaded sheet keeps only what the built-in rules read (see
// wxss.KeptDecl), so the sheet is parsed again here, whole.
func (b *builder) styleEvents(u *unit) []event {
	f := u.ws
	if f.Lang != wxss.WXSS {
		return nil
	}
	pf, err := b.p.ReadFile(u.path)
	if err != nil || pf.Src == nil {
		return nil
	}
	sh := wxss.ParseLang(pf.Src, f.Lang)
	var out []event
	ats := map[*wxss.AtRule]*goja.Object{}
	for _, a := range sh.AtRules {
		end := a.PreludeEnd
		if a.Block {
			end = a.BlockEnd
		}
		sp := span{f.Pos(a.Start), f.Pos(end)}
		n := b.node(sp)
		n.Set("name", a.Name)
		n.Set("prelude", a.Prelude)
		ats[a] = n
		out = append(out, event{"AtRule", n, sp})
	}
	parentOf := func(a *wxss.AtRule) goja.Value {
		if n := ats[a]; n != nil {
			return n
		}
		return goja.Null()
	}
	decl := func(d *wxss.Decl, rule goja.Value) *goja.Object {
		end := d.ValueEnd
		sp := span{f.Pos(d.Start), f.Pos(end)}
		n := b.node(sp)
		n.Set("property", d.Property)
		n.Set("value", d.Value)
		n.Set("important", d.Important)
		n.Set("rule", rule)
		out = append(out, event{"Declaration", n, sp})
		return n
	}
	for _, a := range sh.AtRules {
		var ds []any
		for _, d := range a.Decls {
			ds = append(ds, decl(d, goja.Null()))
		}
		ats[a].Set("declarations", b.vm.NewArray(ds...))
		ats[a].Set("parent", parentOf(a.Parent))
	}
	for _, r := range sh.Rules {
		sp := span{f.Pos(r.Start), f.Pos(r.BlockEnd)}
		n := b.node(sp)
		n.Set("selector", r.Selector)
		n.Set("atRule", parentOf(r.Parent))
		ds := make([]any, 0, len(r.Decls))
		for _, d := range r.Decls {
			ds = append(ds, decl(d, n))
		}
		n.Set("declarations", b.vm.NewArray(ds...))
		out = append(out, event{"StyleRule", n, sp})
	}
	return out
}

// --- JSON ---

// jsonEvents is the JSONDocument node of a JSON file.
func (b *builder) jsonEvents(u *unit) []event {
	jf := u.json
	if jf.Root == nil {
		return nil
	}
	sp := span{jf.Pos(0), jf.Pos(jf.Size())}
	n := b.node(sp)
	schema := goja.Value(goja.Null())
	if jf.Schema != "" {
		schema = b.vm.ToValue(jf.Schema)
	}
	n.Set("schema", schema)
	b.lazy(n, "root", func() goja.Value { return b.json(jf, jf.Root, 0) })
	b.lazy(n, "value", func() goja.Value { return b.plain(jf.Root, 0) })
	return []event{{"JSONDocument", n, sp}}
}

// json is a JSONNode.
func (b *builder) json(jf *project.JSONFile, v *jsonc.Value, depth int) goja.Value {
	n := b.node(span{jf.Pos(v.Start), jf.Pos(v.End)})
	switch v.Kind {
	case jsonc.Object:
		n.Set("type", "object")
		props := b.vm.NewObject()
		for _, m := range v.Members {
			c := b.json(jf, m.Value, depth+1).(*goja.Object)
			k := b.node(span{jf.Pos(m.KeyStart), jf.Pos(m.KeyEnd)})
			k.Set("name", m.Key)
			c.Set("key", k)
			props.Set(m.Key, c)
		}
		n.Set("properties", props)
	case jsonc.Array:
		n.Set("type", "array")
		items := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			items[i] = b.json(jf, e, depth+1)
		}
		n.Set("items", b.vm.NewArray(items...))
	default:
		n.Set("type", v.Kind.String())
		n.Set("value", b.plain(v, depth))
	}
	return n
}

// plain is a JSON value as plain JavaScript data.
func (b *builder) plain(v *jsonc.Value, depth int) goja.Value {
	switch v.Kind {
	case jsonc.Object:
		o := b.vm.NewObject()
		for _, m := range v.Members {
			o.Set(m.Key, b.plain(m.Value, depth+1))
		}
		return o
	case jsonc.Array:
		items := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			items[i] = b.plain(e, depth+1)
		}
		return b.vm.NewArray(items...)
	case jsonc.String:
		return b.vm.ToValue(v.Str)
	case jsonc.Number:
		f, err := v.Num.Float64()
		if err != nil {
			return b.vm.ToValue(v.Num.String())
		}
		return b.vm.ToValue(f)
	case jsonc.Bool:
		return b.vm.ToValue(v.Bool)
	}
	return goja.Null()
}

// --- the project ---

// projectModel is context.project: made once per runtime and run, its
// nodes live as long.
func (b *builder) projectModel() goja.Value {
	spans := b.spans
	b.spans = b.projectSpans // the model's nodes outlive each file
	defer func() { b.spans = spans }()
	p, vm := b.p, b.vm
	o := vm.NewObject()
	kind := "miniprogram"
	switch {
	case p.IsGame():
		kind = "minigame"
	case p.App == nil:
		kind = "loose"
	}
	o.Set("kind", kind)
	o.Set("miniprogramRoot", p.MiniRoot)
	jsonSpan := func(jf *project.JSONFile, v *jsonc.Value) (span, bool) {
		if jf == nil || v == nil {
			return span{}, false
		}
		return span{jf.Pos(v.Start), jf.Pos(v.End)}, true
	}
	located := func(sp span, ok bool) *goja.Object {
		if !ok {
			return vm.NewObject()
		}
		return b.node(sp)
	}
	var pages []any
	pagesOf := map[*project.Subpackage][]string{}
	for _, pg := range p.Pages {
		n := located(jsonSpan(p.App, pg.Value))
		n.Set("path", pg.Path)
		root := ""
		if pg.Package != nil {
			root = pg.Package.Root
		}
		pagesOf[pg.Package] = append(pagesOf[pg.Package], pg.Path)
		n.Set("package", root)
		n.Set("renderer", pg.Renderer.Value)
		n.Set("componentFramework", pg.ComponentFramework.Value)
		n.Set("chatTool", p.IsChatTool(pg.Path))
		if pg.JSON != nil {
			n.Set("json", pg.JSON.Path)
		} else {
			n.Set("json", goja.Null())
		}
		pages = append(pages, n)
	}
	o.Set("pages", vm.NewArray(pages...))
	main := vm.NewObject()
	main.Set("root", "")
	main.Set("independent", false)
	main.Set("chatTool", false)
	main.Set("pages", b.strings(pagesOf[nil]))
	pkgs := []any{main}
	for _, sp := range p.Subpackages {
		n := located(jsonSpan(p.App, sp.Item))
		n.Set("root", sp.Root)
		n.Set("independent", sp.Independent())
		n.Set("chatTool", sp == p.ChatTool)
		n.Set("pages", b.strings(pagesOf[sp]))
		pkgs = append(pkgs, n)
	}
	o.Set("packages", vm.NewArray(pkgs...))
	var comps []any
	for _, c := range p.Components {
		n := vm.NewObject()
		n.Set("path", c.Path)
		root := ""
		if c.Package != nil {
			root = c.Package.Root
		}
		n.Set("package", root)
		if c.JSON != nil {
			n.Set("json", c.JSON.Path)
		} else {
			n.Set("json", goja.Null())
		}
		comps = append(comps, n)
	}
	o.Set("components", vm.NewArray(comps...))
	chat := goja.Value(goja.Null())
	if len(p.ChatTools) > 0 && p.ChatTool != nil {
		ct := p.ChatTools[0]
		n := located(jsonSpan(p.App, ct.Item))
		n.Set("root", p.ChatTool.Root)
		if s, ok := ct.Item.Get("entryPagePath").String(); ok {
			n.Set("entryPagePath", s)
		} else {
			n.Set("entryPagePath", goja.Null())
		}
		chat = n
	}
	o.Set("chatTool", chat)
	o.Set("pagesRendering", func(call goja.FunctionCall) goja.Value {
		var out []string
		if b.v != nil {
			for _, pg := range b.v.Pages(call.Argument(0).String()) {
				out = append(out, pg.Path)
			}
		}
		return b.strings(out)
	})
	o.Set("isChatTool", func(call goja.FunctionCall) goja.Value {
		mp := call.Argument(0).String()
		ct := p.IsChatTool(mp)
		if !ct && b.v != nil {
			ct = b.v.ChatTool(mp)
		}
		return vm.ToValue(ct)
	})
	return o
}
