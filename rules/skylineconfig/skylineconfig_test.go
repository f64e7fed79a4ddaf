package skylineconfig_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/skylineconfig"
)

func Test(t *testing.T) {
	linttest.Run(t, skylineconfig.Rule, "testdata/*.txtar")
}
