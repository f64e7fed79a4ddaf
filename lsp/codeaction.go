package lsp

import (
	"context"
	"path/filepath"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/chattool-lint/chattool-lint/lint"
)

// codeActionWait bounds how long a code action waits for the lint of the
// document's latest text.
const codeActionWait = 10 * time.Second

// codeAction answers textDocument/codeAction with a quick fix for each
// safe fix of the findings in the range. Fixes hold byte offsets into the
// text that was linted, so they are offered only for the document's
// current text: when that has not been linted yet, the lint starts at once
// and the answer waits for it on a goroutine of its own, until
// $/cancelRequest cancels the request (answered with RequestCancelled).
func (s *server) codeAction(ctx context.Context, req *jsonrpc2.Request, p *codeActionParams) (any, error) {
	if !wantsQuickFix(p.Context.Only) {
		return []CodeAction{}, nil
	}
	s.mu.Lock()
	d := s.files[p.TextDocument.URI]
	if d == nil || d.dir == "" {
		s.mu.Unlock()
		return []CodeAction{}, nil
	}
	if d.linted && d.lintGen == d.gen {
		actions := s.actions(d, p)
		s.mu.Unlock()
		return actions, nil
	}
	if s.state != stateRunning {
		s.mu.Unlock()
		return []CodeAction{}, nil
	}
	gen := d.gen
	s.flush(d.dir)
	cctx, cancel := context.WithCancel(context.Background())
	s.requests[req.ID] = cancel
	s.lints.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.lints.Done()
		defer func() {
			s.mu.Lock()
			delete(s.requests, req.ID)
			s.mu.Unlock()
			cancel()
		}()
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("internal error in textDocument/codeAction (please report it): %v", r)
				s.replyErr(ctx, req, jsonrpc2.CodeInternalError, "internal error")
			}
		}()
		timeout := time.NewTimer(codeActionWait)
		defer timeout.Stop()
		var actions []CodeAction
		cancelled := false
		for {
			s.mu.Lock()
			ch := s.changed
			cur := s.files[p.TextDocument.URI]
			done := cur != d || d.gen != gen || s.state != stateRunning
			if !done && d.linted && d.lintGen == gen {
				actions, done = s.actions(d, p), true
			}
			s.mu.Unlock()
			if done {
				break
			}
			select {
			case <-ch:
				continue
			case <-timeout.C:
			case <-cctx.Done():
				cancelled = true
			}
			break
		}
		if cancelled {
			s.replyErr(ctx, req, codeRequestCancelled, "request cancelled")
			return
		}
		if actions == nil {
			// Changed, closed, or not linted in time: the range is
			// about a text the server has no findings for.
			actions = []CodeAction{}
		}
		if err := s.conn.Reply(ctx, req.ID, actions); err != nil && err != jsonrpc2.ErrClosed {
			s.log.Printf("answering textDocument/codeAction: %v", err)
		}
	}()
	return nil, errAnswerLater
}

// wantsQuickFix reports whether a code action request's kinds filter lets
// quick fixes through: kinds are hierarchical, "quickfix" passes the
// filters "quickfix" and "".
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == kindQuickFix {
			return true
		}
	}
	return false
}

// actions returns the quick fixes of d's findings that touch the range
// or are among the context's diagnostics. s.mu is held.
func (s *server) actions(d *document, p *codeActionParams) []CodeAction {
	actions := []CodeAction{}
	src := d.source(d.rel)
	for i := range d.findings {
		f := &d.findings[i]
		if len(f.Fixes) == 0 {
			continue
		}
		diag := s.diagnostic(src, f)
		if !overlaps(diag.Range, p.Range) && !mentioned(diag, p.Context.Diagnostics) {
			continue
		}
		for _, fix := range f.Fixes {
			title := fix.Message
			if title == "" {
				title = "Fix " + f.Rule
			}
			actions = append(actions, CodeAction{
				Title:       title,
				Kind:        kindQuickFix,
				Diagnostics: []Diagnostic{diag},
				IsPreferred: len(f.Fixes) == 1,
				Edit:        s.workspaceEdit(d, fix),
			})
		}
	}
	return actions
}

// overlaps reports whether two ranges share a position; a range touching
// the other's end counts (a cursor just after a finding asks for its fix).
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

func mentioned(d Diagnostic, list []Diagnostic) bool {
	for _, c := range list {
		if c.Range == d.Range && c.Code == d.Code && c.Message == d.Message {
			return true
		}
	}
	return false
}

// workspaceEdit converts a fix, whose edits may reach other files of the
// project, to a workspace edit. Edits of an open document carry the
// version that was linted, when the client takes versioned edits, so that
// it refuses them for a text that has changed since. s.mu is held.
func (s *server) workspaceEdit(d *document, fix lint.Fix) *WorkspaceEdit {
	type fileEdits struct {
		uri     string
		version *int32
		edits   []TextEdit
	}
	var order []string
	byPath := map[string]*fileEdits{}
	for _, e := range fix.Edits {
		fe := byPath[e.Path]
		if fe == nil {
			fe = &fileEdits{edits: []TextEdit{}}
			if o := s.openDoc(d.dir, e.Path); o != nil {
				fe.uri = o.uri
				if o.linted {
					v := o.lintVersion
					fe.version = &v
				}
			} else {
				fe.uri = pathToURI(filepath.Join(d.dir, filepath.FromSlash(e.Path)))
			}
			byPath[e.Path] = fe
			order = append(order, e.Path)
		}
		src := d.source(e.Path)
		fe.edits = append(fe.edits, TextEdit{
			Range:   Range{Start: toLSP(src, e.Start, s.enc), End: toLSP(src, e.End, s.enc)},
			NewText: e.NewText,
		})
	}
	we := &WorkspaceEdit{}
	if s.docChanges {
		for _, path := range order {
			fe := byPath[path]
			we.DocumentChanges = append(we.DocumentChanges, textDocumentEdit{
				TextDocument: optionalVersionedTextDocumentIdentifier{URI: fe.uri, Version: fe.version},
				Edits:        fe.edits,
			})
		}
		return we
	}
	we.Changes = map[string][]TextEdit{}
	for _, path := range order {
		fe := byPath[path]
		we.Changes[fe.uri] = append(we.Changes[fe.uri], fe.edits...)
	}
	return we
}

// openDoc returns the open document of the project in dir at rel, or nil.
// s.mu is held.
func (s *server) openDoc(dir, rel string) *document {
	for _, o := range s.files {
		if o.dir == dir && o.rel == rel {
			return o
		}
	}
	return nil
}
