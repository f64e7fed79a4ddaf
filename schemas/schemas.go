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
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chattool-lint/chattool-lint/internal/suggest"
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
	var out []Error
	flatten(ve, &out)
	return out, nil
}

func flatten(e *jsonschema.ValidationError, out *[]Error) {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
		for _, c := range e.Causes {
			flatten(c, out)
		}
	case *kind.AnyOf, *kind.OneOf:
		if k, ok := k.(*kind.OneOf); ok && len(k.Subschemas) > 1 {
			*out = append(*out, Error{Kind: Invalid, Pointer: e.InstanceLocation,
				Message: subject(e.InstanceLocation) + " matches more than one of the allowed forms"})
			return
		}
		flattenAlternatives(e, out)
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			msg := fmt.Sprintf("unknown key %q in %s", p, container(e.InstanceLocation))
			if s := suggest.Closest(p, vocab); s != "" {
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
func flattenAlternatives(e *jsonschema.ValidationError, out *[]Error) {
	var types []string
	var got string
	allTypes := len(e.Causes) > 0
	var best []Error
	bestDepth := -1
	for _, c := range e.Causes {
		var errs []Error
		flatten(c, &errs)
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
