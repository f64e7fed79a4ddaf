package minifysetting_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/minifysetting"
)

func Test(t *testing.T) {
	linttest.Run(t, minifysetting.Rule, "testdata/*.txtar")
}
