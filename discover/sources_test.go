package discover

import (
	"path/filepath"
	"testing"
)

// TestSources: a uni-app or Taro source is a target of its own, with the
// mini programs it was built into, each tied to it (Built); a folder
// inside a source is checked in it, one inside its build output in that.
func TestSources(t *testing.T) {
	dir := tree(t, map[string]string{
		"uni/pages.json":                                    `{"pages": []}`,
		"uni/manifest.json":                                 `{}`,
		"uni/pages/index/index.vue":                         `<template/>`,
		"uni/unpackage/dist/build/mp-weixin/app.json":       `{"pages": []}`,
		"uni/unpackage/dist/build/mp-weixin/pages/a/a.wxml": `<view/>`,
		"cli/package.json":                                  `{}`,
		"cli/src/pages.json":                                `{"pages": []}`,
		"cli/src/manifest.json":                             `{}`,
		"cli/src/pages/index/index.vue":                     `<template/>`,
		"cli/dist/dev/mp-weixin/app.json":                   `{"pages": []}`,
		"taro/config/index.ts":                              ``,
		"taro/src/app.config.ts":                            `export default {pages: []}`,
		"taro/src/pages/index/index.tsx":                    ``,
		"taro/project.config.json":                          `{"miniprogramRoot": "dist/"}`,
		"taro/dist/app.json":                                `{"pages": []}`,
		"taro/dist/project.config.json":                     `{"miniprogramRoot": "./"}`,
	})
	t.Chdir(dir)
	type tg struct {
		dir   string
		kind  Kind
		built string
		under string
	}
	cases := []struct {
		path string
		want []tg
	}{
		{"uni", []tg{{"uni", UniApp, "", ""}, {"uni/unpackage/dist/build/mp-weixin", MiniProgram, "uni", ""}}},
		{"cli", []tg{{"cli", UniApp, "", ""}, {"cli/dist/dev/mp-weixin", MiniProgram, "cli", ""}}},
		{"taro", []tg{{"taro", Taro, "", ""}, {"taro/dist", MiniProgram, "taro", ""}}},
		{"cli/src/pages", []tg{{"cli", UniApp, "", "src/pages"}}},
		{"cli/src", []tg{{"cli", UniApp, "", ""}}},
		{"taro/src", []tg{{"taro", Taro, "", ""}}},
		{"taro/src/pages", []tg{{"taro", Taro, "", "src/pages"}}},
		{"uni/unpackage/dist/build/mp-weixin/pages", []tg{{"uni/unpackage/dist/build/mp-weixin", MiniProgram, "", "pages"}}},
		{".", []tg{{"cli", UniApp, "", ""}, {"cli/dist/dev/mp-weixin", MiniProgram, "cli", ""},
			{"taro", Taro, "", ""}, {"taro/dist", MiniProgram, "taro", ""},
			{"uni", UniApp, "", ""}, {"uni/unpackage/dist/build/mp-weixin", MiniProgram, "uni", ""}}},
	}
	for _, c := range cases {
		ts, _, err := Folder(c.path, false)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		var got []tg
		for _, x := range ts {
			g := tg{dir: filepath.ToSlash(x.Dir), kind: x.Kind}
			if x.Built != nil {
				g.built = filepath.ToSlash(x.Built.Dir)
			}
			if len(x.Under) == 1 {
				g.under = x.Under[0]
			}
			got = append(got, g)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.path, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %+v, want %+v", c.path, got, c.want)
				break
			}
		}
	}
	for file, want := range map[string]string{
		"cli/src/pages/index/index.vue":                     "cli",
		"taro/src/pages/index/index.tsx":                    "taro",
		"uni/unpackage/dist/build/mp-weixin/pages/a/a.wxml": "uni/unpackage/dist/build/mp-weixin",
	} {
		d, _, _, err := File(file)
		if rel, _ := filepath.Rel(dir, d); err != nil || filepath.ToSlash(rel) != want {
			t.Errorf("File(%s) = %s, %v; want %s", file, d, err, want)
		}
	}
}
