package mediasize_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/mediasize"
)

func Test(t *testing.T) {
	linttest.Run(t, mediasize.Rule, "testdata/*.txtar")
}
