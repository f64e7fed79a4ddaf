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
	// no project), "uniapp" or "taro" (sources, read as the mini program
	// they compile to).
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
		var names, skipped []string
		for _, p := range projects {
			if p.Kind != k.kind {
				continue
			}
			if !p.Checked {
				skipped = append(skipped, filepath.ToSlash(p.Path))
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
		if len(skipped) > 0 {
			unchecked = append(unchecked, count(k.one, k.many, skipped))
		}
		if len(names) > 0 {
			checked = append(checked, count(k.one, k.many, names))
		}
	}
	var b strings.Builder
	if len(checked) > 0 {
		fmt.Fprintf(&b, "checked %s\n", strings.Join(checked, ", "))
	}
	if len(unchecked) > 0 {
		fmt.Fprintf(&b, "found %s, not checked\n", strings.Join(unchecked, ", "))
	}
	for _, p := range projects {
		if p.Kind == "loose" {
			fmt.Fprintf(&b, "%s: mini program files in no project (no app.json, game.json or project.config.json above them) were checked as loose files (--assume-chat-tool checks them as chat-tool code)\n", filepath.ToSlash(p.Path))
		}
	}
	return b.String()
}

// count is "N noun (names)".
func count(one, many string, names []string) string {
	noun := one
	if len(names) > 1 {
		noun = many
	}
	return fmt.Sprintf("%d %s (%s)", len(names), noun, strings.Join(names, ", "))
}
