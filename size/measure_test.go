package size

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

func loadDemo(tb testing.TB) *project.Project {
	tb.Helper()
	if _, err := os.Stat(demoDir); err != nil {
		tb.Skipf("no demo at %s", demoDir)
	}
	p, err := project.Load(demoDir, project.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestBoundHolds checks, file by file over the demo (or the project
// CHATTOOL_SIZE_BENCH names), with its settings and others, that Bound is never below the estimate: Check relies on it
// to skip packages far under their limit.
func TestBoundHolds(t *testing.T) {
	p := loadDemo(t)
	if dir := os.Getenv("CHATTOOL_SIZE_BENCH"); dir != "" {
		var err error
		if p, err = project.Load(dir, project.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []Settings{SettingsOf(p), {}, {ES6: true}, {Minify: true, MinifyWXSS: true, MinifyWXML: true}} {
		for _, f := range p.Upload().Files {
			if !textKinds[f.Kind()] {
				continue
			}
			pf, err := p.ReadFile(p.MP(f.Source))
			if err != nil {
				t.Fatal(err)
			}
			if b, e := Bound(f.Kind(), f.Compiled, pf.Src, s), Built(f.Kind(), f.Compiled, pf.Src, s); b < e {
				t.Errorf("%+v: %s: Bound %d < Built %d", s, f.MP, b, e)
			}
		}
	}
}

// TestCheckAgrees checks that Check estimates the packages near their
// limits as Measure does, and bounds the others above Measure's estimate.
func TestCheckAgrees(t *testing.T) {
	p := loadDemo(t)
	m, c := Measure(p, nil), Check(p, nil)
	for i, pkg := range c.Packages {
		want := m.Packages[i]
		switch {
		case pkg.Bounded && pkg.BuiltBytes < want.BuiltBytes:
			t.Errorf("%s: bound %d below the estimate %d", pkg.Name(), pkg.BuiltBytes, want.BuiltBytes)
		case !pkg.Bounded && pkg.BuiltBytes != want.BuiltBytes:
			t.Errorf("%s: Check %d, Measure %d", pkg.Name(), pkg.BuiltBytes, want.BuiltBytes)
		}
		t.Logf("%-40s bounded=%-5v %8d (estimate %d, limit %d)", pkg.Name(), pkg.Bounded, pkg.BuiltBytes, want.BuiltBytes, pkg.BudgetBytes)
	}
}

// BenchmarkMeasure estimates every file of the demo, as chattool-lint size
// does; BenchmarkCheck measures as the package-size rule does. Both count
// the uploaded source bytes.
func BenchmarkMeasure(b *testing.B) { benchmarkMeasure(b, Measure) }

func BenchmarkCheck(b *testing.B) { benchmarkMeasure(b, Check) }

// BenchmarkCheckParsed measures as the lint run does: with jsparse's
// results, which the run has already.
func BenchmarkCheckParsed(b *testing.B) {
	var scripts *jsparse.Result
	benchmarkMeasure(b, func(p *project.Project, used Used) *Report {
		if scripts == nil {
			scripts = jsparse.Load(p)
		}
		return CheckParsed(p, used, scripts)
	})
}

// CHATTOOL_SIZE_BENCH names another project to measure.
func benchmarkMeasure(b *testing.B, measure func(*project.Project, Used) *Report) {
	p := loadDemo(b)
	if dir := os.Getenv("CHATTOOL_SIZE_BENCH"); dir != "" {
		var err error
		if p, err = project.Load(dir, project.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	var n int64
	for _, f := range p.Upload().Files {
		n += f.Bytes
		if textKinds[f.Kind()] {
			p.ReadFile(p.MP(f.Source)) // read once, as the other analyzers would have
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		measure(p, nil)
	}
}

// BenchmarkParse loads the project and parses its scripts, templates and
// style sheets (its JSON files are parsed as it loads), as a lint run does
// before any rule: what the size pass's figures compare with.
func BenchmarkParse(b *testing.B) {
	dir := demoDir
	if d := os.Getenv("CHATTOOL_SIZE_BENCH"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no project at %s", dir)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := project.Load(dir, project.Options{})
		if err != nil {
			b.Fatal(err)
		}
		jsparse.Load(p)
		wxml.Load(p)
		wxss.Load(p)
	}
}

// BenchmarkCheckCached checks as BenchmarkCheck does, with the estimates of
// an earlier run in the cache: a project checked again.
func BenchmarkCheckCached(b *testing.B) {
	dir := b.TempDir()
	benchmarkMeasure(b, func(p *project.Project, used Used) *Report {
		p.Options.CacheDir = dir
		return Check(p, used)
	})
}

// TestCheckParsed: CheckParsed takes jsparse's verdict (nesting, syntax)
// for the bytes jsparse parsed, and reports what Check does.
func TestCheckParsed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// (A mini program root below the project: the report's paths are
	// mini program paths, the project's files are read by project path.)
	write("project.config.json", `{"miniprogramRoot":"mp/","setting":{"es6":true,"minified":true}}`)
	write("mp/app.json", `{"pages":["pages/a/a","pages/b/b"]}`)
	write("mp/pages/a/a.js", "Page({\n  onLoad() {\n    console.log('a')\n  }\n})\n")
	write("mp/pages/b/b.js", "const x = "+strings.Repeat("[", 2*jsparse.MaxNesting)+strings.Repeat("]", 2*jsparse.MaxNesting)+"\n")
	write("mp/pages/c/c.js", "bad \xff utf-8 "+strings.Repeat("(", 1500))
	// Budgets the packages are near: estimated, not bounded.
	p, err := project.Load(dir, project.Options{Budgets: project.Budgets{Package: 1000, Total: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	scripts := jsparse.Load(p)
	for _, mp := range []string{"pages/a/a.js", "pages/b/b.js"} {
		pf, err := p.ReadFile(p.MP(mp))
		if err != nil {
			t.Fatal(err)
		}
		got, want := knownVerdict(scripts, mp, pf.Src), verdictOf(jsparse.Parse(pf.Src, jsparse.JS))
		if got != want || !got.known || got.deep != jsparse.TooDeep(pf.Src) {
			t.Errorf("%s: knownVerdict = %+v, want %+v", mp, got, want)
		}
		// The same bytes elsewhere (a Source kept in a project.Memo from
		// an earlier load) have the verdict; other bytes of the same
		// length do not.
		if got := knownVerdict(scripts, mp, bytes.Clone(pf.Src)); got != want {
			t.Errorf("%s: a copy: knownVerdict = %+v, want %+v", mp, got, want)
		}
		other := bytes.Clone(pf.Src)
		other[len(other)-1] = ' '
		if got := knownVerdict(scripts, mp, other); got.known {
			t.Errorf("%s: other bytes: knownVerdict = %+v, want none", mp, got)
		}
	}
	// jsparse parsed c.js with the invalid byte read as a space: not the
	// bytes the estimate reads.
	if pf, err := p.ReadFile(p.MP("pages/c/c.js")); err != nil || knownVerdict(scripts, "pages/c/c.js", pf.Src).known {
		t.Errorf("c.js: depth taken from other bytes (err %v)", err)
	}
	// Every script of the report is one jsparse parsed.
	for _, f := range Measure(p, nil).Packages[0].Files {
		if pf, err := p.ReadFile(p.MP(f.Source)); f.Kind() == "js" && (err != nil || !knownVerdict(scripts, f.Source, pf.Src).known && f.Source != "pages/c/c.js") {
			t.Errorf("%s: no verdict from jsparse (err %v)", f.Source, err)
		}
	}
	before := ownParses.Load()
	CheckParsed(p, nil, scripts)
	if n := ownParses.Load() - before; n != 1 { // c.js, parsed from other bytes
		t.Errorf("CheckParsed parsed %d scripts again, want 1", n)
	}
	want, got := Measure(p, nil), CheckParsed(p, nil, scripts)
	if got.Total.BuiltBytes != Check(p, nil).Total.BuiltBytes || !got.Total.Bounded && got.Total.BuiltBytes != want.Total.BuiltBytes {
		t.Errorf("CheckParsed total %d, Check %d, Measure %d", got.Total.BuiltBytes, Check(p, nil).Total.BuiltBytes, want.Total.BuiltBytes)
	}
}
