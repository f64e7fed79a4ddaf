package chattoolapiargs

import (
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// notInPlugins are the chat-tool APIs whose pages say «小程序插件：不支持»
// (miniprogram/dev/api/chattool/; miniprogram-api-typings 5.2.3: «在插件中使用：不支持»).
var notInPlugins = map[string]bool{
	"openChatTool": true, "getChatToolInfo": true, "selectGroupMembers": true, "notifyGroupMembers": true,
	"shareAppMessageToGroup": true, "shareImageToGroup": true, "shareVideoToGroup": true,
	"shareFileToGroup": true, "shareEmojiToGroup": true, "enterChatToolMode": true,
}

// pluginRoot returns the folder of a plugin project's plugin code (its
// project.config.json says compileType "plugin"), relative to the project
// folder, and false for other projects.
func pluginRoot(p *project.Project) (string, bool) {
	if p.Config == nil || p.Config.Root == nil {
		return "", false
	}
	if ct, _ := p.Config.Root.Get("compileType").String(); ct != "plugin" {
		return "", false
	}
	root, ok := p.Config.Root.Get("pluginRoot").String()
	if !ok || strings.TrimSpace(root) == "" {
		return "", false
	}
	return path.Clean(root), true
}

// inPlugin reports whether the script f lies under the plugin root.
func inPlugin(f *jsparse.File, root string) bool {
	return root == "." || f.File.Path == root || strings.HasPrefix(f.File.Path, root+"/")
}

// checkPlugin reports a use of a chat-tool API in plugin code: a plugin has
// none of them.
func checkPlugin(c *call, u *jsparse.Use) {
	if !notInPlugins[u.API] || u.Call == nil && !u.Passed || u.Optional {
		return
	}
	start, end := c.f.Span(u.Node)
	lint.Report(c.pass, lint.Error, start, end,
		"wx.%s in a mini program plugin: its API page says «小程序插件：不支持», plugins cannot use the chat-tool APIs; call it from the mini program that uses the plugin", u.API)
}
