package apicategoryvalue_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/apicategoryvalue"
)

func Test(t *testing.T) {
	linttest.Run(t, apicategoryvalue.Rule, "testdata/*.txtar")
}
