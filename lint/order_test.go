package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/project"
)

// reverseRule reports every "x" of min.js, last first, as a rule may.
var reverseRule = NewRule(`// Package x.
//
// # Rule reverse-order
//
// reverse-order: reports backwards
//
// Default severity: warning
package x
`, "x", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		f, err := project.Of(pass).ReadFile("min.js")
		if err != nil {
			return nil, err
		}
		for i := len(f.Src) - 1; i >= 0; i-- {
			if f.Src[i] == 'x' {
				pass.Report(analysis.Diagnostic{Pos: f.Pos(i), Message: "x"})
			}
		}
		return nil, nil
	},
})

func reverseProject(tb testing.TB, n int) *project.Project {
	dir := tb.TempDir()
	src := strings.Repeat("中x;", n) // one line, wide characters before each finding
	if err := os.WriteFile(filepath.Join(dir, "min.js"), []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestReverseOrder checks that findings reported last first come out in
// order with the right columns.
func TestReverseOrder(t *testing.T) {
	res, err := Run(reverseProject(t, 1000), []*Rule{reverseRule})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1000 {
		t.Fatalf("%d findings, want 1000", len(res.Findings))
	}
	for i, f := range res.Findings {
		if f.Start.Line != 1 || f.Start.Column != 3*i+2 || f.Start.ColumnUTF16 != 3*i+2 {
			t.Fatalf("finding %d at %+v, want line 1 column %d", i, f.Start, 3*i+2)
		}
	}
}

// BenchmarkReverseOrder: 50,000 findings on one 450 KB line, reported last
// first. Resolved in the order reported, each would walk the line from its
// start (quadratic); the driver resolves them in file order.
func BenchmarkReverseOrder(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		p := reverseProject(b, 50000)
		b.StartTimer()
		if _, err := Run(p, []*Rule{reverseRule}); err != nil {
			b.Fatal(err)
		}
	}
}
