package parseerror_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/parseerror"
)

func Test(t *testing.T) {
	linttest.Run(t, parseerror.Rule, "testdata/*.txtar")
}
