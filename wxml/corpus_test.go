package wxml

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
)

// loadCorpus loads the WXML files of the npm corpus (internal/corpus) and
// of the folders listed in CHATTOOL_WXML_DIRS, such as a checkout of the official
// demo.
func loadCorpus(tb testing.TB) ([]corpus.File, int64) {
	return corpus.Load(tb, "CHATTOOL_WXML_DIRS", func(p string) bool { return strings.HasSuffix(p, ".wxml") })
}

// TestCorpus scans every WXML file of the corpus: published component
// libraries, which WeChat's compiler accepts, so none may have an error.
func TestCorpus(t *testing.T) {
	files, total := loadCorpus(t)
	for _, f := range files {
		d := Parse(f.Src)
		for _, e := range d.Errors {
			t.Errorf("%s: offset %d: %s", f.Path, e.Offset, e.Msg)
		}
		for _, w := range d.WXS {
			if w.Source.Err != nil {
				t.Errorf("%s: inline wxs: offset %d: %s", f.Path, w.Start+w.Source.Err.Offset, w.Source.Err.Message)
			}
		}
	}
	t.Logf("%d files, %d bytes", len(files), total)
}

// BenchmarkCorpus measures scanning the corpus (inline <wxs> included).
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
