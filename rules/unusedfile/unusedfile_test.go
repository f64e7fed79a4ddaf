package unusedfile_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/unusedfile"
)

func Test(t *testing.T) {
	linttest.Run(t, unusedfile.Rule, "testdata/*.txtar")
}
