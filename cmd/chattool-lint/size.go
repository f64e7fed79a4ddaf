package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/options"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/report"
	"github.com/chattool-lint/chattool-lint/size"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// sizeCmd is "chattool-lint size [flags] [PATH ...]": the size of every
// package against its budget, the largest files, the share of each file
// type, and the files that are not uploaded, with why. It finds projects
// as the lint command does (discovery) and takes their options from the
// same resolver, so chattool-lint.json's size budgets hold here too.
func sizeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chattool-lint size", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or html (one page, no network: a treemap of each package against its limit, the largest files, file types, what is not uploaded and why)")
	output := fs.String("output", "", "write the report to `FILE` instead of standard output")
	top := fs.Int("top", 10, "list the `N` largest files")
	all := fs.Bool("all", false, "list every file that is not uploaded, not only a few of each reason")
	var of options.Flags
	of.Register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: chattool-lint size [flags] [PATH ...]\n\nThe size of each package as WeChat builds it, against its limit.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "chattool-lint size: %v\n", err)
		return exitFailure
	}
	addShorts(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return fail(err)
	}
	if *format != "text" && *format != "json" && *format != "html" {
		return fail(fmt.Errorf("unknown --format %q: want text, json or html", *format))
	}
	if *output != "" {
		// Written whole at the end: a report cut short by a failure is
		// not left behind.
		var buf bytes.Buffer
		defer func() {
			if err := os.WriteFile(*output, buf.Bytes(), 0o644); err != nil {
				fmt.Fprintf(stderr, "chattool-lint size: %v\n", err)
			}
		}()
		stdout = &buf
	}
	resolver, err := of.Resolver()
	if err != nil {
		return fail(err)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	pl, err := planPaths(paths, of.AssumeChatTool, "")
	if err != nil {
		return fail(err)
	}
	jobs, err := jobsFor(pl.targets, resolver)
	if err != nil {
		return fail(err)
	}
	status := exitOK
	var reports []sizeProjectJSON
	var page htmlReport
	for i, j := range jobs {
		p, err := check.Load(j)
		if err != nil {
			return fail(err)
		}
		j.Kind, j.ChatTool = check.Describe(p)
		r := measure(p)
		switch *format {
		case "json":
			reports = append(reports, sizeProjectJSON{Path: j.Target.Dir, sizeJSON: sizeJSONOf(r, *top)})
		case "html":
			page.Projects = append(page.Projects, htmlProjectOf(j.Target.Dir, r, max(*top, 25)))
		default:
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			if len(jobs) > 1 || pl.joinDir {
				fmt.Fprintf(stdout, "%s\n\n", j.Target.Dir)
			}
			writeSizeText(stdout, r, *top, *all)
		}
		for _, pkg := range r.Packages {
			if pkg.BuiltBytes > pkg.BudgetBytes {
				status = exitFindings
			}
		}
		if r.Total.BuiltBytes > r.Total.BudgetBytes {
			status = exitFindings
		}
	}
	printNotes(stderr)
	switch *format {
	case "json":
		if err := writeSizeJSON(stdout, reports); err != nil {
			return fail(err)
		}
	case "html":
		if err := writeSizeHTML(stdout, page); err != nil {
			return fail(err)
		}
	default:
		if s := report.Summary(pl.projects(jobs)); s != "" {
			fmt.Fprintf(stdout, "\n%s", s)
		}
	}
	return status
}

// measure is the size report of a loaded project. The scripts are parsed
// once: the estimate counts a script no parser accepts as it is, and pages
// reach scripts through them.
func measure(p *project.Project) *size.Report {
	scripts := jsparse.Load(p)
	var used size.Used
	if p.Upload().IgnoresUnusedFiles {
		// What no page reaches is not uploaded: find what pages reach.
		used = size.UsedBy(p, scripts, views.Build(p, wxml.Load(p), wxss.Load(p)))
	}
	return size.MeasureParsed(p, used, scripts)
}

// sizeProjectJSON is one project's size report. With one project the
// JSON output is this document; with several, {"projects": [...]} of them.
type sizeProjectJSON struct {
	Path string `json:"path"`
	sizeJSON
}

type sizeJSON struct {
	Packages    []pkgJSON     `json:"packages"`
	Total       pkgJSON       `json:"total"`
	Measure     string        `json:"measure"`
	Settings    size.Settings `json:"settings"`
	Largest     []fileJSON    `json:"largest"`
	Types       []typeJSON    `json:"types"`
	NotUploaded []skipJSON    `json:"notUploaded"`
}

type pkgJSON struct {
	Root          string `json:"root"`
	ChatTool      bool   `json:"chatTool,omitempty"`
	Files         int    `json:"files"`
	RawBytes      int64  `json:"rawBytes"`
	UploadedBytes int64  `json:"uploadedBytes"`
	BuiltBytes    int64  `json:"builtBytes"`
	BudgetBytes   int64  `json:"budgetBytes"`
	// Added are the files the compiler adds (runtime helpers, its
	// project.config.json), part of builtBytes.
	Added []addedJSON `json:"added,omitempty"`
}

type addedJSON struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
}

type fileJSON struct {
	Path       string `json:"path"`
	Source     string `json:"source,omitempty"`
	Package    string `json:"package"`
	Bytes      int64  `json:"bytes"`
	BuiltBytes int64  `json:"builtBytes"`
}

type typeJSON struct {
	Type       string  `json:"type"`
	Files      int     `json:"files"`
	BuiltBytes int64   `json:"builtBytes"`
	Share      float64 `json:"share"`
}

type skipJSON struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	Reason string `json:"reason"`
}

func pkgOf(pkg *size.Package) pkgJSON {
	j := pkgJSON{Root: pkg.Root, ChatTool: pkg.ChatTool, Files: len(pkg.Files), RawBytes: pkg.RawBytes,
		UploadedBytes: pkg.UploadedBytes, BuiltBytes: pkg.BuiltBytes, BudgetBytes: pkg.BudgetBytes}
	for _, h := range pkg.Helpers {
		j.Added = append(j.Added, addedJSON{Path: h.Path, Bytes: h.Bytes})
	}
	return j
}

func writeSizeJSON(w io.Writer, reports []sizeProjectJSON) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if len(reports) == 1 {
		return enc.Encode(reports[0])
	}
	return enc.Encode(struct {
		Projects []sizeProjectJSON `json:"projects"`
	}{reports})
}

func sizeJSONOf(r *size.Report, top int) sizeJSON {
	out := sizeJSON{Measure: r.Settings.Measures(), Settings: r.Settings, Largest: []fileJSON{}, NotUploaded: []skipJSON{}}
	files := 0
	for _, pkg := range r.Packages {
		out.Packages = append(out.Packages, pkgOf(pkg))
		files += len(pkg.Files)
		for _, sk := range pkg.Skipped {
			out.NotUploaded = append(out.NotUploaded, skipJSON{Path: sk.MP, Bytes: sk.Bytes, Reason: sk.Reason})
		}
	}
	out.Total = pkgOf(&r.Total)
	out.Total.Files = files
	for _, f := range largestFiles(r, top) {
		src := ""
		if f.Source != f.MP {
			src = f.Source
		}
		out.Largest = append(out.Largest, fileJSON{Path: f.MP, Source: src, Package: rootOf(f), Bytes: f.Bytes, BuiltBytes: f.Built})
	}
	for _, t := range typeShares(r) {
		out.Types = append(out.Types, typeJSON{Type: t.name, Files: t.files, BuiltBytes: t.built, Share: t.share})
	}
	return out
}

func rootOf(f *size.File) string {
	if f.Package == nil {
		return ""
	}
	return f.Package.Root
}

func largestFiles(r *size.Report, n int) []*size.File {
	var all []*size.File
	for _, pkg := range r.Packages {
		all = append(all, pkg.Files...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Built != all[j].Built {
			return all[i].Built > all[j].Built
		}
		return all[i].MP < all[j].MP
	})
	return all[:min(n, len(all))]
}

type typeShare struct {
	name  string
	files int
	built int64
	share float64
}

// typeShares groups the uploaded files by extension (as uploaded).
func typeShares(r *size.Report) []typeShare {
	by := map[string]*typeShare{}
	var total int64
	for _, pkg := range r.Packages {
		for _, f := range pkg.Files {
			ext := strings.TrimPrefix(path.Ext(f.MP), ".")
			if ext == "" {
				ext = "(none)"
			}
			t := by[ext]
			if t == nil {
				t = &typeShare{name: ext}
				by[ext] = t
			}
			t.files++
			t.built += f.Built
			total += f.Built
		}
	}
	var out []typeShare
	for _, t := range by {
		if total > 0 {
			t.share = float64(t.built) / float64(total)
		}
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].built != out[j].built {
			return out[i].built > out[j].built
		}
		return out[i].name < out[j].name
	})
	return out
}

const barWidth = 24

// bar draws used/budget as a bar of barWidth cells, with eighths.
func bar(used, budget int64) string {
	if budget <= 0 {
		return ""
	}
	cells := float64(used) / float64(budget) * barWidth
	var b strings.Builder
	for i := 0; i < barWidth; i++ {
		switch rest := cells - float64(i); {
		case rest >= 1:
			b.WriteString("█")
		case rest > 0:
			b.WriteRune([]rune("▏▏▎▍▌▋▊▉")[int(rest*8)])
		default:
			b.WriteString("·")
		}
	}
	if used > budget {
		b.WriteString("▶")
	}
	return b.String()
}

func writeSizeText(w io.Writer, r *size.Report, top int, all bool) {
	name := func(pkg *size.Package) string {
		switch {
		case pkg.Sub == nil:
			return "main package"
		case pkg.ChatTool:
			return pkg.Root + " (chat tool)"
		}
		return pkg.Root
	}
	width := len("all packages")
	for _, pkg := range r.Packages {
		width = max(width, len(name(pkg)))
	}
	fmt.Fprintf(w, "%-*s %6s %10s %10s %10s  %s\n", width, "package", "files", "raw", "uploaded", "built", "built against the limit")
	line := func(label string, files int, pkg *size.Package) {
		pct := 100 * float64(pkg.BuiltBytes) / float64(pkg.BudgetBytes)
		note := ""
		if pkg.BuiltBytes > pkg.BudgetBytes {
			note = fmt.Sprintf("  OVER by %s", size.Format(pkg.BuiltBytes-pkg.BudgetBytes))
		}
		fmt.Fprintf(w, "%-*s %6d %10s %10s %10s  %s %3.0f%% of %s%s\n", width, label, files,
			size.Format(pkg.RawBytes), size.Format(pkg.UploadedBytes), size.Format(pkg.BuiltBytes),
			bar(pkg.BuiltBytes, pkg.BudgetBytes), pct, size.Format(pkg.BudgetBytes), note)
	}
	files := 0
	for _, pkg := range r.Packages {
		line(name(pkg), len(pkg.Files), pkg)
		files += len(pkg.Files)
	}
	line("all packages", files, &r.Total)
	helpers := ""
	if r.Total.Overhead > 0 {
		helpers = fmt.Sprintf(", including %s the compiler adds (%s)", size.Format(r.Total.Overhead), addedWhat(r))
	}
	fmt.Fprintf(w, "\nraw: every file under the package; uploaded: the source of the files WeChat uploads;\nbuilt: estimated, %s%s.\n", r.Settings.Measures(), helpers)

	if lf := largestFiles(r, top); len(lf) > 0 {
		fmt.Fprintf(w, "\nlargest files (built):\n")
		for _, f := range lf {
			from := ""
			if f.Source != f.MP {
				from = " (from " + path.Base(f.Source) + ")"
			}
			fmt.Fprintf(w, "  %10s  %s%s\n", size.Format(f.Built), f.MP, from)
		}
	}
	if ts := typeShares(r); len(ts) > 0 {
		fmt.Fprintf(w, "\nby file type (built):\n")
		for _, t := range ts {
			fmt.Fprintf(w, "  %-6s %10s %5.1f%%  %s  (%d files)\n", t.name, size.Format(t.built), 100*t.share, shareBar(t.share), t.files)
		}
	}
	var skipped []skipJSON
	var skippedBytes int64
	for _, pkg := range r.Packages {
		for _, sk := range pkg.Skipped {
			skipped = append(skipped, skipJSON{Path: sk.MP, Bytes: sk.Bytes, Reason: sk.Reason})
			skippedBytes += sk.Bytes
		}
	}
	if len(skipped) == 0 {
		return
	}
	fmt.Fprintf(w, "\nnot uploaded: %d files, %s\n", len(skipped), size.Format(skippedBytes))
	groups := map[string][]skipJSON{}
	var reasons []string
	for _, s := range skipped {
		key := reasonKind(s.Reason)
		if groups[key] == nil {
			reasons = append(reasons, key)
		}
		groups[key] = append(groups[key], s)
	}
	sort.SliceStable(reasons, func(i, j int) bool { return len(groups[reasons[i]]) > len(groups[reasons[j]]) })
	for _, key := range reasons {
		g := groups[key]
		fmt.Fprintf(w, "  %d × %s\n", len(g), key)
		n := 3
		if all {
			n = len(g)
		}
		for _, s := range g[:min(n, len(g))] {
			fmt.Fprintf(w, "      %s (%s)\n", s.Path, size.Format(s.Bytes))
		}
		if len(g) > n {
			fmt.Fprintf(w, "      ... %d more (--all lists them)\n", len(g)-n)
		}
	}
}

// addedWhat says what the compiler adds to the packages: the runtime
// helpers their scripts need and its own project.config.json.
func addedWhat(r *size.Report) string {
	var helpers, config int64
	for _, pkg := range r.Packages {
		for _, h := range pkg.Helpers {
			if h.Name == "project.config.json" {
				config += h.Bytes
			} else {
				helpers += h.Bytes
			}
		}
	}
	var parts []string
	if helpers > 0 {
		kind := "Babel"
		if r.Settings.SWC {
			kind = "swc"
		}
		parts = append(parts, fmt.Sprintf("%s of %s helpers its scripts need, copied into the main package and independent subpackages", size.Format(helpers), kind))
	}
	if config > 0 {
		parts = append(parts, "a project.config.json of its own")
	}
	if len(parts) == 0 {
		return "the runtime helpers of the packages only estimated"
	}
	return strings.Join(parts, "; ")
}

// reasonKind groups skip reasons that differ only in the files they name.
func reasonKind(reason string) string {
	if strings.HasPrefix(reason, "replaced by ") {
		return "replaced by the source the compiler builds it from (.ts, .less, .scss)"
	}
	return reason
}

func shareBar(share float64) string {
	n := int(share*20 + 0.5)
	return strings.Repeat("█", n) + strings.Repeat("·", 20-n)
}
