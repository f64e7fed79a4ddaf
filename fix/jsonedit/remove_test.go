package jsonedit

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

func TestRemoveMember(t *testing.T) {
	for _, tc := range []struct{ name, src, path, key, want string }{
		{"last", "{\n  \"a\": 1,\n  \"b\": 2\n}\n", "", "b", "{\n  \"a\": 1\n}\n"},
		{"first", "{\n  \"a\": 1,\n  \"b\": 2\n}\n", "", "a", "{\n  \"b\": 2\n}\n"},
		{"middle", "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}", "", "b", "{\n  \"a\": 1,\n  \"c\": 3\n}"},
		{"only", "{\n  \"u\": {\n    \"a\": \"x\"\n  }\n}", "u", "a", "{\n  \"u\": {}\n}"},
		{"only, trailing comma", `{"a": 1,}`, "", "a", `{}`},
		{"one line", `{ "a": 1, "b": 2, "c": 3 }`, "", "c", `{ "a": 1, "b": 2 }`},
		{"packed", `{"a":1,"b":2}`, "", "a", `{"b":2}`},
		{"CRLF", "{\r\n\t\"a\": 1,\r\n\t\"b\": 2\r\n}\r\n", "", "b", "{\r\n\t\"a\": 1\r\n}\r\n"},
		{"object value", "{\n  \"a\": {\"x\": 1},\n  \"b\": [2]\n}", "", "a", "{\n  \"b\": [2]\n}"},
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
			e, ok := RemoveMember([]byte(tc.src), obj, obj.Member(tc.key))
			if !ok {
				t.Fatal("RemoveMember declined")
			}
			got := apply(tc.src, e)
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			v, _, serr := jsonc.Parse([]byte(got))
			if serr != nil {
				t.Fatalf("result does not parse: %v", serr)
			}
			if o, _ := v.Lookup(tokens); o.Get(tc.key) != nil {
				t.Errorf("result keeps the member: %s", got)
			}
		})
	}
}

func TestRemoveMemberDeclines(t *testing.T) {
	for _, tc := range []struct{ src, key string }{
		{"{\n  \"a\": 1, // one\n  \"b\": 2\n}", "b"},
		{"{\n  \"a\": 1, // one\n  \"b\": 2\n}", "a"},
		{"{ /* c */ \"a\": 1 }", "a"},
		{"{\"a\": 1, \"a\": 2}", "a"},
		{"{\"a\" /* k */ : 1, \"b\": 2}", "a"},
	} {
		root, _, serr := jsonc.Parse([]byte(tc.src))
		if serr != nil {
			t.Fatal(serr)
		}
		if e, ok := RemoveMember([]byte(tc.src), root, root.Member(tc.key)); ok {
			t.Errorf("%s: RemoveMember made %+v", tc.src, e)
		}
	}
}
