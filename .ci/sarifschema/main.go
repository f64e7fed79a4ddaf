// Command sarifschema validates SARIF files against a SARIF 2.1.0 JSON
// schema. .ci/validate-sarif.sh runs it next to Microsoft's SARIF validator,
// which checks much more but silently checks nothing at all when a file has a
// value its object model can't read (such as "level": "fatal"):
//
//	go run ./.ci/sarifschema -schema sarif-2.1.0.json FILE...
//
// The schema is the one the @microsoft/sarif-multitool-linux npm package ships
// as sarif-2.1.0.json: the OASIS SARIF 2.1.0 schema in JSON Schema draft
// 2020-12, as GitHub's upload-sarif action also uses it. Formats (uri,
// uri-reference, date-time, uuid) are asserted, uri and uri-reference by the
// letter of RFC 3986 (the library's own check is Go's lenient url.Parse), so an
// unescaped space or non-ASCII character in a uri is an error here, where
// GitHub's uploader only warns.
//
// It prints "FILE: ok" or the file's errors, and exits 1 if a file is
// invalid, 2 if it couldn't check.
package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func main() {
	schema := flag.String("schema", "", "the SARIF 2.1.0 JSON schema `file`")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: sarifschema -schema SCHEMA.json FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *schema == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	sch, err := compile(*schema)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sarifschema:", err)
		os.Exit(2)
	}
	status := 0
	for _, file := range flag.Args() {
		err := validate(sch, file)
		switch err.(type) {
		case nil:
			fmt.Printf("%s: ok\n", file)
		case *jsonschema.ValidationError:
			fmt.Printf("%s: invalid: %#v\n", file, err)
			status = max(status, 1)
		default:
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			status = 2
		}
	}
	os.Exit(status)
}

// compile loads and compiles the schema in file, asserting formats. It
// loads nothing else: the 2020-12 meta-schema is built in.
func compile(file string) (*jsonschema.Schema, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: func(v any) error { return checkURI(v, true) }})
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: func(v any) error { return checkURI(v, false) }})
	return c.Compile(abs)
}

// checkURI checks that a string is an RFC 3986 URI (abs) or URI reference:
// only characters the RFC allows, "%" only in escapes, and a scheme when abs.
func checkURI(v any, abs bool) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	const allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" +
		"-._~" + // unreserved
		":/?#[]@" + // gen-delims
		"!$&'()*+,;=" // sub-delims
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Errorf("%q at %d is not a percent-escape", s[i:min(i+3, len(s))], i)
			}
			i += 2
		case strings.IndexByte(allowed, c) < 0:
			return fmt.Errorf("character %q at %d must be percent-encoded", rune(s[i]), i)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if abs && !u.IsAbs() {
		return fmt.Errorf("not an absolute URI")
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// validate validates one SARIF file; a *jsonschema.ValidationError says what
// is wrong with it.
func validate(sch *jsonschema.Schema, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return sch.Validate(doc)
}
