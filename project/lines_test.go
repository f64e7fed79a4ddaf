package project

import (
	"go/token"
	"slices"
	"testing"
)

// TestLineStarts: the line tables the loader sets are those
// token.File.SetLinesForContent would set.
func TestLineStarts(t *testing.T) {
	for _, s := range []string{"a", "\n", "\n\n", "a\n", "a\nb", "a\r\nb\r\n", "\n\na\n\nb", "é\n€\n"} {
		fs := token.NewFileSet()
		want := fs.AddFile("x", -1, len(s))
		want.SetLinesForContent([]byte(s))
		if got := lineStarts([]byte(s)); !slices.Equal(got, want.Lines()) || cap(got) != len(got) {
			t.Errorf("lineStarts(%q) = %v (capacity %d), want %v", s, got, cap(got), want.Lines())
		}
	}
}
