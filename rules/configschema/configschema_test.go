package configschema_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/configschema"
)

func Test(t *testing.T) {
	linttest.Run(t, configschema.Rule, "testdata/*.txtar")
}
