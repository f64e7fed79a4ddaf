package wxss

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
)

// loadCorpus loads the WXSS files of the npm corpus (internal/corpus) and
// of the folders listed in CHATTOOL_WXSS_DIRS, such as a checkout of the official
// demo.
func loadCorpus(tb testing.TB) ([]corpus.File, int64) {
	return corpus.Load(tb, "CHATTOOL_WXSS_DIRS", func(p string) bool { return strings.HasSuffix(p, ".wxss") })
}

// TestCorpus parses every style sheet of the corpus: published component
// libraries, which WeChat's compiler accepts, so none may have an error.
func TestCorpus(t *testing.T) {
	files, total := loadCorpus(t)
	var rules, decls int
	for _, f := range files {
		s := Parse(f.Src)
		check(t, f.Src, s)
		for _, e := range s.Errors {
			t.Errorf("%s: offset %d: %s", f.Path, e.Offset, e.Msg)
		}
		rules += len(s.Rules)
		for _, r := range s.Rules {
			decls += len(r.Decls)
		}
	}
	t.Logf("%d files, %d bytes, %d rules, %d declarations", len(files), total, rules, decls)
}

// BenchmarkCorpus measures parsing the corpus.
func BenchmarkCorpus(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Parse(f.Src)
		}
	}
}
