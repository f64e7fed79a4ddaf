package missingfile_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/missingfile"
)

func Test(t *testing.T) {
	linttest.Run(t, missingfile.Rule, "testdata/*.txtar")
}
