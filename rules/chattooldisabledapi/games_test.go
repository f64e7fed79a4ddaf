package chattooldisabledapi

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/wxapi"
)

// TestGameAPIs: every API the rule reports in a mini game is a mini-game API.
func TestGameAPIs(t *testing.T) {
	for name := range gameAPIs {
		if _, ok := wxapi.MiniGame.Lookup(name); !ok {
			t.Errorf("wx.%s is not in %s@%s", name, wxapi.MiniGame.Typings, wxapi.MiniGame.Version)
		}
	}
}
