package plugin

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/chattool-lint/chattool-lint/lint"
)

// Options tune how plugins run.
type Options struct {
	// Time is the budget of one rule on one file, and of loading one
	// plugin (0: DefaultTime).
	Time time.Duration
	// Memory is the heap growth a call may cause (0: DefaultMemory; see
	// budget.go for what is measured).
	Memory int64
	// Log receives the plugins' console output (nil: discarded).
	Log io.Writer
}

func (o Options) time() time.Duration {
	if o.Time <= 0 {
		return DefaultTime
	}
	return o.Time
}

func (o Options) memory() int64 {
	if o.Memory <= 0 {
		return DefaultMemory
	}
	return o.Memory
}

// Plugin is a plugin file, compiled, with its rules.
type Plugin struct {
	// Name is the plugin's name: its rules are Name/RULE.
	Name string
	// Path is the file as the configuration names it, relative to the
	// current folder when it lies below it: where its errors are shown.
	Path  string
	Rules []*Rule

	prg *goja.Program
	// lineOffset is how many lines the module wrapper adds before the
	// source (0 when positions come through a source map).
	lineOffset int

	// spare is the runtime the plugin was loaded in, with its exports,
	// until a Set whose first plugin this is takes it for its first
	// worker (a runtime costs some milliseconds to make, as much as a
	// small project's files take to visit).
	spareMu sync.Mutex
	spare   *sandbox
	exports goja.Value
}

// takeSpare returns the runtime the plugin was loaded in and its exports,
// once (nil after).
func (p *Plugin) takeSpare() (*sandbox, goja.Value) {
	p.spareMu.Lock()
	defer p.spareMu.Unlock()
	sb, exports := p.spare, p.exports
	p.spare, p.exports = nil, nil
	return sb, exports
}

// Rule is a rule of a plugin.
type Rule struct {
	// Name is PLUGIN/RULE.
	Name string
	Doc  *lint.Doc
	// Messages are meta.messages, for report({ messageId }).
	Messages map[string]string

	key    string // the key in exports.rules
	plugin *Plugin
}

// Error is a plugin that cannot be loaded, at a place in its file.
type Error struct {
	Path         string
	Line, Column int // 1-based; 0 when the file itself is the problem
	Message      string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
}

// validName is what a plugin or rule name may be.
var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ValidRuleName reports whether name has the shape of a plugin rule's:
// PLUGIN/RULE.
func ValidRuleName(name string) bool {
	p, r, ok := strings.Cut(name, "/")
	return ok && validName.MatchString(p) && validName.MatchString(r)
}

// LoadFile loads the plugin at path (display is how it is shown). A
// problem in the plugin is an *Error; a file that cannot be read another
// error.
func LoadFile(path, display string, o Options) (pl *Plugin, err error) {
	defer func() {
		// goja and esbuild are large; whatever a plugin's text does to
		// them is the plugin's error, not the host's crash.
		if r := recover(); r != nil {
			pl, err = nil, &Error{Path: display, Message: fmt.Sprintf("internal error loading the plugin (please report it): %v\n%s", r, debug.Stack())}
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", display)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxSource+1))
	if err != nil {
		return nil, err
	}
	if len(src) > maxSource {
		return nil, &Error{Path: display, Message: fmt.Sprintf("larger than the %d bytes a plugin may be", maxSource)}
	}
	return Load(src, path, display, o)
}

// Load loads a plugin from its source. name is its file name (its
// extension says whether it is TypeScript, and its base name is the
// plugin's name unless the plugin gives one), display how it is shown.
func Load(src []byte, name, display string, o Options) (*Plugin, error) {
	p := &Plugin{Path: display}
	if err := p.compile(src, name); err != nil {
		return nil, err
	}
	sb, err := newSandbox(nil, display)
	if err != nil {
		return nil, err
	}
	var info pluginMeta
	g := &guard{vm: sb.vm}
	dog.register(g)
	defer dog.unregister(g)
	g.begin(o.time(), o.memory())
	exports, err := p.run(sb)
	if err == nil {
		var s goja.Value
		s, err = sb.meta(goja.Undefined(), exports)
		if err == nil {
			err = json.Unmarshal([]byte(s.String()), &info)
		}
	}
	tripped := g.end()
	if err != nil {
		return nil, p.loadError(sb, err, tripped, o)
	}
	base := filepath.Base(name)
	p.Name = strings.TrimPrefix(strings.TrimSuffix(base, filepath.Ext(base)), "eslint-plugin-")
	if info.Name != nil {
		p.Name = *info.Name
	}
	switch {
	case info.Problem != "":
		return nil, &Error{Path: display, Message: info.Problem}
	case !validName.MatchString(p.Name):
		return nil, &Error{Path: display, Message: fmt.Sprintf("the plugin's name %q is not lower-case letters, digits, - and _ (give meta.name)", p.Name)}
	case len(info.Rules) == 0:
		return nil, &Error{Path: display, Message: "the plugin exports no rules"}
	}
	for _, ri := range info.Rules {
		r, err := p.rule(ri)
		if err != nil {
			return nil, err
		}
		p.Rules = append(p.Rules, r)
	}
	p.spare, p.exports = sb, exports
	return p, nil
}

// pluginMeta is what the prelude's meta helper reads of a plugin's
// exports.
type pluginMeta struct {
	Name    *string    `json:"name"`
	Problem string     `json:"problem"`
	Rules   []ruleMeta `json:"rules"`
}

type ruleMeta struct {
	Key         string            `json:"key"`
	Create      bool              `json:"create"`
	Description string            `json:"description"`
	Severity    string            `json:"severity"`
	URL         string            `json:"url"`
	Text        string            `json:"text"`
	Messages    map[string]string `json:"messages"`
}

func (p *Plugin) rule(ri ruleMeta) (*Rule, error) {
	fail := func(format string, args ...any) error {
		return &Error{Path: p.Path, Message: fmt.Sprintf("rule %q: ", ri.Key) + fmt.Sprintf(format, args...)}
	}
	if !validName.MatchString(ri.Key) {
		return nil, fail("a rule's name is lower-case letters, digits, - and _")
	}
	if !ri.Create {
		return nil, fail("has no create(context) function")
	}
	sev := lint.Warning
	if ri.Severity != "" {
		s, err := lint.ParseSeverity(ri.Severity)
		if err != nil || s == lint.Off {
			return nil, fail("meta.severity %q: want \"error\", \"warning\" or \"info\"", ri.Severity)
		}
		sev = s
	}
	name := p.Name + "/" + ri.Key
	summary := strings.TrimSpace(firstLine(ri.Description))
	if summary == "" {
		summary = "(the rule gives no meta.description)"
	}
	text := strings.TrimSpace(ri.Text)
	if text == "" {
		text = fmt.Sprintf("A rule of the plugin %s (%s).", p.Name, p.Path)
	}
	doc := &lint.Doc{
		Name:      name,
		Summary:   summary,
		Severity:  sev,
		Text:      text,
		Markdown:  text,
		URL:       ri.URL,
		MiniGames: true,
	}
	return &Rule{Name: name, Doc: doc, Messages: ri.Messages, key: ri.Key, plugin: p}, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// compile parses the plugin as a CommonJS script, or through esbuild as an
// ES module or TypeScript, wraps it in a module function, instruments it
// and compiles it.
func (p *Plugin) compile(src []byte, name string) error {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line, col := lineCol(src, off)
		return &Error{Path: p.Path, Line: line, Column: col, Message: "invalid UTF-8"}
	}
	if off := tooDeep(src); off >= 0 {
		line, col := lineCol(src, off)
		return &Error{Path: p.Path, Line: line, Column: col, Message: fmt.Sprintf("brackets nested more than %d deep", MaxDepth)}
	}
	ext := strings.ToLower(filepath.Ext(name))
	ts := ext == ".ts" || ext == ".mts" || ext == ".cts"
	var prg *ast.Program
	var perr error
	if !ts {
		prg, perr = parser.ParseFile(nil, p.Path, moduleHeader+string(src)+moduleFooter, 0, parser.WithDisableSourceMaps)
		p.lineOffset = 1
	}
	if ts || perr != nil {
		code, err := p.transform(src, ts)
		if err != nil {
			if perr != nil && !ts {
				// Not a module either: goja's message is about the script.
				var el parser.ErrorList
				if errors.As(perr, &el) && len(el) > 0 {
					pos := el[0].File.Position(el[0].Offset)
					return p.at(pos.Line, pos.Column, "%s", el[0].Message)
				}
			}
			return err
		}
		prg, perr = parser.ParseFile(nil, p.Path, code, 0, parser.WithSourceMapLoader(func(string) ([]byte, error) {
			return nil, errors.New("no file system")
		}))
		p.lineOffset = 0
		if perr != nil {
			return &Error{Path: p.Path, Message: fmt.Sprintf("the module compiled to CommonJS does not parse: %v", perr)}
		}
	}
	if id := instrument(prg); id != nil {
		pos := prg.File.Position(int(id.Idx) - prg.File.Base())
		return p.at(pos.Line, pos.Column, "%s is a name the sandbox reserves", id.Name)
	}
	compiled, err := goja.CompileAST(prg, false)
	if err != nil {
		var ce *goja.CompilerSyntaxError
		var re *goja.CompilerReferenceError
		switch {
		case errors.As(err, &ce) && ce.File != nil:
			pos := ce.File.Position(ce.Offset)
			return p.at(pos.Line, pos.Column, "%s", ce.Message)
		case errors.As(err, &re) && re.File != nil:
			pos := re.File.Position(re.Offset)
			return p.at(pos.Line, pos.Column, "%s", re.Message)
		}
		return &Error{Path: p.Path, Message: err.Error()}
	}
	p.prg = compiled
	return nil
}

// at makes an Error at a position of the wrapped source.
func (p *Plugin) at(line, col int, format string, args ...any) *Error {
	line -= p.lineOffset
	if line < 1 {
		line, col = 1, 1
	}
	return &Error{Path: p.Path, Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}

// transform compiles an ES module or TypeScript to CommonJS with esbuild
// (goja runs scripts, not modules), wrapped as a script is, with an inline
// source map shifted by the wrapper's line, so that positions are the
// file's.
func (p *Plugin) transform(src []byte, ts bool) (string, error) {
	loader := api.LoaderJS
	if ts {
		loader = api.LoaderTS
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:     loader,
		Format:     api.FormatCommonJS,
		Target:     api.ES2020,
		Sourcemap:  api.SourceMapExternal,
		Sourcefile: p.Path,
		LogLevel:   api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		if e.Location == nil {
			return "", &Error{Path: p.Path, Message: e.Text}
		}
		// esbuild's columns count bytes from 0.
		l := e.Location
		col := utf8.RuneCountInString(l.LineText[:min(l.Column, len(l.LineText))]) + 1
		return "", &Error{Path: p.Path, Line: l.Line, Column: col, Message: e.Text}
	}
	var sm map[string]any
	if err := json.Unmarshal(res.Map, &sm); err != nil {
		return "", &Error{Path: p.Path, Message: fmt.Sprintf("esbuild's source map: %v", err)}
	}
	if m, ok := sm["mappings"].(string); ok {
		sm["mappings"] = ";" + m // the wrapper's line
	}
	b, _ := json.Marshal(sm)
	return moduleHeader + string(res.Code) + moduleFooter +
		"\n//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString(b), nil
}

// run evaluates the plugin's module in a sandbox and returns its exports.
func (p *Plugin) run(sb *sandbox) (goja.Value, error) {
	fn, err := sb.vm.RunProgram(p.prg)
	if err != nil {
		return nil, err
	}
	call, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, errors.New("the module wrapper is not a function")
	}
	vm := sb.vm
	module := vm.NewObject()
	exports := vm.NewObject()
	module.Set("exports", exports)
	if _, err := call(goja.Undefined(), exports, sb.require, module, vm.ToValue(filepath.Base(p.Path)), vm.ToValue("."), sb.add, sb.template); err != nil {
		return nil, err
	}
	return module.Get("exports"), nil
}

// loadError is the Error of a plugin whose module threw, or was stopped.
func (p *Plugin) loadError(sb *sandbox, err error, tripped error, o Options) error {
	msg, line, col := p.explain(sb, err, tripped, o)
	if line == 0 {
		return &Error{Path: p.Path, Message: "loading the plugin: " + msg}
	}
	return &Error{Path: p.Path, Line: line, Column: col, Message: msg}
}

// explain describes an error of the plugin's code and where in the plugin
// it happened (line 0: not known).
func (p *Plugin) explain(sb *sandbox, err error, tripped error, o Options) (msg string, line, col int) {
	var stack []goja.StackFrame
	var ex *goja.Exception
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	interrupted := errors.As(err, &ie)
	switch {
	case tripped != nil || interrupted:
		be := &BudgetError{Memory: errors.Is(tripped, errMemory), Budget: o.time().String()}
		if be.Memory {
			be.Budget = fmt.Sprintf("%d MB", o.memory()>>20)
		}
		switch {
		case ie != nil:
			stack = ie.Stack()
		case errors.As(err, &ex):
			stack = ex.Stack()
		}
		msg = be.Error()
	case errors.As(err, &so):
		stack = so.Stack()
		msg = fmt.Sprintf("RangeError: the call stack is deeper than %d frames", maxStack)
	case errors.As(err, &ex):
		stack = ex.Stack()
		msg = p.describe(sb, ex.Value(), o)
	default:
		msg = err.Error()
	}
	line, col = p.where(stack)
	return truncate(msg, 500), line, col
}

// describe describes a thrown value, under a budget of its own: its
// message may be a getter of the plugin's.
func (p *Plugin) describe(sb *sandbox, v goja.Value, o Options) string {
	g := &guard{vm: sb.vm}
	dog.register(g)
	defer dog.unregister(g)
	g.begin(min(o.time(), 100*time.Millisecond), o.memory())
	s, err := sb.describeFn(goja.Undefined(), v)
	if g.end() != nil || err != nil {
		return "an exception (describing it took too long or threw)"
	}
	return s.String()
}

// where finds the innermost frame of the plugin's own code.
func (p *Plugin) where(stack []goja.StackFrame) (int, int) {
	for _, f := range stack {
		if f.SrcName() != p.Path {
			continue
		}
		pos := f.Position()
		line := pos.Line - p.lineOffset
		if line < 1 {
			return 1, 1
		}
		return line, pos.Column
	}
	return 0, 0
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// tooDeep returns the offset where brackets nest past MaxDepth, or -1.
// goja's parser and regexp2 recurse on nesting (a regular expression
// literal's groups too).
func tooDeep(src []byte) int {
	depth := 0
	for i, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > MaxDepth {
				return i
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return -1
}

// lineCol is the 1-based line and column (in characters) of a byte
// offset.
func lineCol(src []byte, off int) (int, int) {
	off = min(max(off, 0), len(src))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}
