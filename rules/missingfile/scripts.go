package missingfile

import (
	"strings"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
)

// scripts reports relative and absolute module specifiers (require,
// import, export from, import()) whose target does not exist, in the
// scripts WeChat loads: a module nothing loads never runs its imports.
func (c *checker) scripts() {
	r := jsparse.Of(c.pass)
	reachable := r.Reachable(c.p)
	for _, f := range r.Files {
		fx := f.Facts()
		if fx == nil || !reachable[f.MP] {
			continue
		}
		for _, im := range fx.Imports {
			found, tried, isPath := jsparse.Resolve(c.p, f.MP, im.Spec)
			if !isPath || found != "" {
				continue
			}
			start, end := f.Pos(im.Start), f.Pos(im.End)
			if len(tried) > 0 && strings.HasPrefix(tried[0], "..") {
				c.reportAt(lint.Error, start, end,
					"%s %q points above the mini program root", kindName(im.Kind), im.Spec)
				continue
			}
			var shown []string
			for _, t := range tried {
				shown = append(shown, c.p.MP(t))
			}
			c.reportAt(lint.Error, start, end, "%s %q: no such file (looked for %s)",
				kindName(im.Kind), im.Spec, strings.Join(shown, ", "))
		}
	}
}

func kindName(kind string) string {
	switch kind {
	case "require":
		return "require of"
	case "dynamic":
		return "import() of"
	case "export":
		return "export from"
	}
	return "import of"
}
