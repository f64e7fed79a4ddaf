package configschema_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules/configschema"
)

// linearDeadline is the time the rule may take on one of the projects
// below: a few seconds on a loaded machine, when the rule's work is linear
// in the file; minutes when anything looks each key up by scanning the
// others or validates the whole file again for each key.
const linearDeadline = 60 * time.Second

// TestLinear runs the rule on configuration files with hundreds of
// thousands of keys, built here (no large file is committed): each must be
// checked within linearDeadline, with one finding per bad key.
//
//   - a page json of 400,000 unknown keys on one line (5.6 MB, under the
//     loader's 16 MB limit): each key is looked up in its object to place
//     its finding, and gets a "did you mean" look-up;
//   - an app.json whose window holds 100,000 unknown keys;
//   - a page json of 50,000 case variants of navigationBarTitleText: each
//     is a case-only typo, for which the rule offers a rename when the
//     file, so changed, validates;
//   - a project.config.json whose packOptions.ignore lists 20,000 rules of
//     type "File" (for "file"): each an enum value that differs only in
//     case, for which the rule offers the change when it validates.
func TestLinear(t *testing.T) {
	keys := func(n int, key func(i int) string) string {
		var b strings.Builder
		b.WriteByte('{')
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q:%d", key(i), i)
		}
		b.WriteByte('}')
		return b.String()
	}
	numbered := func(i int) string { return fmt.Sprintf("k%07d", i) }
	variant := func(i int) string {
		b := []byte("navigationBarTitleText")
		for j := range b {
			if (i+1)&(1<<j) != 0 {
				b[j] ^= 'a' - 'A'
			}
		}
		return string(b)
	}
	var ignore strings.Builder
	for i := range 20_000 {
		if i > 0 {
			ignore.WriteByte(',')
		}
		fmt.Fprintf(&ignore, `{"type":"File","value":"f%d.js"}`, i)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  int // findings
	}{
		{"400,000 unknown keys in a page json", map[string]string{
			"pages/a/a.json": keys(400_000, numbered),
		}, 400_000},
		{"100,000 unknown keys in app.json's window", map[string]string{
			"app.json": `{"pages":["pages/a/a"],"window":` + keys(100_000, numbered) + `}`,
		}, 100_000},
		{"50,000 case variants of a key in a page json", map[string]string{
			"pages/a/a.json": keys(50_000, variant),
		}, 50_000},
		{"20,000 enum values in the wrong case in project.config.json", map[string]string{
			"project.config.json": `{"packOptions":{"ignore":[` + ignore.String() + `]}}`,
		}, 20_000},
	} {
		dir := t.TempDir()
		files := map[string]string{
			"app.json":       `{"pages":["pages/a/a"]}`,
			"pages/a/a.json": `{}`,
			"pages/a/a.wxml": `<view/>`,
			"pages/a/a.js":   `Page({})`,
		}
		maps.Copy(files, tc.files)
		testutil.WriteTree(t, dir, files)
		testutil.Within(t, linearDeadline, tc.name, func() {
			p, err := project.Load(dir, project.Options{})
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				return
			}
			res, err := lint.Run(p, []*lint.Rule{configschema.Rule})
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				return
			}
			if len(res.Findings) != tc.want {
				t.Errorf("%s: %d findings, want %d", tc.name, len(res.Findings), tc.want)
			}
		})
	}
}
