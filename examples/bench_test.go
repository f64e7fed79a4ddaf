package examples

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/options"
)

// BenchmarkDemo is a full check of a project (the official demo by
// default: CHATTOOL_BENCH_PROJECT names another), load and every built-in
// rule, without plugins and with one plugin rule at a time, then with
// every example rule and the bans: what a plugin rule adds to a run.
//
//	go test -run '^$' -bench Demo -benchtime 10x -count 5 ./examples
func BenchmarkDemo(b *testing.B) {
	dir := os.Getenv("CHATTOOL_BENCH_PROJECT")
	if dir == "" {
		dir = "/tmp/real/demo"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no project at %s (CHATTOOL_BENCH_PROJECT): %v", dir, err)
	}
	house, _ := filepath.Abs("house-rules/house-rules.js")
	skyline, _ := filepath.Abs("skyline-rules/skyline-rules.mjs")
	all := []string{"house/https-only", "house/request-wrapper", "house/guard-chat-tool-apis", "house/page-title",
		"skyline/image-mode", "skyline/no-important", "skyline/chat-tool-font-size"}
	config := func(on []string, bans bool) string {
		rules := map[string]string{}
		for _, r := range all {
			rules[r] = "off"
		}
		for _, r := range on {
			rules[r] = "warning"
		}
		c := map[string]any{"plugins": []string{house, skyline}, "rules": rules}
		if bans {
			c["settings"] = map[string]any{
				"forbid-apis":        map[string]any{"forbid": []string{"navigateToMiniProgram"}},
				"forbid-components":  map[string]any{"forbid": []string{"web-view"}},
				"require-attributes": map[string]any{"require": []any{map[string]any{"tag": "image", "attrs": []string{"mode"}}}},
			}
		}
		data, _ := json.Marshal(c)
		path := filepath.Join(b.TempDir(), "chattool-lint.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		return path
	}
	run := func(b *testing.B, f options.Flags) {
		f.NoCache = true
		r, err := f.Resolver()
		if err != nil {
			b.Fatal(err)
		}
		res, err := r.For(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			j := &check.Job{Target: &discover.Target{Dir: dir}, Options: res}
			check.Lint(j)
			if j.LoadErr != nil || j.Err != nil {
				b.Fatal(j.LoadErr, j.Err)
			}
		}
	}
	b.Run("builtin", func(b *testing.B) { run(b, options.Flags{NoConfig: true}) })
	for _, rule := range []string{"house/https-only", "skyline/image-mode", "skyline/no-important", "house/page-title"} {
		b.Run("builtin+"+rule, func(b *testing.B) { run(b, options.Flags{ConfigFile: config([]string{rule}, false)}) })
	}
	b.Run("builtin+7-rules+bans", func(b *testing.B) { run(b, options.Flags{ConfigFile: config(all, true)}) })
}
