package report

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Project is one thing a run checked, or found and did not check: what
// the summary of the text report names, and what JSON and SARIF list
// (runs[0].properties.projects), so that a run is never silent about what
// it looked at.
type Project struct {
	// Path is the project folder (for a PATH inside a project, that
	// folder), relative to the current directory when below it.
	Path string `json:"path"`
	// Kind is "miniprogram", "minigame", "loose" (mini program files in
	// no project), "uniapp" or "taro" (source folders, not checked).
	Kind string `json:"kind"`
	// In is the project folder when Path is a folder inside it.
	In string `json:"in,omitempty"`
	// ChatTool is the root of the chat-tool subpackage, if one is declared.
	ChatTool string `json:"chatTool,omitempty"`
	Checked  bool   `json:"checked"`
}

// kinds are the text report's names of each kind, singular and plural.
var kinds = []struct{ kind, one, many string }{
	{"miniprogram", "mini program", "mini programs"},
	{"minigame", "mini game", "mini games"},
	{"loose", "folder of loose mini program files", "folders of loose mini program files"},
	{"uniapp", "uni-app source", "uni-app sources"},
	{"taro", "Taro source", "Taro sources"},
}

// Summary is the text report's line of what was checked, such as
// "checked 2 mini programs (apps/vote with chat tool packageChatTool,
// apps/poll), 1 mini game (games/x)", followed by a line for each source
// folder found and not checked, and for loose files. It is "" for no
// projects.
func Summary(projects []Project) string {
	var checked, unchecked []string
	for _, k := range kinds {
		var names []string
		for _, p := range projects {
			if p.Kind != k.kind {
				continue
			}
			name := filepath.ToSlash(p.Path)
			if p.In != "" {
				name = fmt.Sprintf("%s in %s", name, filepath.ToSlash(p.In))
			}
			if p.ChatTool != "" {
				name += " with chat tool " + p.ChatTool
			}
			names = append(names, name)
		}
		if len(names) == 0 {
			continue
		}
		noun := k.one
		if len(names) > 1 {
			noun = k.many
		}
		part := fmt.Sprintf("%d %s (%s)", len(names), noun, strings.Join(names, ", "))
		if k.kind == "uniapp" || k.kind == "taro" {
			unchecked = append(unchecked, part)
		} else {
			checked = append(checked, part)
		}
	}
	var b strings.Builder
	if len(checked) > 0 {
		fmt.Fprintf(&b, "checked %s\n", strings.Join(checked, ", "))
	}
	if len(unchecked) > 0 {
		fmt.Fprintf(&b, "found %s, not checked: chattool-lint does not read uni-app and Taro sources yet; lint their built mini program (unpackage/dist/build/mp-weixin, dist)\n", strings.Join(unchecked, ", "))
	}
	for _, p := range projects {
		if p.Kind == "loose" {
			fmt.Fprintf(&b, "%s: mini program files in no project (no app.json, game.json or project.config.json above them) were checked as loose files (--assume-chat-tool checks them as chat-tool code)\n", filepath.ToSlash(p.Path))
		}
	}
	return b.String()
}
