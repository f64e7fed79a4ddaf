package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
	"github.com/chattool-lint/chattool-lint/rules"
)

// Options configure the server.
type Options struct {
	// Rules are the rules to run (nil: rules.All()).
	Rules []*lint.Rule
	// Resolver gives each project its options, as for every command: the
	// command line's flags, and the chattool-lint.json found above the
	// project (read again when it changes); the server sets Overlay and
	// Memo. nil: no flags.
	Resolver *options.Resolver
	// Debounce is how long the server waits after a change before it
	// lints (0: 150 ms; negative: it does not wait). Opening and saving a
	// file lint at once.
	Debounce time.Duration
	// Log receives the server's log (nil: none).
	Log io.Writer
	// Version is the server version the server reports.
	Version string
}

// DefaultDebounce is the wait after a change before the server lints.
const DefaultDebounce = 150 * time.Millisecond

// ErrNoShutdown is returned by Serve when the client ended the session
// (exit, or the end of the input) without asking for shutdown first: the
// process should exit with status 1, as the protocol says.
var ErrNoShutdown = errors.New("the client ended the session without shutdown")

// stopWait bounds how long Serve waits, once the session ends, for the
// checks under way to stop: they are cancelled, and stop at the driver's
// next step, but a step that cannot be cancelled (loading a large project,
// one rule's run) is not waited for; the process ends after Serve returns.
const stopWait = 500 * time.Millisecond

// Serve runs a language server over in and out (the editor's pipe to the
// process: standard input and output) until the client sends exit, the
// input ends or ctx is done. It returns nil after an orderly shutdown.
// Shutdown is answered at once: the checks under way are cancelled, and
// once the session ends Serve waits at most stopWait for them.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	s := newServer(ctx, opts)
	defer s.cancel()
	st := newStream(in, out, s.log)
	conn := jsonrpc2.NewConn(ctx, st, s, jsonrpc2.SetLogger(s.log))
	s.conn = conn
	close(st.ready) // the stream reads nothing before s.conn is set
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.halt()
	if !s.waitChecks(stopWait) {
		s.log.Printf("a cancelled check has not stopped after %v; not waiting for it", stopWait)
	}
	s.removeStandIn()
	s.closeEngines()
	s.mu.Lock()
	shutdown := s.shutdownAsked
	s.mu.Unlock()
	if !shutdown {
		return ErrNoShutdown
	}
	return nil
}

const (
	stateNew = iota
	stateRunning
	stateShutdown
)

type server struct {
	opts     Options
	rules    []*lint.Rule
	docs     map[string]*lint.Doc // rule documentation by rule name
	debounce time.Duration
	log      *log.Logger
	conn     *jsonrpc2.Conn
	// ctx ends with the session (shutdown, exit, the end of the input):
	// the context of every check derives from it; cancel ends it.
	ctx    context.Context
	cancel context.CancelFunc

	// pubMu orders what the server tells the client about a document:
	// the diagnostics of a lint and the empty list of a close are sent
	// under it, each after checking under mu that it still holds.
	pubMu sync.Mutex

	mu            sync.Mutex
	state         int
	shutdownAsked bool
	enc           string // the negotiated position encoding
	docChanges    bool   // the client takes versioned documentChanges
	literals      bool   // the client takes CodeAction literals
	files         map[string]*document
	projects      map[string]*projectState
	// engines keep each project between its lints (a lint reads, parses
	// and derives only what changed: package engine), while a document of
	// the project is open, each with a watcher of its folder.
	engines map[string]*kept
	// changed is closed, and replaced, whenever a lint stores its results
	// or a document closes: code actions waiting for fresh results wait
	// on it.
	changed chan struct{}
	lints   sync.WaitGroup
	// requests cancels the requests answered later (code actions waiting
	// for a check), by id, for $/cancelRequest.
	requests map[jsonrpc2.ID]context.CancelFunc
	// standIn is an empty folder of the server's own, made at the first
	// check of a stray folder (see lint.go) and removed at the end.
	standIn string
}

// document is an open text document.
type document struct {
	uri string
	// dir is the project directory and rel the file's path in it, as
	// findings' paths; dir is "" for a file the server does not lint.
	dir, rel string
	version  int32
	text     []byte
	gen      int // counts the changes of text
	// published says the client holds diagnostics for the URI, published
	// for this document or for the one it replaced (a second didOpen):
	// closing it publishes an empty list.
	published bool

	// The last lint of the document: what it read (gen, version, the
	// project's sources) and found.
	linted      bool
	lintGen     int
	lintVersion int32
	source      func(rel string) []byte
	findings    []lint.Finding
}

// projectState schedules the lints of one project: one at a time, and one
// more when something changed during it.
type projectState struct {
	timer   *time.Timer
	running bool
	again   bool
	// cancel cancels the check under way (nil: none, or not started yet):
	// a newer state of the project supersedes it.
	cancel context.CancelFunc
	// lastErr is the error of the last lint ("": none), logged when it
	// changes.
	lastErr string
}

func newServer(ctx context.Context, opts Options) *server {
	s := &server{
		opts:     opts,
		rules:    opts.Rules,
		docs:     map[string]*lint.Doc{},
		debounce: opts.Debounce,
		enc:      encodingUTF16,
		files:    map[string]*document{},
		projects: map[string]*projectState{},
		engines:  map[string]*kept{},
		changed:  make(chan struct{}),
		requests: map[jsonrpc2.ID]context.CancelFunc{},
	}
	s.ctx, s.cancel = context.WithCancel(ctx)
	if s.opts.Resolver == nil {
		s.opts.Resolver, _ = (&options.Flags{}).Resolver() // no flags: cannot fail
	}
	if s.rules == nil {
		s.rules = rules.All()
	}
	for _, r := range s.rules {
		s.docs[r.Doc.Name] = r.Doc
	}
	if s.debounce == 0 {
		s.debounce = DefaultDebounce
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s.log = log.New(w, "chattool-lint lsp: ", log.LstdFlags|log.Lmicroseconds)
	return s
}

// Handle implements jsonrpc2.Handler. It runs on the connection's reading
// goroutine, so messages are handled in the order they came; the lints run
// on goroutines of their own.
func (s *server) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("internal error handling %s (please report it): %v\n%s", req.Method, r, debug.Stack())
			if !req.Notif {
				s.replyErr(ctx, req, jsonrpc2.CodeInternalError, fmt.Sprintf("internal error: %v", r))
			}
		}
	}()
	if testHook != nil {
		testHook(req.Method)
	}
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	if req.Method == "exit" {
		s.halt() // no check goes on: the process ends
		conn.Close()
		return
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case state == stateNew && req.Method != "initialize":
		if !req.Notif {
			s.replyErr(ctx, req, codeServerNotInitialized, "the server is not initialized")
		}
		return
	case state == stateShutdown:
		if !req.Notif {
			s.replyErr(ctx, req, jsonrpc2.CodeInvalidRequest, "the server is shut down")
		}
		return
	}
	if req.Notif {
		if err := s.notification(req.Method, params); err != nil {
			s.log.Printf("%s: %v", req.Method, err)
		}
		return
	}
	result, err := s.request(ctx, req, params)
	if errors.Is(err, errAnswerLater) {
		return
	}
	if err != nil {
		code := int64(jsonrpc2.CodeInvalidParams)
		var e *jsonrpc2.Error
		if errors.As(err, &e) {
			code = e.Code
		}
		s.replyErr(ctx, req, code, err.Error())
		return
	}
	if err := conn.Reply(ctx, req.ID, result); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("answering %s: %v", req.Method, err)
	}
}

// testHook, when set by a test, is called before each message is handled;
// testChecked after each check of a project, with its error.
var (
	testHook    func(method string)
	testChecked func(dir string, err error)
)

// errAnswerLater says a request is answered on another goroutine.
var errAnswerLater = errors.New("answered later")

func (s *server) replyErr(ctx context.Context, req *jsonrpc2.Request, code int64, msg string) {
	err := s.conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: code, Message: msg})
	if err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("answering %s: %v", req.Method, err)
	}
}

func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return errors.New("missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return fmt.Errorf("bad params: %v", err)
	}
	return nil
}

func (s *server) request(ctx context.Context, req *jsonrpc2.Request, params json.RawMessage) (any, error) {
	switch req.Method {
	case "initialize":
		var p initializeParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.initialize(&p)
	case "shutdown":
		s.mu.Lock()
		s.shutdownAsked = true
		s.mu.Unlock()
		s.halt() // (waits for no check: the answer goes at once)
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.codeAction(ctx, req, &p)
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not found: " + req.Method}
}

func (s *server) notification(method string, params json.RawMessage) error {
	switch method {
	case "textDocument/didOpen":
		var p didOpenParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didOpen(&p)
	case "textDocument/didChange":
		var p didChangeParams
		if err := decode(params, &p); err != nil {
			return err
		}
		return s.didChange(&p)
	case "textDocument/didSave":
		var p didSaveParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didSave(&p)
	case "textDocument/didClose":
		var p didCloseParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didClose(&p)
	case "$/cancelRequest":
		var p struct {
			ID jsonrpc2.ID `json:"id"`
		}
		if err := decode(params, &p); err != nil {
			return err
		}
		s.mu.Lock()
		cancel := s.requests[p.ID]
		s.mu.Unlock()
		if cancel != nil {
			cancel() // (a request answered already is not there)
		}
	}
	// initialized, $/setTrace, workspace/... need nothing.
	return nil
}

func (s *server) initialize(p *initializeParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateNew {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "initialize sent twice"}
	}
	s.state = stateRunning
	c := p.Capabilities
	var legacy bool
	s.enc, legacy = negotiate(c)
	s.docChanges = c.Workspace != nil && c.Workspace.WorkspaceEdit != nil && c.Workspace.WorkspaceEdit.DocumentChanges
	s.literals = c.TextDocument != nil && c.TextDocument.CodeAction != nil && c.TextDocument.CodeAction.CodeActionLiteralSupport != nil
	res := initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   s.enc,
			TextDocumentSync:   textDocumentSyncOpts{OpenClose: true, Change: syncIncremental},
			CodeActionProvider: true,
		},
		ServerInfo: serverInfo{Name: "chattool-lint", Version: s.opts.Version},
	}
	if s.literals {
		res.Capabilities.CodeActionProvider = codeActionOptions{CodeActionKinds: []string{kindQuickFix}}
	}
	if legacy {
		res.OffsetEncoding = s.enc
	}
	return res, nil
}

// negotiate picks the position encoding: the first the client lists (LSP
// 3.17 general.positionEncodings, or else clangd's offsetEncoding, which
// legacy reports) that the server knows, else UTF-16, which every client
// must support.
func negotiate(c clientCapabilities) (enc string, legacy bool) {
	list := []string(nil)
	if c.General != nil {
		list = c.General.PositionEncodings
	}
	if len(list) == 0 && len(c.OffsetEncoding) > 0 {
		list, legacy = c.OffsetEncoding, true
	}
	for _, e := range list {
		switch e {
		case encodingUTF8, encodingUTF16, encodingUTF32:
			return e, legacy
		}
	}
	return encodingUTF16, legacy
}

// didOpen opens a document. A second didOpen of a URI without didClose
// (which the protocol does not allow, but clients send) replaces the
// document, as a close and an open would, except that the diagnostics the
// client holds stay until the new text's replace them: the new document
// inherits them, and its close clears them.
func (s *server) didOpen(p *didOpenParams) {
	item := p.TextDocument
	d := &document{uri: item.URI, version: item.Version, text: []byte(item.Text)}
	d.dir, d.rel = s.locate(item.URI)
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	old := s.files[item.URI]
	s.files[item.URI] = d
	if old != nil {
		d.gen = old.gen + 1
		d.published = old.published
		if old.dir != d.dir {
			s.left(old.dir)
		}
		s.notifyChanged() // (code actions about the old document answer)
	}
	if d.dir != "" {
		s.schedule(d.dir, 0)
	}
	clear := d.published && d.dir == ""
	d.published = d.published && !clear
	s.mu.Unlock()
	if clear {
		// Not linted any more (its project went): nothing will replace
		// the old diagnostics.
		s.send("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
	}
}

// locate finds the project of a document: its directory and the
// document's path in it. A document that is no file, or that is in no
// mini program (no project.config.json or app.json above it) unless
// --assume-chat-tool says loose files are chat-tool code, is not linted:
// editors start the server for every JavaScript and JSON file.
func (s *server) locate(uri string) (dir, rel string) {
	path, ok := uriToPath(uri)
	if !ok {
		return "", ""
	}
	// The project is found as the command finds a file's (mini games
	// too); a file in none is checked only with --assume-chat-tool.
	dir, _, kind, err := discover.File(path)
	if err != nil {
		s.log.Printf("%s: %v", path, err)
		return "", ""
	}
	if o, _ := s.opts.Resolver.For(dir); !o.Project.AssumeChatTool && kind == discover.Loose {
		return "", ""
	}
	r, err := filepath.Rel(dir, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", ""
	}
	return dir, filepath.ToSlash(r)
}

func (s *server) didChange(p *didChangeParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.files[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("%s is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = []byte(c.Text)
		} else {
			d.text = applyChange(d.text, *c.Range, c.Text, s.enc)
		}
	}
	d.version = p.TextDocument.Version
	d.gen++
	if d.dir != "" {
		s.schedule(d.dir, s.debounce)
	}
	return nil
}

func (s *server) didSave(p *didSaveParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.files[p.TextDocument.URI]
	if d == nil {
		return
	}
	if p.Text != nil && *p.Text != string(d.text) {
		d.text = []byte(*p.Text)
		d.gen++
	}
	// The file on disk now holds the buffer; other files may have
	// changed on disk too. Lint at once.
	if d.dir != "" {
		s.schedule(d.dir, 0)
	}
}

func (s *server) didClose(p *didCloseParams) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	d := s.files[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return
	}
	delete(s.files, d.uri)
	s.left(d.dir)
	s.notifyChanged()
	s.mu.Unlock()
	if d.published {
		s.send("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
	}
}

// left updates the project in dir after a document of it closed: its other
// open files were linted with that document's buffer and are linted again;
// with none open, the check under way is cancelled and what the project
// kept dropped.
// s.mu is held.
func (s *server) left(dir string) {
	switch {
	case dir == "":
	case s.openIn(dir):
		s.schedule(dir, s.debounce)
	default:
		if ps := s.projects[dir]; ps != nil && ps.cancel != nil {
			ps.cancel()
		}
		if k := s.engines[dir]; k != nil {
			delete(s.engines, dir) // (a lint under way keeps its own)
			go k.close()
		}
	}
}

// openIn reports whether a document of the project in dir is open.
func (s *server) openIn(dir string) bool {
	for _, d := range s.files {
		if d.dir == dir {
			return true
		}
	}
	return false
}

// notifyChanged wakes whoever waits for results. s.mu is held.
func (s *server) notifyChanged() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// send sends a notification to the client.
func (s *server) send(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("sending %s: %v", method, err)
	}
}

// logClient logs a message both to the log and to the client's log.
func (s *server) logClient(typ int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.log.Print(msg)
	s.send("window/logMessage", logMessageParams{Type: typ, Message: "chattool-lint: " + msg})
}

// halt ends the session's work: no check starts any more, the timers
// stop, the checks under way are cancelled and the code actions waiting for
// them answer. It waits for nothing, so that shutdown is answered at once
// whatever runs.
func (s *server) halt() {
	s.mu.Lock()
	s.state = stateShutdown
	for _, ps := range s.projects {
		if ps.timer != nil {
			ps.timer.Stop()
			ps.timer = nil
		}
	}
	s.notifyChanged()
	s.mu.Unlock()
	s.cancel()
}

// waitChecks waits at most d for the checks and the code actions under way
// to end, and reports whether they did.
func (s *server) waitChecks(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		s.lints.Wait()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
