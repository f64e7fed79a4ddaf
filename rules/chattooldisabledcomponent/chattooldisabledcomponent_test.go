package chattooldisabledcomponent_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattooldisabledcomponent"
)

func Test(t *testing.T) {
	linttest.Run(t, chattooldisabledcomponent.Rule, "testdata/*.txtar")
}
