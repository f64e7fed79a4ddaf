package plugin

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		rules           []string
		err             string // "LINE:COL: regexp-free substring", or "" for none
	}{
		{name: "cjs", file: "house-rules.js", src: `module.exports = { rules: { 'no-x': { meta: { description: 'no x', severity: 'error' }, create() { return {} } } } }`,
			rules: []string{"house-rules/no-x"}},
		{name: "esm", file: "house.mjs", src: "export default {\n  meta: { name: 'team' },\n  rules: { a: { create: () => ({}) }, b: { create() { return {} } } },\n}\n",
			rules: []string{"team/a", "team/b"}},
		{name: "esm named", file: "x.js", src: "const rules = { a: { create: () => ({}) } }\nexport { rules }\n",
			rules: []string{"x/a"}},
		{name: "ts", file: "t.ts", src: "const n: number = 1\nexport const rules = { a: { create: (c: unknown) => ({}) } }\n",
			rules: []string{"t/a"}},
		{name: "syntax", file: "s.js", src: "module.exports = {\n  rules: {\n    a: { create() { return { ) } }\n  }\n}\n",
			err: "s.js:3:"},
		{name: "throws", file: "t.js", src: "const x = 1\nthrow new TypeError('bad plugin')\n",
			err: "t.js:2:7: TypeError: bad plugin"},
		{name: "fs", file: "f.js", src: "// comment\nconst fs = require('fs')\n",
			err: "f.js:2:19: Error: require(\"fs\"): plugins run in a sandbox"},
		{name: "fs esm", file: "f.mjs", src: "// comment\nimport fs from 'fs'\nexport const rules = {}\n",
			err: "f.mjs:2:"},
		{name: "loop", file: "l.js", src: "let i = 0\nwhile (true) { i++ }\n",
			err: "spent its time budget (100ms)"},
		{name: "reserved", file: "r.js", src: "var __chattoolLintAdd = 1\n",
			err: "r.js:1:5: __chattoolLintAdd is a name the sandbox reserves"},
		{name: "no rules", file: "n.js", src: "module.exports = {}\n", err: "exports no rules"},
		{name: "bad severity", file: "b.js", src: "module.exports = { rules: { a: { meta: { severity: 'fatal' }, create() {} } } }", err: `meta.severity "fatal"`},
		{name: "deep", file: "d.js", src: "x = " + strings.Repeat("(", 2000), err: "d.js:1:1005: brackets nested"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			p, err := Load([]byte(tc.src), tc.file, tc.file, Options{Time: 100 * time.Millisecond})
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tc.err != "" {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("err = %v (%T), want an *Error with %q", err, err, tc.err)
				}
				if !strings.Contains(pe.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", pe, tc.err)
				}
				t.Log(pe)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range p.Rules {
				names = append(names, r.Name)
			}
			if strings.Join(names, " ") != strings.Join(tc.rules, " ") {
				t.Errorf("rules %v, want %v", names, tc.rules)
			}
		})
	}
}
