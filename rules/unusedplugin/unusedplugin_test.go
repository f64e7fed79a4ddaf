package unusedplugin_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/unusedplugin"
)

func Test(t *testing.T) {
	linttest.Run(t, unusedplugin.Rule, "testdata/*.txtar")
}
