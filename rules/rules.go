// Package rules lists every rule of chattool-lint. Each rule lives in a
// package of its own below this one, with its documentation in doc.go.
package rules

import (
	"sort"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/rules/apicategoryvalue"
	"github.com/chattool-lint/chattool-lint/rules/chattoolapiargs"
	"github.com/chattool-lint/chattool-lint/rules/chattooldeclaration"
	"github.com/chattool-lint/chattool-lint/rules/chattooldisabledapi"
	"github.com/chattool-lint/chattool-lint/rules/chattooldisabledcomponent"
	"github.com/chattool-lint/chattool-lint/rules/chattoolnavigation"
	"github.com/chattool-lint/chattool-lint/rules/chattoolrenderer"
	"github.com/chattool-lint/chattool-lint/rules/chattoolscopes"
	"github.com/chattool-lint/chattool-lint/rules/configschema"
	"github.com/chattool-lint/chattool-lint/rules/independentisolation"
	"github.com/chattool-lint/chattool-lint/rules/mediasize"
	"github.com/chattool-lint/chattool-lint/rules/minbaselibrary"
	"github.com/chattool-lint/chattool-lint/rules/minifysetting"
	"github.com/chattool-lint/chattool-lint/rules/missingfile"
	"github.com/chattool-lint/chattool-lint/rules/opendata"
	"github.com/chattool-lint/chattool-lint/rules/packagesize"
	"github.com/chattool-lint/chattool-lint/rules/packagesourcesize"
	"github.com/chattool-lint/chattool-lint/rules/parseerror"
	"github.com/chattool-lint/chattool-lint/rules/skylineconfig"
	"github.com/chattool-lint/chattool-lint/rules/skylinesupport"
	"github.com/chattool-lint/chattool-lint/rules/subpackageonlycode"
	"github.com/chattool-lint/chattool-lint/rules/unusedcomponent"
	"github.com/chattool-lint/chattool-lint/rules/unusedfile"
	"github.com/chattool-lint/chattool-lint/rules/unusedplugin"
	"github.com/chattool-lint/chattool-lint/rules/unusedsuppression"
)

// All returns every rule, sorted by name.
func All() []*lint.Rule {
	all := []*lint.Rule{
		apicategoryvalue.Rule,
		chattoolapiargs.Rule,
		chattooldeclaration.Rule,
		chattooldisabledapi.Rule,
		chattooldisabledcomponent.Rule,
		chattoolnavigation.Rule,
		chattoolrenderer.Rule,
		chattoolscopes.Rule,
		configschema.Rule,
		independentisolation.Rule,
		minbaselibrary.Rule,
		missingfile.Rule,
		opendata.Rule,
		packagesize.Rule,
		parseerror.Rule,
		skylineconfig.Rule,
		skylinesupport.Rule,
		unusedcomponent.Rule,
		unusedplugin.Rule,
		mediasize.Rule,
		minifysetting.Rule,
		packagesourcesize.Rule,
		subpackageonlycode.Rule,
		unusedfile.Rule,
		unusedsuppression.Rule,
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Doc.Name < all[j].Doc.Name })
	return all
}

// ByName returns the rule with this name, or nil.
func ByName(name string) *lint.Rule {
	for _, r := range All() {
		if r.Doc.Name == name {
			return r
		}
	}
	return nil
}
