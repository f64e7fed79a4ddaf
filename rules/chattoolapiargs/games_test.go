package chattoolapiargs

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/wxapi"
)

// TestGameTables keeps the rule's lists of mini-game APIs in step with the
// generated tables: what it calls "not an API of mini games" is absent from
// minigame-api-typings and present in miniprogram-api-typings, and what it
// checks in games only is a mini-game API.
func TestGameTables(t *testing.T) {
	for name := range notInGames {
		if _, ok := wxapi.MiniGame.Lookup(name); ok {
			t.Errorf("wx.%s is in %s@%s: it is a mini-game API", name, wxapi.MiniGame.Typings, wxapi.MiniGame.Version)
		}
		if _, ok := wxapi.MiniProgram.Lookup(name); !ok {
			t.Errorf("wx.%s is not in %s@%s", name, wxapi.MiniProgram.Typings, wxapi.MiniProgram.Version)
		}
	}
	for name := range gameOnly {
		if _, ok := wxapi.MiniGame.Lookup(name); !ok {
			t.Errorf("wx.%s is not in %s@%s", name, wxapi.MiniGame.Typings, wxapi.MiniGame.Version)
		}
	}
	for name := range checks {
		if _, ok := notInGames[name]; ok {
			continue
		}
		if _, ok := wxapi.MiniGame.Lookup(name); !ok {
			t.Errorf("checks has wx.%s, which %s@%s lacks: add it to notInGames", name, wxapi.MiniGame.Typings, wxapi.MiniGame.Version)
		}
	}
}
