package jsparse

import (
	"path/filepath"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
	"github.com/chattool-lint/chattool-lint/project"
)

type corpusFile struct {
	corpus.File
	lang Lang
}

// loadCorpus loads the scripts of the npm corpus (internal/corpus).
func loadCorpus(tb testing.TB) ([]corpusFile, int64) {
	all, total := corpus.Load(tb, "", func(p string) bool { _, ok := LangOf(p); return ok })
	files := make([]corpusFile, len(all))
	for i, f := range all {
		lang, _ := LangOf(f.Path)
		files[i] = corpusFile{f, lang}
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
		s := Parse(f.Src, f.lang)
		if s.Err != nil && filepath.ToSlash(mustRel(f.Path)) == knownBroken {
			broken = true
		}
		rel, _ := filepath.Rel(corpus.Dir(), f.Path)
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
	rel, _ := filepath.Rel(corpus.Dir(), p)
	return rel
}

// BenchmarkCorpus measures parsing and the facts walk over the corpus.
func BenchmarkCorpus(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Parse(f.Src, f.lang).Facts()
		}
	}
}

// BenchmarkSobekFloor parses the corpus's scripts with sobek's parser alone
// (module mode, as Parse tries first), on every core: what any run that
// checks them with sobek spends at least. bench/run.sh's 10x corpus holds
// ten copies of these files: ten times this is its floor.
func BenchmarkSobekFloor(b *testing.B) {
	files, _ := loadCorpus(b)
	var codes []string
	var total int64
	for _, f := range files {
		if f.lang != TS {
			codes = append(codes, string(f.Src))
			total += int64(len(f.Src))
		}
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		project.Parallel(len(codes), func(i int) { sobekParse(codes[i], true) })
	}
}
