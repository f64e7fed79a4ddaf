package chattoolapiargs_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattoolapiargs"
)

func Test(t *testing.T) {
	linttest.Run(t, chattoolapiargs.Rule, "testdata/*.txtar")
}
