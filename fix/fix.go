// Package fix applies the safe fixes that rules attach to their findings:
// to files on disk (--fix), or as a unified diff of what --fix would change
// (--diff).
//
// Each finding contributes its first fix. A fix whose edits overlap edits
// already taken (from an earlier finding, in the report's order) is skipped
// whole and listed in Plan.Skipped: running --fix again applies it to the
// fixed file, as ESLint and Ruff do. Identical edits from two findings count
// once, and insertions at the same place are made in the report's order.
package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/chattool-lint/chattool-lint/lint"
)

// Plan is what the fixes of one lint.Result change.
type Plan struct {
	// Dir is the project directory (lint.Result.Dir) the paths are in.
	Dir string
	// Files are the files the fixes change, by path.
	Files []*File
	// Fixed are the findings whose fix is applied.
	Fixed []*lint.Finding
	// Skipped are the fixes left out, and why.
	Skipped []Skipped
}

// File is one changed file.
type File struct {
	// Path is relative to Dir, with forward slashes (as lint.Finding.Path).
	Path string
	// Old is the content the linter read; New the content with the fixes.
	Old, New []byte
}

// Skipped is a fix that was not applied.
type Skipped struct {
	Finding *lint.Finding
	Fix     *lint.Fix
	Reason  string
}

func (s Skipped) String() string {
	f := s.Finding
	return fmt.Sprintf("%s:%d:%d: fix %q (%s) skipped: %s", f.Path, f.Start.Line, f.Start.Column, s.Fix.Message, f.Rule, s.Reason)
}

// Changed reports whether the plan changes any file.
func (p *Plan) Changed() bool { return len(p.Files) > 0 }

// Compute plans the fixes of res's findings, in their order: each finding's
// first fix, against the sources the linter read (res.Source). Suppressed
// findings are not fixed.
func Compute(res *lint.Result) *Plan {
	p := &Plan{Dir: res.Dir}
	taken := map[string][]lint.Edit{} // by path
	var order []string
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed != nil || len(f.Fixes) == 0 {
			continue
		}
		fx := &f.Fixes[0]
		if reason := check(res, fx, taken); reason != "" {
			p.Skipped = append(p.Skipped, Skipped{Finding: f, Fix: fx, Reason: reason})
			continue
		}
		for _, e := range fx.Edits {
			if slices.ContainsFunc(taken[e.Path], func(t lint.Edit) bool { return same(t, e) }) {
				continue
			}
			if taken[e.Path] == nil {
				order = append(order, e.Path)
			}
			taken[e.Path] = append(taken[e.Path], e)
		}
		p.Fixed = append(p.Fixed, f)
	}
	slices.Sort(order)
	for _, path := range order {
		old := res.Source(path)
		// check made sure the edits apply.
		nw, _ := Apply(old, taken[path])
		if !bytes.Equal(old, nw) {
			p.Files = append(p.Files, &File{Path: path, Old: old, New: nw})
		}
	}
	return p
}

// check returns why fix cannot be taken ("" if it can): its file is not
// available, an edit lies outside it, its edits overlap each other, or they
// overlap edits taken already.
func check(res *lint.Result, fix *lint.Fix, taken map[string][]lint.Edit) string {
	if len(fix.Edits) == 0 {
		return "it has no edits"
	}
	for i, e := range fix.Edits {
		if res.Source == nil || res.Source(e.Path) == nil {
			return "the content of " + e.Path + " is not available"
		}
		if e.Start.Offset < 0 || e.End.Offset < e.Start.Offset || e.End.Offset > len(res.Source(e.Path)) {
			return fmt.Sprintf("an edit (bytes %d to %d) lies outside %s", e.Start.Offset, e.End.Offset, e.Path)
		}
		for _, o := range fix.Edits[:i] {
			if o.Path == e.Path && overlap(o, e) {
				return "its own edits overlap"
			}
		}
		for _, t := range taken[e.Path] {
			if !same(t, e) && overlap(t, e) {
				return "it overlaps the fix of an earlier finding; run --fix again"
			}
		}
	}
	return ""
}

// overlap reports whether two edits of a file touch the same bytes. An
// insertion at either end of a range does not; two different insertions at
// the same place do not either (they are made in order).
func overlap(a, b lint.Edit) bool {
	return a.Start.Offset < b.End.Offset && b.Start.Offset < a.End.Offset
}

func same(a, b lint.Edit) bool {
	return a.Path == b.Path && a.Start.Offset == b.Start.Offset && a.End.Offset == b.End.Offset && a.NewText == b.NewText
}

// Apply applies edits of one file to src and returns the new content. The
// edits must not overlap; insertions at the same place keep their order.
// They are applied from the end of the file backwards, so that the offsets
// of the edits not yet applied still hold.
func Apply(src []byte, edits []lint.Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b lint.Edit) int {
		return cmp.Or(cmp.Compare(a.Start.Offset, b.Start.Offset), cmp.Compare(a.End.Offset, b.End.Offset))
	})
	for i, e := range sorted {
		if e.Start.Offset < 0 || e.End.Offset < e.Start.Offset || e.End.Offset > len(src) {
			return nil, fmt.Errorf("edit of bytes %d to %d lies outside the %d bytes of %s", e.Start.Offset, e.End.Offset, len(src), e.Path)
		}
		if i > 0 && sorted[i-1].End.Offset > e.Start.Offset {
			return nil, fmt.Errorf("edits of %s overlap at byte %d", e.Path, e.Start.Offset)
		}
	}
	out := slices.Clone(src)
	for i := len(sorted) - 1; i >= 0; i-- {
		e := sorted[i]
		out = slices.Concat(out[:e.Start.Offset], []byte(e.NewText), out[e.End.Offset:])
	}
	return out, nil
}
