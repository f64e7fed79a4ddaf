package discover

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
)

// sourceAt reports whether abs is the folder of a uni-app or Taro source,
// which is read as the mini program it compiles to (project.IsUniApp,
// project.IsTaro). The src folder of a uni-app CLI project is not: the
// project is the folder above it.
func sourceAt(abs string) (Kind, bool) {
	switch {
	case project.IsUniApp(abs) && !srcOf(abs):
		return UniApp, true
	case project.IsTaro(abs):
		return Taro, true
	}
	return 0, false
}

// srcOf reports whether abs is the src folder of a uni-app CLI project.
func srcOf(abs string) bool {
	return filepath.Base(abs) == "src" && project.IsUniApp(filepath.Dir(abs))
}

// enclosingSource returns the nearest folder from abs up that is a uni-app
// or Taro source, and its kind.
func enclosingSource(abs string) (string, Kind, bool) {
	for d := abs; ; d = filepath.Dir(d) {
		if k, ok := sourceAt(d); ok {
			return d, k, true
		}
		if filepath.Dir(d) == d {
			return "", 0, false
		}
	}
}

// builds returns the folders a source's mini program is built into, that
// exist (hold an app.json): uni-app's unpackage/dist/{build,dev}/mp-weixin
// (HBuilderX) or dist/{build,dev}/mp-weixin (the CLI, beside src), Taro's
// dist (or the miniprogramRoot of its project.config.json).
func builds(abs string, kind Kind) []string {
	var cands []string
	switch kind {
	case UniApp:
		for _, base := range []string{"unpackage/dist", "dist"} {
			for _, mode := range []string{"build", "dev"} {
				cands = append(cands, filepath.Join(abs, filepath.FromSlash(base), mode, "mp-weixin"))
			}
		}
	case Taro:
		if r := readConfig(abs).root(); r != "" {
			cands = append(cands, filepath.Join(abs, filepath.FromSlash(r)))
		}
		cands = append(cands, filepath.Join(abs, "dist"))
	}
	var out []string
	for _, c := range cands {
		if isFile(filepath.Join(c, "app.json")) && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// withBuilds returns the target of a source and those of the mini
// programs it was built into: each is checked as the mini program it is,
// and a finding it shares with the source is reported once, in the source
// (check.Dedupe).
func withBuilds(t *Target) []*Target {
	out := []*Target{t}
	abs, err := filepath.Abs(t.Dir)
	if err != nil {
		return out
	}
	for _, b := range builds(abs, t.Kind) {
		rel, err := filepath.Rel(abs, b)
		if err != nil {
			continue
		}
		out = append(out, &Target{Dir: filepath.Join(t.Dir, rel), Kind: MiniProgram, Built: t})
	}
	return out
}

// within reports whether path is dir or lies below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(os.PathSeparator))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sourceRoot is the folder of a source that its mini program is built
// from: src for Taro and for a uni-app CLI project.
func sourceRoot(dir string, k Kind) string {
	if k == Taro || srcOf(filepath.Join(dir, "src")) {
		return "src"
	}
	return ""
}
