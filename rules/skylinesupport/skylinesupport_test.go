package skylinesupport_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/skylinesupport"
)

func Test(t *testing.T) {
	linttest.Run(t, skylinesupport.Rule, "testdata/*.txtar")
}
