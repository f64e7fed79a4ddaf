package forbidapis_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/plugin/bans/forbidapis"
)

func Test(t *testing.T) {
	linttest.Run(t, forbidapis.New(forbidapis.Settings{Forbid: []forbidapis.Entry{
		{API: "navigateToMiniProgram"},
		{API: "request", Message: "call utils/http.js"},
	}}), "testdata/*.txtar")
}

func TestNoSettings(t *testing.T) {
	linttest.Run(t, forbidapis.New(forbidapis.Settings{}), "testdata/none/*.txtar")
}
