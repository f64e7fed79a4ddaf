package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chattool-lint/chattool-lint/config"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// stdin is what --stdin-filename reads.
var stdin io.Reader = os.Stdin

// target is one project to lint.
type target struct {
	dir string
	// only are the files whose findings are kept (paths relative to dir,
	// with forward slashes); nil keeps all.
	only    map[string]bool
	overlay map[string][]byte
}

// targets turns the PATH arguments into projects: a folder is a project;
// a file (a pre-commit hook passes the staged files) belongs to the
// project project.FindDir finds for it, linted whole but reported only for
// the files given. --stdin-filename makes one target of standard input.
func (f *flags) targets(paths []string) ([]*target, error) {
	if f.stdinFilename != "" {
		src, err := io.ReadAll(io.LimitReader(stdin, project.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %v", err)
		}
		dir, rel, err := fileTarget(f.stdinFilename)
		if err != nil {
			return nil, err
		}
		return []*target{{dir: dir, only: map[string]bool{rel: true}, overlay: map[string][]byte{rel: src}}}, nil
	}
	var out []*target
	byDir := map[string]*target{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, unwrap(err))
		}
		if st.IsDir() {
			out = append(out, &target{dir: p})
			continue
		}
		dir, rel, err := fileTarget(p)
		if err != nil {
			return nil, err
		}
		t := byDir[dir]
		if t == nil {
			t = &target{dir: dir, only: map[string]bool{}}
			byDir[dir] = t
			out = append(out, t)
		}
		t.only[rel] = true
	}
	return out, nil
}

// fileTarget returns the project folder of a file (relative to the
// current directory when it is below it, as a user would type it) and the
// file's path relative to that folder.
func fileTarget(file string) (dir, rel string, err error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", "", err
	}
	dir, err = project.FindDir(abs)
	if err != nil {
		return "", "", err
	}
	r, err := filepath.Rel(dir, abs)
	if err != nil {
		return "", "", err
	}
	return local(dir), filepath.ToSlash(r), nil
}

// local returns path relative to the current folder when it lies below it,
// as a user would type it, else path.
func local(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(r) {
			return r
		}
	}
	return path
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// configs caches configuration files by path.
type configs map[string]*config.Config

// forTarget returns the configuration for a project folder: --config's,
// or the chattool-lint.json found above it, or none.
func (cs configs) forTarget(f *flags, dir string) (*config.Config, error) {
	if f.noConfig {
		return nil, nil
	}
	path := f.configFile
	if path == "" {
		var err error
		if path, err = config.Find(dir); err != nil || path == "" {
			return nil, err
		}
	}
	if c, ok := cs[path]; ok {
		return c, nil
	}
	c, err := config.Load(local(path), func(name string) bool { return rules.ByName(name) != nil })
	if err != nil {
		var ps config.Problems
		if errors.As(err, &ps) {
			return nil, fmt.Errorf("invalid configuration:\n%v", ps)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	cs[path] = c
	return c, nil
}

// verdict is the exit status for the findings: exitFindings when one
// reaches --fail-on's severity or the warnings pass --max-warnings.
func (f *flags) verdict(results []*lint.Result, stderr io.Writer) int {
	var counts [3]int // by severity
	for _, r := range results {
		for _, fd := range r.Findings {
			if fd.Suppressed == nil && fd.Severity >= lint.Info && fd.Severity <= lint.Error {
				counts[fd.Severity]++
			}
		}
	}
	least := map[string]lint.Severity{"error": lint.Error, "warning": lint.Warning, "info": lint.Info}
	if l, ok := least[f.failOn]; ok {
		for s := l; s <= lint.Error; s++ {
			if counts[s] > 0 {
				return exitFindings
			}
		}
	}
	if f.maxWarnings >= 0 && counts[lint.Warning] > f.maxWarnings {
		fmt.Fprintf(stderr, "chattool-lint: %d warnings, more than --max-warnings %d\n", counts[lint.Warning], f.maxWarnings)
		return exitFindings
	}
	return exitOK
}

// configCmd is "chattool-lint config verify [FILE|PATH]": validates a
// configuration file (given, or found above PATH or the current folder).
func configCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" || len(args) > 2 {
		fmt.Fprintf(stderr, "chattool-lint: usage: chattool-lint config verify [FILE|PATH]\n")
		return exitFailure
	}
	where := "."
	if len(args) == 2 {
		where = args[1]
	}
	path := where
	if st, err := os.Stat(where); err != nil {
		fmt.Fprintf(stderr, "chattool-lint: cannot read %s: %v\n", where, unwrap(err))
		return exitFailure
	} else if st.IsDir() {
		p, err := config.Find(where)
		if err != nil {
			fmt.Fprintf(stderr, "chattool-lint: %v\n", err)
			return exitFailure
		}
		if p == "" {
			fmt.Fprintf(stderr, "chattool-lint: no %s in %s or above\n", config.FileName, where)
			return exitFailure
		}
		path = p
	}
	path = local(path)
	_, err := config.Load(path, func(name string) bool { return rules.ByName(name) != nil })
	var ps config.Problems
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			fmt.Fprintln(stdout, p.Error())
		}
		return exitFindings
	case err != nil:
		fmt.Fprintf(stderr, "chattool-lint: %s: %v\n", path, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: ok\n", path)
	return exitOK
}
