package jsparse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/file"
	"github.com/grafana/sobek/token"
)

// Facts is what one walk of a file's AST records for the rules.
type Facts struct {
	// Uses are the references to wx APIs, called or not, in source order.
	Uses []*Use
	// Imports are the static module specifiers: import, export from,
	// require() and import().
	Imports []*Import
	// Globals are calls of the global functions App, getApp, Page, Component
	// and Behavior.
	Globals []*GlobalCall
	// Handlers are share handlers (onShareAppMessage, onShareTimeline)
	// declared in the options of Page() or Component().
	Handlers []*Handler
	// Compares are string constants compared with an apiCategory: the result
	// of wx.getApiCategory() or an apiCategory property or name.
	Compares []*Compare
	// Routes are calls of a navigation method (navigateTo, redirectTo,
	// reLaunch, switchTab, navigateBack) on anything but wx: Skyline's
	// this.pageRouter and this.router, or a wrapper of the wx APIs.
	Routes []*Route
}

// Route is a call of a navigation method on something else than wx.
type Route struct {
	Method string
	Call   *ast.CallExpression
	Scope  *Scope
}

// routeMethods are the navigation methods Routes records.
var routeMethods = map[string]bool{"navigateTo": true, "redirectTo": true, "reLaunch": true, "switchTab": true, "navigateBack": true}

// Use is one reference to a wx API.
type Use struct {
	API string
	// Node is the reference: wx.x, wx['x'] or an alias name.
	Node ast.Expression
	// Call is the call when the API is called (directly, through .call or
	// .apply, or optionally with ?.()); nil for a reference that is not.
	Call *ast.CallExpression
	// Args are the arguments the API receives; ArgsKnown is false when they
	// cannot be known (.apply with a non-literal array).
	Args      []ast.Expression
	ArgsKnown bool
	// Passed is set for a reference passed as an argument to another call
	// (promisify(wx.x)): the API is called, through a wrapper.
	Passed bool
	// Optional is set for wx.x?.(): the call is its own feature test.
	Optional bool
	// Promised is set for a call whose result is awaited (await wx.x()) or
	// has .then, .catch or .finally called on it: the call is used as a
	// promise.
	Promised bool
	Scope    *Scope
	// Guard holds the feature tests and version checks that are known to
	// have passed where the reference is.
	Guard *Guard
}

// Import is a static module specifier.
type Import struct {
	Spec string
	// Kind is "import", "export", "require" or "dynamic".
	Kind string
	// Start and End delimit the string literal of the specifier.
	Start, End file.Idx
}

// GlobalCall is a call of a global function (App, getApp, Page, Component,
// Behavior).
type GlobalCall struct {
	Name  string
	Call  *ast.CallExpression
	Scope *Scope
}

// Handler is a share handler in the options of Page() or Component().
type Handler struct {
	Name    string // onShareAppMessage or onShareTimeline
	In      string // "Page" or "Component"
	KeyNode ast.Expression
}

// Compare is a string constant compared with an apiCategory.
type Compare struct {
	Value Value
	// Node is the compared operand as written (a literal or a const name).
	Node ast.Expression
}

// Guard is a chain of facts known to hold at a place in the code.
type Guard struct {
	parent *Guard
	// API is an API name ("openChatTool") or a canIUse path
	// ("updateShareMenu.object.useForChatTool"), or "".
	API string
	// Version is set for a comparison of SDKVersion: the base library is
	// known to be at least this version.
	Version string
}

// Has reports whether the guard tests that the API exists.
func (g *Guard) Has(api string) bool {
	for ; g != nil; g = g.parent {
		if g.API == api || strings.HasPrefix(g.API, api+".") {
			return true
		}
	}
	return false
}

// HasField reports whether the guard tests that the API supports an option
// field (wx.canIUse('api.object.field') or 'api.field').
func (g *Guard) HasField(api, field string) bool {
	for ; g != nil; g = g.parent {
		if g.API == api+".object."+field || g.API == api+"."+field {
			return true
		}
	}
	return false
}

// MinVersion returns the highest base library version the guard has
// established, or the zero Version.
func (g *Guard) MinVersion() project.Version {
	var best project.Version
	for ; g != nil; g = g.parent {
		if v, err := project.ParseVersion(g.Version); g.Version != "" && err == nil && best.Less(v) {
			best = v
		}
	}
	return best
}

func (g *Guard) push(facts []Guard) *Guard {
	for _, f := range facts {
		g = &Guard{parent: g, API: f.API, Version: f.Version}
	}
	return g
}

// Facts returns the facts of the file, computed on first use (or by
// Compact). It is nil for a file without an AST.
func (s *Source) Facts() *Facts {
	if s.facts != nil {
		return s.facts
	}
	if s.Program == nil {
		return nil
	}
	defer func() {
		// A failure of the walk is the checker's, on this file only:
		// the file gets no facts and a parse error that says so.
		if r := recover(); r != nil {
			s.facts = &Facts{}
			if s.Err == nil {
				s.Err = &Error{Offset: 0, Message: fmt.Sprintf("internal checker failure (please report it): %v", r)}
			}
		}
	}()
	w := &walker{src: s, f: &Facts{}, scope: newScope(nil, true)}
	w.stmts(s.Program.Body)
	s.facts = w.f
	return s.facts
}

// noFacts stands for the facts of every compacted file that has none (a
// .wxs module, most often): they are the same, and never changed.
var noFacts = &Facts{}

func (f *Facts) empty() bool {
	return len(f.Uses) == 0 && len(f.Imports) == 0 && len(f.Globals) == 0 && len(f.Handlers) == 0 &&
		len(f.Compares) == 0 && len(f.Routes) == 0
}

type walker struct {
	src   *Source
	f     *Facts
	scope *Scope
	guard *Guard
	depth int
	// promised holds the calls whose result is used as a promise, marked
	// before they are walked.
	promised map[*ast.CallExpression]bool
}

// promise marks e, when it is a call, as used as a promise.
func (w *walker) promise(e ast.Expression) {
	if c, ok := unwrap(e).(*ast.CallExpression); ok {
		if w.promised == nil {
			w.promised = map[*ast.CallExpression]bool{}
		}
		w.promised[c] = true
	}
}

// maxNesting bounds recursion on pathological inputs; deeper code is not
// walked (sobek's own parser limits nesting well below this).
const maxNesting = 2000

// push enters a new scope; the returned function leaves it.
func (w *walker) push(fn bool) func() { return w.within(newScope(w.scope, fn)) }

// within makes sc the current scope (to read a const's initializer where
// it was written); the returned function restores the previous one.
func (w *walker) within(sc *Scope) func() {
	saved := w.scope
	w.scope = sc
	return func() { w.scope = saved }
}

func (w *walker) declare(list []ast.Statement) {
	for _, st := range list {
		w.declareStmt(st)
	}
}

func (w *walker) declareStmt(st ast.Statement) {
	switch st := st.(type) {
	case *ast.VariableStatement:
		w.declareVars(st.List, w.scope.funcScope(), Var)
	case *ast.LexicalDeclaration:
		w.declareLexical(st)
	case *ast.FunctionDeclaration:
		if st.Function != nil && st.Function.Name != nil {
			w.scope.bind(st.Function.Name.Name.String(), &Binding{Kind: Func})
		}
	case *ast.ClassDeclaration:
		if st.Class.Name != nil {
			w.scope.bind(st.Class.Name.Name.String(), &Binding{Kind: Class})
		}
	case *ast.ImportDeclaration:
		if c := st.ImportClause; c != nil {
			from := st.ModuleSpecifier
			if st.FromClause != nil {
				from = st.FromClause.ModuleSpecifier
			}
			if c.ImportedDefaultBinding != nil {
				w.scope.bind(c.ImportedDefaultBinding.Name.String(), &Binding{Kind: Imported, Module: from.String()})
			}
			if c.NameSpaceImport != nil {
				w.scope.bind(c.NameSpaceImport.ImportedBinding.String(), &Binding{Kind: Imported, Module: from.String()})
			}
			if c.NamedImports != nil {
				for _, s := range c.NamedImports.ImportsList {
					name := s.Alias
					if name == "" {
						name = s.IdentifierName
					}
					w.scope.bind(name.String(), &Binding{Kind: Imported})
				}
			}
		}
	case *ast.ExportDeclaration:
		switch {
		case st.Variable != nil:
			w.declareStmt(st.Variable)
		case st.LexicalDeclaration != nil:
			w.declareStmt(st.LexicalDeclaration)
		case st.ClassDeclaration != nil:
			w.declareStmt(st.ClassDeclaration)
		case st.HoistableDeclaration != nil && st.HoistableDeclaration.FunctionDeclaration != nil:
			w.declareStmt(st.HoistableDeclaration.FunctionDeclaration)
		}
	case *ast.LabelledStatement:
		w.declareStmt(st.Statement)
	}
}

func (w *walker) declareVars(list []*ast.Binding, s *Scope, kind BindingKind) {
	for _, b := range list {
		bindTarget(s, b.Target, b.Initializer, kind)
	}
}

func (w *walker) declareLexical(d *ast.LexicalDeclaration) {
	kind := Let
	if d.Token == token.CONST {
		kind = Const
	}
	w.declareVars(d.List, w.scope, kind)
}

// stmts walks a statement list in the current scope. An if statement that
// leaves (return, throw, break, continue) when a test fails guards the rest
// of the list: if (!wx.canIUse('x')) return.
func (w *walker) stmts(list []ast.Statement) {
	w.declare(list)
	saved := w.guard
	for _, st := range list {
		w.stmt(st)
		if ifs, ok := st.(*ast.IfStatement); ok && exits(ifs.Consequent) {
			if ifs.Alternate == nil || exits(ifs.Alternate) {
				w.guard = w.guard.push(w.tests(ifs.Test, false, 0))
			}
		}
	}
	w.guard = saved
}

func exits(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.ReturnStatement, *ast.ThrowStatement, *ast.BranchStatement:
		return true
	case *ast.BlockStatement:
		return len(st.List) > 0 && exits(st.List[len(st.List)-1])
	case *ast.IfStatement:
		return st.Alternate != nil && exits(st.Consequent) && exits(st.Alternate)
	}
	return false
}

func (w *walker) block(list []ast.Statement) {
	defer w.push(false)()
	w.stmts(list)
}

func (w *walker) guarded(facts []Guard, walk func()) {
	saved := w.guard
	w.guard = w.guard.push(facts)
	walk()
	w.guard = saved
}

func (w *walker) stmt(st ast.Statement) {
	if st == nil {
		return
	}
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxNesting {
		return
	}
	switch st := st.(type) {
	case *ast.BlockStatement:
		w.block(st.List)
	case *ast.ExpressionStatement:
		w.expr(st.Expression)
	case *ast.VariableStatement:
		w.bindings(st.List)
	case *ast.LexicalDeclaration:
		w.bindings(st.List)
	case *ast.IfStatement:
		w.expr(st.Test)
		w.guarded(w.tests(st.Test, true, 0), func() { w.stmt(st.Consequent) })
		w.guarded(w.tests(st.Test, false, 0), func() { w.stmt(st.Alternate) })
	case *ast.ReturnStatement:
		w.expr(st.Argument)
	case *ast.ThrowStatement:
		w.expr(st.Argument)
	case *ast.FunctionDeclaration:
		w.function(st.Function)
	case *ast.ClassDeclaration:
		w.class(st.Class)
	case *ast.ForStatement:
		defer w.push(false)()
		switch init := st.Initializer.(type) {
		case *ast.ForLoopInitializerExpression:
			w.expr(init.Expression)
		case *ast.ForLoopInitializerVarDeclList:
			w.declareVars(init.List, w.scope.funcScope(), Var)
			w.bindings(init.List)
		case *ast.ForLoopInitializerLexicalDecl:
			w.declareLexical(&init.LexicalDeclaration)
			w.bindings(init.LexicalDeclaration.List)
		}
		w.expr(st.Test)
		w.expr(st.Update)
		w.stmt(st.Body)
	case *ast.ForInStatement:
		w.forLoop(st.Into, st.Source, st.Body)
	case *ast.ForOfStatement:
		w.forLoop(st.Into, st.Source, st.Body)
	case *ast.WhileStatement:
		w.expr(st.Test)
		w.guarded(w.tests(st.Test, true, 0), func() { w.stmt(st.Body) })
	case *ast.DoWhileStatement:
		w.stmt(st.Body)
		w.expr(st.Test)
	case *ast.SwitchStatement:
		w.expr(st.Discriminant)
		category := w.isCategory(st.Discriminant, 0)
		defer w.push(false)()
		for _, c := range st.Body {
			w.declare(c.Consequent)
		}
		for _, c := range st.Body {
			if c.Test != nil {
				w.expr(c.Test)
				if category {
					w.compare(c.Test)
				}
			}
			for _, s := range c.Consequent {
				w.stmt(s)
			}
		}
	case *ast.TryStatement:
		w.stmt(st.Body)
		if st.Catch != nil {
			func() {
				defer w.push(false)()
				if st.Catch.Parameter != nil {
					bindTarget(w.scope, st.Catch.Parameter, nil, Catch)
					w.pattern(st.Catch.Parameter)
				}
				w.block(st.Catch.Body.List)
			}()
		}
		if st.Finally != nil {
			w.stmt(st.Finally)
		}
	case *ast.LabelledStatement:
		w.stmt(st.Statement)
	case *ast.WithStatement:
		w.expr(st.Object)
		w.stmt(st.Body)
	case *ast.ImportDeclaration:
		spec := st.ModuleSpecifier
		if st.FromClause != nil {
			spec = st.FromClause.ModuleSpecifier
		}
		w.importSpec(spec.String(), "import", st)
	case *ast.ExportDeclaration:
		switch {
		case st.FromClause != nil:
			w.importSpec(st.FromClause.ModuleSpecifier.String(), "export", st)
		case st.Variable != nil:
			w.stmt(st.Variable)
		case st.LexicalDeclaration != nil:
			w.stmt(st.LexicalDeclaration)
		case st.ClassDeclaration != nil:
			w.stmt(st.ClassDeclaration)
		case st.HoistableDeclaration != nil && st.HoistableDeclaration.FunctionDeclaration != nil:
			w.stmt(st.HoistableDeclaration.FunctionDeclaration)
		case st.AssignExpression != nil:
			w.expr(st.AssignExpression)
		}
	case *ast.CaseStatement:
		w.expr(st.Test)
		for _, s := range st.Consequent {
			w.stmt(s)
		}
	}
}

// forLoop walks for-in and for-of loops, whose declarations have a scope
// of their own.
func (w *walker) forLoop(into ast.ForInto, source ast.Expression, body ast.Statement) {
	defer w.push(false)()
	w.forInto(into)
	w.expr(source)
	w.stmt(body)
}

func (w *walker) forInto(into ast.ForInto) {
	switch into := into.(type) {
	case *ast.ForIntoVar:
		bindTarget(w.scope.funcScope(), into.Binding.Target, nil, Var)
		w.pattern(into.Binding.Target)
	case *ast.ForDeclaration:
		kind := Let
		if into.IsConst {
			kind = Const
		}
		bindTarget(w.scope, into.Target, nil, kind)
		w.pattern(into.Target)
	case *ast.ForIntoExpression:
		w.expr(into.Expression)
	}
}

func (w *walker) bindings(list []*ast.Binding) {
	for _, b := range list {
		w.pattern(b.Target)
		w.expr(b.Initializer)
	}
}

// pattern walks the default values and computed keys of a binding target.
func (w *walker) pattern(t ast.Expression) {
	switch t := t.(type) {
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				w.expr(p.Initializer)
			case *ast.PropertyKeyed:
				if p.Computed {
					w.expr(p.Key)
				}
				w.pattern(p.Value)
			}
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			w.pattern(e)
		}
	case *ast.AssignExpression:
		w.pattern(t.Left)
		w.expr(t.Right)
	case *ast.Binding:
		w.pattern(t.Target)
		w.expr(t.Initializer)
	}
}

func (w *walker) function(fn *ast.FunctionLiteral) {
	if fn == nil {
		return
	}
	defer w.push(true)()
	if fn.Name != nil {
		w.scope.bind(fn.Name.Name.String(), &Binding{Kind: Func})
	}
	w.params(fn.ParameterList)
	if fn.Body != nil {
		w.stmts(fn.Body.List)
	}
}

func (w *walker) params(pl *ast.ParameterList) {
	if pl == nil {
		return
	}
	for _, b := range pl.List {
		bindTarget(w.scope, b.Target, nil, Param)
	}
	if pl.Rest != nil {
		bindTarget(w.scope, pl.Rest, nil, Param)
	}
	for _, b := range pl.List {
		w.pattern(b.Target)
		w.expr(b.Initializer)
	}
}

func (w *walker) class(c *ast.ClassLiteral) {
	w.expr(c.SuperClass)
	defer w.push(false)()
	if c.Name != nil {
		w.scope.bind(c.Name.Name.String(), &Binding{Kind: Class})
	}
	for _, el := range c.Body {
		switch el := el.(type) {
		case *ast.MethodDefinition:
			if el.Computed {
				w.expr(el.Key)
			}
			w.function(el.Body)
		case *ast.FieldDefinition:
			if el.Computed {
				w.expr(el.Key)
			}
			w.expr(el.Initializer)
		case *ast.ClassStaticBlock:
			func() {
				defer w.push(true)()
				w.stmts(el.Block.List)
			}()
		}
	}
}

func (w *walker) exprs(list []ast.Expression) {
	for _, e := range list {
		w.expr(e)
	}
}

func (w *walker) expr(e ast.Expression) {
	if e == nil {
		return
	}
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxNesting {
		return
	}
	switch e := e.(type) {
	case *ast.CallExpression:
		w.call(e)
	case *ast.OptionalChain:
		w.expr(e.Expression)
	case *ast.Optional:
		w.expr(e.Expression)
	case *ast.DotExpression:
		if !w.ref(e, false) {
			w.expr(e.Left)
		}
	case *ast.BracketExpression:
		if !w.ref(e, false) {
			w.expr(e.Left)
			w.expr(e.Member)
		}
	case *ast.Identifier:
		w.ref(e, false)
	case *ast.PrivateDotExpression:
		w.expr(e.Left)
	case *ast.AssignExpression:
		w.pattern(e.Left)
		if _, ok := e.Left.(*ast.Identifier); !ok {
			w.expr(e.Left)
		}
		w.expr(e.Right)
	case *ast.BinaryExpression:
		w.expr(e.Left)
		switch e.Operator {
		case token.LOGICAL_AND:
			w.guarded(w.tests(e.Left, true, 0), func() { w.expr(e.Right) })
		case token.LOGICAL_OR:
			w.guarded(w.tests(e.Left, false, 0), func() { w.expr(e.Right) })
		default:
			w.expr(e.Right)
		}
		switch e.Operator {
		case token.EQUAL, token.STRICT_EQUAL, token.NOT_EQUAL, token.STRICT_NOT_EQUAL:
			if w.isCategory(e.Left, 0) {
				w.compare(e.Right)
			} else if w.isCategory(e.Right, 0) {
				w.compare(e.Left)
			}
		}
	case *ast.ConditionalExpression:
		w.expr(e.Test)
		w.guarded(w.tests(e.Test, true, 0), func() { w.expr(e.Consequent) })
		w.guarded(w.tests(e.Test, false, 0), func() { w.expr(e.Alternate) })
	case *ast.UnaryExpression:
		w.expr(e.Operand)
	case *ast.SequenceExpression:
		w.exprs(e.Sequence)
	case *ast.ArrayLiteral:
		w.exprs(e.Value)
	case *ast.ObjectLiteral:
		for _, p := range e.Value {
			switch p := p.(type) {
			case *ast.PropertyKeyed:
				if p.Computed {
					w.expr(p.Key)
				}
				w.expr(p.Value)
			case *ast.PropertyShort:
				w.ref(&p.Name, false)
				w.expr(p.Initializer)
			case *ast.SpreadElement:
				w.expr(p.Expression)
			}
		}
	case *ast.SpreadElement:
		w.expr(e.Expression)
	case *ast.FunctionLiteral:
		w.function(e)
	case *ast.ArrowFunctionLiteral:
		func() {
			defer w.push(true)()
			w.params(e.ParameterList)
			switch b := e.Body.(type) {
			case *ast.BlockStatement:
				w.stmts(b.List)
			case *ast.ExpressionBody:
				w.expr(b.Expression)
			}
		}()
	case *ast.ClassLiteral:
		w.class(e)
	case *ast.NewExpression:
		w.expr(e.Callee)
		w.exprs(e.ArgumentList)
	case *ast.TemplateLiteral:
		w.expr(e.Tag)
		w.exprs(e.Expressions)
	case *ast.AwaitExpression:
		w.promise(e.Argument)
		w.expr(e.Argument)
	case *ast.YieldExpression:
		w.expr(e.Argument)
	case *ast.ObjectPattern, *ast.ArrayPattern:
		w.pattern(e)
	case *ast.Binding:
		w.pattern(e.Target)
		w.expr(e.Initializer)
	}
}

// ref records e when it refers to a wx API, and reports whether it did.
func (w *walker) ref(e ast.Expression, passed bool) bool {
	api, ok := w.src.API(w.scope, e)
	if !ok {
		return false
	}
	w.f.Uses = append(w.f.Uses, &Use{API: api, Node: e, Passed: passed, Scope: w.scope, Guard: w.guard})
	return true
}

var globalFuncs = map[string]bool{"App": true, "getApp": true, "Page": true, "Component": true, "Behavior": true}

func (w *walker) call(c *ast.CallExpression) {
	_, optional := c.Callee.(*ast.Optional)
	callee := unwrap(c.Callee)
	if d, ok := callee.(*ast.DotExpression); ok {
		switch d.Identifier.Name {
		case "then", "catch", "finally":
			w.promise(d.Left)
		}
	}
	if api, ok := w.src.API(w.scope, callee); ok {
		w.f.Uses = append(w.f.Uses, &Use{API: api, Node: callee, Call: c, Args: c.ArgumentList, ArgsKnown: true,
			Optional: optional, Promised: w.promised[c], Scope: w.scope, Guard: w.guard})
		w.args(c.Callee, c.ArgumentList)
		return
	}
	if d, ok := callee.(*ast.DotExpression); ok && (d.Identifier.Name == "call" || d.Identifier.Name == "apply") {
		if api, ok := w.src.API(w.scope, d.Left); ok {
			u := &Use{API: api, Node: unwrap(d.Left), Call: c, Promised: w.promised[c], Scope: w.scope, Guard: w.guard}
			if d.Identifier.Name == "call" {
				if len(c.ArgumentList) > 1 {
					u.Args = c.ArgumentList[1:]
				}
				u.ArgsKnown = true
			} else if len(c.ArgumentList) < 2 {
				u.ArgsKnown = true
			} else if arr, ok := c.ArgumentList[1].(*ast.ArrayLiteral); ok {
				u.Args, u.ArgsKnown = arr.Value, true
			}
			w.f.Uses = append(w.f.Uses, u)
			w.args(c.Callee, c.ArgumentList)
			return
		}
	}
	if d, ok := callee.(*ast.DotExpression); ok && routeMethods[d.Identifier.Name.String()] {
		w.f.Routes = append(w.f.Routes, &Route{Method: d.Identifier.Name.String(), Call: c, Scope: w.scope})
	}
	if _, ok := callee.(*ast.DynamicImportExpression); ok {
		if len(c.ArgumentList) == 1 {
			w.requireSpec(c, "dynamic")
		}
		w.args(c.Callee, c.ArgumentList)
		return
	}
	if name, ok := globalName(w.scope, callee); ok {
		switch {
		case name == "require" && len(c.ArgumentList) >= 1:
			w.requireSpec(c, "require")
		case globalFuncs[name]:
			w.f.Globals = append(w.f.Globals, &GlobalCall{Name: name, Call: c, Scope: w.scope})
			if name == "Page" || name == "Component" {
				w.handlers(name, c)
			}
		}
	} else {
		w.expr(callee)
	}
	w.args(c.Callee, c.ArgumentList)
}

// args walks call arguments; a wx API passed as an argument is a call
// through a wrapper (promisify(wx.x)), unless the receiver is known not to
// call it (console.log, JSON.stringify, Object.keys, ...).
func (w *walker) args(callee ast.Expression, list []ast.Expression) {
	passes := true
	if d, ok := unwrap(callee).(*ast.DotExpression); ok {
		if name, ok := globalName(w.scope, d.Left); ok && inertReceivers[name] {
			passes = false
		}
	}
	for _, a := range list {
		switch a.(type) {
		case *ast.DotExpression, *ast.BracketExpression, *ast.Identifier:
			if w.ref(a, passes) {
				continue
			}
		}
		w.expr(a)
	}
}

var inertReceivers = map[string]bool{"console": true, "JSON": true, "Object": true, "Reflect": true, "Array": true}

func (w *walker) requireSpec(c *ast.CallExpression, kind string) {
	arg := c.ArgumentList[0]
	v, ok := w.src.Value(w.scope, arg)
	if !ok || v.Kind != String {
		return
	}
	w.f.Imports = append(w.f.Imports, &Import{Spec: v.Str, Kind: kind, Start: arg.Idx0(), End: arg.Idx1()})
}

// importSpec records the specifier of an import or export declaration,
// locating its string literal (the AST keeps only the keyword's position):
// the first string after the keyword that spells the specifier.
func (w *walker) importSpec(spec, kind string, n ast.Node) {
	code := w.src.Code
	a := int(n.Idx0()) - 1
	if a < 0 || a > len(code) {
		return
	}
	start, end := a, int(n.Idx1())-1
	best := -1
	for _, q := range []string{`"`, `'`} {
		if i := strings.Index(code[a:], q+spec+q); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best >= 0 {
		start, end = a+best, a+best+len(spec)+2
	}
	w.f.Imports = append(w.f.Imports, &Import{Spec: spec, Kind: kind, Start: file.Idx(start + 1), End: file.Idx(end + 1)})
}

var shareHandlers = map[string]bool{"onShareAppMessage": true, "onShareTimeline": true}

func (w *walker) handlers(in string, c *ast.CallExpression) {
	if len(c.ArgumentList) == 0 {
		return
	}
	o, ok := w.src.Object(w.scope, c.ArgumentList[0])
	if !ok {
		return
	}
	objs := []*Object{o}
	if in == "Component" {
		if m := o.Get("methods"); m != nil {
			if mo, ok := w.src.Object(o.Scope, m.Value); ok {
				objs = append(objs, mo)
			}
		}
	}
	for _, obj := range objs {
		for _, p := range obj.Props {
			if !shareHandlers[p.Key] {
				continue
			}
			switch p.Value.(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.Identifier, *ast.DotExpression:
				w.f.Handlers = append(w.f.Handlers, &Handler{Name: p.Key, In: in, KeyNode: p.KeyNode})
			}
		}
	}
}

// isCategory reports whether e is an apiCategory: wx.getApiCategory(),
// x.apiCategory, or a name that holds one.
func (w *walker) isCategory(e ast.Expression, depth int) bool {
	if depth > maxDepth || e == nil {
		return false
	}
	switch e := unwrap(e).(type) {
	case *ast.CallExpression:
		api, ok := w.src.API(w.scope, unwrap(e.Callee))
		return ok && api == "getApiCategory"
	case *ast.DotExpression:
		return e.Identifier.Name == "apiCategory"
	case *ast.BracketExpression:
		v, ok := w.src.Value(w.scope, e.Member)
		return ok && v.Str == "apiCategory"
	case *ast.Identifier:
		b := w.scope.Lookup(e.Name.String())
		if b == nil {
			return false
		}
		if b.Prop == "apiCategory" {
			return true
		}
		if init, ok := b.Alias(); ok {
			defer w.within(b.Scope)()
			return w.isCategory(init, depth+1)
		}
	}
	return false
}

func (w *walker) compare(e ast.Expression) {
	if v, ok := w.src.Value(w.scope, e); ok && v.Kind == String {
		w.f.Compares = append(w.f.Compares, &Compare{Value: v, Node: e})
	}
}

// tests returns the guards that hold when e is true (positive) or false.
func (w *walker) tests(e ast.Expression, positive bool, depth int) []Guard {
	if e == nil || depth > maxDepth {
		return nil
	}
	switch e := e.(type) {
	case *ast.UnaryExpression:
		if e.Operator == token.NOT {
			return w.tests(e.Operand, !positive, depth+1)
		}
	case *ast.BinaryExpression:
		switch e.Operator {
		case token.LOGICAL_AND:
			if positive {
				return append(w.tests(e.Left, true, depth+1), w.tests(e.Right, true, depth+1)...)
			}
			return nil
		case token.LOGICAL_OR:
			if !positive {
				return append(w.tests(e.Left, false, depth+1), w.tests(e.Right, false, depth+1)...)
			}
			return nil
		}
		if e.Operator == token.IN && positive && w.src.isWx(w.scope, e.Right, 0) {
			if v, ok := w.src.Value(w.scope, e.Left); ok && v.Kind == String {
				return []Guard{{API: v.Str}} // 'x' in wx
			}
		}
		return w.comparison(e, positive)
	case *ast.CallExpression:
		api, ok := w.src.API(w.scope, unwrap(e.Callee))
		if ok && api == "canIUse" && positive && len(e.ArgumentList) > 0 {
			if v, ok := w.src.Value(w.scope, e.ArgumentList[0]); ok && v.Kind == String {
				return []Guard{{API: v.Str}}
			}
		}
	case *ast.Identifier:
		b := w.scope.Lookup(e.Name.String())
		if init, ok := b.Alias(); ok {
			defer w.within(b.Scope)()
			return w.tests(init, positive, depth+1)
		}
	}
	if api, ok := w.src.API(w.scope, e); ok && positive {
		return []Guard{{API: api}}
	}
	return nil
}

// comparison handles typeof wx.x === 'function', wx.x != null and
// version comparisons of SDKVersion.
func (w *walker) comparison(e *ast.BinaryExpression, positive bool) []Guard {
	var eq bool
	switch e.Operator {
	case token.EQUAL, token.STRICT_EQUAL:
		eq = true
	case token.NOT_EQUAL, token.STRICT_NOT_EQUAL:
	default:
		return w.versionTest(e, positive)
	}
	l, r := e.Left, e.Right
	if _, ok := w.src.Value(w.scope, l); ok {
		l, r = r, l
	}
	// wx.canIUse('x') === true, wx.canIUse('x') !== false
	if v, ok := w.src.Value(w.scope, r); ok && v.Kind == Bool {
		if _, isCall := unwrap(l).(*ast.CallExpression); isCall {
			return w.tests(l, positive == (eq == v.Bool), 1)
		}
	}
	// exists is the result of the comparison when the API exists.
	var exists bool
	var api string
	var ok bool
	if u, isUnary := l.(*ast.UnaryExpression); isUnary && u.Operator == token.TYPEOF {
		api, ok = w.src.API(w.scope, u.Operand)
		v, vok := w.src.Value(w.scope, r)
		if !ok || !vok || v.Kind != String {
			return w.versionTest(e, positive)
		}
		switch v.Str {
		case "function", "object":
			exists = eq
		case "undefined":
			exists = !eq
		default:
			return nil
		}
	} else {
		api, ok = w.src.API(w.scope, l)
		if !ok {
			return w.versionTest(e, positive)
		}
		switch n := r.(type) {
		case *ast.NullLiteral:
		case *ast.Identifier:
			if n.Name != "undefined" {
				return nil
			}
		default:
			return nil
		}
		exists = !eq
	}
	if exists == positive {
		return []Guard{{API: api}}
	}
	return nil
}

// versionTest recognises comparisons of SDKVersion with a version through a
// compare helper: compareVersion(SDKVersion, '3.7.8') >= 0, in either
// argument order.
func (w *walker) versionTest(e *ast.BinaryExpression, positive bool) []Guard {
	op := e.Operator
	l, r := e.Left, e.Right
	// Put the version side (a call or SDKVersion) on the left.
	if _, ok := w.src.Value(w.scope, l); ok {
		l, r = r, l
		op = flip(op)
	}
	var version string
	sign := 1
	var rhs float64
	if c, ok := unwrap(l).(*ast.CallExpression); ok && len(c.ArgumentList) >= 2 {
		a, b := c.ArgumentList[0], c.ArgumentList[1]
		switch {
		case w.src.mentionsSDKVersion(w.scope, a, 0):
			version = w.versionString(b)
		case w.src.mentionsSDKVersion(w.scope, b, 0):
			version, sign = w.versionString(a), -1
		}
		v, ok := w.src.Value(w.scope, r)
		if version == "" || !ok || v.Kind != Number {
			return nil
		}
		rhs = v.Num
	} else {
		// SDKVersion >= '3.7.8' compares text ('3.9.0' >= '3.12.0'): not a guard.
		return nil
	}
	// Which of sign(SDK - version) in {-1, 0, 1} make the test true?
	holds := func(c int) bool {
		x := float64(c * sign)
		switch op {
		case token.GREATER:
			return x > rhs
		case token.GREATER_OR_EQUAL:
			return x >= rhs
		case token.LESS:
			return x < rhs
		case token.LESS_OR_EQUAL:
			return x <= rhs
		case token.EQUAL, token.STRICT_EQUAL:
			return x == rhs
		case token.NOT_EQUAL, token.STRICT_NOT_EQUAL:
			return x != rhs
		}
		return false
	}
	if holds(-1) == positive {
		return nil // an older base library can take this branch
	}
	if holds(0) != positive && holds(1) != positive {
		return nil // the branch is dead
	}
	return []Guard{{Version: version}}
}

func flip(op token.Token) token.Token {
	switch op {
	case token.GREATER:
		return token.LESS
	case token.GREATER_OR_EQUAL:
		return token.LESS_OR_EQUAL
	case token.LESS:
		return token.GREATER
	case token.LESS_OR_EQUAL:
		return token.GREATER_OR_EQUAL
	}
	return op
}

func (w *walker) versionString(e ast.Expression) string {
	v, ok := w.src.Value(w.scope, e)
	if !ok || v.Kind != String {
		return ""
	}
	for _, p := range strings.Split(v.Str, ".") {
		if _, err := strconv.Atoi(p); err != nil {
			return ""
		}
	}
	return v.Str
}
