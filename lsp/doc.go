// Package lsp is chattool-lint's language server (`chattool-lint lsp`): it
// speaks the Language Server Protocol over standard input and output and
// publishes the findings of every open file of a mini program as
// diagnostics, on open, on change (debounced) and on save, with quick fixes
// for the findings that have a safe fix.
//
// Why github.com/sourcegraph/jsonrpc2 with own protocol types: it is a small,
// dependency-free JSON-RPC 2.0 library (its go.mod names only gorilla/websocket,
// for a subpackage the server does not use), still released (v0.2.3, 2026),
// and the base of several Go language servers, github.com/tliron/glsp among
// them; the server needs some twenty LSP 3.17 types, kept in protocol.go.
// glsp itself has had no release since v0.2.2 (2024), covers 3.17 only in part
// and brings a dozen more modules (logging, terminal colours); go.lsp.dev/protocol
// stopped at v0.12.0 (2022, LSP 3.16: no position encodings) and needs zap.
//
// Each open file belongs to the project project.FindDir finds for it. A lint
// checks that project with every open file of it as an overlay (the unsaved
// buffers), applies its chattool-lint.json, runs the rules and publishes the
// findings of each open file of the project; one lint runs per project at a
// time. While a file of the project is open, an engine.Engine keeps the
// project between lints, and a watcher of its folder tells it of the files
// changed on disk: a lint re-reads and re-derives only what changed, and
// re-runs only the analyzers whose inputs changed (package engine), with
// the result a check from scratch would give. A file changed on disk that
// is not open lints the project again, after the debounce. A change to the project while it is linted (an edit, a save, a file
// opened or closed) cancels that lint, which stops before its next rule and
// publishes nothing, and the project is linted again. Shutdown cancels every
// lint and is answered at once; once the session ends, Serve waits half a
// second at most for a lint to stop (loading a project cannot be
// interrupted) and the process ends. $/cancelRequest cancels a code action
// that waits for a lint: it is answered RequestCancelled (-32800).
//
// Files in no mini program (no project.config.json or app.json above them)
// are not linted unless --assume-chat-tool is given. Then a file's own
// folder is its project: linted whole, as the command line lints it, when
// it holds at most 2,000 files and folders (a component library; counted
// at each lint, reading no more entries than that); otherwise (a file in a
// home folder) the folder is not walked, and its open files are linted
// together as the whole project. A file that is not open is then not seen:
// a module a script requires is not looked for, and a .json is not read as
// a page's or component's. Positions are UTF-16 unless the client
// offers UTF-8 or UTF-32 (general.positionEncodings); a line or character
// past the end of the line or of the text, however large, means that end.
package lsp
