package packagesourcesize

import (
	_ "embed"
	"fmt"
	"go/token"
	"path"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

//go:embed doc.go
var doc string

// Rule is the package-source-size rule.
var Rule = lint.NewRule(doc, "packagesourcesize", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

// Limit is what DevTools' code-quality check allows each package: 1.5 MB.
const Limit = 1536 * size.KB

// pkg is a package as the check counts it.
type pkg struct {
	name   string
	root   string       // "" for the main package
	anchor *jsonc.Value // where its finding points in app.json
	files  []size.SourceFile
	bytes  int64
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil || p.IsGame() {
		return nil, nil
	}
	pkgs := packages(p)
	for _, f := range size.AnalysedFiles(p) {
		var home *pkg
		for _, k := range pkgs {
			if k.root == "" || strings.HasPrefix(f.MP, k.root+"/") && (home == nil || len(k.root) > len(home.root)) {
				home = k
			}
		}
		home.files = append(home.files, f)
		home.bytes += f.Bytes
	}
	for _, k := range pkgs {
		if k.bytes <= Limit {
			continue
		}
		start, end := anchor(p.App, k)
		lint.Report(pass, lint.Warning, start, end,
			"%s has %s of source files; DevTools' code-quality check wants at most 1.5 MB (largest: %s)",
			k.name, size.Format(k.bytes), largest(k.files, 3))
	}
	return nil, nil
}

// packages returns the main package, then the subpackages in app.json
// order, then a workers folder marked isSubpackage.
func packages(p *project.Project) []*pkg {
	out := []*pkg{{name: "the main package"}}
	seen := map[string]bool{}
	for _, sp := range p.Subpackages {
		if sp.Root == "" || seen[sp.Root] {
			continue
		}
		seen[sp.Root] = true
		name := "subpackage " + sp.Root
		if sp == p.ChatTool {
			name = "chat-tool subpackage " + sp.Root
		}
		out = append(out, &pkg{name: name, root: sp.Root, anchor: sp.Item.Get("root")})
	}
	if w := p.App.Root.Get("workers"); w.Get("isSubpackage").IsTrue() {
		if dir, ok := w.Get("path").String(); ok {
			if root := strings.Trim(path.Clean("/"+strings.TrimSpace(dir)), "/"); root != "" && !seen[root] {
				out = append(out, &pkg{name: "worker subpackage " + root, root: root, anchor: w.Get("path")})
			}
		}
	}
	return out
}

// anchor is where a package's finding points in app.json: its root, the
// "pages" key for the main package, else the opening brace.
func anchor(app *project.JSONFile, k *pkg) (token.Pos, token.Pos) {
	if m := app.Root.Member("pages"); k.root == "" && m != nil {
		return app.Pos(m.KeyStart), app.Pos(m.KeyEnd)
	}
	v := k.anchor
	if v == nil {
		v = app.Root
	}
	return app.Pos(v.Start), app.Pos(v.Head())
}

// largest names the n largest files.
func largest(files []size.SourceFile, n int) string {
	files = append([]size.SourceFile(nil), files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Bytes > files[j].Bytes })
	var parts []string
	for _, f := range files[:min(n, len(files))] {
		parts = append(parts, fmt.Sprintf("%s %s", f.MP, size.Format(f.Bytes)))
	}
	return strings.Join(parts, ", ")
}
