package views_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

const fixture = `
-- app.json --
{
  "pages": ["pages/index/index"],
  "usingComponents": { "g-tag": "/components/tag/index" },
  "subPackages": [{ "root": "packageChatTool", "pages": ["pages/entry/index"], "independent": true, "renderer": "skyline" }],
  "chatTools": [{ "root": "packageChatTool", "entryPagePath": "pages/entry/index", "desc": "x" }]
}
-- app.wxss --
@import "styles/base";
-- styles/base.wxss --
.a {}
-- pages/index/index.wxml --
<g-tag/>
-- packageChatTool/pages/entry/index.json --
{ "usingComponents": { "card": "/components/card/index" } }
-- packageChatTool/pages/entry/index.wxml --
<include src="parts/head"/><card/>
-- packageChatTool/pages/entry/parts/head.wxml --
<g-tag/>
-- packageChatTool/pages/entry/index.wxss --
@import "/styles/shared.wxss";
-- styles/shared.wxss --
.s {}
-- components/card/index.json --
{ "component": true, "usingComponents": { "inner": "../inner/index" } }
-- components/card/index.wxml --
<inner/>
-- components/card/index.wxss --
.c {}
-- components/inner/index.json --
{ "component": true }
-- components/inner/index.wxml --
<view/>
-- components/tag/index.json --
{ "component": true }
-- components/tag/index.wxml --
<view/>
-- unused/old.wxml --
<view/>
`

func load(t *testing.T) (*project.Project, *views.Result) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(fixture)).Files {
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, views.Build(p, wxml.Load(p), wxss.Load(p))
}

func pages(r *views.Result, mp string) string {
	var out []string
	for _, pg := range r.Pages(mp) {
		out = append(out, pg.Path)
	}
	return strings.Join(out, " ")
}

func TestViews(t *testing.T) {
	_, r := load(t)
	const entry, index = "packageChatTool/pages/entry/index", "pages/index/index"
	for _, tt := range []struct{ mp, pages string }{
		{entry + ".wxml", entry},
		{"packageChatTool/pages/entry/parts/head.wxml", entry},
		{entry + ".wxss", entry},
		{"styles/shared.wxss", entry},
		{"components/card/index.wxml", entry},
		{"components/card/index.wxss", entry},
		{"components/inner/index.wxml", entry},
		// The global component: used by the index page's tag and by the
		// chat tool's included template.
		{"components/tag/index.wxml", entry + " " + index},
		// app.wxss: not in independent subpackages.
		{"app.wxss", index},
		{"styles/base.wxss", index},
		{"unused/old.wxml", ""},
	} {
		got := pages(r, tt.mp)
		if !sameSet(got, tt.pages) {
			t.Errorf("Pages(%s) = %q, want %q", tt.mp, got, tt.pages)
		}
	}
	if !r.ChatTool("components/inner/index.wxml") || r.ChatTool("app.wxss") {
		t.Errorf("ChatTool: inner %v (want true), app.wxss %v (want false)", r.ChatTool("components/inner/index.wxml"), r.ChatTool("app.wxss"))
	}
	if pg := r.Skyline("components/card/index.wxss"); pg == nil || pg.Path != entry {
		t.Errorf("Skyline(card.wxss) = %v, want %s", pg, entry)
	}
	if pg := r.Skyline("app.wxss"); pg != nil {
		t.Errorf("Skyline(app.wxss) = %s, want nil", pg.Path)
	}
	for _, mp := range []string{"components/inner/index.wxml", "styles/base.wxss", "packageChatTool/pages/entry/parts/head.wxml"} {
		if !r.Reachable(mp) {
			t.Errorf("Reachable(%s) = false", mp)
		}
	}
	if r.Reachable("unused/old.wxml") {
		t.Errorf("Reachable(unused/old.wxml) = true")
	}
	head := r.WXML.ByMP("packageChatTool/pages/entry/parts/head.wxml")
	if ref, global := r.Tag(head.MP, head.Doc.Elements()[0]); ref == nil || !global || ref.Target.Path != "components/tag/index" {
		t.Errorf("Tag(<g-tag>) in an included template = %v, %v; want the global entry", ref, global)
	}
	card := r.WXML.ByMP("components/card/index.wxml")
	if ref, global := r.Tag(card.MP, card.Doc.Elements()[0]); ref == nil || global || ref.Target.Path != "components/inner/index" {
		t.Errorf("Tag(<inner>) = %v, %v; want the card's own entry", ref, global)
	}
}

func sameSet(a, b string) bool {
	x, y := strings.Fields(a), strings.Fields(b)
	if len(x) != len(y) {
		return false
	}
	m := map[string]bool{}
	for _, s := range x {
		m[s] = true
	}
	for _, s := range y {
		if !m[s] {
			return false
		}
	}
	return true
}
