package subpackageonlycode_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/subpackageonlycode"
)

func Test(t *testing.T) {
	linttest.Run(t, subpackageonlycode.Rule, "testdata/*.txtar")
}
