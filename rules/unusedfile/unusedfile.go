package unusedfile

import (
	_ "embed"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

//go:embed doc.go
var doc string

// Rule is the unused-file rule.
var Rule = lint.NewRule(doc, "unusedfile", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, size.ReachAnalyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil || p.Config == nil || p.Config.Root == nil {
		return nil, nil
	}
	setting := off(p.Config.Root.Get("setting"))
	if setting == "" {
		return nil, nil // the check passes: the compiler leaves such files out
	}
	reach := size.ReachOf(pass)
	npm := map[string]int{} // unused files of each npm package
	var first []string      // the first unused file of each npm package, in order
	for _, f := range p.Upload().Files {
		if !size.IsCodeFile(f.Source) || reach.Reached(f.Source) {
			continue
		}
		if pkg := npmPackage(f.Source); pkg != "" {
			if npm[pkg] == 0 {
				first = append(first, f.Source)
			}
			npm[pkg]++
			continue
		}
		report(pass, p, f.Source, "%s: no page, component or app file uses it (project.config.json sets %s to false)", f.Source, setting)
	}
	for _, mp := range first {
		pkg := npmPackage(mp)
		files := "files"
		if npm[pkg] == 1 {
			files = "file"
		}
		report(pass, p, mp, "%d %s of npm package %s: no page, component or app file uses them (project.config.json sets %s to false)", npm[pkg], files, pkg, setting)
	}
	return nil, nil
}

// off returns the name of the setting that makes unused files count (one
// of ignoreUploadUnusedFiles and ignoreDevUnusedFiles explicitly false),
// or "".
func off(setting *jsonc.Value) string {
	for _, key := range []string{"ignoreUploadUnusedFiles", "ignoreDevUnusedFiles"} {
		if v := setting.Get(key); v != nil && v.Kind == jsonc.Bool && !v.Bool {
			return key
		}
	}
	return ""
}

// npmPackage returns the folder of the npm package (inside a
// miniprogram_npm folder) that holds the file at mp, or "".
func npmPackage(mp string) string {
	i := strings.LastIndex(mp, "miniprogram_npm/")
	if i < 0 || i > 0 && mp[i-1] != '/' {
		return ""
	}
	parts := strings.SplitN(mp[i+len("miniprogram_npm/"):], "/", 3)
	name := parts[0]
	if strings.HasPrefix(name, "@") && len(parts) > 2 {
		name += "/" + parts[1]
	}
	return mp[:i] + "miniprogram_npm/" + name
}

// report reports at the start of the file at mp.
func report(pass *analysis.Pass, p *project.Project, mp, format string, args ...any) {
	f, err := p.Register(p.MP(mp))
	if err != nil {
		return // unreadable: the loader reports it
	}
	lint.Report(pass, lint.Error, f.Pos(0), f.Pos(0), format, args...)
}
