package plugin

import (
	_ "embed"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"
)

// What a plugin's code can reach. goja's runtime is ECMAScript alone: no
// require, no file system, network, process or timers (setTimeout, queued
// microtasks aside, does not exist). The sandbox adds a require that
// refuses every module, a console that writes to Options.Log, and the
// prelude (sandbox.js), which bounds the built-ins that would otherwise run
// or allocate without bound in one call. Code is compiled from strings
// nowhere (eval and the Function constructors throw), so every line that
// runs is a plugin's own, instrumented as below.

// Limits on what one call of a built-in may make (see sandbox.js).
const (
	// MaxString is the longest string a plugin can build: + and template
	// literals check their result, and the built-ins that build strings
	// check theirs beforehand.
	MaxString = 1 << 22
	// MaxArray is the longest array a built-in loops over or makes in
	// one call.
	MaxArray = 1 << 20
	// MaxDepth bounds the nesting the recursive built-ins take
	// (JSON.parse, JSON.stringify, RegExp, Array.prototype.flat), and the
	// nesting of brackets in a plugin's source.
	MaxDepth = 1000
	// maxStack is the JavaScript call stack, in frames.
	maxStack = 2000
	// maxSource is the largest plugin file read.
	maxSource = 4 << 20
	// maxConsole is how much console output one runtime writes.
	maxConsole = 64 << 10
)

func init() {
	// goja compiles regular expressions with regexp2 (the only user of
	// regexp2 in this program), whose matches run in Go: a catastrophic
	// backtracking pattern is not interrupted. The timeout makes the match
	// a RangeError instead. regexp2 reads it when a pattern is compiled.
	regexp2.DefaultMatchTimeout = time.Second
}

//go:embed sandbox.js
var preludeSrc string

var prelude = goja.MustCompile("sandbox.js", preludeSrc, true)

// Reserved names: the module wrapper's parameters through which the
// instrumentation reaches its checks. A plugin may not use them.
const (
	nameAdd      = "__chattoolLintAdd"
	nameTemplate = "__chattoolLintTemplate"
	moduleHeader = "(function (exports, require, module, __filename, __dirname, " + nameAdd + ", " + nameTemplate + ") {\n"
	moduleFooter = "\n})"
)

// sandbox is one runtime with the prelude run.
type sandbox struct {
	vm *goja.Runtime
	// add and template are the checks the instrumentation calls.
	add, template goja.Value
	require       goja.Value
	console       *consoleWriter
	// The prelude's helpers (sandbox.js): the host reads what plugins
	// hand it through them.
	meta, creates, describeFn goja.Callable
}

// newSandbox makes a runtime. log receives console output (nil: none).
func newSandbox(log io.Writer, name string) (*sandbox, error) {
	vm := goja.New()
	vm.SetMaxCallStackSize(maxStack)
	s := &sandbox{vm: vm}
	fn, err := vm.RunProgram(prelude)
	if err != nil {
		return nil, fmt.Errorf("the sandbox's prelude: %v", err)
	}
	setup, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, fmt.Errorf("the sandbox's prelude is not a function")
	}
	limits := vm.NewObject()
	limits.Set("string", MaxString)
	limits.Set("array", MaxArray)
	limits.Set("depth", MaxDepth)
	nesting := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(nestingOf(call.Argument(0).String()))
	})
	helpers, err := setup(goja.Undefined(), limits, nesting)
	if err != nil {
		return nil, fmt.Errorf("the sandbox's prelude: %v", err)
	}
	h := helpers.ToObject(vm)
	for _, f := range []struct {
		name string
		dst  *goja.Callable
	}{{"meta", &s.meta}, {"creates", &s.creates}, {"describe", &s.describeFn}} {
		fn, ok := goja.AssertFunction(h.Get(f.name))
		if !ok {
			return nil, fmt.Errorf("the sandbox's prelude has no %s", f.name)
		}
		*f.dst = fn
	}
	s.add = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		v := call.Argument(0)
		if str, ok := v.(goja.String); ok && str.Length() > MaxString {
			panic(rangeError(vm, fmt.Sprintf("sandbox: a string length of %d is over the limit of %d", str.Length(), MaxString)))
		}
		return v
	})
	s.template = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		// A template literal, untagged in the source: its parts are
		// converted as the literal converts them, and counted.
		strs, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		n := int(strs.Get("length").ToInteger())
		var parts []string
		total := 0
		for i := 0; i < n; i++ {
			s := strs.Get(fmt.Sprint(i)).String()
			total += len(s)
			parts = append(parts, s)
			if i+1 < n && i+1 < len(call.Arguments) {
				v := call.Arguments[i+1]
				if _, sym := v.(*goja.Symbol); sym {
					panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
				}
				str := v.ToString()
				if gs, ok := str.(goja.String); ok {
					total += gs.Length()
				}
				if total > MaxString {
					panic(rangeError(vm, fmt.Sprintf("sandbox: a string length of %d is over the limit of %d", total, MaxString)))
				}
				parts = append(parts, str.String())
			}
			if total > MaxString {
				panic(rangeError(vm, fmt.Sprintf("sandbox: a string length of %d is over the limit of %d", total, MaxString)))
			}
		}
		return vm.ToValue(strings.Join(parts, ""))
	})
	s.require = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		panic(jsError(vm, "Error", fmt.Sprintf("require(%q): plugins run in a sandbox, without modules: no file system, network, process or timers", call.Argument(0).String())))
	})
	s.console = &consoleWriter{w: log, prefix: name}
	con := vm.NewObject()
	for _, m := range []string{"log", "info", "warn", "error", "debug"} {
		con.Set(m, s.console.method(vm))
	}
	vm.Set("console", con)
	return s, nil
}

// rangeError makes a RangeError to throw.
func rangeError(vm *goja.Runtime, msg string) *goja.Object { return jsError(vm, "RangeError", msg) }

// jsError makes an error of the built-in constructor named to throw.
func jsError(vm *goja.Runtime, ctor, msg string) *goja.Object {
	o, err := vm.New(vm.Get(ctor), vm.ToValue(msg))
	if err != nil {
		return vm.NewTypeError(msg)
	}
	return o
}

// nestingOf returns the deepest nesting of brackets in s, counting every
// bracket (in strings too: only a bound is wanted).
func nestingOf(s string) int {
	depth, max := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
			if depth > max {
				max = depth
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return max
}

// consoleWriter writes console output, at most maxConsole bytes per
// runtime.
type consoleWriter struct {
	mu      sync.Mutex
	w       io.Writer
	prefix  string
	written int
}

func (c *consoleWriter) method(vm *goja.Runtime) goja.Value {
	return vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if c.w == nil {
			return goja.Undefined()
		}
		parts := make([]string, 0, len(call.Arguments))
		for _, a := range call.Arguments {
			parts = append(parts, describe(a, 200))
		}
		line := c.prefix + ": " + strings.Join(parts, " ") + "\n"
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.written >= maxConsole {
			return goja.Undefined()
		}
		if c.written+len(line) > maxConsole {
			line = line[:maxConsole-c.written] + "\n(console output cut)\n"
		}
		c.written += len(line)
		io.WriteString(c.w, line)
		return goja.Undefined()
	})
}

// describe shows a value briefly, without calling plugin code.
func describe(v goja.Value, max int) string {
	var s string
	switch v := v.(type) {
	case goja.String:
		if v.Length() > max {
			return v.Substring(0, max).String() + "..."
		}
		return v.String()
	case *goja.Object:
		if _, ok := goja.AssertFunction(v); ok {
			return "[function]"
		}
		if v.ClassName() == "Array" {
			return fmt.Sprintf("[array of %d]", v.Get("length").ToInteger())
		}
		keys := v.Keys()
		if len(keys) > 8 {
			keys = append(keys[:8], "...")
		}
		s = "{" + strings.Join(keys, ", ") + "}"
	default:
		if v == nil {
			return "undefined"
		}
		s = v.String()
	}
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}

// instrument rewrites a parsed plugin so that every string it builds with
// + or a template literal is checked against MaxString: goja concatenates
// strings into ropes that are flattened, whole, by whatever reads them, and
// a rope doubled forty times is a terabyte allocated in one Go call, which
// no interrupt can stop. a + b becomes add(a + b) and a += b add(a += b),
// which check the result's length (a rope's is known without flattening);
// an untagged template becomes a template tagged with a function that
// converts and counts its parts. It returns the first use of a reserved
// name, which the plugin may not make.
func instrument(prg *ast.Program) (reserved *ast.Identifier) {
	type key struct {
		t reflect.Type
		p uintptr
	}
	seen := map[key]bool{}
	made := map[*ast.Identifier]bool{}
	exprType := reflect.TypeOf((*ast.Expression)(nil)).Elem()
	identType := reflect.TypeOf((*ast.Identifier)(nil))
	astPkg := identType.Elem().PkgPath()
	check := func(e ast.Expression) ast.Expression {
		id := &ast.Identifier{Name: nameAdd, Idx: e.Idx0()}
		made[id] = true
		return &ast.CallExpression{
			Callee:           id,
			LeftParenthesis:  e.Idx0(),
			ArgumentList:     []ast.Expression{e},
			RightParenthesis: e.Idx1() - 1,
		}
	}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 4*MaxDepth {
			return // (the parser refuses deeper sources)
		}
		switch v.Kind() {
		case reflect.Interface:
			if v.IsNil() {
				return
			}
			inner := v.Elem()
			walk(inner, depth+1)
			if !v.CanSet() || v.Type() != exprType {
				return
			}
			switch e := inner.Interface().(type) {
			case *ast.BinaryExpression:
				if e.Operator == token.PLUS {
					v.Set(reflect.ValueOf(check(e)))
				}
			case *ast.AssignExpression:
				if e.Operator == token.PLUS {
					v.Set(reflect.ValueOf(check(e)))
				}
			}
		case reflect.Pointer:
			if v.IsNil() || v.Elem().Kind() != reflect.Struct || v.Type().Elem().PkgPath() != astPkg {
				return
			}
			k := key{v.Type(), v.Pointer()}
			if seen[k] {
				return
			}
			seen[k] = true
			if v.Type() == identType {
				id := v.Interface().(*ast.Identifier)
				if (id.Name == nameAdd || id.Name == nameTemplate) && !made[id] && reserved == nil &&
					int(id.Idx)-prg.File.Base() >= len(moduleHeader) {
					reserved = id
				}
				return
			}
			if t, ok := v.Interface().(*ast.TemplateLiteral); ok && t.Tag == nil {
				id := &ast.Identifier{Name: unistring.String(nameTemplate), Idx: t.OpenQuote}
				made[id] = true
				t.Tag = id
			}
			walk(v.Elem(), depth+1)
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), depth+1)
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(prg), 0)
	return reserved
}
