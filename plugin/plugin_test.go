package plugin_test

import (
	"testing"

	"github.com/chattool-lint/chattool-lint/plugin/plugintest"
)

func TestBasic(t *testing.T) {
	plugintest.Run(t, "testdata/basic.js", "testdata/cases")
}
