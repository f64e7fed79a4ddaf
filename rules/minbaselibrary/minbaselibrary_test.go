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
	text := strings.Join(strings.Fields(minbaselibrary.Rule.Doc.Text), " ")
	for _, want := range []string{
		"miniprogram-api-typings (MIT), version " + wxapi.TypingsVersion + " (wxapi.TypingsVersion)",
		"minigame-api-typings (MIT), version " + wxapi.GameTypingsVersion + " (wxapi.GameTypingsVersion)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("doc.go does not say %q; update it with the pin", want)
		}
	}
	if !minbaselibrary.Rule.Doc.MiniGames {
		t.Error("doc.go does not say the rule applies to mini games")
	}
}
