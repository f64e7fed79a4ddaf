package opendata_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/opendata"
)

func Test(t *testing.T) {
	linttest.Run(t, opendata.Rule, "testdata/*.txtar")
}
