package lsp

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// gate is a rule that holds the checks a test asks it to, until the test
// lets them go: a check as slow as the test needs, with no clock. Its runs
// are numbered from 1, in the order they start.
type gate struct {
	name    string
	hold    func(run int) bool
	entered chan int // the number of each run, as it starts
	release chan struct{}
	once    sync.Once
	mu      sync.Mutex
	runs    int
}

func newGate(name string, hold func(run int) bool) *gate {
	return &gate{name: name, hold: hold, entered: make(chan int, 100), release: make(chan struct{})}
}

// never holds no run: the gate only counts them.
func never(int) bool { return false }

// open lets the held runs, and every later one, go.
func (g *gate) open() { g.once.Do(func() { close(g.release) }) }

// rule returns the gate's rule; it runs after the rules given (the driver
// runs rules side by side, and one after another only when one requires
// the other).
func (g *gate) rule(after ...*lint.Rule) *lint.Rule {
	reqs := []*analysis.Analyzer{project.Analyzer}
	for _, r := range after {
		reqs = append(reqs, r.Analyzer)
	}
	return &lint.Rule{
		Doc: &lint.Doc{Name: g.name, Summary: "holds checks", Severity: lint.Info},
		Analyzer: &analysis.Analyzer{
			Name:     g.name,
			Doc:      "holds checks",
			Requires: reqs,
			Run: func(*analysis.Pass) (any, error) {
				g.mu.Lock()
				g.runs++
				n := g.runs
				g.mu.Unlock()
				g.entered <- n
				if g.hold(n) {
					<-g.release
				}
				return nil, nil
			},
		},
	}
}

// next waits for the next run to start and returns its number.
func (g *gate) next(t testing.TB) int {
	t.Helper()
	select {
	case n := <-g.entered:
		return n
	case <-time.After(20 * time.Second):
		t.Fatalf("no check reached the %s rule", g.name)
	}
	panic("unreachable")
}

// watchChecks reports the error of every check the server ends, until
// the test is over.
func watchChecks(t testing.TB) <-chan error {
	ch := make(chan error, 100)
	testChecked = func(_ string, err error) { ch <- err }
	t.Cleanup(func() { testChecked = nil })
	return ch
}

// waitCheck waits for the next check to end and returns its error.
func waitCheck(t testing.TB, checked <-chan error) error {
	t.Helper()
	select {
	case err := <-checked:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("no check ended")
	}
	panic("unreachable")
}

// sync returns once the server has handled every message sent before:
// it handles them in order, and answers a request at once.
func (c *client) sync() {
	c.t.Helper()
	var jerr *jsonrpc2.Error
	if err := c.call("chattool-lint/sync", nil, nil); !errors.As(err, &jerr) || jerr.Code != jsonrpc2.CodeMethodNotFound {
		c.t.Fatalf("sync: %v", err)
	}
}

// TestShutdownWhileChecking: shutdown is answered at once while a check
// runs (here, held in a rule until the test lets it go); exit ends Serve
// without waiting for it, and the check, let go, runs no further rule.
func TestShutdownWhileChecking(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	held := newGate("held", func(int) bool { return true })
	after := newGate("after", never)
	checked := watchChecks(t)
	hr := held.rule()
	c := start(t, Options{Rules: []*lint.Rule{hr, after.rule(hr)}}, nil)
	t.Cleanup(held.open) // (before the client's cleanup, which waits for Serve)
	c.open(uri, readFile(t, path))
	held.next(t)

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown while a check runs: %v; want an answer within 1 s", err)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit = %v", err)
		}
		c.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("exit did not end Serve while a check ran")
	}

	held.open()
	if err := waitCheck(t, checked); !errors.Is(err, context.Canceled) {
		t.Errorf("the check let go after exit ended with %v, want it cancelled", err)
	}
	select {
	case n := <-after.entered:
		t.Errorf("a rule ran after exit (run %d)", n)
	default:
	}
}

// TestSupersededCheck: a change while the project is checked cancels that
// check, which publishes nothing; the check of the new text publishes.
func TestSupersededCheck(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	held := newGate("held", func(n int) bool { return n == 1 })
	after := newGate("after", never)
	checked := watchChecks(t)
	hr := held.rule()
	rs := append([]*lint.Rule{hr}, rules.All()...)
	c := start(t, Options{Rules: append(rs, after.rule(hr))}, nil)
	t.Cleanup(held.open)
	c.open(uri, text)
	held.next(t)

	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "// version 2\n" + text}},
	})
	c.sync()
	held.open()
	p := c.wait(uri)
	if got, want := summary(p.Diagnostics), expect(encodingUTF16, 1, 0); p.Version == nil || *p.Version != 2 || got != want {
		t.Fatalf("published version %v:\n%s\nwant version 2:\n%s", deref(p.Version), got, want)
	}
	if err := waitCheck(t, checked); !errors.Is(err, context.Canceled) {
		t.Errorf("the check of version 1 ended with %v, want it cancelled", err)
	}
	if n := after.next(t); n != 1 {
		t.Errorf("the last rule ran %d times, want once (the check of version 1 stopped before it)", n)
	}
	select {
	case n := <-after.entered:
		t.Errorf("the last rule ran again (run %d)", n)
	default:
	}
}

// TestCancelRequest: a code action waiting for a check is answered
// RequestCancelled when the client cancels it; cancelling an unknown or
// answered request does nothing.
func TestCancelRequest(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	held := newGate("held", func(n int) bool { return n >= 2 })
	c := start(t, Options{Rules: append([]*lint.Rule{held.rule()}, rules.All()...), Debounce: 5 * time.Second}, nil)
	t.Cleanup(held.open)
	c.open(uri, text)
	held.next(t)
	c.wait(uri)

	// After a change, a code action waits for the check of the new text,
	// which it starts at once; that check is held.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "// version 2\n" + text}},
	})
	id := jsonrpc2.ID{Num: 4242}
	answer := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var actions []CodeAction
		answer <- c.conn.Call(ctx, "textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"range":        Range{},
			"context":      map[string]any{"diagnostics": []any{}},
		}, &actions, jsonrpc2.PickID(id))
	}()
	held.next(t)
	c.notify("$/cancelRequest", map[string]any{"id": "not-sent"})
	c.notify("$/cancelRequest", map[string]any{"id": 99999})
	c.notify("$/cancelRequest", map[string]any{"id": 4242})
	select {
	case err := <-answer:
		var jerr *jsonrpc2.Error
		if !errors.As(err, &jerr) || jerr.Code != codeRequestCancelled {
			t.Errorf("cancelled code action: %v, want code %d", err, codeRequestCancelled)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled code action was not answered")
	}

	// The server goes on: the check, let go, publishes, and a second
	// cancel of the answered request does nothing.
	c.notify("$/cancelRequest", map[string]any{"id": 4242})
	held.open()
	if p := c.wait(uri); p.Version == nil || *p.Version != 2 {
		t.Errorf("published version %v, want 2", deref(p.Version))
	}
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        Range{},
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions); err != nil {
		t.Errorf("code action after the cancel: %v", err)
	}
}

// TestReopen: a second didOpen of a URI without didClose replaces the
// document; closing it clears the diagnostics published for the first,
// even when the check of the second has not ended.
func TestReopen(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	held := newGate("held", func(n int) bool { return n == 2 })
	checked := watchChecks(t)
	c := start(t, Options{Rules: append([]*lint.Rule{held.rule()}, rules.All()...)}, nil)
	t.Cleanup(held.open)
	c.open(uri, text)
	held.next(t)
	if p := c.wait(uri); len(p.Diagnostics) != 2 {
		t.Fatalf("diagnostics %+v", p.Diagnostics)
	}

	// Opened again while its check is held, then closed.
	c.open(uri, text)
	if n := held.next(t); n != 2 {
		t.Fatalf("run %d", n)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.wait(uri); len(p.Diagnostics) != 0 || p.Version != nil {
		t.Errorf("on close: %+v, want no diagnostics", p)
	}
	held.open()
	if err := waitCheck(t, checked); err != nil {
		t.Errorf("the first check: %v", err)
	}
	if err := waitCheck(t, checked); !errors.Is(err, context.Canceled) {
		t.Errorf("the check of the closed document ended with %v, want it cancelled", err)
	}
	c.quiet(300 * time.Millisecond)

	// Opened, opened again with another text (as one open of it): the
	// second text's diagnostics, then none on close.
	c.open(uri, text)
	c.wait(uri)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "javascript", "version": 5, "text": strings.Replace(text, "wx.navigateToMiniProgram", "wx.showToast", 1),
	}})
	if p := c.wait(uri); p.Version == nil || *p.Version != 5 || len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != apiRule {
		t.Errorf("after the second open: %+v", p)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.wait(uri); len(p.Diagnostics) != 0 {
		t.Errorf("on close: %+v", p)
	}
	c.quiet(300 * time.Millisecond)

	// Opened again once its folder is no mini program any more: it is
	// not linted, and what was published for it is cleared at once.
	c.open(uri, text)
	c.wait(uri)
	for _, f := range []string{"project.config.json", "miniprogram/app.json"} {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	c.open(uri, text)
	if p := c.wait(uri); len(p.Diagnostics) != 0 {
		t.Errorf("reopened outside any mini program: %+v", p)
	}
	c.quiet(300 * time.Millisecond)
}

// treeRule reports, at the start of every script of the project, the
// project's files, as the rules see them.
var treeRule = &lint.Rule{
	Doc: &lint.Doc{Name: "tree", Summary: "lists the project", Severity: lint.Info},
	Analyzer: &analysis.Analyzer{
		Name:     "tree",
		Doc:      "lists the project",
		Requires: []*analysis.Analyzer{project.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			p := project.Of(pass)
			for rel := range p.Tree() {
				if !strings.HasSuffix(rel, ".js") {
					continue
				}
				f, err := p.ReadFile(rel)
				if err != nil {
					return nil, err
				}
				pass.Report(analysis.Diagnostic{Pos: f.Pos(0), Message: strings.Join(slices.Collect(p.Tree()), " ")})
			}
			return nil, nil
		},
	},
}

// TestStrayFolder: with --assume-chat-tool, a file in no mini program is
// linted in its folder, walked whole when it is small; in a larger one, it
// is linted with the other open files of the folder, and only them: the
// folder is not walked.
func TestStrayFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) string {
		testutil.WriteTree(t, dir, map[string]string{rel: text})
		return filepath.Join(dir, filepath.FromSlash(rel))
	}
	a := write("a.js", "wx.navigateToMiniProgram({})\n")
	b := write("b.js", "require('./lib')\nwx.navigateToMiniProgram({})\n")
	write("lib.js", "module.exports = 1\n")
	write("sub/c.js", "wx.navigateToMiniProgram({})\n")
	// (5 files and folders)

	tree := func(p PublishDiagnosticsParams) (string, []string) {
		var codes []string
		var tree string
		for _, d := range p.Diagnostics {
			if d.Code == "tree" {
				tree = d.Message
			} else {
				codes = append(codes, d.Code)
			}
		}
		slices.Sort(codes)
		return tree, codes
	}
	t.Run("small", func(t *testing.T) {
		c := start(t, strayOptions(t, append(rules.All(), treeRule)), nil)
		c.open(fileURI(a), readFile(t, a))
		p := c.wait(fileURI(a))
		if got, codes := tree(p); got != "a.js b.js lib.js sub/c.js" || !slices.Equal(codes, []string{pollRule}) {
			t.Errorf("project %q, diagnostics %v; want the whole folder, %s", got, codes, pollRule)
		}
	})
	t.Run("large", func(t *testing.T) {
		defer func(n int) { strayLimit = n }(strayLimit)
		strayLimit = 4
		c := start(t, strayOptions(t, append(rules.All(), treeRule)), nil)
		c.open(fileURI(a), readFile(t, a))
		p := c.wait(fileURI(a))
		if got, codes := tree(p); got != "a.js" || !slices.Equal(codes, []string{pollRule}) {
			t.Errorf("a.js alone: project %q, diagnostics %v; want a.js alone, %s", got, codes, pollRule)
		}

		// A second open file of the folder is linted with the first.
		c.open(fileURI(b), readFile(t, b))
		got := map[string]PublishDiagnosticsParams{}
		for range 2 {
			select {
			case p := <-c.diags:
				got[p.URI] = p
			case <-time.After(20 * time.Second):
				t.Fatal("no diagnostics after opening b.js")
			}
		}
		for _, path := range []string{a, b} {
			if tr, codes := tree(got[fileURI(path)]); tr != "a.js b.js" || !slices.Equal(codes, []string{pollRule}) {
				t.Errorf("%s with b.js open: project %q, diagnostics %v; want a.js b.js, %s", filepath.Base(path), tr, codes, pollRule)
			}
		}
		// (The server ends, and no lint runs, before strayLimit is put back.)
		c.conn.Close()
		<-c.done
		c.done <- nil
	})
}

// TestSmall counts a folder's files and folders as the project's walk
// meets them.
func TestSmall(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"a.js", "b/c.js", "b/d/e.js", ".hidden/f.js", "node_modules/p/index.js", ".git/HEAD"} {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a.js b b/c.js b/d b/d/e.js .hidden .hidden/f.js node_modules .git: 9
	for limit, want := range map[int]bool{0: false, 8: false, 9: true, 100: true} {
		if got := small(dir, limit); got != want {
			t.Errorf("small(dir, %d) = %v, want %v", limit, got, want)
		}
	}
	if !small(filepath.Join(dir, "none"), 0) {
		t.Errorf("a folder that is not there holds something")
	}
}

// deref is *v, or nil.
func deref(v *int32) any {
	if v == nil {
		return nil
	}
	return *v
}

// strayOptions are the server's options with --assume-chat-tool.
func strayOptions(t testing.TB, rs []*lint.Rule) Options {
	return Options{Rules: rs, Resolver: mustResolver(t, options.Flags{AssumeChatTool: true, NoConfig: true})}
}

// TestMiniGame: a mini game's file is checked in its game, found as the
// command finds it (game.json above it, no project.config.json), with the
// rules that apply to mini games only: a syntax error is reported, a
// disabled jump is not.
func TestMiniGame(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"src/game.json":      `{"deviceOrientation": "portrait"}`,
		"src/game.js":        "wx.navigateToMiniProgram({})\n",
		"src/stage/level.js": "wx.navigateToMiniProgram({})\nlet = ;\n",
	})
	level := filepath.Join(dir, "src", "stage", "level.js")
	c := start(t, Options{}, nil)
	c.open(fileURI(level), readFile(t, level))
	p := c.wait(fileURI(level))
	var codes []string
	for _, d := range p.Diagnostics {
		codes = append(codes, d.Code)
	}
	if !slices.Equal(codes, []string{"parse-error"}) {
		t.Errorf("diagnostics %v, want [parse-error] alone", codes)
	}
}
