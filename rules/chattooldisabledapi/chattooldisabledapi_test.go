package chattooldisabledapi_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattooldisabledapi"
)

func Test(t *testing.T) {
	linttest.Run(t, chattooldisabledapi.Rule, "testdata/*.txtar")
}
