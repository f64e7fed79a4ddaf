package chattoolapiargs

import (
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/lint"
)

// callbacks are the options every asynchronous API takes.
var callbacks = []string{"success", "fail", "complete"}

// options are the option names of the chat-tool APIs of mini programs,
// required ones first, as their API pages and miniprogram-api-typings 5.2.3
// list them (callbacks apart).
var options = map[string]apiOptions{
	"openChatTool":           {required: []string{"url"}, optional: []string{"roomid", "chatType"}},
	"shareAppMessageToGroup": {required: []string{"title"}, optional: []string{"path", "imageUrl"}},
	"notifyGroupMembers":     {required: []string{"title", "members", "entrancePath"}, optional: []string{"type"}},
	"shareImageToGroup":      {required: []string{"imagePath"}, optional: []string{"needShowEntrance", "entrancePath"}},
	"shareEmojiToGroup":      {required: []string{"imagePath"}, optional: []string{"needShowEntrance", "entrancePath"}},
	"shareVideoToGroup":      {required: []string{"videoPath"}, optional: []string{"thumbPath", "needShowEntrance", "entrancePath"}},
	"shareFileToGroup":       {required: []string{"filePath"}, optional: []string{"fileName", "needShowEntrance", "entrancePath"}},
	"selectGroupMembers":     {optional: []string{"maxSelectCount"}},
	"getChatToolInfo":        {},
	"enterChatToolMode":      {optional: []string{"chatToolRooms", "singleChatRoom", "selectLimit"}},
	"updateShareMenu": {optional: []string{"withShareTicket", "isUpdatableMessage", "activityId", "templateInfo", "toDoActivityId",
		"isPrivateMessage", "useForChatTool", "chooseType", "participant"}},
}

// gameOptions are those of mini games where they differ
// (minigame/dev/api/chattool/, minigame-api-typings 3.8.20): openChatTool
// has no url (reported apart), and mini games have shareTextToGroup and
// exitChatTool.
var gameOptions = map[string]apiOptions{
	"openChatTool":     {optional: []string{"roomid", "chatType", "url"}},
	"shareTextToGroup": {required: []string{"content"}, optional: []string{"needShowEntrance", "entrancePath"}},
	"exitChatTool":     {},
}

// apiOptions are the option names of one API.
type apiOptions struct{ required, optional []string }

func (o apiOptions) all() []string {
	return append(append(append([]string(nil), o.required...), o.optional...), callbacks...)
}

// optionsOf returns the options of api, and false for an API whose options
// the rule does not know.
func (c *call) optionsOf(api string) (apiOptions, bool) {
	if c.game {
		if o, ok := gameOptions[api]; ok {
			return o, true
		}
	}
	o, ok := options[api]
	return o, ok
}

// unknownOptions reports the options of the call that its API does not
// have: WeChat ignores them, so what they were meant to set is not set.
// The hint is the option the key is closest to, or the one missing
// required option whose name holds the key (Tencent's own
// wx.shareEmojiToGroup sample passes "path" where "imagePath" is meant).
func (c *call) unknownOptions() {
	opts, ok := c.optionsOf(c.u.API)
	if !ok {
		return
	}
	known := opts.all()
	for _, pr := range c.o.Props {
		if slices.Contains(known, pr.Key) {
			continue
		}
		at := pr.KeyNode
		if at.Idx0() < c.u.Call.Idx0() || at.Idx0() > c.u.Call.Idx1() {
			at = c.u.Args[0] // a property of a const object declared elsewhere
		}
		if pr.Key == "isSingleChat" && c.u.API == "openChatTool" {
			c.report(at, lint.Warning, "%s has no option \"isSingleChat\" (an older version of the API had it, and Tencent's demo still passes it): the type of chat goes in \"chatType\"", c.api())
			continue
		}
		hint := ""
		if s := c.closestOption(pr.Key, opts); s != "" {
			hint = "; did you mean " + quoteKey(s) + "?"
		} else {
			hint = "; its options are " + strings.Join(quoteKeys(known), ", ")
		}
		c.report(at, lint.Warning, "%s has no option %s, which WeChat ignores%s", c.api(), quoteKey(pr.Key), hint)
	}
}

// closestOption is the option a misspelled key was meant to be: a close
// spelling, else the one option not given whose name holds the key or ends
// with the same word ("path", "filePath": "imagePath"), a required one
// first.
func (c *call) closestOption(key string, opts apiOptions) string {
	if s := suggest.Closest(key, opts.all()); s != "" {
		return s
	}
	for _, names := range [][]string{opts.required, opts.optional} {
		var found []string
		for _, n := range names {
			if c.o.Get(n) == nil && (strings.Contains(strings.ToLower(n), strings.ToLower(key)) || lastWord(n) == lastWord(key)) {
				found = append(found, n)
			}
		}
		if len(found) == 1 {
			return found[0]
		}
		if len(found) > 1 {
			return ""
		}
	}
	return ""
}

// lastWord is the last word of a camelCase name, lower-cased.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		i = 0
	}
	return strings.ToLower(s[i:])
}

func quoteKey(s string) string { return `"` + s + `"` }

func quoteKeys(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quoteKey(s)
	}
	return out
}
