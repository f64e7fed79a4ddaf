package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// The subset of the Language Server Protocol 3.17 types the server speaks.
// Field names follow the specification, so that a reader can look each one
// up there.

// Position encodings (LSP 3.17 PositionEncodingKind).
const (
	encodingUTF8  = "utf-8"
	encodingUTF16 = "utf-16"
	encodingUTF32 = "utf-32"
)

// codeServerNotInitialized answers a request sent before initialize;
// codeRequestCancelled one the client cancelled ($/cancelRequest).
const (
	codeServerNotInitialized = -32002
	codeRequestCancelled     = -32800
)

type initializeParams struct {
	ProcessID    *int               `json:"processId"`
	RootURI      *string            `json:"rootUri"`
	Capabilities clientCapabilities `json:"capabilities"`
}

type clientCapabilities struct {
	General *struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	// OffsetEncoding is clangd's extension that came before LSP 3.17's
	// general.positionEncodings; some clients still send only it.
	OffsetEncoding []string `json:"offsetEncoding"`
	Workspace      *struct {
		WorkspaceEdit *struct {
			DocumentChanges bool `json:"documentChanges"`
		} `json:"workspaceEdit"`
	} `json:"workspace"`
	TextDocument *struct {
		CodeAction *struct {
			CodeActionLiteralSupport *json.RawMessage `json:"codeActionLiteralSupport"`
		} `json:"codeAction"`
	} `json:"textDocument"`
}

type initializeResult struct {
	Capabilities serverCapabilities `json:"capabilities"`
	ServerInfo   serverInfo         `json:"serverInfo"`
	// OffsetEncoding answers clangd's extension, when the client used it.
	OffsetEncoding string `json:"offsetEncoding,omitempty"`
}

type serverInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type serverCapabilities struct {
	PositionEncoding   string               `json:"positionEncoding"`
	TextDocumentSync   textDocumentSyncOpts `json:"textDocumentSync"`
	CodeActionProvider any                  `json:"codeActionProvider"` // bool or codeActionOptions
}

// syncIncremental is the text document sync kind the server asks for:
// didChange sends the changed ranges.
const syncIncremental = 2

type textDocumentSyncOpts struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      saveOptions `json:"save"`
}

type saveOptions struct {
	IncludeText bool `json:"includeText"`
}

type codeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// Position is a zero-based line and a character offset in that line, in the
// negotiated encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// UnmarshalJSON reads a position whose line or character may be too large
// for an int (the protocol's uinteger ends at 2^31-1, but a client may send
// more, in digits or, from JavaScript, in exponent form): such a number is
// the largest int (the smallest, when negative), which means the end of the
// line or of the text, as the specification says of a position past them,
// rather than a message that cannot be read. A fraction is an error.
func (p *Position) UnmarshalJSON(b []byte) error {
	var raw struct {
		Line      json.Number `json:"line"`
		Character json.Number `json:"character"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	line, err := clampInt(raw.Line)
	if err != nil {
		return fmt.Errorf("line: %v", err)
	}
	char, err := clampInt(raw.Character)
	if err != nil {
		return fmt.Errorf("character: %v", err)
	}
	p.Line, p.Character = line, char
	return nil
}

// clampInt converts a JSON number to an int, clamped to the range of int;
// an absent number (or null) is 0.
func clampInt(n json.Number) (int, error) {
	if n == "" {
		return 0, nil
	}
	if i, err := strconv.ParseInt(string(n), 10, 0); err == nil {
		return int(i), nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) || f != math.Trunc(f) {
		return 0, fmt.Errorf("%s is not an integer", n)
	}
	switch {
	case f >= math.MaxInt:
		return math.MaxInt, nil
	case f <= math.MinInt:
		return math.MinInt, nil
	}
	return int(f), nil
}

// Range is a half-open range of positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

type textDocumentIdentifier struct {
	URI string `json:"uri"`
}

type versionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

type optionalVersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version *int32 `json:"version"` // null: the file as on disk
}

type textDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int32  `json:"version"`
	Text       string `json:"text"`
}

type didOpenParams struct {
	TextDocument textDocumentItem `json:"textDocument"`
}

type didChangeParams struct {
	TextDocument   versionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChange                 `json:"contentChanges"`
}

// contentChange replaces Range with Text, or the whole document when Range
// is absent.
type contentChange struct {
	Range *Range `json:"range"`
	Text  string `json:"text"`
}

type didSaveParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text"`
}

type didCloseParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
}

// Diagnostic severities.
const (
	severityError       = 1
	severityWarning     = 2
	severityInformation = 3
)

// Diagnostic is a finding as the client shows it.
type Diagnostic struct {
	Range           Range            `json:"range"`
	Severity        int              `json:"severity"`
	Code            string           `json:"code"`
	CodeDescription *codeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source"`
	Message         string           `json:"message"`
}

type codeDescription struct {
	Href string `json:"href"`
}

// PublishDiagnosticsParams is the server's textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

type codeActionParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Diagnostics []Diagnostic `json:"diagnostics"`
		Only        []string     `json:"only"`
	} `json:"context"`
}

// CodeAction is a quick fix offered for a diagnostic.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

const kindQuickFix = "quickfix"

// WorkspaceEdit holds the edits of a code action: Changes, or, for clients
// that support them, DocumentChanges (versioned, so that a client rejects an
// edit computed for an older text).
type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []textDocumentEdit    `json:"documentChanges,omitempty"`
}

type textDocumentEdit struct {
	TextDocument optionalVersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                              `json:"edits"`
}

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// Message types of window/logMessage.
const (
	messageError   = 1
	messageWarning = 2
)

type logMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}
