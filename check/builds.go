package check

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
)

// A uni-app or Taro source is checked twice when its build output is
// there (discover finds both): once as the source, read as the mini
// program it compiles to, and once as the mini program that was built.
// The build shows what the source cannot (the uploaded sizes, components
// resolved, code bundled from packages), the source says where to fix
// it. dedupeBuilds makes one report of the two: a finding of the build
// that its source reports too is dropped, and one in a script whose
// source map names a file of the source is reported there, at the
// mapped line and column.

// dedupeBuilds applies that to every job of a build output (its
// Target.Built is the source's target), once every job has run.
func dedupeBuilds(jobs []*Job) {
	for _, b := range jobs {
		if b.Target.Built == nil || b.Result == nil {
			continue
		}
		var src *Job
		for _, j := range jobs {
			if j.Target == b.Target.Built && j.Result != nil {
				src = j
			}
		}
		if src == nil {
			continue
		}
		dedupe(b, src)
	}
}

// dedupe drops from the build job b the findings its source job src
// reports too, and moves to src those a source map places there; the
// findings of the build keep no fix.
func dedupe(b, src *Job) {
	// What the source reports, by rule and message: each absorbs one
	// finding of the build.
	type key struct{ rule, msg string }
	open := map[key][]string{} // paths of the source's findings not matched yet
	at := map[string]bool{}    // rule, path and line of the source's findings
	for _, f := range src.Result.Findings {
		k := key{f.Rule, f.Message}
		open[k] = append(open[k], f.Path)
		at[place(f.Rule, f.Path, f.Start.Line)] = true
	}
	srcSource := src.Result.Source
	moved := map[string][]byte{}
	kept := b.Result.Findings[:0]
	for _, f := range b.Result.Findings {
		if g, ok := mapBack(b.Target.Dir, src.Target.Dir, f); ok {
			if !at[place(g.Rule, g.Path, g.Start.Line)] {
				at[place(g.Rule, g.Path, g.Start.Line)] = true
				src.Result.Findings = append(src.Result.Findings, g)
				if _, read := moved[g.Path]; !read {
					moved[g.Path], _ = os.ReadFile(filepath.Join(src.Target.Dir, filepath.FromSlash(g.Path)))
				}
			}
			continue
		}
		k := key{f.Rule, f.Message}
		if i := slices.IndexFunc(open[k], func(p string) bool { return comesFrom(f.Path, p) }); i >= 0 {
			open[k] = slices.Delete(open[k], i, i+1)
			continue // the source reports it
		}
		// The build is made from the source: fixing it would be undone
		// by the next build (and --fix would fix what the source fixed).
		f.Fixes = nil
		kept = append(kept, f)
	}
	b.Result.Findings = kept
	if len(moved) > 0 {
		sortFindings(src.Result.Findings)
		src.Result.Source = func(p string) []byte {
			if b, ok := moved[p]; ok {
				return b
			}
			if srcSource != nil {
				return srcSource(p)
			}
			return nil
		}
	}
}

func place(rule, path string, line int) string { return fmt.Sprintf("%s %s:%d", rule, path, line) }

// sortFindings sorts findings as the driver does: by path, line, column
// and rule.
func sortFindings(fs []lint.Finding) {
	slices.SortStableFunc(fs, func(a, b lint.Finding) int {
		switch {
		case a.Path != b.Path:
			return strings.Compare(a.Path, b.Path)
		case a.Start.Line != b.Start.Line:
			return a.Start.Line - b.Start.Line
		case a.Start.Column != b.Start.Column:
			return a.Start.Column - b.Start.Column
		}
		return strings.Compare(a.Rule, b.Rule)
	})
}

// comesFrom reports whether the built file at built (a path of the build
// output) can come from the source file at source (a path of the
// source): the same page or component, its .vue, .nvue, .tsx, .jsx, .ts
// or .js file making the built .js, .wxml, .wxss and .json; or any
// configuration file of the source making a built .json.
func comesFrom(built, source string) bool {
	ext := path.Ext(source)
	if path.Ext(built) == ".json" {
		switch path.Base(source) {
		case "pages.json", "manifest.json", "project.config.json":
			return true
		}
		if strings.Contains(source, ".config.") {
			return true // app.config.ts, a page's index.config.ts
		}
	}
	base := strings.TrimSuffix(built, path.Ext(built))
	src := strings.TrimSuffix(source, ext)
	return src == base || strings.HasSuffix(src, "/"+base) || src == "src/"+base
}

// mapBack places a finding of the build's scripts in the source, through
// the source map the build wrote beside the script (NAME.js.map), when
// the map names a file of the source that exists.
func mapBack(buildDir, srcDir string, f lint.Finding) (lint.Finding, bool) {
	if path.Ext(f.Path) != ".js" {
		return f, false
	}
	name := filepath.Join(buildDir, filepath.FromSlash(f.Path))
	raw, err := os.ReadFile(name + ".map")
	if err != nil {
		return f, false
	}
	source, line, col, ok := jsparse.MapBack(raw, f.Start.Line-1, f.Start.ColumnUTF16-1)
	if !ok {
		return f, false
	}
	abs := sourcePath(filepath.Dir(name), srcDir, source)
	rel, err := filepath.Rel(srcDir, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return f, false
	}
	text, err := os.ReadFile(abs)
	if err != nil {
		return f, false
	}
	pos, ok := position(text, line, col)
	if !ok {
		return f, false
	}
	g := f
	g.Path, g.Start, g.End, g.Fixes = filepath.ToSlash(rel), pos, pos, nil
	return g, true
}

// sourcePath resolves a source a map names: relative to the map's folder,
// or, for a bundler's URL (webpack://name/./src/x.vue), below the source
// folder.
func sourcePath(mapDir, srcDir, source string) string {
	if i := strings.Index(source, "://"); i >= 0 {
		rest := source[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			rest = rest[j+1:] // the bundle's name
		}
		rest, _, _ = strings.Cut(rest, "?")
		return filepath.Join(srcDir, filepath.FromSlash(strings.TrimPrefix(rest, "./")))
	}
	if filepath.IsAbs(source) {
		return source
	}
	return filepath.Join(mapDir, filepath.FromSlash(source))
}

// position is the place of a 0-based line and UTF-16 column in text.
func position(text []byte, line, col16 int) (lint.Position, bool) {
	off := 0
	for l := 0; l < line; l++ {
		i := strings.IndexByte(string(text[off:]), '\n')
		if i < 0 {
			return lint.Position{}, false
		}
		off += i + 1
	}
	p := lint.Position{Line: line + 1, Column: 1, ColumnUTF16: 1}
	for p.ColumnUTF16-1 < col16 && off < len(text) && text[off] != '\n' {
		r, n := utf8.DecodeRune(text[off:])
		off += n
		p.Column++
		p.ColumnUTF16++
		if r >= 0x10000 {
			p.ColumnUTF16++
		}
	}
	p.Offset = off
	return p, true
}
