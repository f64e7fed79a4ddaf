// Package schemas embeds the JSON Schemas (draft 2020-12) of the mini program
// configuration files, written from WeChat's official documentation, and
// validates parsed files against them.
//
// Each schema lists every documented key of every object with
// additionalProperties false, so that an unknown key is an error the caller
// can report (as a warning: WeChat adds keys faster than it documents them).
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed *.schema.json
var files embed.FS

// Names are the schemas this package holds, by the name Validate takes.
var Names = []string{"app", "page", "component", "project.config", "sitemap", "chattool-lint"}

// Kind classifies a validation error.
type Kind uint8

const (
	// Unknown is a key the schema does not list.
	Unknown Kind = iota
	// Missing is a required key that is absent.
	Missing
	// Invalid is a value of the wrong type, outside an enum, or otherwise
	// not what the schema allows.
	Invalid
)

// Error is one schema violation.
type Error struct {
	Kind Kind
	// Pointer is the JSON Pointer (unescaped tokens) of the value concerned:
	// the unknown key itself for Unknown, the object missing the key for
	// Missing, the offending value for Invalid.
	Pointer []string
	Message string
}

var (
	once     sync.Once
	compiled map[string]*jsonschema.Schema
	vocab    []string
	known    *lexicon
	initErr  error
	printer  = message.NewPrinter(language.English)
)

func load() {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	compiled = map[string]*jsonschema.Schema{}
	words := map[string]bool{}
	for _, name := range Names {
		file := name + ".schema.json"
		data, err := files.ReadFile(file)
		if err != nil {
			initErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			initErr = fmt.Errorf("%s: %w", file, err)
			return
		}
		collectPropertyNames(doc, words)
		if err := c.AddResource(file, doc); err != nil {
			initErr = fmt.Errorf("%s: %w", file, err)
			return
		}
		s, err := c.Compile(file)
		if err != nil {
			initErr = fmt.Errorf("%s: %w", file, err)
			return
		}
		compiled[name] = s
	}
	for w := range words {
		vocab = append(vocab, w)
	}
	sort.Strings(vocab)
	known = newLexicon(vocab)
}

// Raw returns the source of a schema, by name.
func Raw(name string) ([]byte, error) { return files.ReadFile(name + ".schema.json") }

// collectPropertyNames gathers every key named under a "properties" object of
// a schema, for "did you mean" suggestions.
func collectPropertyNames(v any, words map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			for k := range props {
				words[k] = true
			}
		}
		for _, c := range v {
			collectPropertyNames(c, words)
		}
	case []any:
		for _, c := range v {
			collectPropertyNames(c, words)
		}
	}
}

// Validate validates a document (as produced by encoding/json with UseNumber,
// or jsonc.Value.Interface) against the named schema.
func Validate(name string, doc any) ([]Error, error) {
	once.Do(load)
	if initErr != nil {
		return nil, initErr
	}
	s := compiled[name]
	if s == nil {
		return nil, fmt.Errorf("no schema named %q", name)
	}
	err := s.Validate(doc)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	f := flattener{suggested: map[string]string{}}
	var out []Error
	f.flatten(ve, &out)
	return out, nil
}

// A flattener turns a validation error tree into Errors. suggested keeps
// the "did you mean" found for each unknown key, so that a key unknown in
// many places (or in each branch of an anyOf) is looked up once.
type flattener struct {
	suggested map[string]string
}

func (f *flattener) suggest(key string) string {
	s, ok := f.suggested[key]
	if !ok {
		s = known.closest(key)
		f.suggested[key] = s
	}
	return s
}

func (f *flattener) flatten(e *jsonschema.ValidationError, out *[]Error) {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
		for _, c := range e.Causes {
			f.flatten(c, out)
		}
	case *kind.AnyOf, *kind.OneOf:
		if k, ok := k.(*kind.OneOf); ok && len(k.Subschemas) > 1 {
			*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
				Message: subject(e.InstanceLocation) + " matches more than one of the allowed forms"})
			return
		}
		f.flattenAlternatives(e, out)
	case *kind.AdditionalProperties:
		// (In the order of the keys: the validator lists them in the
		// order of a map's iteration, which changes from run to run.)
		sort.Strings(k.Properties)
		for _, p := range k.Properties {
			msg := fmt.Sprintf("unknown key %q in %s", p, container(e.InstanceLocation))
			if s := f.suggest(p); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			*out = append(*out, Error{Kind: Unknown, Pointer: append(clone(e.InstanceLocation), p), Message: msg})
		}
	case *kind.Required:
		for _, m := range k.Missing {
			*out = append(*out, Error{Kind: Missing, Pointer: e.InstanceLocation,
				Message: fmt.Sprintf("missing required key %q in %s", m, container(e.InstanceLocation))})
		}
	case *kind.Type:
		*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
			Message: fmt.Sprintf("%s must be %s, not %s", subject(e.InstanceLocation), orList(k.Want), article(k.Got))})
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = quote(w)
		}
		*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
			Message: fmt.Sprintf("%s is %s; allowed: %s", subject(e.InstanceLocation), quote(k.Got), strings.Join(want, ", "))})
	case *kind.Const:
		*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
			Message: fmt.Sprintf("%s is %s; it must be %s", subject(e.InstanceLocation), quote(k.Got), quote(k.Want))})
	default:
		*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
			Message: subject(e.InstanceLocation) + ": " + e.ErrorKind.LocalizedString(printer)})
	}
}

// flattenAlternatives reports an anyOf/oneOf that no branch satisfied. When
// every branch failed on the type of the same value, one message lists the
// types; otherwise the branch that got furthest into the value is reported.
func (f *flattener) flattenAlternatives(e *jsonschema.ValidationError, out *[]Error) {
	var types []string
	var got string
	allTypes := len(e.Causes) > 0
	var best []Error
	bestDepth := -1
	for _, c := range e.Causes {
		var errs []Error
		f.flatten(c, &errs)
		if len(errs) == 1 {
			if t := typeKind(c); t != nil && len(errs[0].Pointer) == len(e.InstanceLocation) {
				types = append(types, t.Want...)
				got = t.Got
				continue
			}
		}
		allTypes = false
		depth := 0
		for _, x := range errs {
			depth = max(depth, len(x.Pointer))
		}
		if depth > bestDepth || (depth == bestDepth && len(errs) < len(best)) {
			best, bestDepth = errs, depth
		}
	}
	if allTypes {
		*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
			Message: fmt.Sprintf("%s must be %s, not %s", subject(e.InstanceLocation), orList(types), article(got))})
		return
	}
	*out = append(*out, best...)
}

func typeKind(e *jsonschema.ValidationError) *kind.Type {
	for {
		if t, ok := e.ErrorKind.(*kind.Type); ok {
			return t
		}
		if len(e.Causes) != 1 {
			return nil
		}
		e = e.Causes[0]
	}
}

func clone(s []string) []string { return append([]string(nil), s...) }

// subject names the value at a pointer for a message: its key, quoted, or
// its place in an array.
func subject(ptr []string) string {
	if len(ptr) == 0 {
		return "the file"
	}
	last := ptr[len(ptr)-1]
	if len(ptr) >= 2 && isIndex(last) {
		return fmt.Sprintf("%q[%s]", ptr[len(ptr)-2], last)
	}
	return fmt.Sprintf("%q", last)
}

func container(ptr []string) string {
	if len(ptr) == 0 {
		return "the top-level object"
	}
	return subject(ptr)
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func article(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	case "null":
		return "null"
	}
	return "a " + t
}

func orList(ws []string) string {
	seen := map[string]bool{}
	var parts []string
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			parts = append(parts, article(w))
		}
	}
	switch len(parts) {
	case 0:
		return "something else"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func quote(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// A lexicon is a sorted list of known words that finds the one a word was
// meant to be (suggest.Closest, with the same answers) in time bounded by
// the length of the known words, whatever the word: a file may hold
// hundreds of thousands of unknown keys, each looked up. It compares a word
// only with the known words of about its length that have about its
// letters, and stops comparing as soon as the edit distance exceeds the
// limit.
type lexicon struct {
	words []string
	// lower holds each word lowercased, as runes, and sigs the letters in
	// it (runeSig); folded maps each word's case fold (foldKey) to the
	// first word with it.
	lower  [][]rune
	sigs   []uint64
	folded map[string]string
	maxLen int // the most runes of a word
}

func newLexicon(words []string) *lexicon {
	l := &lexicon{words: words, folded: map[string]string{}}
	for _, w := range words {
		lw := []rune(strings.ToLower(w))
		l.lower = append(l.lower, lw)
		l.sigs = append(l.sigs, runeSig(lw))
		l.maxLen = max(l.maxLen, len(lw))
		if k := foldKey(w); l.folded[k] == "" {
			l.folded[k] = w
		}
	}
	return l
}

// closest returns suggest.Closest(word, l.words).
func (l *lexicon) closest(word string) string {
	n := utf8.RuneCountInString(word)
	limit := 2
	if n <= 3 {
		limit = 1
	}
	if n > l.maxLen+limit {
		// Too long to be a known word, equal but for case or within the
		// limit of edits.
		return ""
	}
	if w, ok := l.folded[foldKey(word)]; ok {
		return w
	}
	lw := []rune(strings.ToLower(word))
	sig := runeSig(lw)
	best, bestD := "", limit+1
	var buf distBuf
	for i, c := range l.lower {
		// Each letter of one word that the other lacks takes an edit.
		if bits.OnesCount64(sig&^l.sigs[i]) > limit || bits.OnesCount64(l.sigs[i]&^sig) > limit {
			continue
		}
		if d := buf.within(lw, c, limit); d < bestD {
			// (Words come in order: an equal distance keeps the first.)
			best, bestD = l.words[i], d
		}
	}
	return best
}

// runeSig is the set of the runes of w, as bits: one for each lowercase
// ASCII letter and digit, the others sharing the rest. (Runes that share a
// bit only make the sets look more alike.)
func runeSig(w []rune) uint64 {
	var sig uint64
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			sig |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			sig |= 1 << (26 + r - '0')
		default:
			sig |= 1 << (36 + uint32(r)%28)
		}
	}
	return sig
}

// foldKey maps each rune of s to the smallest rune of its case-folding
// orbit (unicode.SimpleFold): two strings have the same key exactly when
// strings.EqualFold holds of them (which also reads each invalid byte as
// U+FFFD).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// distBuf holds the two rows within computes with.
type distBuf struct{ prev, cur []int }

// within returns the edit distance (Levenshtein, in runes) between a and b
// when it is at most k, else k+1. It fills only the cells within k of the
// diagonal, and stops at the first row whose cells all exceed k: at most
// (2k+1)·len(a) steps, usually a few.
func (buf *distBuf) within(a, b []rune, k int) int {
	if len(a)-len(b) > k || len(b)-len(a) > k {
		return k + 1
	}
	const far = 1 << 30
	if cap(buf.prev) < len(b)+2 {
		buf.prev, buf.cur = make([]int, len(b)+2), make([]int, len(b)+2)
	}
	prev, cur := buf.prev[:len(b)+2], buf.cur[:len(b)+2]
	for j := range prev {
		prev[j] = far
		if j <= k && j <= len(b) {
			prev[j] = j
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		if lo == 1 {
			cur[0] = i // (within the band: i <= k)
		} else {
			cur[lo-1] = far
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		cur[hi+1] = far
		if rowMin > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], k+1)
}
