package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/engine"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/report"
)

// watchRequested reports whether the command line asks for --watch (before
// a "--", which ends the flags).
func watchRequested(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--watch", "-watch", "--watch=true", "-watch=true":
			return true
		}
	}
	return false
}

// watchCmd is "chattool-lint --watch [flags] [PATH ...]": the lint command,
// again whenever a file of a project changes, until interrupted.
func watchCmd(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return watchPaths(ctx, args, stdout, stderr)
}

// watchSettle is how long the watch waits after a change for more (an
// editor that writes a file in steps, a git checkout) before it checks.
const watchSettle = 50 * time.Millisecond

// watchPoll is how often a project whose folder cannot be watched (the
// system's limit on watched folders) is checked again.
const watchPoll = 2 * time.Second

// watchRound, when a test sets it, is called after each round of checks.
var watchRound func(printed bool)

// watchPaths checks the projects of the paths as lintPaths does, each
// through an Engine that keeps it between checks (the language server's),
// and checks again whenever a file in one of them changes (a watcher of
// their folders: see engine.Watch). It prints the report when it differs
// from the last one printed, followed on standard error by the time the
// check took; a check that changes nothing prints nothing. It returns when
// ctx is done (Ctrl-C), with status 0.
func watchPaths(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	fs := newFlags(stderr)
	fs.Bool("watch", false, "check again whenever a file changes, and print the report when it changes, until interrupted")
	paths, err := parseInterspersed(fs.FlagSet, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		return fail(fmt.Errorf("%v\nRun 'chattool-lint -h' for usage", err))
	}
	if err := fs.validate(); err != nil {
		return fail(err)
	}
	switch {
	case fs.fix || fs.diff:
		return fail(errors.New("--watch reports; it does not go with --fix or --diff"))
	case fs.stdinFilename != "" || len(paths) == 1 && paths[0] == "-":
		return fail(errors.New("--watch watches files: it does not read standard input"))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	resolver, err := fs.Flags.Resolver()
	if err != nil {
		return fail(err)
	}
	pl, err := planPaths(paths, fs.AssumeChatTool, "")
	if err != nil {
		return fail(err)
	}
	engines := make([]*engine.Engine, len(pl.targets))
	watchers := make([]*engine.Watcher, len(pl.targets))
	for i := range engines {
		engines[i] = engine.New()
	}
	defer func() {
		for _, w := range watchers {
			if w != nil {
				w.Close()
			}
		}
	}()
	changed := make(chan struct{}, 1)
	notify := func(string) {
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	var last [sha256.Size]byte
	first, poll := true, false
	for {
		begin := time.Now()
		jobs, err := jobsFor(pl.targets, resolver)
		if err == nil {
			for i, j := range jobs {
				engines[i].Check(j)
				if watchers[i] == nil && j.LoadErr == nil && !poll {
					if watchers[i], err = engines[i].Watch(notify); err != nil {
						fmt.Fprintf(stderr, "chattool-lint: %v: checking every %v\n", err, watchPoll)
						poll, err = true, nil
					}
				}
			}
			took := time.Since(begin)
			sum := outcome(jobs)
			printed := first || sum != last
			if printed {
				first, last = false, sum
				if err := watchReport(fs, paths, pl, jobs, cwd, stdout, stderr); err != nil {
					fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
				}
				fmt.Fprintf(stderr, "chattool-lint: checked in %v at %s; watching for changes (Ctrl-C to stop)\n",
					took.Round(time.Millisecond), time.Now().Format("15:04:05"))
			}
			if watchRound != nil {
				watchRound(printed)
			}
		} else {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		}
		var tick <-chan time.Time
		if poll {
			tick = time.After(watchPoll)
		}
		select {
		case <-ctx.Done():
			return exitOK
		case <-tick:
		case <-changed:
			// Let the rest of a burst of changes come.
			select {
			case <-ctx.Done():
				return exitOK
			case <-time.After(watchSettle):
			}
			select {
			case <-changed:
			default:
			}
		}
	}
}

// outcome sums up what the checks of jobs gave: the report changes when
// it changes.
func outcome(jobs []*check.Job) [sha256.Size]byte {
	type out struct {
		Dir, Kind, ChatTool, LoadErr, Err string
		Findings                          []lint.Finding
	}
	var all []out
	for _, j := range jobs {
		o := out{Dir: j.Target.Dir, Kind: kindName(j.Kind), ChatTool: j.ChatTool}
		if j.LoadErr != nil {
			o.LoadErr = j.LoadErr.Error()
		}
		if j.Err != nil {
			o.Err = j.Err.Error()
		}
		if j.Result != nil {
			o.Findings = j.Result.Findings
		}
		all = append(all, o)
	}
	b, _ := json.Marshal(all)
	return sha256.Sum256(b)
}

// watchReport writes the report of a round of checks as the lint command
// writes its own.
func watchReport(fs *flags, paths []string, pl *plan, jobs []*check.Job, cwd string, stdout, stderr io.Writer) error {
	var results []*lint.Result
	var failure error
	for _, j := range jobs {
		if j.LoadErr != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", j.LoadErr)
			continue
		}
		if j.Err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %s: %v\n", j.Target.Dir, j.Err)
			failure = errors.Join(failure, fmt.Errorf("%s: %w", j.Target.Dir, j.Err))
		}
		results = append(results, j.Result)
	}
	if err := adopt(fs, paths, cwd, results, failure, stderr); err != nil {
		return err
	}
	if fs.quiet {
		quiet(results)
	}
	if fs.statistics {
		return statistics(stdout, results)
	}
	color, _ := fs.useColor()
	o := report.Options{Version: version(), Cwd: cwd, Failure: failure,
		Projects: pl.projects(jobs), JoinDir: pl.joinDir, Color: color}
	return writeReports(fs, results, o, stdout)
}
