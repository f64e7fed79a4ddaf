package packagesize_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/packagesize"
)

func Test(t *testing.T) {
	linttest.Run(t, packagesize.Rule, "testdata/*.txtar")
}
