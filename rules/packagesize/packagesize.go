package packagesize

import (
	_ "embed"
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

//go:embed doc.go
var doc string

// Rule is the package-size rule.
var Rule = lint.NewRule(doc, "packagesize", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, size.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	reportPackOptions(pass, p)
	game := p.IsGame()
	cfg, whole := p.App, "app"
	if game {
		cfg, whole = p.Game, "game"
	}
	if cfg == nil || cfg.Root == nil {
		return nil, nil // a folder of loose files is no package
	}
	r := size.Of(pass)
	how := r.Settings.Measures()
	for _, pkg := range r.Packages {
		if pkg.Bounded && !(pkg.ChatTool && pkg.UploadedBytes > pkg.BudgetBytes) {
			continue // far under its limit
		}
		if game && pkg.Sub != nil && !pkg.Sub.Independent() {
			continue // «单个普通分包不限制大小»: only the whole game's limit holds
		}
		start, end := anchor(cfg, pkg)
		near := ""
		if pkg.BuiltBytes*100 > pkg.BudgetBytes*(100-size.Margin) {
			near = fmt.Sprintf("; that is within %d%% of the limit, as close as the estimate is to Tencent's compiler, so check the size the upload reports", size.Margin)
		}
		switch {
		case pkg.BuiltBytes > pkg.BudgetBytes:
			lint.Report(pass, lint.Error, start, end,
				"%s is an estimated %s once built %s, over its %s limit by %s (%d files, %s of source); largest: %s",
				pkg.Name(), size.Format(pkg.BuiltBytes), how, size.Format(pkg.BudgetBytes), size.Format(pkg.BuiltBytes-pkg.BudgetBytes),
				len(pkg.Files), size.Format(pkg.UploadedBytes), largest(pkg, 3))
		case pkg.ChatTool && pkg.UploadedBytes > pkg.BudgetBytes:
			lint.Report(pass, lint.Warning, start, end,
				"%s has %s of source, over its %s limit, but is an estimated %s once built %s, within it: WeChat checks the built package%s",
				pkg.Name(), size.Format(pkg.UploadedBytes), size.Format(pkg.BudgetBytes), size.Format(pkg.BuiltBytes), how, near)
		case near != "":
			lint.Report(pass, lint.Warning, start, end,
				"%s is an estimated %s once built %s, under its %s limit%s",
				pkg.Name(), size.Format(pkg.BuiltBytes), how, size.Format(pkg.BudgetBytes), near)
		}
	}
	if t := r.Total; !t.Bounded && t.BuiltBytes > t.BudgetBytes {
		start, end := anchor(cfg, r.Packages[0])
		lint.Report(pass, lint.Error, start, end,
			"all packages together are an estimated %s once built %s, over the %s limit of the whole %s by %s",
			size.Format(t.BuiltBytes), how, size.Format(t.BudgetBytes), whole, size.Format(t.BuiltBytes-t.BudgetBytes))
	}
	return nil, nil
}

// anchor is where a package's finding points: its subpackage root in
// app.json (game.json for a mini game), or app.json's pages for the main
// package (game.json's opening brace: a mini game has no pages).
func anchor(app *project.JSONFile, pkg *size.Package) (token.Pos, token.Pos) {
	v := app.Root
	if pkg.Sub != nil {
		if root := pkg.Sub.Item.Get("root"); root != nil {
			v = root
		}
	} else if m := app.Root.Member("pages"); m != nil {
		return app.Pos(m.KeyStart), app.Pos(m.KeyEnd)
	}
	return app.Pos(v.Start), app.Pos(v.Head())
}

func largest(pkg *size.Package, n int) string {
	var parts []string
	for _, f := range pkg.Files[:min(n, len(pkg.Files))] {
		parts = append(parts, fmt.Sprintf("%s %s", f.MP, size.Format(f.Built)))
	}
	return strings.Join(parts, ", ")
}

// reportPackOptions reports the packOptions items the upload model could
// not evaluate (a regular expression Go's engine rejects, an extglob, a
// glob past the file's budget of patterns): the sizes count them as the
// model read them, which may not be what WeChat uploads.
func reportPackOptions(pass *analysis.Pass, p *project.Project) {
	if p.Config == nil {
		return
	}
	for _, pr := range p.Upload().Problems {
		v := pr.Entry.Get("value")
		if v == nil {
			v = pr.Entry
		}
		lint.Report(pass, lint.Warning, p.Config.Pos(v.Start), p.Config.Pos(v.End), "%s", pr.Message)
	}
}
