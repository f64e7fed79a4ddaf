package check

import (
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/project"
)

// notOnSources are the rules that check what a mini program uploads or
// loads, file by file: a uni-app or Taro source is not that (a .vue file
// becomes several files, modules are bundled, pages are found by the
// framework's conventions), so they check its build output instead, where
// discovery finds one.
var notOnSources = []string{
	"package-size", "package-source-size", "media-size", // the uploaded files
	"unused-file", "subpackage-only-code", "unused-component", "unused-plugin", // what WeChat loads
	"missing-file", "independent-isolation", // the compiled files' references
}

// withSource adds to disabled the rules that do not check a framework's
// sources (notOnSources).
func withSource(disabled map[string]bool, p *project.Project) map[string]bool {
	if p.Framework == nil {
		return disabled
	}
	out := map[string]bool{}
	for k, v := range disabled {
		out[k] = v
	}
	for _, r := range notOnSources {
		out[r] = true
	}
	return out
}

// sourceKind is the kind of a framework source.
func sourceKind(p *project.Project) discover.Kind {
	if p.Taro() {
		return discover.Taro
	}
	return discover.UniApp
}
