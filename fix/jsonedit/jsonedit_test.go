package jsonedit

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

func apply(src string, e Edit) string { return src[:e.Start] + e.Text + src[e.End:] }

func TestAddMember(t *testing.T) {
	for _, tc := range []struct{ name, src, path, want string }{
		{"several members", "{\n  \"a\": 1,\n  \"b\": [2]\n}\n", "",
			"{\n  \"a\": 1,\n  \"b\": [2],\n  \"k\": \"v\"\n}\n"},
		{"CRLF and tabs", "{\r\n\t\"a\": 1,\r\n\t\"b\": 2\r\n}\r\n", "",
			"{\r\n\t\"a\": 1,\r\n\t\"b\": 2,\r\n\t\"k\": \"v\"\r\n}\r\n"},
		{"one member, CRLF", "{\r\n    \"a\": 1\r\n}", "",
			"{\r\n    \"a\": 1,\r\n    \"k\": \"v\"\r\n}"},
		{"one line", `{ "a": 1, "b": 2 }`, "", `{ "a": 1, "b": 2, "k": "v" }`},
		{"one line, packed", `{"a":1,"b":2}`, "", `{"a":1,"b":2,"k":"v"}`},
		{"one member, packed", `{"a":1}`, "", `{"a":1,"k":"v"}`},
		{"one member, spaced", `{ "a": 1 }`, "", `{ "a": 1, "k": "v" }`},
		{"one member, no space inside", `{"a": 1}`, "", `{"a": 1, "k": "v"}`},
		{"empty", `{}`, "", `{"k": "v"}`},
		{"empty, spaced", `{ }`, "", `{ "k": "v" }`},
		{"empty, two lines", "{\n  \"x\": {\n  }\n}", "x",
			"{\n  \"x\": {\n    \"k\": \"v\"\n  }\n}"},
		{"empty, CRLF", "{\r\n}", "", "{\r\n  \"k\": \"v\"\r\n}"},
		{"trailing comma stays last", "{\n  \"a\": 1,\n}", "",
			"{\n  \"a\": 1,\n  \"k\": \"v\",\n}"},
		{"comment in the separator", "{\n  \"a\": 1, // one\n  \"b\": 2\n}", "",
			"{\n  \"a\": 1, // one\n  \"b\": 2,\n  \"k\": \"v\"\n}"},
		{"comment before the only member", "{ /* c */ \"a\": 1 }", "", "{ /* c */ \"a\": 1, \"k\": \"v\" }"},
		{"nested in an array", "{\n  \"subPackages\": [\n    {\n      \"root\": \"p\",\n      \"independent\": true\n    }\n  ]\n}", "subPackages/0",
			"{\n  \"subPackages\": [\n    {\n      \"root\": \"p\",\n      \"independent\": true,\n      \"k\": \"v\"\n    }\n  ]\n}"},
		{"item on one line in a multi-line file", "{\n  \"s\": [{ \"root\": \"p\", \"independent\": true }]\n}", "s/0",
			"{\n  \"s\": [{ \"root\": \"p\", \"independent\": true, \"k\": \"v\" }]\n}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, _, serr := jsonc.Parse([]byte(tc.src))
			if serr != nil {
				t.Fatal(serr)
			}
			var tokens []string
			if tc.path != "" {
				tokens = strings.Split(tc.path, "/")
			}
			obj, _ := root.Lookup(tokens)
			e, ok := AddMember([]byte(tc.src), obj, "k", `"v"`)
			if !ok {
				t.Fatal("AddMember declined")
			}
			got := apply(tc.src, e)
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			v, _, serr := jsonc.Parse([]byte(got))
			if serr != nil {
				t.Fatalf("result does not parse: %v", serr)
			}
			if o, _ := v.Lookup(tokens); o.Get("k").Str != "v" {
				t.Errorf("result lacks the member: %s", got)
			}
		})
	}
}

func TestAddMemberDeclines(t *testing.T) {
	for _, src := range []string{`[]`, `{ /* only a comment */ }`, `"s"`} {
		root, _, serr := jsonc.Parse([]byte(src))
		if serr != nil {
			t.Fatal(serr)
		}
		if e, ok := AddMember([]byte(src), root, "k", `"v"`); ok {
			t.Errorf("%s: AddMember made %+v", src, e)
		}
	}
}

func TestEdits(t *testing.T) {
	src := `{"lazyCodeLoading": "requiredcomponents", "Pages": []}`
	root, _, _ := jsonc.Parse([]byte(src))
	if got := apply(src, SetString(root.Get("lazyCodeLoading"), "requiredComponents")); got != `{"lazyCodeLoading": "requiredComponents", "Pages": []}` {
		t.Errorf("SetString: %s", got)
	}
	if got := apply(src, RenameKey(root.Member("Pages"), "pages")); got != `{"lazyCodeLoading": "requiredcomponents", "pages": []}` {
		t.Errorf("RenameKey: %s", got)
	}
	if q := Quote(`<a & "b">`); q != `"<a & \"b\">"` {
		t.Errorf("Quote: %s", q)
	}
}
