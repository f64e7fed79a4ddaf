package wxss

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chattool-lint/chattool-lint/project"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"project.config.json":                  `{"miniprogramRoot": "miniprogram/"}`,
		"miniprogram/app.json":                 `{"pages": ["pages/index/index"]}`,
		"miniprogram/app.wxss":                 "@import \"common.wxss\";\n.a{color:red}\n.a::selection{display:grid;color:red}",
		"miniprogram/common.wxss":              ".b{top:0}}",
		"miniprogram/pages/index/index.wxss":   "\xEF\xBB\xBF.c{}",
		"miniprogram/node_modules/x/x.wxss":    ".d{}",
		"miniprogram/.hidden/y.wxss":           ".e{}",
		"outside.wxss":                         ".f{}",
		"miniprogram/pages/index/index.wxml":   "<view/>",
		"miniprogram/pages/index/index.scss":   ".g{}",
		"miniprogram/pages/index/index.wxss.x": ".h{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Load(p)
	var mps []string
	for _, f := range r.Files {
		mps = append(mps, f.MP)
		if f.ReadErr != nil || f.Sheet == nil {
			t.Errorf("%s: not read (%v)", f.MP, f.ReadErr)
		}
		if f.Sheet.Src != nil || f.File.Src != nil {
			t.Errorf("%s: the bytes are kept", f.MP)
		}
	}
	want := []string{"app.wxss", "common.wxss", "pages/index/index.scss", "pages/index/index.wxss"}
	if len(mps) != len(want) || mps[0] != want[0] || mps[1] != want[1] || mps[2] != want[2] || mps[3] != want[3] {
		t.Fatalf("files %q, want %q", mps, want)
	}
	if scss := r.ByMP("pages/index/index.scss"); scss.Lang != SCSS || len(scss.Sheet.Errors) != 0 || len(scss.Sheet.Rules) != 0 {
		t.Errorf("index.scss: %v, %d errors, %d rules; want SCSS, checked, not parsed into rules", scss.Lang, len(scss.Sheet.Errors), len(scss.Sheet.Rules))
	}
	app := r.ByMP("app.wxss")
	if app == nil || app.Path != "miniprogram/app.wxss" || len(app.Sheet.Imports) != 1 || app.Sheet.Imports[0].Path != "common.wxss" {
		t.Fatalf("app.wxss: %+v", app)
	}
	// Only what the rules read is kept (KeptDecl).
	if rs := app.Sheet.Rules; len(rs) != 1 || rs[0].Selector != ".a::selection" || len(rs[0].Tokens) != 5 ||
		len(rs[0].Decls) != 1 || rs[0].Decls[0].Property != "display" || rs[0].Decls[0].Value != "grid" {
		t.Fatalf("app.wxss keeps %+v, want .a::selection with its tokens and display: grid", rs)
	}
	p.Lines(app.TF(), p.Text(app.Path))
	if pos := p.Fset.Position(app.Pos(app.Sheet.Rules[0].Start)); pos.Line != 3 || pos.Column != 1 {
		t.Errorf("rule .a::selection at %v, want line 3 column 1", pos)
	}
	common := r.ByMP("common.wxss")
	if errs := common.Sheet.Errors; len(errs) != 1 || errs[0].Offset != 9 {
		t.Errorf("common.wxss errors %v, want one at 9", errs)
	}
	if r.ByMP("x.wxss") != nil || r.ByMP("node_modules/x/x.wxss") != nil {
		t.Errorf("node_modules parsed")
	}
}
