package chattoolscopes_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattoolscopes"
)

func Test(t *testing.T) {
	linttest.Run(t, chattoolscopes.Rule, "testdata/*.txtar")
}
