// Command chattool-lint checks WeChat Mini Program chat tools before commit:
// configuration, code, templates, styles and sizes, with exact positions, as
// text, JSON, SARIF, GitHub annotations, GitLab Code Quality, JUnit or
// Checkstyle.
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
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
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
	setGCPolicy()
	stdoutTerminal = isTerminal(os.Stdout)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage is a bad command line; the message has been printed.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "lsp" {
		return lspCmd(args[1:], os.Stdin, stdout, stderr)
	}
	if watchRequested(args) {
		return watchCmd(args, stdout, stderr) // (watch.go)
	}
	// A report that could not be written is a failure (exit 2), however
	// the command wrote it: a full disk, a closed pipe.
	out := &checkedWriter{w: stdout}
	code := runCmd(args, out, stderr)
	if out.err != nil && code != exitFailure {
		fmt.Fprintf(stderr, "chattool-lint: writing the output: %v\n", out.err)
		return exitFailure
	}
	return code
}

// checkedWriter keeps the first error of the writes to w.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	c.err = err
	return n, err
}

func runCmd(args []string, stdout, stderr io.Writer) int {
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
		case "help":
			usage(stdout, newFlags(io.Discard))
			return exitOK
		case "version":
			fmt.Fprintf(stdout, "chattool-lint %s\n", version())
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
	if fs.version {
		fmt.Fprintf(stdout, "chattool-lint %s\n", version())
		return exitOK
	}
	if err := fs.validate(); err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	if len(paths) == 1 && paths[0] == "-" {
		// "-" is standard input, as for ESLint and Ruff: its file name
		// says which project it belongs to.
		if fs.stdinFilename == "" {
			fmt.Fprintf(stderr, "chattool-lint: - reads standard input: give --stdin-filename PATH, the file it stands for\n")
			return exitFailure
		}
		paths = nil
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
	if fs.memProfile != "" {
		out, err := os.Create(fs.memProfile)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: --memprofile: %v\n", err)
			return exitFailure
		}
		defer out.Close()
		peakHeap.on.Store(true)
		code := lintPaths(paths, fs, stdout, stderr)
		if err := peakHeap.write(out); err != nil {
			fmt.Fprintf(stderr, "chattool-lint: --memprofile: %v\n", err)
			return exitFailure
		}
		return code
	}
	return lintPaths(paths, fs, stdout, stderr)
}

type flags struct {
	*flag.FlagSet
	options.Flags
	format        string
	output        string
	stdinFilename string
	maxWarnings   int
	failOn        string
	fix, diff     bool
	cpuProfile    string
	memProfile    string
	quiet         bool
	statistics    bool
	version       bool
	color         string
}

func newFlags(stderr io.Writer) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("chattool-lint", flag.ContinueOnError)}
	f.SetOutput(stderr)
	f.StringVar(&f.format, "format", "text", formatHelp)
	f.StringVar(&f.output, "output", "", "write the report to `FILE` instead of standard output")
	addOutputFlag(f.FlagSet)
	f.StringVar(&f.stdinFilename, "stdin-filename", "", "lint standard input as the content of the file at `PATH`, in its project (the rest from disk): for editors")
	f.IntVar(&f.maxWarnings, "max-warnings", -1, "fail (exit 1) when there are more than `N` warnings (-1: no limit)")
	f.StringVar(&f.failOn, "fail-on", "error", "the least severity that fails the run (exit 1): error, warning, info or never")
	f.BoolVar(&f.fix, "fix", false, "apply the safe fixes to the files, then report what remains")
	f.BoolVar(&f.diff, "diff", false, "print the safe fixes as a unified diff and write nothing; exit 1 when there is any")
	f.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof FILE), to report a slow run")
	f.StringVar(&f.memProfile, "memprofile", "", "write a heap profile of the run at its peak to `FILE` (go tool pprof FILE), to report a run that takes much memory")
	f.BoolVar(&f.quiet, "quiet", false, "report errors only: warnings and infos are neither shown nor counted")
	f.BoolVar(&f.statistics, "statistics", false, "print how many findings each rule has, by severity, instead of the findings")
	f.BoolVar(&f.version, "version", false, "print the version and exit")
	f.StringVar(&f.color, "color", "auto", "colour the text report: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never")
	f.Flags.Register(f.FlagSet)
	registerAdoptFlags(f.FlagSet)
	addShorts(f.FlagSet)
	f.Usage = func() {}
	return f
}

func (f *flags) validate() error {
	if err := f.validateOutputs(); err != nil {
		return err
	}
	switch f.failOn {
	case "error", "warning", "info", "never":
	default:
		return fmt.Errorf("unknown --fail-on %q: want error, warning, info or never", f.failOn)
	}
	if f.fix && f.stdinFilename != "" && !f.diff {
		return errors.New("--fix writes files, and --stdin-filename lints a buffer that is not on disk: use --diff to see the fixes")
	}
	if f.statistics && f.format != "text" {
		return fmt.Errorf("--statistics prints a table: it does not go with --format %s", f.format)
	}
	_, err := f.useColor()
	return err
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

PATH is a project, a folder inside one, or a folder (a repository) holding
projects below it: every mini program and mini game found there is checked.
A PATH that is a file (a pre-commit hook passes the staged files) is linted
in its project, which is read whole, and only its own findings are reported;
- is standard input, with --stdin-filename. Settings come from the nearest
chattool-lint.json above each project; flags win.

Flags:
`)
	printFlags(w, f.FlagSet)
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

// lintPaths is the lint command: options, then discovery (plan), then
// each project checked (package check), in --fix rounds when asked, then
// the report.
func lintPaths(paths []string, f *flags, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	resolver, err := f.Flags.Resolver()
	if err != nil {
		return fail(err)
	}
	if skip := unread(paths); len(skip) > 0 {
		for _, p := range skip {
			fmt.Fprintf(stderr, "chattool-lint: %s: not a file chattool-lint reads; skipped\n", p)
		}
		paths = slices.DeleteFunc(paths, func(p string) bool { return slices.Contains(skip, p) })
		if len(paths) == 0 {
			fmt.Fprintln(stderr, "chattool-lint: warning: nothing was checked")
			return exitOK
		}
	}
	pl, err := planPaths(paths, f.AssumeChatTool, f.stdinFilename)
	if err != nil {
		return fail(err)
	}
	jobs, err := jobsFor(pl.targets, resolver)
	if err != nil {
		return fail(err)
	}
	var fx *fixer
	if f.fix || f.diff {
		fx = newFixer(cwd, jobs)
	}
	for {
		check.All(jobs)
		if fx == nil || !fx.round(jobs) {
			break
		}
	}
	printNotes(stderr)
	var results []*lint.Result
	var failure error
	for _, j := range jobs {
		if j.LoadErr != nil {
			return fail(j.LoadErr)
		}
		if j.Err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %s: %v\n", j.Target.Dir, j.Err)
			failure = errors.Join(failure, fmt.Errorf("%s: %w", j.Target.Dir, j.Err))
		}
		results = append(results, j.Result)
	}
	if fx != nil {
		if code, done := fx.finish(f, failure, cwd, stdout, stderr); done {
			return code
		}
		if fx.reset(jobs) {
			check.All(jobs)
			results = results[:0]
			for _, j := range jobs {
				if j.LoadErr != nil {
					return fail(j.LoadErr)
				}
				results = append(results, j.Result)
			}
		}
		if fx.failed {
			failure = errors.Join(failure, errors.New("--fix could not write every file"))
		}
	}

	if err := adopt(f, paths, cwd, results, failure, stderr); err != nil {
		return fail(err)
	}
	if f.quiet {
		quiet(results)
	}
	if f.statistics {
		var buf bytes.Buffer
		if err := statistics(&buf, results); err != nil {
			return fail(err)
		}
		if err := writeOut(f.output, buf.Bytes(), stdout); err != nil {
			return fail(err)
		}
		return f.exitStatus(failure, fx, results, stderr)
	}
	color, _ := f.useColor() // validated already
	o := report.Options{Version: version(), Cwd: cwd, Failure: failure,
		Projects: pl.projects(jobs), JoinDir: pl.joinDir, Color: color}
	if err := writeReports(f, results, o, stdout); err != nil {
		return fail(err)
	}
	return f.exitStatus(failure, fx, results, stderr)
}

// exitStatus is the run's exit status once its report is written.
func (f *flags) exitStatus(failure error, fx *fixer, results []*lint.Result, stderr io.Writer) int {
	if failure != nil {
		return exitFailure
	}
	if fx != nil && len(fx.unwritten) > 0 {
		return exitFindings // fixes refused: the run did not do what was asked
	}
	return f.verdict(results, stderr)
}

// printNotes prints what the size estimate's cache had to say (a cache
// file it could not trust and ignored), once each.
func printNotes(stderr io.Writer) {
	for _, n := range size.CacheNotes() {
		fmt.Fprintf(stderr, "chattool-lint: %s\n", n)
	}
}

// writeOut writes a report to the file named, or to stdout.
func writeOut(name string, b []byte, stdout io.Writer) error {
	if name != "" {
		return os.WriteFile(name, b, 0o644)
	}
	_, err := stdout.Write(b)
	return err
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
	// The bans, and the rules of the plugins chattool-lint.json loads.
	extra, err := options.ExtraDocs(".")
	for _, d := range extra {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Name, d.Severity, d.Summary)
	}
	tw.Flush()
	if err != nil {
		fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
		return exitFailure
	}
	return exitOK
}

func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "chattool-lint: usage: chattool-lint explain RULE\n")
		return exitFailure
	}
	var d *lint.Doc
	if r := rules.ByName(args[0]); r != nil {
		d = r.Doc
	} else if d = options.ExtraDoc(".", args[0]); d == nil { // a ban, a plugin's rule
		fmt.Fprintf(stderr, "chattool-lint: %s\n", options.UnknownRule(args[0]))
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: %s\n\n%s\n", d.Name, d.Summary, d.Text)
	for _, ex := range []struct{ title, code string }{{"Bad", d.Bad}, {"Good", d.Good}} {
		if ex.code != "" {
			fmt.Fprintf(stdout, "\n%s:\n\n%s", ex.title, indentCode(ex.code))
		}
	}
	if d.URL != "" {
		fmt.Fprintf(stdout, "\nOnline: %s\n", d.URL)
	}
	return exitOK
}

// devVersion is reported by builds that carry no module version (go run, go
// build in the repository). It starts with a number because SARIF consumers
// compare tool versions (the SARIF validator warns on "devel").
const devVersion = "0.1.0-devel"

// moduleVersion is the module version when installed with go install.
func moduleVersion() string {
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
