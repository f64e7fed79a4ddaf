package wxss

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// TestPreImports: the imports read from LESS and SCSS, and what the
// compiler plugins make of them (checked by running less 4.5.1 and sass
// 1.108.2 as miniprogram-ci 2.1.42's plugins run them, with the mini program
// root as the search path).
func TestPreImports(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		src  string
		want string // per import: rule path [options] [url] [tail] => kind candidates
	}{
		{LESS, `@import "../../styles/vars";`, `import "../../styles/vars" => inline styles/vars.less`},
		{LESS, `@import "styles/vars";`, `import "styles/vars" => inline pages/a/styles/vars.less styles/vars.less`},
		{LESS, `@import "/styles/vars";`, `import "/styles/vars" => inline styles/vars.less`},
		{LESS, `@import (optional, reference) "x";`, `import "x" (optional, reference) => optional pages/a/x.less x.less`},
		{LESS, `@import (css) "x";`, `import "x" (css) => none`},
		{LESS, `@import "x.css";`, `import "x.css" => none`},
		{LESS, `@import (less) "x.css";`, `import "x.css" (less) => inline pages/a/x.css x.css`},
		{LESS, `@import url("../../styles/vars.less");`, `import "../../styles/vars.less" url => inline styles/vars.less`},
		{LESS, `@import "x.foo";`, `import "x.foo" => inline pages/a/x.foo x.foo`},
		{LESS, `@import "base.wxss";`, `import "base.wxss" => runtime pages/a/base.wxss`},
		{LESS, `@import (reference) "base.wxss";`, `import "base.wxss" (reference) => inline pages/a/base.wxss base.wxss`},
		{LESS, `@import "https://x.com/a.css";`, `import "https://x.com/a.css" => none`},
		{LESS, `@import "@{dir}/vars";`, `import "@{dir}/vars" => none`},
		{LESS, `@import-x: 1; @use "a"; .a { @{p}: 1 }`, ``},
		{LESS, "// @import \"c\";\n/* @import \"d\"; */\n.a { b: \"@import 'e'\" }", ``},
		{LESS, ".a {\n  @import \"nested\";\n}", `import "nested" => inline pages/a/nested.less nested.less`},
		{SCSS, `@import "../../styles/part";`, `import "../../styles/part" => inline styles/part.sass styles/_part.sass styles/part.scss styles/_part.scss styles/part.css styles/_part.css styles/part/index.sass styles/part/_index.sass styles/part/index.scss styles/part/_index.scss styles/part/index.css styles/part/_index.css`},
		{SCSS, `@use "sub/_p.scss" as p;`, `use "sub/_p.scss" => inline pages/a/sub/_p.scss pages/a/sub/__p.scss sub/_p.scss sub/__p.scss`},
		{SCSS, `@forward "p.scss" show a;`, `use? no`},
		{SCSS, `@import "/styles/part";`, `import "/styles/part" => fromfsroot`},
		{SCSS, `@use "sass:math";`, `use "sass:math" => none`},
		{SCSS, `@import "a.css";`, `import "a.css" => none`},
		{SCSS, `@import url(a);`, `import "a" url => none`},
		{SCSS, `@import "a" screen;`, `import "a" [screen] => none`},
		{SCSS, `@import "base.wxss";`, `import "base.wxss" => runtime pages/a/base.wxss`},
		{SCSS, `@import "a.scss", "b.scss";`, `import "a.scss" [,] => inline pages/a/a.scss pages/a/_a.scss a.scss _a.scss; import "b.scss" => inline pages/a/b.scss pages/a/_b.scss b.scss _b.scss`},
		{SCSS, `@import "#{$d}/a";`, `import "#{$d}/a" => none`},
	} {
		if c.want == "use? no" {
			c.want = `forward "p.scss" => inline pages/a/p.scss pages/a/_p.scss p.scss _p.scss`
		}
		s := ParseLang([]byte(c.src), c.lang)
		if len(s.Errors) > 0 {
			t.Errorf("%q: errors %v", c.src, s.Errors)
		}
		var got []string
		for _, im := range s.Imports {
			g := fmt.Sprintf("%s %q", im.Rule, im.Path)
			if im.Options != "" {
				g += " (" + im.Options + ")"
			}
			if im.URL {
				g += " url"
			}
			if im.Tail != "" {
				g += " [" + im.Tail + "]"
			}
			if q := c.src[im.Start:im.End]; !strings.Contains(q, im.Path) && !strings.Contains(q, "url(") {
				t.Errorf("%q: %q spans %q", c.src, im.Path, q)
			}
			tg := im.Target(c.lang, "pages/a/index"+map[Lang]string{LESS: ".less", SCSS: ".scss"}[c.lang])
			g += " => " + [...]string{"none", "inline", "optional", "runtime", "fromfsroot"}[tg.Kind]
			for _, p := range tg.Candidates {
				g += " " + p
			}
			got = append(got, g)
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, g, c.want)
		}
	}
}

// TestPreImportsLinear: unclosed imports repeated over a large file are read
// in linear time.
func TestPreImportsLinear(t *testing.T) {
	for _, unit := range []string{"@import url(", "@import (", "@import \"", "@use '"} {
		src := []byte(strings.Repeat(unit, 2<<20/len(unit)))
		testutil.Within(t, 5*time.Second, fmt.Sprintf("%q repeated over 2 MB", unit), func() {
			ParseLang(src, SCSS)
			ParseLang(src, LESS)
		})
	}
}
