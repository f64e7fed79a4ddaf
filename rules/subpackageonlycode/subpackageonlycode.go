package subpackageonlycode

import (
	_ "embed"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

//go:embed doc.go
var doc string

// Rule is the subpackage-only-code rule.
var Rule = lint.NewRule(doc, "subpackageonlycode", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, size.ReachAnalyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil || len(p.Subpackages) == 0 {
		return nil, nil
	}
	reach := size.ReachOf(pass)
	type npmUse struct {
		first string
		sub   string
		files int
		mixed bool
	}
	npm := map[string]*npmUse{}
	var npmOrder []string
	for _, f := range jsparse.Of(pass).Files {
		mp := f.MP
		if f.Lang == jsparse.WXS || p.PackageOf(mp) != nil || !reach.Module(mp) || reach.Named(mp) {
			continue
		}
		sub := only(reach.ScriptUsers(mp))
		if dir := npmPackage(mp); dir != "" {
			u := npm[dir]
			if u == nil {
				u = &npmUse{first: mp, sub: sub}
				npm[dir] = u
				npmOrder = append(npmOrder, dir)
			}
			u.files++
			u.mixed = u.mixed || sub == "" || sub != u.sub
			continue
		}
		if sub != "" {
			report(pass, p, mp, lint.Warning, "%s is used only by subpackage %s: move it there", mp, sub)
		}
	}
	for _, dir := range npmOrder {
		if u := npm[dir]; !u.mixed {
			report(pass, p, u.first, lint.Warning, "npm package %s is used only by subpackage %s: build it into that subpackage", dir, u.sub)
		}
	}
	for _, base := range reach.Components() {
		if p.PackageOf(base) != nil {
			continue
		}
		if sub := only(reach.ComponentUsers(base)); sub != "" {
			for _, ext := range []string{".json", ".js", ".ts", ".wxml"} {
				if p.Exists(p.MP(base + ext)) {
					report(pass, p, base+ext, lint.Info, "component %s is used only by subpackage %s: move it there", base, sub)
					break
				}
			}
		}
	}
	return nil, nil
}

// only returns the subpackage when users names exactly one, and it is not
// the main package ("").
func only(users []string) string {
	if len(users) == 1 {
		return users[0]
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
	return path.Join(mp[:i], "miniprogram_npm", name)
}

// report reports at the start of the file at mp.
func report(pass *analysis.Pass, p *project.Project, mp string, sev lint.Severity, format string, args ...any) {
	f, err := p.Register(p.MP(mp))
	if err != nil {
		return // unreadable: the loader reports it
	}
	lint.Report(pass, sev, f.Pos(0), f.Pos(0), format, args...)
}
