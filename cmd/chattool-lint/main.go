// Command chattool-lint checks WeChat Mini Program chat tools before commit:
// configuration, code, templates, styles and sizes, with exact positions, as
// text, JSON or SARIF.
//
// Usage:
//
//	chattool-lint [flags] [PATH ...]   lint mini program projects (default .)
//	chattool-lint rules                list every rule
//	chattool-lint explain RULE         print a rule's documentation
//	chattool-lint size [PATH ...]      the size of each package against its limit
//
// Exit status: 0 no error-level finding, 1 at least one, 2 the tool could
// not do its job.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/report"
	"github.com/chattool-lint/chattool-lint/rules"
	"github.com/chattool-lint/chattool-lint/size"
)

const (
	exitOK       = 0
	exitFindings = 1
	exitFailure  = 2
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A run makes many short-lived syntax trees and keeps little of
		// them: collecting when the heap has tripled rather than doubled
		// takes a fifth off a large run (bench/run.sh: 1.45 s to 1.2 s on
		// the 10x corpus, 85 to 125 MiB at peak). GOGC overrides it.
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage is a bad command line; the message has been printed.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(args[1:], stdout, stderr)
		case "explain":
			return explain(args[1:], stdout, stderr)
		case "size":
			return sizeCmd(args[1:], stdout, stderr)
		case "config":
			return configCmd(args[1:], stdout, stderr)
		case "lsp":
			return lspCmd(args[1:], os.Stdin, stdout, stderr)
		case "help":
			usage(stdout, newFlags(io.Discard))
			return exitOK
		}
	}
	fs := newFlags(stderr)
	paths, err := parseInterspersed(fs.FlagSet, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		fmt.Fprintf(stderr, "chattool-lint: %v\nRun 'chattool-lint -h' for usage.\n", err)
		return exitFailure
	}
	if err := fs.validate(); err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	if len(paths) == 0 && fs.stdinFilename == "" {
		paths = []string{"."}
	}
	if len(paths) > 0 && fs.stdinFilename != "" {
		fmt.Fprintf(stderr, "chattool-lint: --stdin-filename lints standard input only: drop the PATH arguments\n")
		return exitFailure
	}
	if fs.cpuProfile != "" {
		out, err := os.Create(fs.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: --cpuprofile: %v\n", err)
			return exitFailure
		}
		defer out.Close()
		if err := pprof.StartCPUProfile(out); err != nil {
			fmt.Fprintf(stderr, "chattool-lint: --cpuprofile: %v\n", err)
			return exitFailure
		}
		defer pprof.StopCPUProfile()
	}
	return lintPaths(paths, fs, stdout, stderr)
}

type flags struct {
	*flag.FlagSet
	format         string
	output         string
	minBaseLibrary string
	assumeChatTool bool
	noCache        bool
	configFile     string
	noConfig       bool
	stdinFilename  string
	maxWarnings    int
	failOn         string
	fix, diff      bool
	cpuProfile     string
	fixing         *fixState // --fix and --diff: see fix.go
	budgetFlags

	minVersion project.Version
	budgets    project.Budgets
}

func newFlags(stderr io.Writer) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("chattool-lint", flag.ContinueOnError)}
	f.SetOutput(stderr)
	f.StringVar(&f.format, "format", "text", "output format: text, json, sarif or github (workflow commands that annotate a pull request)")
	f.StringVar(&f.output, "output", "", "write the report to `FILE` instead of standard output")
	f.StringVar(&f.minBaseLibrary, "min-base-library", "", "oldest base library `X.Y.Z` the app supports (set in WeChat's admin console); chat-tool code is never checked below 3.7.8")
	f.BoolVar(&f.assumeChatTool, "assume-chat-tool", false, "treat every file under PATH as chat-tool code (component libraries, folders without app.json)")
	f.StringVar(&f.configFile, "config", "", "read the configuration from `FILE` instead of the chattool-lint.json found above each PATH")
	f.BoolVar(&f.noConfig, "no-config", false, "use no configuration file")
	f.StringVar(&f.stdinFilename, "stdin-filename", "", "lint standard input as the content of the file at `PATH`, in its project (the rest from disk): for editors")
	f.IntVar(&f.maxWarnings, "max-warnings", -1, "fail (exit 1) when there are more than `N` warnings (-1: no limit)")
	f.StringVar(&f.failOn, "fail-on", "error", "the least severity that fails the run (exit 1): error, warning, info or never")
	f.BoolVar(&f.fix, "fix", false, "apply the safe fixes to the files, then report what remains")
	f.BoolVar(&f.diff, "diff", false, "print the safe fixes as a unified diff and write nothing; exit 1 when there is any")
	f.BoolVar(&f.noCache, "no-cache", false, "estimate every file's built size again instead of reusing the estimates of earlier runs ($CHATTOOL_LINT_CACHE: the cache folder, or off)")
	f.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof FILE), to report a slow run")
	f.budgetFlags.register(f.FlagSet)
	f.Usage = func() {}
	return f
}

func (f *flags) validate() error {
	switch f.format {
	case "text", "json", "sarif", "github":
	default:
		return fmt.Errorf("unknown --format %q: want text, json, sarif or github", f.format)
	}
	switch f.failOn {
	case "error", "warning", "info", "never":
	default:
		return fmt.Errorf("unknown --fail-on %q: want error, warning, info or never", f.failOn)
	}
	if f.configFile != "" && f.noConfig {
		return errors.New("--config and --no-config do not go together")
	}
	if err := f.validateFix(); err != nil {
		return err
	}
	if f.minBaseLibrary != "" {
		v, err := project.ParseVersion(f.minBaseLibrary)
		if err != nil {
			return fmt.Errorf("--min-base-library: %v", err)
		}
		f.minVersion = v
	}
	b, err := f.budgetFlags.budgets()
	if err != nil {
		return err
	}
	f.budgets = b
	return nil
}

// options are the project options the flags ask for.
func (f *flags) options() project.Options {
	o := project.Options{AssumeChatTool: f.assumeChatTool, MinBaseLibrary: f.minVersion, Budgets: f.budgets}
	if !f.noCache {
		o.CacheDir = size.DefaultCacheDir()
	}
	return o
}

func usage(w io.Writer, f *flags) {
	fmt.Fprint(w, `chattool-lint checks WeChat Mini Program chat tools.

Usage:
  chattool-lint [flags] [PATH ...]   lint mini program projects (default .)
  chattool-lint rules                list every rule
  chattool-lint explain RULE         print a rule's documentation
  chattool-lint size [PATH ...]      the size of each package against its limit
  chattool-lint config verify [FILE] validate chattool-lint.json (found above . or FILE)
  chattool-lint lsp                  a language server over stdio, for editors

PATH is a folder with project.config.json (its miniprogramRoot is followed)
or app.json; a folder with neither is linted as loose mini program files.
A PATH that is a file (a pre-commit hook passes the staged files) is linted
in its project, which is read whole, and only its own findings are reported.
Settings come from the nearest chattool-lint.json above each PATH; flags win.

Flags:
`)
	f.SetOutput(w)
	f.PrintDefaults()
	fmt.Fprint(w, `
Exit status: 0 no error-level finding, 1 at least one, 2 the tool could not
do its job (bad flag, unreadable PATH, internal failure).
`)
}

// parseInterspersed parses flags wherever they stand among the paths, as
// ESLint and Ruff users expect ("chattool-lint . --format json"). "--" ends
// the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

func lintPaths(paths []string, f *flags, stdout, stderr io.Writer) int {
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	targets, err := f.targets(paths)
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	configs := configs{}
	jobs := make([]lintJob, len(targets))
	for i, t := range targets {
		cfg, err := configs.forTarget(f, t.dir)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure
		}
		opts := f.options()
		cfg.Apply(&opts)
		opts.Overlay = f.overlay(t)
		lo, err := cfg.Options(t.dir)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure
		}
		lo.Only = t.only
		jobs[i] = lintJob{dir: t.dir, opts: opts, lint: lo}
	}
	runJobs(jobs)
	var results []*lint.Result
	var failure error
	for _, j := range jobs {
		if j.loadErr != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", j.loadErr)
			return exitFailure
		}
		if j.err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %s: %v\n", j.dir, j.err)
			failure = errors.Join(failure, fmt.Errorf("%s: %w", j.dir, j.err))
		}
		results = append(results, j.res)
	}
	if f.fix || f.diff {
		if code, done := fixes(paths, f, results, failure, cwd, stdout, stderr); done {
			return code
		}
	}

	var buf bytes.Buffer
	o := report.Options{Version: version(), Cwd: cwd, Failure: failure}
	switch f.format {
	case "json":
		err = report.JSON(&buf, results, o)
	case "sarif":
		err = report.SARIF(&buf, results, o)
	case "github":
		err = report.GitHub(&buf, results, o)
	default:
		err = report.Text(&buf, results, o)
	}
	if err == nil {
		if f.output != "" {
			err = os.WriteFile(f.output, buf.Bytes(), 0o644)
		} else {
			_, err = stdout.Write(buf.Bytes())
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	if failure != nil {
		return exitFailure
	}
	return f.verdict(results, stderr)
}

// A lintJob is one project to load and lint, and what came of it.
type lintJob struct {
	dir  string
	opts project.Options
	lint lint.Options

	res     *lint.Result
	err     error // the run failed (exit 2), res holds what it found
	loadErr error // the project could not be loaded
}

// projectsInFlight is how many projects are loaded and linted at once. Each
// project's files are already spread over every core; a second project
// fills the cores while the first waits on its slowest file or its serial
// steps (the project model, the report), and more would only add memory.
const projectsInFlight = 2

// runJobs loads and lints the projects of jobs, projectsInFlight at a
// time. Each job's outcome is kept in the job, so the report comes out in
// the order of the command line whatever the order they finish in.
func runJobs(jobs []lintJob) {
	sem := make(chan struct{}, projectsInFlight)
	var wg sync.WaitGroup
	for i := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func(j *lintJob) {
			defer func() {
				if r := recover(); r != nil {
					j.loadErr = fmt.Errorf("%s: internal error: %v\n%s", j.dir, r, debug.Stack())
				}
				<-sem
				wg.Done()
			}()
			p, err := project.Load(j.dir, j.opts)
			if err != nil {
				j.loadErr = err
				return
			}
			j.res, j.err = lint.RunWith(p, rules.All(), j.lint)
			j.res.Source = keptSources(j.res)
		}(&jobs[i])
	}
	wg.Wait()
}

func listRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "chattool-lint: rules takes no arguments\n")
		return exitFailure
	}
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Doc.Name, r.Doc.Severity, r.Doc.Summary)
	}
	tw.Flush()
	return exitOK
}

func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "chattool-lint: usage: chattool-lint explain RULE\n")
		return exitFailure
	}
	r := rules.ByName(args[0])
	if r == nil {
		var names []string
		for _, r := range rules.All() {
			names = append(names, r.Doc.Name)
		}
		fmt.Fprintf(stderr, "chattool-lint: no rule named %q; rules: %s\n", args[0], strings.Join(names, ", "))
		return exitFailure
	}
	d := r.Doc
	fmt.Fprintf(stdout, "%s: %s\n\n%s\n", d.Name, d.Summary, d.Text)
	for _, ex := range []struct{ title, code string }{{"Bad", d.Bad}, {"Good", d.Good}} {
		fmt.Fprintf(stdout, "\n%s:\n\n%s", ex.title, indentCode(ex.code))
	}
	fmt.Fprintf(stdout, "\nOnline: %s\n", d.URL)
	return exitOK
}

// devVersion is reported by builds that carry no module version (go run, go
// build in the repository). It starts with a number because SARIF consumers
// compare tool versions (the SARIF validator warns on "devel").
const devVersion = "0.1.0-devel"

// version is the module version when installed with go install.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return devVersion
}

func indentCode(code string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(code, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("    ")
		}
		b.WriteString(line)
	}
	return b.String()
}

// keptSources returns a Source that holds only the files res's findings and
// their fixes name: what the reports (SARIF fingerprints) and --fix read.
// res.Source holds the whole project (every file's source, line tables,
// parsed JSON), which would otherwise stay in memory until the report is
// written, one project per PATH.
func keptSources(res *lint.Result) func(string) []byte {
	kept := map[string][]byte{}
	if res.Source != nil {
		for _, f := range res.Findings {
			kept[f.Path] = res.Source(f.Path)
			for _, fx := range f.Fixes {
				for _, e := range fx.Edits {
					kept[e.Path] = res.Source(e.Path)
				}
			}
		}
	}
	return func(path string) []byte { return kept[path] }
}
