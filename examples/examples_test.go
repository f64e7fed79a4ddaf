package examples

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/config"
	"github.com/chattool-lint/chattool-lint/plugin/plugintest"
	"github.com/chattool-lint/chattool-lint/rules"
)

func TestHouseRules(t *testing.T) {
	plugintest.Run(t, "house-rules/house-rules.js", "house-rules/testdata")
}

func TestSkylineRules(t *testing.T) {
	plugintest.Run(t, "skyline-rules/skyline-rules.mjs", "skyline-rules/testdata")
}

// The configuration of this folder, which loads both plugins, is valid.
func TestConfig(t *testing.T) {
	c, err := config.Load("chattool-lint.json", func(name string) bool { return rules.ByName(name) != nil })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Plugins.Names(), " "); got != "house/guard-chat-tool-apis house/https-only house/page-title house/request-wrapper skyline/chat-tool-font-size skyline/image-mode skyline/no-important" {
		t.Errorf("rules %s", got)
	}
}
