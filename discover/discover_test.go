package discover

import (
	"errors"
	"reflect"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// tree writes files (slash paths to contents) under a new folder.
func tree(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, files)
	return dir
}

func found(t *testing.T, dir string) []Found {
	t.Helper()
	s, err := search(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return s.Found
}

// TestSearch: what is a project, what is skipped.
func TestSearch(t *testing.T) {
	dir := tree(t, map[string]string{
		".git/HEAD":                                        "ref: refs/heads/main\n",
		".git/info/exclude":                                "local/\n",
		".gitignore":                                       "dist/\n*.tmp/\n!keep.tmp/\n",
		"apps/mp/app.json":                                 `{"pages": ["pages/a/a"]}`,
		"apps/mp/sub/app.json":                             `{"pages": ["x"]}`, // inside a project: its own
		"apps/expo/app.json":                               `{"expo": {"name": "x"}}`,
		"apps/bare/app.json":                               `{}`,
		"apps/bare/app.js":                                 `App({})`,
		"apps/broken/app.json":                             `{"pages": [`,
		"apps/game/game.json":                              `{"deviceOrientation": "portrait"}`,
		"apps/game2/game.json":                             `{}`,
		"apps/game2/game.js":                               ``,
		"apps/notgame/game.json":                           `{"levels": 3}`,
		"apps/cfg/project.config.json":                     `{"miniprogramRoot": "mp/"}`,
		"apps/cfg/mp/app.json":                             `{"pages": []}`,
		"apps/gamecfg/project.config.json":                 `{"compileType": "game"}`,
		"apps/uni/pages.json":                              `{}`,
		"apps/uni/manifest.json":                           `{}`,
		"apps/uni/unpackage/dist/build/mp-weixin/app.json": `{"pages": []}`, // dist/ is ignored
		"apps/taro/config/index.ts":                        ``,
		"apps/taro/src/app.config.ts":                      ``,
		"apps/taro/project.config.json":                    `{"miniprogramRoot": "dist/"}`,
		"apps/taro2/config/index.js":                       ``,
		"apps/taro2/src/app.config.js":                     ``,
		"apps/taro2/project.config.json":                   `{"miniprogramRoot": "dist/"}`,
		"apps/taro2/dist/app.json":                         `{"pages": []}`,
		"dist/app.json":                                    `{"pages": []}`,
		"build.tmp/app.json":                               `{"pages": []}`,
		"keep.tmp/app.json":                                `{"pages": []}`,
		"local/app.json":                                   `{"pages": []}`,
		"node_modules/x/app.json":                          `{"pages": []}`,
		"packages/miniprogram_npm/x/app.json":              `{"pages": []}`,
		".hidden/app.json":                                 `{"pages": []}`,
		"nested/.gitignore":                                "out/\n",
		"nested/out/app.json":                              `{"pages": []}`,
		"nested/in/app.json":                               `{"pages": []}`,
	})
	want := []Found{
		{"apps/bare", MiniProgram},
		{"apps/broken", MiniProgram}, // no key to read, but an app.json that will not parse is not Expo's
		{"apps/cfg", MiniProgram},
		{"apps/game", MiniGame},
		{"apps/game2", MiniGame},
		{"apps/gamecfg", MiniGame},
		{"apps/mp", MiniProgram},
		{"apps/taro", Taro},
		{"apps/taro2", Taro}, // built: its dist is found with it (Folder)
		{"apps/uni", UniApp},
		{"keep.tmp", MiniProgram},
		{"nested/in", MiniProgram},
	}
	if got := found(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("found\n%v\nwant\n%v", got, want)
	}
}

// TestFolder: a PATH that is a project, inside one, or above some.
func TestFolder(t *testing.T) {
	dir := tree(t, map[string]string{
		"p/project.config.json":  `{"miniprogramRoot": "miniprogram/"}`,
		"p/miniprogram/app.json": `{"pages": []}`,
		"p/miniprogram/pkg/a.js": ``,
		"g/game.json":            `{"deviceOrientation": "portrait"}`,
		"g/sub/game.js":          ``,
		"lib/a.wxml":             `<view/>`,
		"empty/README.md":        ``,
		"js/a.js":                ``,
	})
	cases := []struct {
		path  string
		dir   string
		kind  Kind
		under []string
	}{
		{"p", "p", MiniProgram, nil},
		{"p/miniprogram", "p", MiniProgram, nil},
		{"p/miniprogram/pkg", "p", MiniProgram, []string{"miniprogram/pkg"}},
		{"g/sub", "g", MiniGame, []string{"sub"}},
		{"lib", "lib", Loose, nil},
		{".", "p", MiniProgram, nil},
	}
	t.Chdir(dir)
	for _, c := range cases {
		ts, _, err := Folder(c.path, false)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if c.path == "." {
			// Above them all: every project, and the loose files of
			// lib, the rest of the folder.
			if len(ts) != 3 || ts[0].Dir != "g" || ts[1].Dir != "p" || ts[2].Kind != Loose || !reflect.DeepEqual(ts[2].Exclude, []string{"g", "p"}) {
				for _, x := range ts {
					t.Logf("%+v", *x)
				}
				t.Errorf(".: %d targets, want g, p and the rest as loose files", len(ts))
			}
			continue
		}
		if len(ts) != 1 || ts[0].Dir != c.dir || ts[0].Kind != c.kind || !reflect.DeepEqual(ts[0].Under, c.under) {
			t.Errorf("%s: %+v, want %s %v under %v", c.path, ts, c.dir, c.kind, c.under)
		}
	}
	for _, p := range []string{"empty", "js"} {
		if _, _, err := Folder(p, false); !errors.Is(err, ErrNothing) {
			t.Errorf("%s: %v, want ErrNothing", p, err)
		}
	}
	if ts, _, err := Folder("js", true); err != nil || len(ts) != 1 || ts[0].Kind != Loose {
		t.Errorf("js with --assume-chat-tool: %+v, %v; want one loose target", ts, err)
	}
}

// TestKeeps: the findings a target keeps.
func TestKeeps(t *testing.T) {
	tg := &Target{Under: []string{"a/b"}, Files: map[string]bool{"c.js": true}}
	for rel, want := range map[string]bool{"a/b": true, "a/b/x.js": true, "a/bc/x.js": false, "c.js": true, "d.js": false} {
		if got := tg.Keeps(rel); got != want {
			t.Errorf("Keeps(%q) = %v, want %v", rel, got, want)
		}
	}
	whole := &Target{}
	tg.Merge(whole)
	if !tg.Whole() {
		t.Errorf("merged with a whole target: %+v, want whole", tg)
	}
}
