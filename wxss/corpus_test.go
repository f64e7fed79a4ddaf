package wxss

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDirs are the folders of real WXSS checked by TestCorpus: the npm
// corpus of ../shared/bench/corpus.sh (or CHATTOOL_CORPUS), and any folders
// listed in CHATTOOL_WXSS_DIRS (separated by the list separator), such as a
// checkout of the official demo.
func corpusDirs() []string {
	dir := os.Getenv("CHATTOOL_CORPUS")
	if dir == "" {
		dir = "/tmp/corpus/npm"
	}
	dirs := []string{dir}
	if extra := os.Getenv("CHATTOOL_WXSS_DIRS"); extra != "" {
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
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".wxss") {
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
		tb.Skip("no WXSS corpus")
	}
	return files, total
}

// TestCorpus parses every style sheet of the corpus: published component
// libraries, which WeChat's compiler accepts, so none may have an error.
func TestCorpus(t *testing.T) {
	files, total := loadCorpus(t)
	var rules, decls int
	for _, f := range files {
		s := Parse(f.src)
		check(t, f.src, s)
		for _, e := range s.Errors {
			t.Errorf("%s: offset %d: %s", f.path, e.Offset, e.Msg)
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
			Parse(f.src)
		}
	}
}
