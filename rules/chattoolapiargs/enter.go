package chattoolapiargs

import (
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
)

// noPromise are the chat-tool APIs whose page says «以 Promise 风格 调用：不支持»:
// they return nothing (void in the typings), so awaiting them or calling
// .then on their result is a bug. In mini games, exitChatTool and
// shareTextToGroup too (minigame/dev/api/chattool/).
var noPromise = map[string]bool{"enterChatToolMode": true}

var gameNoPromise = map[string]bool{"enterChatToolMode": true, "exitChatTool": true, "shareTextToGroup": true}

// checkPromise reports a call of an API without promise style that is used
// as a promise (await, .then, .catch, .finally).
func (c *call) checkPromise() {
	none := noPromise
	if c.game {
		none = gameNoPromise
	}
	if !c.u.Promised || !none[c.u.API] {
		return
	}
	c.report(c.u.Call, lint.Error,
		"%s has no promise style (its API page says so): it returns undefined, so await and .then do not wait for it; handle the result in its success, fail or complete callback", c.api())
}

// checkEnterChatToolMode checks wx.enterChatToolMode({chatToolRooms?,
// singleChatRoom?, selectLimit?}) (api/chattool/wx.enterChatToolMode.html,
// framework/open-ability/chatToolOpenMode.html): chatToolRooms is an array
// of opengid strings, singleChatRoom a boolean, selectLimit a number, which
// limits the multi-select picker and so does nothing with singleChatRoom:
// true.
func checkEnterChatToolMode(c *call) {
	o := c.o
	if pr := o.Get("chatToolRooms"); pr != nil && !isUndefined(o.Scope, pr.Value) {
		if v, ok := c.constant(o, pr); ok {
			c.report(pr.Value, lint.Error, "%s \"chatToolRooms\" must be an array of opengid strings, not %s", c.api(), describe(v))
		} else if a, ok := array(o.Scope, pr.Value); ok {
			for _, e := range a.Value {
				if v, ok := c.f.Source.Value(o.Scope, e); ok && v.Kind != jsparse.String {
					c.report(e, lint.Error, "%s \"chatToolRooms\" holds %s; it must hold opengid strings", c.api(), describe(v))
				}
			}
		}
	}
	single := o.Get("singleChatRoom")
	sv, singleKnown := c.constant(o, single)
	if singleKnown && sv.Kind != jsparse.Bool {
		c.report(single.Value, lint.Error, "%s \"singleChatRoom\" must be a boolean (true: pick one chat, false: several), not %s", c.api(), describe(sv))
	}
	limit := o.Get("selectLimit")
	if v, ok := c.constant(o, limit); ok && v.Kind != jsparse.Number {
		c.report(limit.Value, lint.Error, "%s \"selectLimit\" must be a number (the most chats the multi-select picker takes), not %s", c.api(), describe(v))
	}
	if limit != nil && !isUndefined(o.Scope, limit.Value) && singleKnown && sv.Kind == jsparse.Bool && sv.Bool {
		c.report(limit.KeyNode, lint.Warning, "%s \"selectLimit\" does nothing with \"singleChatRoom\": true: it limits the multi-select picker", c.api())
	}
}
