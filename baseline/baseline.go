// Package baseline reads, writes and matches a baseline file: the findings a
// project had when it adopted chattool-lint, which --baseline then leaves
// out so that only new ones are reported.
//
// A finding is recorded by its file, its rule and a fingerprint of the line
// it is on, never by its line number or its message: code above it can move
// and a message can change its figures (a size, a count) and the finding
// stays recorded, while a finding of the same rule on another line, or in
// another file, is new. Each entry counts the findings that share its file,
// rule and fingerprint, so that a second copy of a recorded mistake is new
// too.
//
// The fingerprint (Fingerprint) is the first 16 hex digits of the SHA-256
// of the line's text with every white-space character left out (spaces,
// tabs, a CR before the line break, a byte order mark), so re-indenting or
// re-spacing a line keeps it. A line longer than LongLine bytes (minified
// code) is represented by the Window bytes on either side of the finding
// instead, so that one change in it does not bring back every finding of
// the file. A finding about a whole file (an empty span at its first byte:
// unused-file, subpackage-only-code, media-size) has the fingerprint
// "file", whatever its first line holds.
//
// The file is JSON, written sorted by file, rule and fingerprint with one
// key per line, so that it reads and diffs well in code review:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {
//	      "file": "miniprogram/pages/vote/index.ts",
//	      "rule": "chattool-disabled-api",
//	      "fingerprint": "6f1e0c3b9d2a4e57",
//	      "count": 1,
//	      "code": "wx.navigateToMiniProgram({appId:'wx123'})",
//	      "message": "wx.navigateToMiniProgram: chat-tool mode disables jumps to other mini programs"
//	    }
//	  ]
//	}
//
// file is a slash path relative to the baseline file's folder, so the
// baseline works from any current folder. code (the line, shortened) and
// message (the first such finding's) are there for the reader; matching
// reads only file, rule, fingerprint and count.
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

// Version is the version of the file format this package reads and writes.
const Version = 1

// FileLevel is the fingerprint of a finding about a whole file.
const FileLevel = "file"

const (
	// LongLine is the length in bytes past which a line is fingerprinted
	// by the text around the finding rather than whole.
	LongLine = 500
	// Window is how many bytes on either side of a finding stand for a
	// long line.
	Window = 100
	// codeWidth is how many characters of the line an entry shows.
	codeWidth = 120
)

// Key is what findings are matched by.
type Key struct {
	// File is a slash path relative to the baseline file's folder.
	File        string
	Rule        string
	Fingerprint string
}

// Entry is one line of the baseline: Count findings of one Key.
type Entry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Code and Message are for the reader; matching ignores them.
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// Key returns the entry's key.
func (e *Entry) Key() Key { return Key{e.File, e.Rule, e.Fingerprint} }

// Baseline is the content of a baseline file.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Parse reads a baseline file's content. Entries of the same key are
// added up.
func Parse(data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a chattool-lint baseline: %v", err)
	}
	if dec.More() {
		return nil, errors.New("not a chattool-lint baseline: more than one JSON value")
	}
	switch {
	case b.Version == 0:
		return nil, errors.New(`not a chattool-lint baseline: no "version"`)
	case b.Version > Version:
		return nil, fmt.Errorf("baseline version %d, newer than this chattool-lint reads (%d): update chattool-lint", b.Version, Version)
	case b.Version < Version:
		return nil, fmt.Errorf("baseline version %d is not supported", b.Version)
	}
	for i, e := range b.Findings {
		switch {
		case e.File == "" || e.Rule == "" || e.Fingerprint == "":
			return nil, fmt.Errorf("findings[%d]: file, rule and fingerprint are required", i)
		case e.Count < 1:
			return nil, fmt.Errorf("findings[%d]: count %d, want at least 1", i, e.Count)
		}
	}
	b.Findings = merge(b.Findings)
	return &b, nil
}

// Read reads and parses the baseline file at path.
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return b, nil
}

// merge sorts entries by key and adds up the counts of equal keys, keeping
// the first one's code and message.
func merge(entries []Entry) []Entry {
	slices.SortStableFunc(entries, func(a, b Entry) int { return compareKeys(a.Key(), b.Key()) })
	out := entries[:0]
	for _, e := range entries {
		if n := len(out); n > 0 && out[n-1].Key() == e.Key() {
			out[n-1].Count += e.Count
			continue
		}
		out = append(out, e)
	}
	return out
}

func compareKeys(a, b Key) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
}

// New returns a baseline of entries (in any order, keys repeated or not).
func New(entries []Entry) *Baseline {
	return &Baseline{Version: Version, Findings: merge(slices.Clone(entries))}
}

// Marshal returns the file's content: indented JSON, entries sorted, no
// HTML escaping, a final newline. The same entries always give the same
// bytes.
func (b *Baseline) Marshal() []byte {
	out := Baseline{Version: Version, Findings: merge(slices.Clone(b.Findings))}
	if out.Findings == nil {
		out.Findings = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err) // strings and ints only
	}
	return buf.Bytes()
}

// Write writes b to path through a temporary file in the same folder,
// renamed over it, so a reader never sees half a baseline.
func (b *Baseline) Write(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".chattool-lint-baseline-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b.Marshal())
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Total is the number of findings the baseline records.
func (b *Baseline) Total() int {
	n := 0
	for _, e := range b.Findings {
		n += e.Count
	}
	return n
}

// Matcher drops the findings a baseline records, each entry as many times
// as its count.
type Matcher struct {
	left  map[Key]int
	order []Key
}

// NewMatcher returns a matcher for b.
func NewMatcher(b *Baseline) *Matcher {
	m := &Matcher{left: map[Key]int{}}
	for _, e := range b.Findings {
		k := e.Key()
		if _, ok := m.left[k]; !ok {
			m.order = append(m.order, k)
		}
		m.left[k] += e.Count
	}
	return m
}

// Match reports whether a finding of key is recorded, and uses up one of
// the entry's count if so. Call it on findings in their report order, so
// that of two copies of a line the first is the recorded one.
func (m *Matcher) Match(k Key) bool {
	if m.left[k] > 0 {
		m.left[k]--
		return true
	}
	return false
}

// Stale returns the entries (with the count not matched) that no finding
// matched, among those inScope accepts (nil: all): what a new
// --write-baseline would prune.
func (m *Matcher) Stale(inScope func(Key) bool) []Entry {
	var out []Entry
	for _, k := range m.order {
		if n := m.left[k]; n > 0 && (inScope == nil || inScope(k)) {
			out = append(out, Entry{File: k.File, Rule: k.Rule, Fingerprint: k.Fingerprint, Count: n})
		}
	}
	return out
}

// IsFileLevel reports whether f is about a whole file: a finding without a
// line, or an empty span at the file's first byte, which is how the rules
// report a file as a whole (it is shown at 1:1).
func IsFileLevel(f *lint.Finding) bool {
	if f.Start.Line < 1 {
		return true
	}
	return f.Start.Offset == 0 && f.Start.Line == 1 &&
		(f.End.Line < 1 || f.End.Offset == f.Start.Offset)
}

// Fingerprinter fingerprints the findings of the files of one project,
// keeping each file's line table, and each line's fingerprint, for the
// next finding in it.
type Fingerprinter struct {
	// Source returns the content of a file by Finding.Path (nil when
	// unknown: every line of it is then empty).
	Source func(path string) []byte
	files  map[string]*fileLines
}

type fileLines struct {
	src    []byte
	starts []int             // byte offset of each line's start
	done   map[int][2]string // line -> fingerprint, code (short lines only)
}

// Fingerprint returns the fingerprint of f and the text shown for it
// (the line, white space squeezed, shortened to 120 characters).
func (fp *Fingerprinter) Fingerprint(f *lint.Finding) (fingerprint, code string) {
	if IsFileLevel(f) {
		return FileLevel, ""
	}
	if fp.files == nil {
		fp.files = map[string]*fileLines{}
	}
	fl := fp.files[f.Path]
	if fl == nil {
		var src []byte
		if fp.Source != nil {
			src = fp.Source(f.Path)
		}
		fl = &fileLines{src: src, starts: lineStarts(src), done: map[int][2]string{}}
		fp.files[f.Path] = fl
	}
	if r, ok := fl.done[f.Start.Line]; ok {
		return r[0], r[1]
	}
	line := fl.line(f.Start.Line)
	if len(line) <= LongLine {
		fingerprint, code = Fingerprint(line), Code(line)
		fl.done[f.Start.Line] = [2]string{fingerprint, code}
		return fingerprint, code
	}
	// A long line: the text around the finding, by its offset when it
	// falls in the line (else around the column).
	ls := fl.starts[f.Start.Line-1]
	at := f.Start.Offset - ls
	if at < 0 || at > len(line) {
		at = min(max(f.Start.Column-1, 0), len(line))
	}
	w := window(line, at)
	return Fingerprint(w), Code(w)
}

// line returns the text of line n (1-based) without its line break, or
// nil when there is no such line.
func (fl *fileLines) line(n int) []byte {
	if n < 1 || n > len(fl.starts) {
		return nil
	}
	start := fl.starts[n-1]
	end := len(fl.src)
	if n < len(fl.starts) {
		end = fl.starts[n] - 1 // the \n
	}
	return bytes.TrimSuffix(fl.src[start:end], []byte("\r"))
}

// lineStarts returns the offset where each line starts. Lines end at "\n"
// (a "\r" before it is dropped by line), as the finding positions count.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// window returns the bytes of line from Window before at to Window after,
// cut at character boundaries.
func window(line []byte, at int) []byte {
	from, to := max(at-Window, 0), min(at+Window, len(line))
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to++
	}
	return line[from:to]
}

// Fingerprint is the fingerprint of a line's text: the first 16 hex
// digits of the SHA-256 of its bytes without white space.
func Fingerprint(line []byte) string {
	h := sha256.Sum256(squeeze(line, false))
	return hex.EncodeToString(h[:8])
}

// squeeze leaves out white space and byte order marks (keep: collapses
// runs of white space to one space and trims the ends instead). Bytes that
// are not UTF-8 are kept as they are.
func squeeze(b []byte, keep bool) []byte {
	out := make([]byte, 0, len(b))
	space := false
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			r = 0
		}
		if r == '\uFEFF' || unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		if keep && space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, b[i:i+n]...)
		i += n
	}
	return out
}

// Code is how a line is shown in a baseline entry: white space squeezed,
// at most 120 characters (an ellipsis ends a longer one), invalid UTF-8
// replaced.
func Code(line []byte) string {
	s := strings.ToValidUTF8(string(squeeze(line, true)), "\uFFFD")
	if utf8.RuneCountInString(s) <= codeWidth {
		return s
	}
	n := 0
	for i := range s {
		if n == codeWidth-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
