package project

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

func TestFindComponent(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"project.config.json":                     `{"miniprogramRoot": "mp/"}`,
		"mp/app.json":                             `{"pages": ["pages/index/index"]}`,
		"mp/custom-tab-bar/index.json":            `{"component": true}`,
		"mp/components/badge/index.js":            ``,
		"mp/components/tag.ts":                    ``,
		"mp/miniprogram_npm/ui/button/index.json": `{}`,
		"mp/pkg/miniprogram_npm/ui/cell.json":     `{}`,
	})
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ dir, target, want string }{
		{"custom-tab-bar", "/components/badge/index", "components/badge/index"},
		{"custom-tab-bar", "../components/badge", "components/badge/index"}, // a folder's index
		{"components/badge", "../tag.ts", "components/tag"},
		{"pkg/pages/a", "ui/cell", "pkg/miniprogram_npm/ui/cell"}, // the nearest miniprogram_npm
		{"pkg/pages/a", "ui/button", "miniprogram_npm/ui/button/index"},
		{".", "ui/button/index", "miniprogram_npm/ui/button/index"},
		{"custom-tab-bar", "../../outside", ""},
		{"custom-tab-bar", "./missing", ""},
		{"custom-tab-bar", "plugin://p/comp", ""},
		{"custom-tab-bar", "ui/none", ""},
	} {
		got, ok := p.FindComponent(c.dir, c.target)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FindComponent(%q, %q) = %q, %v; want %q", c.dir, c.target, got, ok, c.want)
		}
	}
}
