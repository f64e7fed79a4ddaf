package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/chattool-lint/chattool-lint/lsp"
	"github.com/chattool-lint/chattool-lint/options"
)

// lspCmd runs the language server over standard input and output until the
// editor ends the session: exit status 0 after an orderly shutdown, 1 when
// the editor exited without one (as the protocol asks), 2 on a bad command
// line or a broken connection.
func lspCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chattool-lint lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var of options.Flags
	of.Register(fs)
	fs.Bool("stdio", true, "talk over standard input and output, the only transport (accepted because editors pass it)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: chattool-lint lsp [flags]

A language server over standard input and output: an editor starts it and
gets the findings of the files it opens as diagnostics, on open, change and
save, with quick fixes for safe fixes. Logs go to standard error.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitFailure
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "chattool-lint lsp: unexpected argument %q\n", fs.Arg(0))
		return exitFailure
	}
	resolver, err := of.Resolver()
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint lsp: %v\n", err)
		return exitFailure
	}
	opts := lsp.Options{Resolver: resolver, Log: stderr, Version: version()}
	err = lsp.Serve(context.Background(), stdin, stdout, opts)
	switch {
	case errors.Is(err, lsp.ErrNoShutdown):
		return exitFindings
	case err != nil:
		fmt.Fprintf(stderr, "chattool-lint lsp: %v\n", err)
		return exitFailure
	}
	return exitOK
}
