package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/chattool-lint/chattool-lint/lsp"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

// lspCmd runs the language server over standard input and output until the
// editor ends the session: exit status 0 after an orderly shutdown, 1 when
// the editor exited without one (as the protocol asks), 2 on a bad command
// line or a broken connection.
func lspCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chattool-lint lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	minBase := fs.String("min-base-library", "", "oldest base library `X.Y.Z` the app supports")
	assume := fs.Bool("assume-chat-tool", false, "treat every file as chat-tool code, and lint files in no mini program (component libraries)")
	noCache := fs.Bool("no-cache", false, "estimate every file's built size again instead of reusing earlier estimates")
	configFile := fs.String("config", "", "read the configuration from `FILE` instead of the chattool-lint.json found above each project")
	noConfig := fs.Bool("no-config", false, "use no configuration file")
	fs.Bool("stdio", true, "talk over standard input and output, the only transport (accepted because editors pass it)")
	var b budgetFlags
	b.register(fs)
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
	if *configFile != "" && *noConfig {
		fmt.Fprintln(stderr, "chattool-lint lsp: --config and --no-config do not go together")
		return exitFailure
	}
	opts := lsp.Options{NoConfig: *noConfig, Log: stderr, Version: version()}
	if *configFile != "" {
		abs, err := filepath.Abs(*configFile)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint lsp: %v\n", err)
			return exitFailure
		}
		opts.ConfigFile = abs
	}
	opts.Project.AssumeChatTool = *assume
	if *minBase != "" {
		v, err := project.ParseVersion(*minBase)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint lsp: --min-base-library: %v\n", err)
			return exitFailure
		}
		opts.Project.MinBaseLibrary = v
	}
	budgets, err := b.budgets()
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint lsp: %v\n", err)
		return exitFailure
	}
	opts.Project.Budgets = budgets
	if !*noCache {
		opts.Project.CacheDir = size.DefaultCacheDir()
	}
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
