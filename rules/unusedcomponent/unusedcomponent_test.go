package unusedcomponent_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/unusedcomponent"
)

func Test(t *testing.T) {
	linttest.Run(t, unusedcomponent.Rule, "testdata/*.txtar")
}
