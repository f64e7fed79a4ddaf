package jsparse

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the npm corpus of ../shared/bench/corpus.sh; set
// CHATTOOL_CORPUS to use another folder.
func corpusDir() string {
	if d := os.Getenv("CHATTOOL_CORPUS"); d != "" {
		return d
	}
	return "/tmp/corpus/npm"
}

type corpusFile struct {
	path string
	lang Lang
	src  []byte
}

func loadCorpus(tb testing.TB) ([]corpusFile, int64) {
	dir := corpusDir()
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("no corpus at %s (run ../shared/bench/corpus.sh)", dir)
	}
	var files []corpusFile
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		lang, ok := LangOf(p)
		if !ok {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, corpusFile{p, lang, src})
		total += int64(len(src))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files, total
}

// knownBroken has `props:{childs:,opts:[]}`: a syntax error WeChat's
// compiler rejects too.
const knownBroken = "mp-html@2.5.2/dist/mp-alipay/node/node.js"

// TestCorpus parses every script of the npm corpus. One file there is
// genuinely broken (mp-html's markdown plugin); every other file must parse,
// fully (no fallback).
func TestCorpus(t *testing.T) {
	files, _ := loadCorpus(t)
	broken := false
	for _, f := range files {
		s := Parse(f.src, f.lang)
		if s.Err != nil && filepath.ToSlash(mustRel(f.path)) == knownBroken {
			broken = true
		}
		rel, _ := filepath.Rel(corpusDir(), f.path)
		switch {
		case s.Err != nil && filepath.ToSlash(rel) == knownBroken:
		case s.Err != nil:
			t.Errorf("parse-error %s: offset %d: %s", rel, s.Err.Offset, s.Err.Message)
		case s.Limited:
			t.Errorf("limited %s: %s", rel, s.Limitation.Message)
		}
	}
	if !broken {
		t.Errorf("%s parsed, but it has a syntax error", knownBroken)
	}
}

func mustRel(p string) string {
	rel, _ := filepath.Rel(corpusDir(), p)
	return rel
}

// BenchmarkCorpus measures parsing and the facts walk over the corpus.
func BenchmarkCorpus(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Parse(f.src, f.lang).Facts()
		}
	}
}
