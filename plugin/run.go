package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// How rules run: the files of a project are shared among workers, one per
// core, each with a runtime of its own into which every plugin was loaded
// once (runtimes are kept between projects). A worker visits a file rule by
// rule: create(context), then File, the file's nodes in source order, then
// File:exit, all within the rule's time and memory budget for the file.

// visitorGroups are the node types of each kind of file, in groups made
// together (a style sheet's nodes point to each other): a file's nodes are
// made group by group, for the groups some rule visits, in this order.
var visitorGroups = map[string][][]string{
	"script":   {{"WxApi"}, {"Import"}, {"GlobalCall"}, {"Route"}},
	"template": {{"Element"}},
	"style":    {{"AtRule", "StyleRule", "Declaration"}},
	"json":     {{"JSONDocument"}},
}

// visitorTypes are the node types of each kind of file.
var visitorTypes = func() map[string][]string {
	m := map[string][]string{}
	for kind, gs := range visitorGroups {
		for _, g := range gs {
			m[kind] = append(m[kind], g...)
		}
	}
	return m
}()

const (
	// maxFindings is how many findings a rule reports in one file.
	maxFindings = 1000
	// maxMessage is the longest message kept, in bytes.
	maxMessage = 2000
	// maxTrips is how many times a rule may be stopped for its budget or
	// fail in the engine before it is not run on the rest of a project.
	maxTrips = 3
)

// found is a finding of a rule.
type found struct {
	rule *Rule
	d    analysis.Diagnostic
}

// results is what the run of a project's plugin rules found, by rule.
type results struct {
	byRule map[string][]analysis.Diagnostic
}

// runState is shared by the workers of one run.
type runState struct {
	mu      sync.Mutex
	trips   map[*Rule]int
	stopped map[*Rule]bool
	failed  map[*Rule]bool // a load failure reported
}

// trip counts a failure of r and reports whether r is now stopped.
func (st *runState) trip(r *Rule) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.trips[r]++
	if st.trips[r] >= maxTrips {
		st.stopped[r] = true
	}
	return st.stopped[r]
}

func (st *runState) isStopped(r *Rule) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.stopped[r]
}

// firstFailure reports whether r's load failure is yet to be reported.
func (st *runState) firstFailure(r *Rule) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.failed[r] {
		return false
	}
	st.failed[r] = true
	return true
}

// units lists the files of a project that rules visit.
func units(p *project.Project, js *jsparse.Result, wx *wxml.Result, ws *wxss.Result) []*unit {
	var out []*unit
	for _, f := range js.Files {
		if f.ReadErr != nil || f.Source == nil {
			continue
		}
		out = append(out, &unit{kind: "script", lang: f.Lang.String(), path: f.Path, mp: f.MP, pf: f.File, js: f})
	}
	for _, f := range wx.Files {
		if f.ReadErr != nil {
			continue
		}
		out = append(out, &unit{kind: "template", lang: "wxml", path: f.Path, mp: f.MP, pf: f.File, wx: f})
	}
	for _, f := range ws.Files {
		if f.ReadErr != nil {
			continue
		}
		out = append(out, &unit{kind: "style", lang: f.Lang.String(), path: f.Path, mp: f.MP, pf: f.File, ws: f})
	}
	for _, jf := range p.JSONFiles {
		mp, ok := p.InMP(jf.Path)
		if !ok {
			mp = jf.Path
		}
		out = append(out, &unit{kind: "json", lang: "json", path: jf.Path, mp: mp, pf: jf.File, json: jf})
	}
	return out
}

// run runs rules over a project.
func (s *Set) run(pass *analysis.Pass, rules []*Rule) (any, error) {
	p := project.Of(pass)
	var v *views.Result
	if !p.IsGame() {
		v = views.Of(pass)
	}
	us := units(p, jsparse.Of(pass), wxml.Of(pass), wxss.Of(pass))
	out := &results{byRule: map[string][]analysis.Diagnostic{}}
	if len(us) == 0 || len(rules) == 0 {
		return out, nil
	}
	st := &runState{trips: map[*Rule]int{}, stopped: map[*Rule]bool{}, failed: map[*Rule]bool{}}
	found := make([][]found, len(us))
	n := min(runtime.GOMAXPROCS(0), len(us))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := s.worker()
			if err != nil {
				errs[i] = err
				return
			}
			w.startRun(p, v)
			defer s.release(w)
			for {
				k := int(next.Add(1) - 1)
				if k >= len(us) {
					return
				}
				found[k] = w.visit(us[k], rules, st)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, fs := range found {
		for _, f := range fs {
			out.byRule[f.rule.Name] = append(out.byRule[f.rule.Name], f.d)
		}
	}
	return out, nil
}

// worker is a runtime with every plugin of a Set loaded.
type worker struct {
	set *Set
	sb  *sandbox
	g   *guard
	b   *builder
	// creates are the rules' create functions; loadErr the rules whose
	// plugin could not be loaded in this runtime.
	creates  map[*Rule]goja.Callable
	loadErr  map[*Rule]error
	settings map[*Rule]goja.Value
	ctxProto *goja.Object
	// ruleCtx are each rule's contexts' prototype: what is the same in
	// every file (id, settings, options, report), over ctxProto.
	ruleCtx map[*Rule]*goja.Object
	project goja.Value
	// broken is set when the runtime must not be used again: a call was
	// stopped, or the engine failed.
	broken bool

	// The file being visited.
	u    *unit
	info goja.Value
	// groups are the nodes made of the file, by group (visitorGroups),
	// each in source order; built says which groups were made.
	groups   [][]event
	built    []bool
	cur      span // the node being visited, for a failure's position
	reported int
	out      []found
}

// workerName is how the console output of a worker's runtime begins.
const workerName = "chattool-lint plugin"

// worker takes a worker from the pool, or makes one.
func (s *Set) worker() (*worker, error) {
	s.mu.Lock()
	if n := len(s.idle); n > 0 {
		w := s.idle[n-1]
		s.idle = s.idle[:n-1]
		s.mu.Unlock()
		return w, nil
	}
	s.mu.Unlock()
	return s.newWorker()
}

// release returns a worker to the pool, unless it is broken.
func (s *Set) release(w *worker) {
	dog.unregister(w.g)
	w.b.startRun(nil, nil)
	w.project = nil
	if w.broken {
		return
	}
	s.mu.Lock()
	s.idle = append(s.idle, w)
	s.mu.Unlock()
}

func (s *Set) newWorker() (*worker, error) {
	// The first plugin's module ran first in the runtime it was loaded
	// in: a worker can go on from there, as from a new runtime.
	var sb *sandbox
	var first goja.Value
	if len(s.plugins) > 0 {
		sb, first = s.plugins[0].takeSpare()
	}
	if sb != nil {
		sb.console.mu.Lock()
		sb.console.w, sb.console.prefix = s.opts.Log, workerName
		sb.console.mu.Unlock()
	} else {
		var err error
		if sb, err = newSandbox(s.opts.Log, workerName); err != nil {
			return nil, err
		}
	}
	w := &worker{set: s, sb: sb, g: &guard{vm: sb.vm}, b: newBuilder(sb.vm),
		creates: map[*Rule]goja.Callable{}, loadErr: map[*Rule]error{}, settings: map[*Rule]goja.Value{},
		ruleCtx: map[*Rule]*goja.Object{}}
	vm := sb.vm
	w.ctxProto = vm.NewObject()
	w.ctxProto.DefineAccessorProperty("project", vm.ToValue(func(goja.FunctionCall) goja.Value {
		if w.project == nil {
			w.project = w.b.projectModel()
		}
		return w.project
	}), nil, goja.FLAG_FALSE, goja.FLAG_FALSE)
	dog.register(w.g)
	defer dog.unregister(w.g)
	for i, pl := range s.plugins {
		w.g.begin(s.opts.time(), s.opts.memory())
		var exports goja.Value
		var err error
		if i == 0 && first != nil {
			exports = first
		} else {
			exports, err = pl.run(sb)
		}
		var fns goja.Value
		if err == nil {
			keys := make([]any, len(pl.Rules))
			for i, r := range pl.Rules {
				keys[i] = r.key
			}
			fns, err = sb.creates(goja.Undefined(), exports, vm.NewArray(keys...))
		}
		tripped := w.g.end()
		if err != nil || tripped != nil {
			msg, line, col := pl.explain(sb, err, tripped, s.opts)
			e := &Error{Path: pl.Path, Line: line, Column: col, Message: msg}
			for _, r := range pl.Rules {
				w.loadErr[r] = e
			}
			if tripped != nil {
				// The runtime was interrupted: start again without
				// this plugin's module, as a broken one.
				w.broken = true
			}
			continue
		}
		arr := fns.ToObject(vm)
		for i, r := range pl.Rules {
			if fn, ok := goja.AssertFunction(arr.Get(fmt.Sprint(i))); ok {
				w.creates[r] = fn
			} else {
				w.loadErr[r] = &Error{Path: pl.Path, Message: fmt.Sprintf("rule %q is gone when the plugin is loaded again", r.key)}
			}
		}
	}
	for _, r := range s.rules {
		if js, ok := s.settings[r.Name]; ok {
			var v any
			if json.Unmarshal(js, &v) == nil {
				w.settings[r] = toJS(vm, v)
			}
		}
	}
	return w, nil
}

// toJS makes plain JavaScript data of decoded JSON.
func toJS(vm *goja.Runtime, v any) goja.Value {
	switch v := v.(type) {
	case map[string]any:
		o := vm.NewObject()
		for k, x := range v {
			o.Set(k, toJS(vm, x))
		}
		return o
	case []any:
		items := make([]any, len(v))
		for i, x := range v {
			items[i] = toJS(vm, x)
		}
		return vm.NewArray(items...)
	case nil:
		return goja.Null()
	}
	return vm.ToValue(v)
}

func (w *worker) startRun(p *project.Project, v *views.Result) {
	w.b.startRun(p, v)
	w.project = nil
	dog.register(w.g)
}

// renew replaces a broken runtime with a new one, as the same worker.
func (w *worker) renew() {
	p, v := w.b.p, w.b.v
	dog.unregister(w.g)
	nw, err := w.set.newWorker()
	if err != nil {
		return // (cannot happen: the prelude ran before) the rules of this worker fail from here on
	}
	*w = *nw
	w.startRun(p, v)
}

// visit runs rules over one file.
func (w *worker) visit(u *unit, rules []*Rule, st *runState) []found {
	w.u, w.info, w.groups, w.built, w.out = u, nil, nil, nil, nil
	w.b.reset()
	for _, r := range rules {
		if st.isStopped(r) {
			continue
		}
		if err := w.loadErr[r]; err != nil {
			if st.firstFailure(r) {
				w.fail(r, token.NoPos, "the plugin could not be loaded again for this run: %v", err)
			}
			continue
		}
		w.reported = 0
		w.cur = span{}
		w.g.begin(w.set.opts.time(), w.set.opts.memory())
		err, internal := w.safe(func() error { return w.runRule(r) })
		tripped := w.g.end()
		if err == nil && tripped == nil {
			continue
		}
		msg, line, col := r.plugin.explain(w.sb, err, tripped, w.set.opts)
		if internal {
			msg = err.Error()
		}
		where := ""
		if line > 0 {
			where = fmt.Sprintf(" at %s:%d:%d", r.plugin.Path, line, col)
		}
		switch {
		case tripped != nil:
			msg = fmt.Sprintf("the rule %s%s", msg, where)
		case internal:
			msg = "the JavaScript engine failed running the rule (please report it): " + msg
		default:
			msg = fmt.Sprintf("the rule threw%s: %s", where, msg)
		}
		if tripped != nil || internal {
			w.broken = true
		}
		if st.trip(r) {
			msg += fmt.Sprintf("; after %d such failures it is not run on the project's other files", maxTrips)
		}
		w.fail(r, w.cur.start, "%s", msg)
		if w.broken {
			out := w.out
			w.renew()
			w.u, w.out = u, out
		}
	}
	return w.out
}

// fail adds a finding of a rule that failed, at the node it was visiting
// (or the file's start).
func (w *worker) fail(r *Rule, at token.Pos, format string, args ...any) {
	if !at.IsValid() {
		at = w.u.pf.Pos(0)
	}
	w.out = append(w.out, found{r, analysis.Diagnostic{Pos: at, Category: lint.CategoryError,
		Message: truncate(fmt.Sprintf(format, args...), maxMessage)}})
}

// safe runs f, turning a panic into an error: a JavaScript error thrown
// through Go (internal false), or a failure of the engine (internal true,
// and the runtime is not to be trusted).
func (w *worker) safe(f func() error) (err error, internal bool) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		switch x := r.(type) {
		case *goja.Exception:
			err = x
		case *goja.InterruptedError:
			err = x
		case *goja.StackOverflowError:
			err = x
		default:
			err, internal = fmt.Errorf("%v\n%s", r, debug.Stack()), true
		}
	}()
	return f(), false
}

// ctxFor is the prototype of a rule's contexts in this runtime.
func (w *worker) ctxFor(r *Rule) *goja.Object {
	if p := w.ruleCtx[r]; p != nil {
		return p
	}
	vm := w.sb.vm
	p := vm.CreateObject(w.ctxProto)
	p.Set("id", r.Name)
	if s, ok := w.settings[r]; ok {
		p.Set("settings", s)
		p.Set("options", vm.NewArray(s))
	} else {
		p.Set("settings", goja.Undefined())
		p.Set("options", vm.NewArray())
	}
	p.Set("report", func(call goja.FunctionCall) goja.Value { return w.report(r, call) })
	w.ruleCtx[r] = p
	return p
}

// runRule calls a rule's create, then its visitors.
func (w *worker) runRule(r *Rule) error {
	create := w.creates[r]
	vm := w.sb.vm
	if w.info == nil {
		w.info = w.b.fileInfo(w.u)
	}
	// As ESLint's, a context's own properties are what differ by file;
	// the rest it inherits.
	ctx := vm.CreateObject(w.ctxFor(r))
	ctx.Set("file", w.info)
	ctx.Set("filename", w.u.path)
	v, err := create(goja.Undefined(), ctx)
	if err != nil {
		return err
	}
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	vo, ok := v.(*goja.Object)
	if !ok {
		return fmt.Errorf("create(context) returned %s, not an object of visitors", describe(v, 40))
	}
	fns := map[string]goja.Callable{}
	for _, t := range append([]string{"File", "File:exit"}, visitorTypes[w.u.kind]...) {
		if fn, ok := goja.AssertFunction(vo.Get(t)); ok {
			fns[t] = fn
		}
	}
	call := func(t string, arg goja.Value, at span) error {
		fn := fns[t]
		if fn == nil {
			return nil
		}
		w.cur = at
		_, err := fn(vo, arg)
		return err
	}
	if err := call("File", w.info, span{}); err != nil {
		return err
	}
	// The nodes of the groups the rule visits, made once per file, merged
	// in source order (at the same place, the earlier group's first).
	var lists [][]event
	for gi, g := range visitorGroups[w.u.kind] {
		for _, t := range g {
			if fns[t] != nil {
				lists = append(lists, w.group(gi))
				break
			}
		}
	}
	next := make([]int, len(lists))
	for {
		k := -1
		for i, l := range lists {
			if next[i] < len(l) && (k < 0 || l[next[i]].sp.start < lists[k][next[k]].sp.start) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		e := lists[k][next[k]]
		next[k]++
		if fns[e.typ] == nil {
			continue
		}
		if err := call(e.typ, e.node, e.sp); err != nil {
			return err
		}
	}
	return call("File:exit", w.info, span{})
}

// group makes the nodes of a group of the file being visited, in source
// order.
func (w *worker) group(gi int) []event {
	if w.built == nil {
		// (also after renew, whose runtime has none of the nodes)
		n := len(visitorGroups[w.u.kind])
		w.groups, w.built = make([][]event, n), make([]bool, n)
	}
	if w.built[gi] {
		return w.groups[gi]
	}
	var es []event
	switch w.u.kind {
	case "script":
		es = w.b.scriptEvents(w.u, visitorGroups["script"][gi][0])
	case "template":
		es = w.b.elementEvents(w.u)
	case "style":
		es = w.b.styleEvents(w.u)
	case "json":
		es = w.b.jsonEvents(w.u)
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].sp.start < es[j].sp.start })
	w.groups[gi], w.built[gi] = es, true
	return es
}

// report is context.report(descriptor).
func (w *worker) report(r *Rule, call goja.FunctionCall) goja.Value {
	vm := w.sb.vm
	d, ok := call.Argument(0).(*goja.Object)
	if !ok {
		panic(vm.NewTypeError("context.report takes { node or loc, message or messageId, fix? }"))
	}
	if w.reported >= maxFindings {
		return goja.Undefined()
	}
	sp := w.where(d)
	msg := w.message(r, d)
	sev := ""
	if s := d.Get("severity"); s != nil && !goja.IsUndefined(s) {
		v, err := lint.ParseSeverity(s.String())
		if err != nil || v == lint.Off {
			panic(vm.NewTypeError(fmt.Sprintf("context.report: severity %q: want \"error\", \"warning\" or \"info\"", s.String())))
		}
		sev = v.String()
	}
	diag := analysis.Diagnostic{Pos: sp.start, End: sp.end, Category: sev, Message: msg}
	if fix := d.Get("fix"); fix != nil && !goja.IsUndefined(fix) && !goja.IsNull(fix) {
		if sf, ok := w.fix(fix); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{sf}
		}
	}
	w.reported++
	if w.reported == maxFindings {
		diag.Message += fmt.Sprintf(" (the rule's %dth finding in this file: the rest are left out)", maxFindings)
	}
	w.out = append(w.out, found{r, diag})
	return goja.Undefined()
}

// where is the span a report descriptor names: its node, or its loc (in
// the file being visited, or loc.file).
func (w *worker) where(d *goja.Object) span {
	vm := w.sb.vm
	if n, ok := d.Get("node").(*goja.Object); ok {
		if sp, ok := w.b.span(n); ok {
			return sp
		}
		if loc, ok := n.Get("loc").(*goja.Object); ok {
			return w.locSpan(loc)
		}
		panic(vm.NewTypeError("context.report: node is not a node of the file being visited (nor has it a loc)"))
	}
	if loc, ok := d.Get("loc").(*goja.Object); ok {
		return w.locSpan(loc)
	}
	panic(vm.NewTypeError("context.report needs a node or a loc"))
}

// locSpan reads { line, column } or { start, end } (with file, optionally).
func (w *worker) locSpan(loc *goja.Object) span {
	vm := w.sb.vm
	tf := w.u.pf.TF()
	if f := loc.Get("file"); f != nil && !goja.IsUndefined(f) {
		name := f.String()
		if name != w.u.path {
			pf, err := w.b.p.ReadFile(name)
			if err != nil {
				panic(vm.NewTypeError(fmt.Sprintf("context.report: loc.file %q is not a file of the project", truncate(name, 200))))
			}
			tf = pf.TF()
		}
	}
	point := func(o goja.Value) (token.Pos, bool) {
		po, ok := o.(*goja.Object)
		if !ok {
			return token.NoPos, false
		}
		line, col := po.Get("line"), po.Get("column")
		if line == nil || goja.IsUndefined(line) {
			return token.NoPos, false
		}
		c := int64(0)
		if col != nil && !goja.IsUndefined(col) {
			c = col.ToInteger()
		}
		return w.b.posOf(tf, int(min(line.ToInteger(), 1<<30)), int(min(c, 1<<30)))
	}
	if start, ok := point(loc.Get("start")); ok {
		end, ok := point(loc.Get("end"))
		if !ok || end < start {
			end = start
		}
		return span{start, end}
	}
	if p, ok := point(loc); ok {
		return span{p, p}
	}
	panic(vm.NewTypeError("context.report: loc is { line, column } or { start: { line, column }, end: { line, column } }, with lines of the file"))
}

// message is the report's message, or its messageId's with data filled in.
func (w *worker) message(r *Rule, d *goja.Object) string {
	vm := w.sb.vm
	if m := d.Get("message"); m != nil && !goja.IsUndefined(m) {
		return w.str(m, maxMessage)
	}
	id := d.Get("messageId")
	if id == nil || goja.IsUndefined(id) {
		panic(vm.NewTypeError("context.report needs a message or a messageId"))
	}
	tmpl, ok := r.Messages[id.String()]
	if !ok {
		panic(vm.NewTypeError(fmt.Sprintf("context.report: meta.messages has no %q", truncate(id.String(), 100))))
	}
	data, _ := d.Get("data").(*goja.Object)
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			break
		}
		b.WriteString(tmpl[:i])
		key := strings.TrimSpace(tmpl[i+2 : i+j])
		if data != nil {
			if v := data.Get(key); v != nil && !goja.IsUndefined(v) {
				b.WriteString(w.str(v, maxMessage))
			} else {
				b.WriteString(tmpl[i : i+j+2])
			}
		} else {
			b.WriteString(tmpl[i : i+j+2])
		}
		tmpl = tmpl[i+j+2:]
		if b.Len() > maxMessage {
			break
		}
	}
	b.WriteString(tmpl)
	return truncate(b.String(), maxMessage)
}

// str converts a value to a string, at most max bytes.
func (w *worker) str(v goja.Value, max int) string {
	s := v.ToString()
	if gs, ok := s.(goja.String); ok && gs.Length() > max {
		s = gs.Substring(0, max)
	}
	return truncate(s.String(), max)
}

// fix calls a report's fix(fixer) and collects the edits it makes.
func (w *worker) fix(fn goja.Value) (analysis.SuggestedFix, bool) {
	vm := w.sb.vm
	call, ok := goja.AssertFunction(fn)
	if !ok {
		panic(vm.NewTypeError("context.report: fix is a function(fixer)"))
	}
	var edits []analysis.TextEdit
	nodeSpan := func(v goja.Value) span {
		o, ok := v.(*goja.Object)
		if ok {
			if sp, ok := w.b.span(o); ok {
				return sp
			}
		}
		panic(vm.NewTypeError("fixer: the first argument is a node"))
	}
	edit := func(pos, end token.Pos, text string) goja.Value {
		if len(edits) >= maxFindings {
			panic(vm.NewTypeError("fixer: too many edits"))
		}
		edits = append(edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
		return goja.Undefined()
	}
	fixer := vm.NewObject()
	fixer.Set("replaceText", func(c goja.FunctionCall) goja.Value {
		sp := nodeSpan(c.Argument(0))
		return edit(sp.start, sp.end, w.str(c.Argument(1), MaxString))
	})
	fixer.Set("insertTextBefore", func(c goja.FunctionCall) goja.Value {
		sp := nodeSpan(c.Argument(0))
		return edit(sp.start, sp.start, w.str(c.Argument(1), MaxString))
	})
	fixer.Set("insertTextAfter", func(c goja.FunctionCall) goja.Value {
		sp := nodeSpan(c.Argument(0))
		return edit(sp.end, sp.end, w.str(c.Argument(1), MaxString))
	})
	fixer.Set("remove", func(c goja.FunctionCall) goja.Value {
		sp := nodeSpan(c.Argument(0))
		return edit(sp.start, sp.end, "")
	})
	if _, err := call(goja.Undefined(), fixer); err != nil {
		panic(err)
	}
	if len(edits) == 0 {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: "the plugin's fix", TextEdits: edits}, true
}
