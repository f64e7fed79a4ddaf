package size

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

// TestReachReadsNoScript: in a lint run, the Reach reads no script a front
// end read (it scanned them as they were read), and it follows the code
// as it does reading every script itself.
func TestReachReadsNoScript(t *testing.T) {
	dir := readOnceProject(t, `{"es6": true}`)
	writeTree(t, dir, map[string]string{
		"pages/a/a.js":   "import u from '../../utils/u'\nconst b = require('./b'), d = require('./dyn.js')\nPage({ data: { u, b, d } })\n",
		"pages/a/b.ts":   "import type { T } from '../../utils/t'\nexport const b: T = require.async('../../utils/u')\n",
		"pages/a/dyn.js": "const n = 'u'\nmodule.exports = require('../../utils/' + n) || '/pages/a/a.wxml'\n",
		"utils/t.ts":     "export type T = number\n",
	})
	for _, memo := range []bool{false, true} {
		var opts project.Options
		if memo {
			opts.Memo = project.NewMemo()
		}
		p, err := project.Load(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		rc := countReads(t, p)
		var (
			r       *Reach
			scripts *jsparse.Result
			v       *views.Result
		)
		rule := &lint.Rule{
			Analyzer: &analysis.Analyzer{
				Name:     "reachof",
				Doc:      "keeps the Reach",
				Requires: []*analysis.Analyzer{jsparse.Analyzer, views.Analyzer, ReachAnalyzer},
				Run: func(pass *analysis.Pass) (any, error) {
					r, scripts, v = ReachOf(pass), jsparse.Of(pass), views.Of(pass)
					return nil, nil
				},
			},
			Doc: &lint.Doc{Name: "reachof"},
		}
		if _, err := lint.Run(p, []*lint.Rule{rule}); err != nil {
			t.Fatal(err)
		}
		rc.check(t)
		if len(r.followed) < 7 {
			t.Fatalf("memo %v: %d scripts followed, want the fixture's", memo, len(r.followed))
		}
		for _, fw := range r.followed {
			if fw.scan == nil {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(fw.mp)))
			if err != nil {
				t.Fatal(err)
			}
			if want := scanScript(src, path.Ext(fw.mp) == ".ts"); !fw.scan.equal(want) {
				t.Errorf("memo %v: %s scanned %+v, want %+v", memo, fw.mp, fw.scan, want)
			}
		}
		// What the Reach follows reading every script itself (the scans
		// were dropped once it had followed the code).
		again := NewReach(p, scripts, v.WXML, v.WXSS)
		if !maps.Equal(again.files, r.files) || !maps.Equal(again.named, r.named) ||
			!maps.EqualFunc(again.imports, r.imports, slices.Equal) || again.openAll != r.openAll {
			t.Errorf("memo %v: reached %v, named %v, imports %v; want, reading every script, %v, %v, %v",
				memo, r.files, r.named, r.imports, again.files, again.named, again.imports)
		}
	}
}
