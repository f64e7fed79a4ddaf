package wxml

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDirs are the folders of real WXML checked by TestCorpus: the npm
// corpus of ../shared/bench/corpus.sh (or CHATTOOL_CORPUS), and any folders
// listed in CHATTOOL_WXML_DIRS (separated by the list separator), such as a
// checkout of the official demo.
func corpusDirs() []string {
	dir := os.Getenv("CHATTOOL_CORPUS")
	if dir == "" {
		dir = "/tmp/corpus/npm"
	}
	dirs := []string{dir}
	if extra := os.Getenv("CHATTOOL_WXML_DIRS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	return dirs
}

type corpusFile struct {
	path string
	src  []byte
}

func loadCorpus(tb testing.TB) ([]corpusFile, int64) {
	var files []corpusFile
	var total int64
	for _, dir := range corpusDirs() {
		if _, err := os.Stat(dir); err != nil {
			tb.Logf("no corpus at %s (run ../shared/bench/corpus.sh)", dir)
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".wxml") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, corpusFile{p, src})
			total += int64(len(src))
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(files) == 0 {
		tb.Skip("no WXML corpus")
	}
	return files, total
}

// TestCorpus scans every WXML file of the corpus: published component
// libraries, which WeChat's compiler accepts, so none may have an error.
func TestCorpus(t *testing.T) {
	files, total := loadCorpus(t)
	for _, f := range files {
		d := Parse(f.src)
		for _, e := range d.Errors {
			t.Errorf("%s: offset %d: %s", f.path, e.Offset, e.Msg)
		}
		for _, w := range d.WXS {
			if w.Source.Err != nil {
				t.Errorf("%s: inline wxs: offset %d: %s", f.path, w.Start+w.Source.Err.Offset, w.Source.Err.Message)
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
			Parse(f.src)
		}
	}
}
