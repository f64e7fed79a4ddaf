package chattoolapiargs

import (
	"fmt"
	"go/token"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

// entranceAPIs are the mini-program APIs with an "entrancePath": the page a
// tap on the message's mini-program entrance opens (default: the chat
// tool's entry page).
var entranceAPIs = map[string]bool{
	"notifyGroupMembers": true, "shareImageToGroup": true, "shareEmojiToGroup": true,
	"shareVideoToGroup": true, "shareFileToGroup": true,
}

// entrance checks the page an entrance path names (p: its path part, as
// written; quoted: the value for messages): a page that does not exist is
// an error; in chat-tool code, a page outside the chat tool or a path read
// from the subpackage root are warnings. Outside chat-tool code (a page
// that entered chat-tool mode with wx.enterChatToolMode) any page will do:
// Tencent's demo sends its material messages with the entrance of such a
// page.
func entrance(pass *analysis.Pass, p *project.Project, start, end token.Pos, what, quoted, pth string, chatTool bool) {
	mp := path.Clean(strings.TrimPrefix(pth, "/"))
	if p.App == nil || mp == "." || mp == "" {
		return
	}
	for _, pg := range p.Pages {
		if pg.Path != mp {
			continue
		}
		ct := p.ChatTool
		if chatTool && ct != nil && pg.Package != ct {
			where := "the main package"
			if pg.Package != nil {
				where = "subpackage " + pg.Package.Root
			}
			lint.Report(pass, lint.Warning, start, end,
				"%s %s is a page of %s, outside the chat tool %s: the message's entrance opens it out of chat-tool mode; leave entrancePath out for the chat tool's entry page, or name a page of %s",
				what, quoted, where, ct.Root, ct.Root)
		}
		return
	}
	if ct := p.ChatTool; ct != nil && !strings.HasPrefix(pth, "/") {
		rel := path.Join(ct.Root, mp)
		for _, pg := range ct.Pages {
			if pg.Path == rel {
				lint.Report(pass, lint.Warning, start, end,
					"%s %s names no page from the mini program root; if it means the chat-tool page %s, write its full path %q",
					what, quoted, rel, "/"+rel)
				return
			}
		}
	}
	hint := ""
	if ct := p.ChatTool; ct != nil {
		hint = "; the chat tool's pages are " + pageList(ct)
	}
	lint.Report(pass, lint.Error, start, end, "%s %s is not a page of the mini program (app.json lists none there): the message's entrance opens nothing%s",
		what, quoted, hint)
}

// checkEntrancePath checks the "entrancePath" of a mini-program call.
func (c *call) checkEntrancePath() {
	if c.game || !entranceAPIs[c.u.API] {
		return
	}
	pr := c.o.Get("entrancePath")
	if pr == nil {
		return
	}
	s, complete, ok := c.text(c.o, pr)
	if !ok {
		return
	}
	p, known := pathPart(s, complete)
	if !known {
		return
	}
	at := pr.Value
	if at.Idx0() < c.u.Call.Idx0() || at.Idx0() > c.u.Call.Idx1() {
		at = c.u.Args[0]
	}
	start, end := c.f.Span(at)
	entrance(c.pass, c.p, start, end, fmt.Sprintf("%s \"entrancePath\"", c.api()), quote(s, complete), p, c.p.IsChatTool(c.f.MP))
}

// checkEntranceAttrs checks the static entrance-path of the buttons in the
// templates WeChat compiles (<button form-type="submitToGroup"
// entrance-path="...">, which sends a form's text to the chat).
func checkEntranceAttrs(pass *analysis.Pass, p *project.Project, v *views.Result) {
	for _, f := range v.WXML.Files {
		if !v.Reachable(f.MP) || !f.Doc.Mentions("entrance-path") || !f.Doc.Has("button") {
			continue
		}
		for _, e := range f.Doc.Elements() {
			if e.Name != "button" {
				continue
			}
			a := e.Attr("entrance-path")
			if a == nil || !a.HasValue {
				continue
			}
			s, complete := strings.TrimSpace(a.Value), true
			if i := strings.Index(s, "{{"); i >= 0 {
				s, complete = s[:i], false
			}
			pth, known := pathPart(s, complete)
			if !known {
				continue
			}
			entrance(pass, p, f.Pos(a.ValueStart), f.Pos(a.ValueEnd), "<button entrance-path>", quote(s, complete), pth, v.ChatTool(f.MP))
		}
	}
}
