package forbidcomponents_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/plugin/bans/forbidcomponents"
)

func Test(t *testing.T) {
	linttest.Run(t, forbidcomponents.New(forbidcomponents.Settings{Forbid: []forbidcomponents.Entry{
		{Tag: "web-view"},
		{Tag: "van-button", Message: "use t-button"},
	}}), "testdata/*.txtar")
}
