package project

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a base library version X.Y.Z.
type Version [3]int

// ChatToolBaseLibrary is the oldest base library that runs chat tools: code
// inside the chat-tool subpackage never runs on an older one.
var ChatToolBaseLibrary = Version{3, 7, 8}

// ParseVersion parses "X.Y.Z" (or "X.Y", "X").
func ParseVersion(s string) (Version, error) {
	var v Version
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) == 0 || len(parts) > 3 {
		return v, fmt.Errorf("base library version %q: want X.Y.Z", s)
	}
	for i, part := range parts {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return v, fmt.Errorf("base library version %q: want X.Y.Z", s)
		}
		v[i] = n
	}
	return v, nil
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

// MinBaseLibrary returns the oldest base library that code at a mini program
// path can run on: the app's supported minimum (Options.MinBaseLibrary, kept
// in WeChat's admin console, so given on the command line), and never below
// 3.7.8 inside the chat-tool subpackage.
func (p *Project) MinBaseLibrary(mpPath string) Version {
	v := p.Options.MinBaseLibrary
	if p.IsChatTool(mpPath) && v.Less(ChatToolBaseLibrary) {
		return ChatToolBaseLibrary
	}
	return v
}
