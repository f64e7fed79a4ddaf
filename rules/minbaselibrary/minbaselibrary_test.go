package minbaselibrary_test

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/wxapi"

	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/rules/minbaselibrary"
)

func Test(t *testing.T) {
	linttest.Run(t, minbaselibrary.Rule, "testdata/*.txtar")
}

// TestDocNamesTypings keeps doc.go's typings version in step with the table.
func TestDocNamesTypings(t *testing.T) {
	want := "miniprogram-api-typings (MIT), version " + wxapi.TypingsVersion + " (wxapi.TypingsVersion)"
	if !strings.Contains(strings.Join(strings.Fields(minbaselibrary.Rule.Doc.Text), " "), want) {
		t.Errorf("doc.go does not say %q; update it with the pin", want)
	}
}
