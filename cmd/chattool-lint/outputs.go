package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/report"
)

// reporters are the report formats, by the name --format and
// --output-format take.
var reporters = map[string]func(io.Writer, []*lint.Result, report.Options) error{
	"text":       report.Text,
	"json":       report.JSON,
	"sarif":      report.SARIF,
	"github":     report.GitHub,
	"gitlab":     report.GitLab,
	"junit":      report.JUnit,
	"checkstyle": report.Checkstyle,
}

// formatNames lists the formats as error messages and help name them.
const formatNames = "text, json, sarif, github, gitlab, junit or checkstyle"

// formatHelp is --format's help.
const formatHelp = "output format: text, json, sarif, github (workflow commands that annotate a pull request), " +
	"gitlab (a Code Quality report), junit (JUnit XML for Jenkins and GitLab test reports) or checkstyle (Checkstyle XML)"

// output is one report a run writes: a format, to a file or ("") to
// standard output.
type output struct {
	format, file string
}

// outputList is the value of --output-format, which may be repeated.
type outputList []output

func (l *outputList) String() string {
	if l == nil {
		return ""
	}
	var s []string
	for _, o := range *l {
		s = append(s, o.format+":"+cmp.Or(o.file, "-"))
	}
	return strings.Join(s, ",")
}

// Set takes FORMAT (standard output), FORMAT:- (the same) or FORMAT:FILE.
// The format ends at the first colon, so a Windows path keeps its own.
func (l *outputList) Set(v string) error {
	format, file, hasFile := strings.Cut(v, ":")
	if reporters[format] == nil {
		return fmt.Errorf("unknown format %q: want FORMAT or FORMAT:FILE, FORMAT one of %s", format, formatNames)
	}
	switch {
	case hasFile && file == "":
		return fmt.Errorf("no file after %q: write %s:FILE, or %s:- (or %s) for standard output", format+":", format, format, format)
	case file == "-":
		file = ""
	}
	*l = append(*l, output{format, file})
	return nil
}

// addOutputFlag defines --output-format on fs.
func addOutputFlag(fs *flag.FlagSet) {
	fs.Var(&outputList{}, "output-format", "write a report in FORMAT to FILE, or to standard output with :- or no :FILE "+
		"(`FORMAT[:FILE]`); repeat it for several reports from one run (at most one on standard output); "+
		"--format and --output then add a report only when given")
}

// outputs are the reports the run writes: each --output-format, and the
// --format and --output pair when either is given or no --output-format
// is (text to standard output by default). At most one goes to standard
// output, and no two to one file.
func (f *flags) outputs() ([]output, error) {
	var list outputList
	if fl := f.Lookup("output-format"); fl != nil {
		list = *fl.Value.(*outputList)
	}
	explicit := false
	f.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "format", "f", "output", "o":
			explicit = true
		}
	})
	if len(list) == 0 || explicit {
		list = append(outputList{{f.format, f.output}}, list...)
	}
	var toStdout []string
	files := map[string]string{}
	for _, o := range list {
		if o.file == "" {
			toStdout = append(toStdout, o.format)
			continue
		}
		key := o.file
		if abs, err := filepath.Abs(o.file); err == nil {
			key = abs
		}
		if prev, ok := files[key]; ok {
			return nil, fmt.Errorf("two reports (%s and %s) would be written to %s", prev, o.format, o.file)
		}
		files[key] = o.format
	}
	if len(toStdout) > 1 {
		return nil, fmt.Errorf("at most one report can go to standard output, not %s: give the others a file (FORMAT:FILE)",
			strings.Join(toStdout, " and "))
	}
	return list, nil
}

// validateOutputs checks --format and --output-format.
func (f *flags) validateOutputs() error {
	if reporters[f.format] == nil {
		return fmt.Errorf("unknown --format %q: want %s", f.format, formatNames)
	}
	if fl := f.Lookup("output-format"); fl != nil && f.statistics && len(*fl.Value.(*outputList)) > 0 {
		return errors.New("--statistics prints a table: it does not go with --output-format")
	}
	_, err := f.outputs()
	return err
}

// writeReports writes every report of the run (outputs): each is made
// whole before it is written, in a folder made if need be, and each is
// written even when another could not be; the errors are returned
// together, on one line.
func writeReports(f *flags, results []*lint.Result, o report.Options, stdout io.Writer) error {
	outs, err := f.outputs()
	if err != nil {
		return err
	}
	var errs []error
	for _, out := range outs {
		var buf bytes.Buffer
		ro := o
		ro.Color = f.colorFor(out.file)
		if err := reporters[out.format](&buf, results, ro); err != nil {
			errs = append(errs, fmt.Errorf("%s report: %w", out.format, err))
			continue
		}
		if out.file != "" {
			// A report's folder is made, as golangci-lint makes it
			// (reports/junit.xml in a fresh checkout).
			if err := os.MkdirAll(filepath.Dir(out.file), 0o755); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		if err := writeOut(out.file, buf.Bytes(), stdout); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 1 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return fmt.Errorf("%d reports could not be written: %s", len(errs), strings.Join(msgs, "; "))
	}
	return errors.Join(errs...)
}

// colorFor is --color's answer (useColor) for a report written to file
// ("" for standard output): auto colours only a terminal.
func (f *flags) colorFor(file string) bool {
	saved := f.output
	defer func() { f.output = saved }()
	f.output = file
	c, _ := f.useColor()
	return c
}
