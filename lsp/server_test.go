package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
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
)

// The fixture project, testdata/lsp, has two findings in its poll page, each
// after an emoji (a character outside the Basic Multilingual Plane: 4 bytes
// in UTF-8, 2 units in UTF-16, 1 code point) on its line: the call of
// wx.navigateToMiniProgram on line 10 (0-based 9), and the comparison of
// wx.getApiCategory() with 'chattool' on line 14 (0-based 13), which has a
// fix ('chatTool').
const (
	pollPage   = "miniprogram/packageChatTool/pages/poll/index.js"
	pollRule   = "chattool-disabled-api"
	pollLine   = 9
	callLength = len("wx.navigateToMiniProgram")

	apiRule   = "api-category-value"
	apiLine   = 13
	apiLength = len("'chattool'")
)

// pollColumn is where the call starts on its line, in each encoding;
// apiColumn where 'chattool' does.
var (
	pollColumn = map[string]int{encodingUTF8: 31, encodingUTF16: 29, encodingUTF32: 28}
	apiColumn  = map[string]int{encodingUTF8: 53, encodingUTF16: 51, encodingUTF32: 50}
)

// summary lists diagnostics as "code line:char-line:char", in order.
func summary(ds []Diagnostic) string {
	var l []string
	for _, d := range ds {
		l = append(l, fmt.Sprintf("%s %d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
	}
	sort.Strings(l)
	return strings.Join(l, "; ")
}

// expect is the summary of the fixture's diagnostics in encoding enc, with
// the call's line moved by dl lines and dc characters, and the
// comparison's by dl lines (it is dropped when dl is negative).
func expect(enc string, dl, dc int) string {
	pc, ac := pollColumn[enc]+dc, apiColumn[enc]
	var ds []Diagnostic
	ds = append(ds, Diagnostic{Code: pollRule, Range: Range{Start: Position{pollLine + max(dl, 0), pc}, End: Position{pollLine + max(dl, 0), pc + callLength}}})
	if dl >= 0 {
		ds = append(ds, Diagnostic{Code: apiRule, Range: Range{Start: Position{apiLine + dl, ac}, End: Position{apiLine + dl, ac + apiLength}}})
	}
	return summary(ds)
}

// fixture copies testdata/lsp to a temporary folder and returns it.
func fixture(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "testdata", "lsp")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// client drives a server in-process over a pair of pipes.
type client struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	diags chan PublishDiagnosticsParams
	logs  chan logMessageParams
	done  chan error // what Serve returned
	init  initializeResult
}

type pipeRW struct {
	io.Reader
	io.Writer
}

func (p pipeRW) Close() error {
	p.Reader.(*io.PipeReader).Close()
	return p.Writer.(*io.PipeWriter).Close()
}

// startServer starts a server and connects a client to it, without
// initializing. The server reads no configuration file.
func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	if opts.Resolver == nil {
		opts.Resolver = mustResolver(t, options.Flags{NoConfig: true})
	}
	return startConfigured(t, opts)
}

// startConfigured is startServer with the configuration opts ask for.
func startConfigured(t testing.TB, opts Options) *client {
	t.Helper()
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{
		t:     t,
		diags: make(chan PublishDiagnosticsParams, 1000),
		logs:  make(chan logMessageParams, 1000),
		done:  make(chan error, 1),
	}
	go func() {
		c.done <- Serve(context.Background(), inR, outW, opts)
		outW.Close()
	}()
	h := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(*req.Params, &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.diags <- p
		case "window/logMessage":
			var p logMessageParams
			json.Unmarshal(*req.Params, &p)
			c.logs <- p
		default:
			t.Errorf("unexpected message from the server: %s", req.Method)
		}
		return nil, nil
	})
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(pipeRW{outR, inW}, jsonrpc2.VSCodeObjectCodec{}), h)
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Errorf("the server did not stop")
		}
	})
	return c
}

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// start starts a server and initializes it with these client capabilities.
func start(t testing.TB, opts Options, caps map[string]any) *client {
	t.Helper()
	c := startServer(t, opts)
	if caps == nil {
		caps = map[string]any{}
	}
	if err := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": caps}, &c.init); err != nil {
		t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return c
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) open(uri, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "javascript", "version": 1, "text": text,
	}})
}

// wait returns the next diagnostics published for uri, failing the test
// on diagnostics of another file or after a while without any.
func (c *client) wait(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	select {
	case p := <-c.diags:
		if p.URI != uri {
			c.t.Fatalf("diagnostics published for %s, want %s", p.URI, uri)
		}
		return p
	case <-time.After(20 * time.Second):
		c.t.Fatalf("no diagnostics for %s", uri)
	}
	panic("unreachable")
}

// quiet fails the test if diagnostics come within d.
func (c *client) quiet(d time.Duration) {
	c.t.Helper()
	select {
	case p := <-c.diags:
		c.t.Fatalf("unexpected diagnostics: %+v", p)
	case <-time.After(d):
	}
}

func fileURI(path string) string { return pathToURI(path) }

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDiagnosticsOnOpen(t *testing.T) {
	dir := fixture(t)
	c := start(t, Options{}, nil)
	if got := c.init.Capabilities.PositionEncoding; got != encodingUTF16 {
		t.Errorf("positionEncoding = %q, want utf-16 for a client that offers nothing", got)
	}
	if c.init.OffsetEncoding != "" {
		t.Errorf("offsetEncoding = %q for a client that did not ask", c.init.OffsetEncoding)
	}
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	c.open(uri, readFile(t, path))
	p := c.wait(uri)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	if got, want := summary(p.Diagnostics), expect(encodingUTF16, 0, 0); got != want {
		t.Fatalf("diagnostics:\n%s\nwant\n%s", got, want)
	}
	var d Diagnostic
	for _, d = range p.Diagnostics {
		if d.Code == pollRule {
			break
		}
	}
	if d.Code != pollRule || d.Source != "chattool-lint" || d.Severity != severityError {
		t.Errorf("code %q, source %q, severity %d; want %s, chattool-lint, 1", d.Code, d.Source, d.Severity, pollRule)
	}
	if d.CodeDescription == nil || d.CodeDescription.Href != rules.ByName(pollRule).Doc.URL || !strings.HasPrefix(d.CodeDescription.Href, "https://") {
		t.Errorf("codeDescription = %+v, want the rule's URL", d.CodeDescription)
	}
	if !strings.Contains(d.Message, "navigateToMiniProgram") {
		t.Errorf("message = %q", d.Message)
	}
	// app.json has a finding too (no entry file), but is not open: the
	// server publishes nothing for it.
	c.quiet(300 * time.Millisecond)

	// Opening app.json publishes its findings, and the poll page's again.
	app := filepath.Join(dir, "miniprogram", "app.json")
	c.open(fileURI(app), readFile(t, app))
	got := map[string]PublishDiagnosticsParams{}
	for range 2 {
		select {
		case p := <-c.diags:
			got[p.URI] = p
		case <-time.After(20 * time.Second):
			t.Fatal("no diagnostics after opening app.json")
		}
	}
	if a := got[fileURI(app)]; len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "chattool-declaration" || a.Diagnostics[0].Severity != severityInformation {
		t.Errorf("app.json diagnostics = %+v, want one chattool-declaration info", a.Diagnostics)
	}
	if len(got[uri].Diagnostics) != 2 {
		t.Errorf("poll page diagnostics = %+v", got[uri].Diagnostics)
	}
}

func TestPositionEncodings(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	for _, tc := range []struct {
		name   string
		caps   map[string]any
		want   string
		legacy bool
	}{
		{"utf-8 preferred", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}, encodingUTF8, false},
		{"utf-16 preferred", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16", "utf-8"}}}, encodingUTF16, false},
		{"utf-32 only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-32"}}}, encodingUTF32, false},
		{"unknown only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-7"}}}, encodingUTF16, false},
		{"clangd offsetEncoding", map[string]any{"offsetEncoding": []string{"utf-8", "utf-16"}}, encodingUTF8, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t, Options{}, tc.caps)
			if got := c.init.Capabilities.PositionEncoding; got != tc.want {
				t.Fatalf("positionEncoding = %q, want %q", got, tc.want)
			}
			if tc.legacy && c.init.OffsetEncoding != tc.want {
				t.Errorf("offsetEncoding = %q, want %q", c.init.OffsetEncoding, tc.want)
			}
			uri := fileURI(path)
			c.open(uri, readFile(t, path))
			p := c.wait(uri)
			if got, want := summary(p.Diagnostics), expect(tc.want, 0, 0); got != want {
				t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
			}

			// An edit in the negotiated encoding: replace the emoji (one
			// character in every encoding, of different lengths) with
			// "ab", which moves the call by 2 characters.
			line := strings.Split(readFile(t, path), "\n")[pollLine]
			emoji := strings.Index(line, "🛒")
			start := map[string]int{encodingUTF8: emoji, encodingUTF16: len([]rune(line[:emoji])), encodingUTF32: len([]rune(line[:emoji]))}[tc.want]
			width := map[string]int{encodingUTF8: 4, encodingUTF16: 2, encodingUTF32: 1}[tc.want]
			c.notify("textDocument/didChange", map[string]any{
				"textDocument": map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{
					"range": Range{Start: Position{pollLine, start}, End: Position{pollLine, start + width}},
					"text":  "ab",
				}},
			})
			p = c.wait(uri)
			if p.Version == nil || *p.Version != 2 {
				t.Fatalf("after the change: version %v", p.Version)
			}
			// All ASCII before the call now.
			dc := pollColumn[encodingUTF32] - 1 + 2 - pollColumn[tc.want]
			if got, want := summary(p.Diagnostics), expect(tc.want, 0, dc); got != want {
				t.Errorf("after the change:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestChangeDebouncedSaveAndClose(t *testing.T) {
	dir := fixture(t)
	c := start(t, Options{Debounce: 500 * time.Millisecond}, nil)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	c.open(uri, text)
	if p := c.wait(uri); len(p.Diagnostics) != 2 {
		t.Fatalf("diagnostics = %+v", p.Diagnostics)
	}

	// Five quick changes (whole texts, as some clients send), each adding
	// a line above the call: one lint, after the last.
	begin := time.Now()
	for v := 2; v <= 6; v++ {
		text = "// line\n" + text
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": text}},
		})
	}
	p := c.wait(uri)
	if since := time.Since(begin); since < 500*time.Millisecond {
		t.Errorf("published %v after the changes, before the debounce", since)
	}
	if got, want := summary(p.Diagnostics), expect(encodingUTF16, 5, 0); p.Version == nil || *p.Version != 6 || got != want {
		t.Fatalf("after the changes: version %v, diagnostics\n%s\nwant version 6,\n%s", p.Version, got, want)
	}
	c.quiet(400 * time.Millisecond)

	// Remove the call in the buffer: no diagnostics, although the file
	// on disk still has it.
	text = strings.Replace(text, "wx.navigateToMiniProgram", "wx.showToast", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 7},
		"contentChanges": []any{map[string]any{"text": text}},
	})
	if p := c.wait(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != apiRule {
		t.Fatalf("after removing the call: %+v", p.Diagnostics)
	}

	// Saving lints at once, without the debounce, and reads the other
	// files from disk: app.json without the chat tool's subpackage makes
	// the page ordinary code, where the call is allowed, and the saved
	// page gets the call back.
	text = strings.Replace(text, "wx.showToast", "wx.navigateToMiniProgram", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 8},
		"contentChanges": []any{map[string]any{"text": text}},
	})
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	begin = time.Now()
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p = c.wait(uri)
	if since := time.Since(begin); since >= 500*time.Millisecond {
		t.Logf("save published after %v (the debounce is 500ms: slow machine?)", since)
	}
	if len(p.Diagnostics) != 2 || *p.Version != 8 {
		t.Fatalf("after the save: version %v, %+v", p.Version, p.Diagnostics)
	}

	app := filepath.Join(dir, "miniprogram", "app.json")
	if err := os.WriteFile(app, []byte(`{"pages": ["pages/index/index"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.wait(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != apiRule {
		t.Errorf("with the chat tool gone from app.json, only the comparison is left: %+v", p.Diagnostics)
	}

	// Closing clears the diagnostics.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.wait(uri); len(p.Diagnostics) != 0 || p.Version != nil {
		t.Errorf("on close: %+v", p)
	}
	c.quiet(300 * time.Millisecond)
}

// noVar is a rule with a fix, for the code action tests (no rule of
// chattool-lint has one yet): it reports "var" in the script files of the
// chat tool, and offers "let".
var noVar = &lint.Rule{
	Doc: &lint.Doc{Name: "no-var", Summary: "no var", Severity: lint.Warning, URL: "https://example.com/no-var"},
	Analyzer: &analysis.Analyzer{
		Name:     "no-var",
		Doc:      "reports var",
		Requires: []*analysis.Analyzer{project.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			p := project.Of(pass)
			for rel := range p.Tree() {
				if !strings.HasSuffix(rel, ".js") || !strings.Contains(rel, "packageChatTool") {
					continue
				}
				f, err := p.ReadFile(rel)
				if err != nil {
					return nil, err
				}
				src := string(f.Src)
				for off := 0; ; {
					i := strings.Index(src[off:], "var ")
					if i < 0 {
						break
					}
					i += off
					pass.Report(analysis.Diagnostic{
						Pos: f.Pos(i), End: f.Pos(i + 3), Message: "var is function-scoped",
						SuggestedFixes: []analysis.SuggestedFix{{
							Message:   "Replace var with let",
							TextEdits: []analysis.TextEdit{{Pos: f.Pos(i), End: f.Pos(i + 3), NewText: []byte("let")}},
						}},
					})
					off = i + 3
				}
			}
			return nil, nil
		},
	},
}

func TestCodeAction(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	// The buffer, not the file on disk, has the var, after an emoji.
	text := strings.Replace(readFile(t, path), "const label = '🛒 shop';", "var label = '🛒 shop'; var x = 1;", 1)
	line := strings.Split(text, "\n")[pollLine]
	for _, tc := range []struct {
		enc        string
		docChanges bool
	}{{encodingUTF16, false}, {encodingUTF8, true}} {
		t.Run(fmt.Sprintf("%s documentChanges=%v", tc.enc, tc.docChanges), func(t *testing.T) {
			caps := map[string]any{
				"general":      map[string]any{"positionEncodings": []string{tc.enc}},
				"workspace":    map[string]any{"workspaceEdit": map[string]any{"documentChanges": tc.docChanges}},
				"textDocument": map[string]any{"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{"codeActionKind": map[string]any{"valueSet": []string{"quickfix"}}}}},
			}
			// A long debounce: a code action asked for after a change
			// must start the lint at once rather than wait for it.
			c := start(t, Options{Rules: append(rules.All(), noVar), Debounce: 5 * time.Second}, caps)
			if opts, ok := c.init.Capabilities.CodeActionProvider.(map[string]any); !ok || fmt.Sprint(opts["codeActionKinds"]) != "[quickfix]" {
				t.Errorf("codeActionProvider = %#v", c.init.Capabilities.CodeActionProvider)
			}
			c.open(uri, text)
			p := c.wait(uri)
			var vars []Diagnostic
			for _, d := range p.Diagnostics {
				if d.Code == "no-var" {
					vars = append(vars, d)
				}
			}
			if len(vars) != 2 {
				t.Fatalf("diagnostics = %+v, want 2 no-var", p.Diagnostics)
			}
			second := strings.Index(line, "var x")
			if tc.enc == encodingUTF16 {
				second = len([]rune(line[:second])) + 1 // the emoji is 2 units
			}
			wantRange := Range{Start: Position{pollLine, second}, End: Position{pollLine, second + 3}}
			if vars[1].Range != wantRange {
				t.Errorf("second var at %+v, want %+v", vars[1].Range, wantRange)
			}

			// The cursor on the second var.
			var actions []CodeAction
			cursor := Range{Start: Position{pollLine, second + 1}, End: Position{pollLine, second + 1}}
			err := c.call("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        cursor,
				"context":      map[string]any{"diagnostics": []any{}},
			}, &actions)
			if err != nil {
				t.Fatal(err)
			}
			if len(actions) != 1 {
				t.Fatalf("actions = %+v, want 1", actions)
			}
			a := actions[0]
			if a.Title != "Replace var with let" || a.Kind != "quickfix" || !a.IsPreferred || len(a.Diagnostics) != 1 || !reflect.DeepEqual(a.Diagnostics[0], vars[1]) {
				t.Errorf("action = %+v", a)
			}
			var edits []TextEdit
			if tc.docChanges {
				if len(a.Edit.DocumentChanges) != 1 || a.Edit.Changes != nil {
					t.Fatalf("edit = %+v", a.Edit)
				}
				dc := a.Edit.DocumentChanges[0]
				if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != 1 {
					t.Errorf("edited document %+v, want %s version 1", dc.TextDocument, uri)
				}
				edits = dc.Edits
			} else {
				if len(a.Edit.Changes) != 1 || a.Edit.DocumentChanges != nil {
					t.Fatalf("edit = %+v", a.Edit)
				}
				edits = a.Edit.Changes[uri]
			}
			if len(edits) != 1 || edits[0].Range != wantRange || edits[0].NewText != "let" {
				t.Errorf("edits = %+v, want let at %+v", edits, wantRange)
			}

			// A range over the whole line: both fixes. The "only" filter
			// keeps them for "quickfix", drops them for "refactor".
			whole := Range{Start: Position{pollLine, 0}, End: Position{pollLine + 1, 0}}
			for only, want := range map[string]int{"quickfix": 2, "refactor": 0} {
				err = c.call("textDocument/codeAction", map[string]any{
					"textDocument": map[string]any{"uri": uri},
					"range":        whole,
					"context":      map[string]any{"diagnostics": []any{}, "only": []string{only}},
				}, &actions)
				if err != nil || len(actions) != want {
					t.Errorf("only %s: %d actions (%v), want %d", only, len(actions), err, want)
				}
			}
			// Another line: none.
			err = c.call("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        Range{Start: Position{1, 0}, End: Position{1, 0}},
				"context":      map[string]any{"diagnostics": []any{}},
			}, &actions)
			if err != nil || len(actions) != 0 {
				t.Errorf("on line 1: %+v %v", actions, err)
			}

			// Asked right after a change, before the debounce is over: the
			// answer waits for the lint of the new text and has its
			// positions (a line added above).
			c.notify("textDocument/didChange", map[string]any{
				"textDocument": map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{
					"range": Range{Start: Position{0, 0}, End: Position{0, 0}},
					"text":  "// new first line\n",
				}},
			})
			moved := Range{Start: Position{pollLine + 1, second}, End: Position{pollLine + 1, second + 3}}
			begin := time.Now()
			err = c.call("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        Range{Start: moved.Start, End: moved.Start},
				"context":      map[string]any{"diagnostics": []any{}},
			}, &actions)
			if err != nil || len(actions) != 1 {
				t.Fatalf("after the change: %+v %v", actions, err)
			}
			if d := time.Since(begin); d > 3*time.Second {
				t.Errorf("the code action waited %v for the debounce", d)
			}
			// The lint it started published the new diagnostics.
			if p := c.wait(uri); p.Version == nil || *p.Version != 2 {
				t.Errorf("published %+v", p)
			}
			if tc.docChanges {
				if v := actions[0].Edit.DocumentChanges[0].TextDocument.Version; v == nil || *v != 2 {
					t.Errorf("after the change: version %v, want 2", v)
				}
				edits = actions[0].Edit.DocumentChanges[0].Edits
			} else {
				edits = actions[0].Edit.Changes[uri]
			}
			if edits[0].Range != moved {
				t.Errorf("after the change: edit at %+v, want %+v", edits[0].Range, moved)
			}
		})
	}
}

func TestProtocolErrors(t *testing.T) {
	dir := fixture(t)
	c := startServer(t, Options{})
	// Before initialize.
	var jerr *jsonrpc2.Error
	err := c.call("textDocument/codeAction", map[string]any{}, nil)
	if !errors.As(err, &jerr) || jerr.Code != codeServerNotInitialized {
		t.Errorf("request before initialize: %v, want code %d", err, codeServerNotInitialized)
	}
	var res initializeResult
	if err := c.call("initialize", map[string]any{"capabilities": map[string]any{}}, &res); err != nil {
		t.Fatal(err)
	}
	if res.ServerInfo.Name != "chattool-lint" || res.Capabilities.TextDocumentSync.Change != syncIncremental || !res.Capabilities.TextDocumentSync.OpenClose {
		t.Errorf("initialize result = %+v", res)
	}
	if res.Capabilities.CodeActionProvider != true {
		t.Errorf("codeActionProvider = %#v, want true for a client without code action literals", res.Capabilities.CodeActionProvider)
	}
	for _, tc := range []struct {
		method string
		params any
		code   int64
	}{
		{"initialize", map[string]any{"capabilities": map[string]any{}}, jsonrpc2.CodeInvalidRequest},
		{"textDocument/hover", map[string]any{}, jsonrpc2.CodeMethodNotFound},
		{"textDocument/codeAction", []int{1, 2}, jsonrpc2.CodeInvalidParams},
		{"textDocument/codeAction", nil, jsonrpc2.CodeInvalidParams},
	} {
		err := c.call(tc.method, tc.params, nil)
		if !errors.As(err, &jerr) || jerr.Code != tc.code {
			t.Errorf("%s %v: %v, want code %d", tc.method, tc.params, err, tc.code)
		}
	}
	// Bad notifications are dropped; the server goes on.
	c.notify("textDocument/didOpen", map[string]any{"textDocument": 42})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere/x.js", "version": 2}, "contentChanges": []any{map[string]any{"text": "x"}}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1", "version": 1, "text": "wx.navigateToMiniProgram()"}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file://%zz", "version": 1, "text": ""}})
	// A file in no mini program is not linted (the server would
	// otherwise read the whole folder around it).
	loose := filepath.Join(t.TempDir(), "x.js")
	c.open(fileURI(loose), "wx.navigateToMiniProgram({})")
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.quiet(300 * time.Millisecond)

	// Positions past the end of lines and of the text, and a change
	// range the wrong way round, are taken as the specification says.
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	c.open(uri, readFile(t, path))
	c.wait(uri)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": Range{Start: Position{1000, 0}, End: Position{1000, 5}}, "text": "\n// end"},
			map[string]any{"range": Range{Start: Position{0, 500}, End: Position{0, -3}}, "text": ""},
		},
	})
	if got, want := summary(c.wait(uri).Diagnostics), expect(encodingUTF16, 0, 0); got != want {
		t.Errorf("after odd ranges:\n%s\nwant\n%s", got, want)
	}

	// A panic in a handler is an internal error answer, not a crash.
	testHook = func(method string) {
		if method == "textDocument/codeAction" {
			panic("boom")
		}
	}
	defer func() { testHook = nil }()
	err = c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}}, nil)
	if !errors.As(err, &jerr) || jerr.Code != jsonrpc2.CodeInternalError {
		t.Errorf("panicking handler: %v", err)
	}
	testHook = nil
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}}, &actions); err != nil {
		t.Errorf("after the panic: %v", err)
	}

	// Shutdown, then exit: Serve returns nil.
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	err = c.call("textDocument/codeAction", map[string]any{}, nil)
	if !errors.As(err, &jerr) || jerr.Code != jsonrpc2.CodeInvalidRequest {
		t.Errorf("request after shutdown: %v", err)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit = %v", err)
		}
		c.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("exit did not stop the server")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	for _, how := range []string{"exit", "end of input"} {
		t.Run(how, func(t *testing.T) {
			c := start(t, Options{}, nil)
			if how == "exit" {
				c.notify("exit", nil)
			} else {
				c.conn.Close()
			}
			select {
			case err := <-c.done:
				if !errors.Is(err, ErrNoShutdown) {
					t.Errorf("Serve = %v, want ErrNoShutdown", err)
				}
				c.done <- err
			case <-time.After(10 * time.Second):
				t.Fatal("the server did not stop")
			}
		})
	}
}

// TestMalformedMessages writes raw bytes: bodies that are not JSON or not
// JSON-RPC get an error answer with a null id, and the server reads on.
func TestMalformedMessages(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), inR, outW, Options{Log: testLog{t}, Resolver: mustResolver(t, options.Flags{NoConfig: true})})
		outW.Close()
	}()
	var mu sync.Mutex
	var out []map[string]any
	go func() {
		st := newStream(outR, io.Discard, log.New(io.Discard, "", 0))
		close(st.ready)
		for {
			var m map[string]any
			b, err := st.readFrame()
			if err != nil {
				return
			}
			json.Unmarshal(b, &m)
			mu.Lock()
			out = append(out, m)
			mu.Unlock()
		}
	}()
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	input := frame("{not json") +
		frame(`{"jsonrpc":"2.0"}`) +
		frame(`[]`) +
		"content-length: 2\n\n{}" + // lower-case header, bare newlines
		frame(`{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":8,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	go io.WriteString(inW, input)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	var codes []string
	for _, m := range out {
		if e, ok := m["error"].(map[string]any); ok {
			codes = append(codes, fmt.Sprintf("%v:%v", m["id"], e["code"]))
		} else {
			codes = append(codes, fmt.Sprintf("%v:ok", m["id"]))
		}
	}
	want := "[<nil>:-32700 <nil>:-32600 <nil>:-32600 <nil>:-32600 7:ok 8:ok]"
	if fmt.Sprint(codes) != want {
		t.Errorf("answers %v, want %s", codes, want)
	}
}

func TestBrokenFraming(t *testing.T) {
	for _, input := range []string{
		"Content-Length: x\r\n\r\n{}",
		"Content-Type: x\r\n\r\n{}",
		"no header at all\r\n\r\n",
		"Content-Length: 100\r\n\r\n{}", // then the input ends
		"X: " + strings.Repeat("x", 100<<10) + "\r\n\r\n",
		strings.Repeat("X: x\r\n", 40) + "\r\n",
	} {
		err := Serve(context.Background(), strings.NewReader(input), io.Discard, Options{})
		if !errors.Is(err, ErrNoShutdown) {
			t.Errorf("%q: Serve = %v, want ErrNoShutdown", input, err)
		}
	}
}

// TestRuleQuickFix asks for the fix api-category-value offers for
// 'chattool' (an edit after an emoji on its line) and applies it as a
// client would: the result is the text `chattool-lint --fix` writes.
func TestRuleQuickFix(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	fixed := strings.Replace(text, "'chattool'", "'chatTool'", 1)
	for _, enc := range []string{encodingUTF16, encodingUTF8} {
		t.Run(enc, func(t *testing.T) {
			c := start(t, Options{}, map[string]any{"general": map[string]any{"positionEncodings": []string{enc}}})
			c.open(uri, text)
			p := c.wait(uri)
			var diag *Diagnostic
			for i := range p.Diagnostics {
				if p.Diagnostics[i].Code == apiRule {
					diag = &p.Diagnostics[i]
				}
			}
			if diag == nil {
				t.Fatalf("no %s diagnostic: %+v", apiRule, p.Diagnostics)
			}
			var actions []CodeAction
			err := c.call("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        diag.Range,
				"context":      map[string]any{"diagnostics": []Diagnostic{*diag}},
			}, &actions)
			if err != nil {
				t.Fatal(err)
			}
			if len(actions) != 1 || actions[0].Kind != kindQuickFix || !strings.Contains(actions[0].Title, "chatTool") {
				t.Fatalf("actions = %+v, want one quick fix to chatTool", actions)
			}
			edits := actions[0].Edit.Changes[uri]
			if len(edits) == 0 || len(actions[0].Edit.Changes) != 1 {
				t.Fatalf("edit = %+v", actions[0].Edit)
			}
			got := []byte(text)
			for i := len(edits) - 1; i >= 0; i-- { // non-overlapping, in order
				got = applyChange(got, edits[i].Range, edits[i].NewText, enc)
			}
			if string(got) != fixed {
				t.Errorf("the fix makes\n%s\nwant\n%s", got, fixed)
			}
		})
	}
}

// TestConfigAndLoadFailure: the project's chattool-lint.json applies, and
// is read again at each lint; a project that can no longer be loaded gets
// no diagnostics and one log message, and code actions do not wait for it.
func TestConfigAndLoadFailure(t *testing.T) {
	dir := fixture(t)
	cfg := filepath.Join(dir, "chattool-lint.json")
	if err := os.WriteFile(cfg, []byte(`{"rules": {"api-category-value": "off"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startConfigured(t, Options{})
	if err := c.call("initialize", map[string]any{"capabilities": map[string]any{}}, &c.init); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	text := readFile(t, path)
	c.open(uri, text)
	if p := c.wait(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != pollRule {
		t.Fatalf("with api-category-value off: %+v", p.Diagnostics)
	}
	if err := os.WriteFile(cfg, []byte(`{"rules": {"chattool-disabled-api": "warning"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p := c.wait(uri)
	sev := map[string]int{}
	for _, d := range p.Diagnostics {
		sev[d.Code] = d.Severity
	}
	if len(sev) != 2 || sev[pollRule] != severityWarning || sev[apiRule] != severityError {
		t.Errorf("with chattool-disabled-api a warning: %+v", p.Diagnostics)
	}

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for v := 2; v <= 3; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": text + "\n"}},
		})
		if p := c.wait(uri); len(p.Diagnostics) != 0 {
			t.Errorf("project gone: %+v", p.Diagnostics)
		}
	}
	select {
	case m := <-c.logs:
		if m.Type != messageError || !strings.Contains(m.Message, dir) {
			t.Errorf("log message %+v", m)
		}
	default:
		t.Errorf("no log message for the project that cannot be loaded")
	}
	if len(c.logs) != 0 {
		t.Errorf("the same error logged %d more times", len(c.logs))
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 4},
		"contentChanges": []any{map[string]any{"text": text}},
	})
	begin := time.Now()
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": Range{}, "context": map[string]any{}}, &actions); err != nil || len(actions) != 0 {
		t.Errorf("code actions: %+v %v", actions, err)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("code action took %v", d)
	}
}

// TestHugePositions: changes at characters and lines far past the ends of
// lines and of the text (2^70 in digits, the largest int, 1e30), which
// mean those ends, are applied, in every encoding: the diagnostics move
// as the editor's copy of the text says.
func TestHugePositions(t *testing.T) {
	dir := fixture(t)
	path := filepath.Join(dir, filepath.FromSlash(pollPage))
	uri := fileURI(path)
	for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
		t.Run(enc, func(t *testing.T) {
			c := start(t, Options{}, map[string]any{"general": map[string]any{"positionEncodings": []string{enc}}})
			c.open(uri, readFile(t, path))
			c.wait(uri)
			pos := func(line, char string) json.RawMessage {
				return json.RawMessage(`{"line": ` + line + `, "character": ` + char + `}`)
			}
			at := func(line, char string) map[string]any {
				return map[string]any{"start": pos(line, char), "end": pos(line, char)}
			}
			c.notify("textDocument/didChange", map[string]any{
				"textDocument": map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{
					// A line added after line 0, then after line 1: the
					// findings move down by 2.
					map[string]any{"range": at("0", "1180591620717411303424"), "text": "\n// one"},
					map[string]any{"range": at("1", fmt.Sprint(math.MaxInt)), "text": "\n// two"},
					map[string]any{"range": at("2", fmt.Sprint(1<<40)), "text": " // three"},
					map[string]any{"range": at("1e30", "1.1805916207174113e+21"), "text": "\n// end"},
				},
			})
			p := c.wait(uri)
			if got, want := summary(p.Diagnostics), expect(enc, 2, 0); p.Version == nil || *p.Version != 2 || got != want {
				t.Errorf("version %v, diagnostics\n%s\nwant version 2,\n%s", p.Version, got, want)
			}
		})
	}
}

// mustResolver is the options resolver of these flags.
func mustResolver(t testing.TB, f options.Flags) *options.Resolver {
	t.Helper()
	r, err := f.Resolver()
	if err != nil {
		t.Fatal(err)
	}
	return r
}
