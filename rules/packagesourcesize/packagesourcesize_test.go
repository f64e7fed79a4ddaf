package packagesourcesize_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/packagesourcesize"
)

func Test(t *testing.T) {
	linttest.Run(t, packagesourcesize.Rule, "testdata/*.txtar")
}
