package rules_test

import (
	"os"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// BenchmarkCorpus loads the npm corpus of ../shared/bench/corpus.sh
// (CHATTOOL_CORPUS, default /tmp/corpus/npm) as chat-tool code and runs
// every rule; the MB/s figure counts the bytes of every file the run read
// (scripts, templates, styles and JSON).
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("CHATTOOL_CORPUS")
	if dir == "" {
		dir = "/tmp/corpus/npm"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no corpus at %s (run ../shared/bench/corpus.sh)", dir)
	}
	var bytes int64
	b.ReportAllocs()
	for b.Loop() {
		p, err := project.Load(dir, project.Options{AssumeChatTool: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := lint.Run(p, rules.All()); err != nil {
			b.Fatal(err)
		}
		if bytes == 0 {
			for _, f := range p.Files {
				bytes += int64(len(f.Src))
			}
			b.SetBytes(bytes)
		}
	}
}

// BenchmarkProject runs every rule on the project CHATTOOL_BENCH_PROJECT
// (default: the official demo copy at /tmp/demo-built), and every rule but
// package-size, so the cost of the size check reads as the difference;
// all-cached runs every rule with the size estimates of an earlier run in
// the cache, as a project checked again is (its first run fills the cache).
func BenchmarkProject(b *testing.B) {
	dir := os.Getenv("CHATTOOL_BENCH_PROJECT")
	if dir == "" {
		dir = "/tmp/demo-built"
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no project at %s", dir)
	}
	var noSize []*lint.Rule
	for _, r := range rules.All() {
		if r.Doc.Name != "package-size" {
			noSize = append(noSize, r)
		}
	}
	cache := b.TempDir()
	for _, bc := range []struct {
		name  string
		rules []*lint.Rule
		cache string
	}{{"all", rules.All(), ""}, {"all-cached", rules.All(), cache}, {"without-package-size", noSize, ""}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := project.Load(dir, project.Options{CacheDir: bc.cache})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := lint.Run(p, bc.rules); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
