// Package corpus loads the real-world files the front ends' corpus tests and
// benchmarks run on: the npm corpus of ../shared/bench/corpus.sh, and any
// folders a test names in an environment variable (a checkout of the
// official demo, say).
package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Dir is the npm corpus: CHATTOOL_CORPUS, or /tmp/corpus/npm.
func Dir() string {
	if d := os.Getenv("CHATTOOL_CORPUS"); d != "" {
		return d
	}
	return "/tmp/corpus/npm"
}

// File is a file of the corpus.
type File struct {
	Path string
	Src  []byte
}

// Load reads every file that keep accepts under Dir and under the folders
// listed in the environment variable extra (separated by the list
// separator; "" for none). It skips the test or benchmark when no file is
// found, and returns the files and their total size.
func Load(tb testing.TB, extra string, keep func(path string) bool) ([]File, int64) {
	tb.Helper()
	dirs := []string{Dir()}
	if extra != "" {
		if list := os.Getenv(extra); list != "" {
			dirs = append(dirs, filepath.SplitList(list)...)
		}
	}
	var files []File
	var total int64
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			tb.Logf("no corpus at %s (run ../shared/bench/corpus.sh)", dir)
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !keep(p) {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, File{p, src})
			total += int64(len(src))
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(files) == 0 {
		tb.Skipf("no corpus files under %v", dirs)
	}
	return files, total
}
