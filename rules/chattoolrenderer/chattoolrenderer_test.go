package chattoolrenderer_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/chattoolrenderer"
)

func Test(t *testing.T) {
	linttest.Run(t, chattoolrenderer.Rule, "testdata/*.txtar")
}
