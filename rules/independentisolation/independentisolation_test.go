package independentisolation_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/independentisolation"
)

func Test(t *testing.T) {
	linttest.Run(t, independentisolation.Rule, "testdata/*.txtar")
}
