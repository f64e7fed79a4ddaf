package chattooldeclaration_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattooldeclaration"
)

func Test(t *testing.T) {
	linttest.Run(t, chattooldeclaration.Rule, "testdata/*.txtar")
}
