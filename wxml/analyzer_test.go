package wxml

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
	"github.com/chattool-lint/chattool-lint/project"
)

// TestLoad keeps of each template what the rules read: the elements, not
// the bytes; the comments of a file with a directive only; inline scripts
// without their syntax trees, with their verdicts.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"app.json":            `{"pages": ["a", "b"]}`,
		"a.wxml":              "<!-- a note -->\n<view class=\"x\"><wxs module=\"m\">module.exports = {f: function () { return 1 }}</wxs><wxs module=\"n\">var = ;</wxs></view>",
		"b.wxml":              "<!-- chattool-lint-disable-next-line skyline-support -->\n<web-view src=\"x\"/>",
		"node_modules/c.wxml": "<view/>",
	})
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Load(p)
	a, b := r.ByMP("a.wxml"), r.ByMP("b.wxml")
	if len(r.Files) != 2 || a == nil || b == nil {
		t.Fatalf("files %+v", r.Files)
	}
	if a.Doc.Src != nil || a.File.Src != nil || a.Doc.Comments != nil {
		t.Errorf("a.wxml keeps its bytes or its comments")
	}
	if len(a.Doc.Elements()) != 3 || a.Doc.Elements()[0].Name != "view" || a.Doc.Elements()[0].Attr("class").Value != "x" {
		t.Errorf("a.wxml elements %+v", a.Doc.Elements())
	}
	if w := a.Doc.WXS; len(w) != 2 || w[0].Source.Program != nil || w[0].Source.Src != nil || w[0].Source.Err != nil || w[1].Source.Err == nil {
		t.Errorf("a.wxml inline scripts %+v", w)
	}
	// A directive: unused-suppression reads the comment and its bytes.
	if len(b.Doc.Comments) != 1 || b.File.Src == nil {
		t.Errorf("b.wxml: comments %+v, bytes %q", b.Doc.Comments, b.File.Src)
	}
	b.File.Lines()
	if pos := p.Fset.Position(b.Pos(b.Doc.Elements()[0].Start)); pos.Line != 2 || pos.Column != 1 {
		t.Errorf("<web-view> at %v, want line 2 column 1", pos)
	}
}
