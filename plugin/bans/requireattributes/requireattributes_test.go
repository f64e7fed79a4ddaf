package requireattributes_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/plugin/bans/requireattributes"
)

func Test(t *testing.T) {
	yes := "true"
	linttest.Run(t, requireattributes.New(requireattributes.Settings{Require: []requireattributes.Entry{
		{Tag: "image", Attrs: []requireattributes.Attr{{Key: "mode"}, {Key: "lazy-load", Value: &yes}}},
		{Tag: "button", Attrs: []requireattributes.Attr{{Key: "data-track"}}, Message: "analytics reads it"},
	}}), "testdata/*.txtar")
}
