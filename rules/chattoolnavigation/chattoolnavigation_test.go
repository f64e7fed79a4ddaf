package chattoolnavigation_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattoolnavigation"
)

func Test(t *testing.T) {
	linttest.Run(t, chattoolnavigation.Rule, "testdata/*.txtar")
}
