package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
)

// shorts are the one-letter forms of common flags, as ESLint, Ruff and
// golangci-lint users type them.
var shorts = map[string]string{"f": "format", "o": "output", "q": "quiet"}

// addShorts defines each short form as another name of its flag.
func addShorts(fs *flag.FlagSet) {
	for short, long := range shorts {
		if fl := fs.Lookup(long); fl != nil {
			fs.Var(fl.Value, short, "short for --"+long)
		}
	}
}

// printFlags writes the flags as a user types them: --name VALUE, the
// short form beside the long one, sorted by name.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	long := map[string]string{}
	for s, l := range shorts {
		long[l] = s
	}
	fs.VisitAll(func(fl *flag.Flag) {
		if _, isShort := shorts[fl.Name]; isShort && len(fl.Name) == 1 {
			return
		}
		arg, text := flag.UnquoteUsage(fl)
		switch arg {
		case "string":
			arg = "VALUE"
		case "int":
			arg = "N"
		}
		head := "  --" + fl.Name
		if s, ok := long[fl.Name]; ok {
			head = "  -" + s + ", --" + fl.Name
		}
		if arg != "" && !isBool(fl) {
			head += " " + arg
		}
		if def := fl.DefValue; def != "" && def != "false" && def != "0" && !isBool(fl) {
			text += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", head, text)
	})
}

func isBool(fl *flag.Flag) bool {
	b, ok := fl.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isTerminal reports whether f is a terminal (a character device), where
// colours belong; never a file or a pipe.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// stdoutTerminal is whether standard output is a terminal (main sets it).
var stdoutTerminal bool

// useColor decides --color: "always" and "never" say it; "auto" colours a
// terminal unless NO_COLOR is set (no-color.org), and FORCE_COLOR colours
// whatever the output (as Node tools and Ruff read it). A report written
// to a file (--output) is never coloured in auto mode.
func (f *flags) useColor() (bool, error) {
	switch f.color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
	default:
		return false, fmt.Errorf("unknown --color %q: want auto, always or never", f.color)
	}
	if v := os.Getenv("FORCE_COLOR"); v != "" && v != "0" && v != "false" {
		return true, nil
	}
	if os.Getenv("NO_COLOR") != "" {
		return false, nil
	}
	return stdoutTerminal && f.output == "", nil
}

// quiet keeps the error-level findings only (--quiet): the others are
// neither reported nor counted.
func quiet(results []*lint.Result) {
	for _, r := range results {
		kept := r.Findings[:0]
		for _, fd := range r.Findings {
			if fd.Severity == lint.Error {
				kept = append(kept, fd)
			}
		}
		r.Findings = kept
	}
}

// statistics writes, instead of the findings, how many each rule has at
// each severity, most first, as `ruff --statistics` does.
func statistics(w io.Writer, results []*lint.Result) error {
	type key struct {
		rule string
		sev  lint.Severity
	}
	counts := map[key]int{}
	fixable := map[key]int{}
	for _, r := range results {
		for _, fd := range r.Findings {
			if fd.Suppressed != nil {
				continue
			}
			k := key{fd.Rule, fd.Severity}
			counts[k]++
			if len(fd.Fixes) > 0 {
				fixable[k]++
			}
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(-cmp.Compare(counts[a], counts[b]), -cmp.Compare(a.sev, b.sev), cmp.Compare(a.rule, b.rule))
	})
	width := 0
	for _, k := range keys {
		width = max(width, len(k.rule))
	}
	bw := bufio.NewWriter(w)
	for _, k := range keys {
		fix := ""
		if n := fixable[k]; n > 0 {
			fix = fmt.Sprintf("  (%d fixable)", n)
		}
		fmt.Fprintf(bw, "%6d  %-7s  %-*s%s\n", counts[k], k.sev, width, k.rule, fix)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if len(keys) == 0 {
		_, err := fmt.Fprintln(w, "no problems found")
		return err
	}
	return nil
}

// readExts are the extensions of the files chattool-lint reads (.vue,
// .tsx and .jsx in uni-app and Taro sources).
var readExts = []string{".js", ".ts", ".wxs", ".wxml", ".wxss", ".json", ".less", ".scss", ".sass", ".vue", ".tsx", ".jsx"}

// unread lists the PATHs that are files chattool-lint does not read (a
// README given to it): they are named, and "nothing was checked" is said
// when every PATH is one.
func unread(paths []string) []string {
	var out []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && !slices.Contains(readExts, strings.ToLower(filepath.Ext(p))) {
			out = append(out, p)
		}
	}
	return out
}
