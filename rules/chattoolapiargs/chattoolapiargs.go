package chattoolapiargs

import (
	_ "embed"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/token"
	"golang.org/x/text/width"
	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the chattool-api-args rule.
var Rule = lint.NewRule(doc, "chattoolapiargs", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

// checks are the APIs this rule knows, each with the check of its option
// object (the first argument). A check looks at c.game where the mini-game
// API differs.
var checks = map[string]func(*call){
	"openChatTool":           checkOpenChatTool,
	"shareAppMessageToGroup": checkShareAppMessageToGroup,
	"notifyGroupMembers":     checkNotifyGroupMembers,
	"shareImageToGroup":      localPath("imagePath"),
	"shareEmojiToGroup":      localPath("imagePath"),
	"shareVideoToGroup":      localPath("videoPath"),
	"shareFileToGroup":       localPath("filePath"),
	"shareTextToGroup":       checkShareTextToGroup,
	"updateShareMenu":        checkUpdateShareMenu,
	"enterChatToolMode":      checkEnterChatToolMode,
	"selectGroupMembers":     func(*call) {},
	"getChatToolInfo":        func(*call) {},
	"exitChatTool":           func(*call) {},
}

// gameOnly are the APIs checked in mini games only: mini programs have no
// API page for them (miniprogram/dev/api/chattool/), so their options
// there are not known. A mini program calling wx.shareTextToGroup is
// warned (mpTextToGroup); wx.exitChatTool, which the mini-program open-mode
// guide tells mini programs to call, is not.
var gameOnly = map[string]bool{"shareTextToGroup": true, "exitChatTool": true}

// notInGames are the chat-tool APIs of mini programs that mini games do not
// have (no page under minigame/dev/api/, no method in minigame-api-typings),
// with what a mini game uses instead.
var notInGames = map[string]string{
	"shareFileToGroup": "a mini game sends text, images, emoji, videos and cards to the chat (wx.shareTextToGroup, wx.shareImageToGroup, wx.shareEmojiToGroup, wx.shareVideoToGroup, wx.shareAppMessageToGroup), not files",
	"getApiCategory":   "a mini game tells chat-tool mode with wx.isChatTool()",
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	game := p.IsGame()
	plugin, isPlugin := pluginRoot(p)
	for _, f := range jsparse.Of(pass).Files {
		if f.Lang == jsparse.WXS || f.Limited {
			continue // WXS has no wx object; Limited files have no AST
		}
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, u := range fx.Uses {
			if instead, ok := notInGames[u.API]; ok && game {
				if (u.Call != nil && !u.Optional) || u.Passed {
					start, end := f.Span(u.Node)
					lint.Report(pass, lint.Error, start, end,
						"wx.%s is not an API of mini games (the mini-game API pages and minigame-api-typings have none): in a mini game it is undefined and calling it throws; %s",
						u.API, instead)
				}
				continue
			}
			c := &call{pass: pass, p: p, f: f, u: u, game: game}
			if isPlugin && inPlugin(f, plugin) && notInPlugins[u.API] {
				checkPlugin(c, u)
				continue
			}
			if u.API == "shareTextToGroup" && !game {
				mpTextToGroup(c)
				continue
			}
			check, ok := checks[u.API]
			if !ok || u.Call == nil || gameOnly[u.API] && !game {
				continue
			}
			c.checkPromise()
			if !u.ArgsKnown {
				continue
			}
			if len(u.Args) == 0 {
				// No argument at all: every required property is missing.
				c.o = &jsparse.Object{Scope: u.Scope}
			} else if o, ok := f.Source.Object(u.Scope, u.Args[0]); ok {
				c.o = o
			} else {
				continue // not an object the resolver can see: nothing is known
			}
			check(c)
			c.checkEntrancePath()
			if u.API != "updateShareMenu" {
				c.unknownOptions() // (updateShareMenu: only for a dynamic message)
			}
		}
	}
	if !game {
		checkEntranceAttrs(pass, p, views.Of(pass))
	}
	return nil, nil
}

// mpTextToGroup warns of wx.shareTextToGroup in a mini program, unless a
// feature test guards it: only the mini-game pages document it
// (minigame/dev/api/chattool/wx.shareTextToGroup.html), neither the
// mini-program API pages nor their open-mode guide name it, and
// miniprogram-api-typings 5.2.3 has no such method. A mini program sends
// text to the chat with a form (<form bind:submitToGroup> and <button
// form-type="submitToGroup">).
func mpTextToGroup(c *call) {
	u := c.u
	if u.Call == nil && !u.Passed || u.Optional || u.Guard.Has(u.API) {
		return
	}
	c.report(u.Node, lint.Warning,
		"wx.shareTextToGroup is documented for mini games only (no mini-program API page, not in miniprogram-api-typings): a mini program may not have it; send text with <form bind:submitToGroup> and a <button form-type=\"submitToGroup\"> holding the text in a <textarea>")
}

// call is one call of a checked API whose option object is known.
type call struct {
	pass *analysis.Pass
	p    *project.Project
	f    *jsparse.File
	u    *jsparse.Use
	o    *jsparse.Object
	// game is set in a mini game, whose chat-tool APIs are documented
	// apart (minigame/dev/api/chattool/).
	game bool
}

// api is the API as the messages name it.
func (c *call) api() string { return "wx." + c.u.API }

// report reports at a node of the file.
func (c *call) report(n ast.Node, sev lint.Severity, format string, args ...any) {
	start, end := c.f.Span(n)
	lint.Report(c.pass, sev, start, end, format, args...)
}

// require returns property key of o, reporting it at the callee when it is
// missing from an object that cannot hold it elsewhere (no spread). what
// says what the property is for.
func (c *call) require(o *jsparse.Object, key, what string) *jsparse.Prop {
	return c.requireAs(o, key, key, what)
}

// requireAs is require for a property the message names otherwise
// ("templateInfo.templateId").
func (c *call) requireAs(o *jsparse.Object, key, name, what string) *jsparse.Prop {
	pr := o.Get(key)
	if pr == nil && !o.Open {
		c.report(c.u.Node, lint.Error, "%s needs %q: %s", c.api(), name, what)
	}
	return pr
}

// quote quotes a static string for a message, marking a static start that
// is followed by dynamic text.
func quote(s string, complete bool) string {
	if complete {
		return strconv.Quote(s)
	}
	return strconv.Quote(s) + "+…"
}

// constant resolves the value of a property, or false when it is not known.
func (c *call) constant(o *jsparse.Object, pr *jsparse.Prop) (jsparse.Value, bool) {
	if pr == nil {
		return jsparse.Value{}, false
	}
	return c.f.Source.Value(o.Scope, pr.Value)
}

// text returns the static text of a string property: the whole string
// (complete), or the static start of a template or concatenation. A
// constant that is not a string is reported and gives ok false.
func (c *call) text(o *jsparse.Object, pr *jsparse.Prop) (s string, complete, ok bool) {
	if pr == nil {
		return "", false, false
	}
	if v, known := c.constant(o, pr); known && v.Kind != jsparse.String {
		c.report(pr.Value, lint.Error, "%s %q must be a string, not %s", c.api(), pr.Key, describe(v))
		return "", false, false
	}
	return c.f.Source.Prefix(o.Scope, pr.Value)
}

// nonEmpty returns the static text of a required string property and
// reports an empty one.
func (c *call) nonEmpty(o *jsparse.Object, pr *jsparse.Prop, what string) (s string, complete, ok bool) {
	s, complete, ok = c.text(o, pr)
	if ok && complete && s == "" {
		c.report(pr.Value, lint.Error, "%s %q is empty: %s", c.api(), pr.Key, what)
		return "", false, false
	}
	return s, complete, ok
}

// describe names a constant for a message.
func describe(v jsparse.Value) string {
	switch v.Kind {
	case jsparse.Number:
		return fmt.Sprintf("the number %v", v.Num)
	case jsparse.Bool:
		return fmt.Sprintf("the boolean %v", v.Bool)
	}
	return fmt.Sprintf("the string %q", v.Str)
}

// pathPart returns the part of a static string before its query or
// fragment, and whether that part is known: the string is complete, or
// its static start already reaches the "?" or "#".
func pathPart(s string, complete bool) (string, bool) {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return s[:i], true
	}
	return s, complete
}

// isUndefined reports whether e is the global undefined (or void 0): a
// property set to it is as good as absent.
func isUndefined(sc *jsparse.Scope, e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.Identifier:
		return e.Name == "undefined" && sc.Lookup("undefined") == nil
	case *ast.UnaryExpression:
		return e.Operator == token.VOID
	}
	return false
}

// array resolves e to an array literal, directly or through const names.
func array(sc *jsparse.Scope, e ast.Expression) (*ast.ArrayLiteral, bool) {
	for range 8 {
		switch v := e.(type) {
		case *ast.ArrayLiteral:
			return v, true
		case *ast.Identifier:
			b := sc.Lookup(v.Name.String())
			init, ok := b.Alias()
			if !ok {
				return nil, false
			}
			e, sc = init, b.Scope
		default:
			return nil, false
		}
	}
	return nil, false
}

// emptyArray reports whether a property is statically an empty array.
func (c *call) emptyArray(o *jsparse.Object, pr *jsparse.Prop) bool {
	if pr == nil {
		return false
	}
	a, ok := array(o.Scope, pr.Value)
	return ok && len(a.Value) == 0
}

// chatTypes are the values of openChatTool's chatType ([CT]; wx.openChatTool).
const chatTypes = `1 (WeChat single chat), 2 (WeCom single chat), 3 (WeChat group chat) or 4 (WeCom group chat)`

func checkOpenChatTool(c *call) {
	o := c.o
	if c.game {
		// A mini game has no pages: wx.openChatTool puts the game itself in
		// chat-tool mode, and its page lists roomid and chatType only.
		if url := o.Get("url"); url != nil && !isUndefined(o.Scope, url.Value) {
			c.report(url.KeyNode, lint.Warning,
				"a mini game's %s has no \"url\" option (its API page lists roomid and chatType only): it puts the game itself in chat-tool mode, so remove it", c.api())
		}
	} else {
		url := c.require(o, "url", "the path of a page of the chat-tool subpackage"+c.examplePage())
		if s, complete, ok := c.nonEmpty(o, url, "it must name a page of the chat-tool subpackage"+c.examplePage()); ok {
			if p, known := pathPart(s, complete); known {
				c.checkChatToolPage(url, quote(s, complete), p, s[len(p):])
			}
		}
	}

	chatType := o.Get("chatType")
	if v, ok := c.constant(o, chatType); ok {
		valid := v.Kind == jsparse.Number && (v.Num == 1 || v.Num == 2 || v.Num == 3 || v.Num == 4)
		if !valid {
			hint := ""
			if v.Kind == jsparse.String {
				hint = " (a number, not a string)"
			}
			c.report(chatType.Value, lint.Error, "%s \"chatType\" is %s; it must be %s%s", c.api(), describe(v), chatTypes, hint)
		}
	}
	if roomid := o.Get("roomid"); roomid != nil && !isUndefined(o.Scope, roomid.Value) && chatType == nil && !o.Open {
		hint := ""
		if o.Get("isSingleChat") != nil {
			// Tencent's demo still passes this older option; the API page no longer lists it.
			hint = "; \"isSingleChat\" is not an option of the current API"
		}
		c.report(c.u.Node, lint.Error, "%s with \"roomid\" needs \"chatType\", the type of that chat: %s (wx.getGroupEnterInfo tells it)%s", c.api(), chatTypes, hint)
	}
}

// examplePage returns ", e.g. "/root/page"" for the chat tool's first page.
func (c *call) examplePage() string {
	if ct := c.p.ChatTool; ct != nil && len(ct.Pages) > 0 {
		return fmt.Sprintf(", e.g. %q", "/"+ct.Pages[0].Path)
	}
	return ""
}

// checkChatToolPage checks that the path part p of openChatTool's url
// (quoted: the url as a message shows it; query: what follows p) is a page
// of the chat-tool subpackage. Page paths are mini program paths
// ("packageChatTool/pages/entry/index"); the url may start with "/".
func (c *call) checkChatToolPage(url *jsparse.Prop, quoted, p, query string) {
	ct := c.p.ChatTool
	if ct == nil {
		if c.p.App != nil && len(c.p.ChatTools) == 0 && !c.p.Options.AssumeChatTool {
			c.report(url.Value, lint.Error,
				"%s opens a page of the chat-tool subpackage, but app.json declares no chat tool: add a \"chatTools\" item whose root is the subpackage of %s", c.api(), quoted)
		}
		return // a chatTools item naming no subpackage is chattool-declaration's finding
	}
	mp := path.Clean(strings.TrimPrefix(p, "/"))
	for _, pg := range ct.Pages {
		if pg.Path == mp {
			return
		}
	}
	for _, pg := range c.p.Pages {
		if pg.Path == mp {
			where := "the main package"
			if pg.Package != nil {
				where = "subpackage " + pg.Package.Root
			}
			c.report(url.Value, lint.Error,
				"%s url %s is a page of %s, not of the chat-tool subpackage %s: it can only open chat-tool pages%s",
				c.api(), quoted, where, ct.Root, c.examplePage())
			return
		}
	}
	rel := path.Join(ct.Root, mp)
	for _, pg := range ct.Pages {
		if pg.Path == rel && !strings.HasPrefix(p, "/") {
			// The docs say "a page path inside the chat-tool subpackage" without
			// saying from where; Tencent's demo writes the full path.
			c.report(url.Value, lint.Warning,
				"%s url %s names no page from the mini program root; if it means the chat-tool page %s, write the full path %q",
				c.api(), quoted, rel, "/"+rel+query)
			return
		}
	}
	c.report(url.Value, lint.Error, "%s url %s is not a page of the chat-tool subpackage %s; its pages are %s",
		c.api(), quoted, ct.Root, pageList(ct))
}

// pageList names the pages of a subpackage as urls, the first few.
func pageList(sp *project.Subpackage) string {
	const most = 5
	var names []string
	for i, pg := range sp.Pages {
		if i == most {
			names = append(names, fmt.Sprintf("and %d more", len(sp.Pages)-most))
			break
		}
		names = append(names, "/"+pg.Path)
	}
	if len(names) == 0 {
		return "none (app.json lists no page under it)"
	}
	return strings.Join(names, ", ")
}

// gameQuery warns about a path option of a mini game's chat-tool API that
// is written as a page path: there it takes a query only («如需传递参数，只传
// query 即可，query 形如 ?a=1&b=2»), since a mini game has no pages.
func (c *call) gameQuery(key string) {
	pr := c.o.Get(key)
	if pr == nil {
		return
	}
	if s, complete, ok := c.text(c.o, pr); ok && strings.HasPrefix(s, "/") {
		example := "?a=1&b=2"
		if i := strings.IndexByte(s, '?'); i >= 0 {
			example = s[i:]
		}
		c.report(pr.Value, lint.Warning,
			"%s %q %s is a page path, but a mini game has no pages: its %q takes only a query, such as %q",
			c.api(), key, quote(s, complete), key, example)
	}
}

func checkShareAppMessageToGroup(c *call) {
	o := c.o
	c.nonEmpty(o, c.require(o, "title", "the title of the card"), "give the card a title")
	if c.game {
		c.gameQuery("path")
	} else if pr := o.Get("path"); pr != nil {
		if s, complete, ok := c.text(o, pr); ok && s != "" && !strings.HasPrefix(s, "/") {
			example := "/pages/index/index?id=1"
			if !strings.HasPrefix(s, ".") && !strings.HasPrefix(s, "?") {
				example = "/" + s
			}
			c.report(pr.Value, lint.Warning, "%s \"path\" %s must be a full page path starting with \"/\", such as %q",
				c.api(), quote(s, complete), example)
		}
	}
	if pr := o.Get("imageUrl"); pr != nil {
		s, complete, ok := c.text(o, pr)
		if p, known := pathPart(s, complete); ok && known && s != "" {
			switch strings.ToLower(path.Ext(p)) {
			case ".png", ".jpg", ".jpeg":
			default:
				c.report(pr.Value, lint.Warning, "%s \"imageUrl\" %s is not a .png, .jpg or .jpeg file: the card image must be PNG or JPG (shown at 5:4)",
					c.api(), quote(s, complete))
			}
		}
	}
}

// notifyTitleMax is notifyGroupMembers' title limit, in characters where a
// Chinese character counts 2 (wx.notifyGroupMembers).
const notifyTitleMax = 30

func checkNotifyGroupMembers(c *call) {
	o := c.o
	title := c.require(o, "title", fmt.Sprintf("the text of the reminder link (at most %d characters, Chinese counting 2)", notifyTitleMax))
	if s, complete, ok := c.nonEmpty(o, title, "give the reminder a title"); ok {
		// A static start already too long is too long whatever follows.
		if n := titleLength(s); n > notifyTitleMax {
			measured := fmt.Sprintf("is %d characters long", n)
			if !complete {
				measured = fmt.Sprintf("starts with %d characters", n)
			}
			c.report(title.Value, lint.Error, "%s \"title\" %s %s, counting each Chinese or other wide character as 2; the limit is %d",
				c.api(), quote(s, complete), measured, notifyTitleMax)
		}
	}
	if members := c.require(o, "members", "the group_openid of each member to remind (from wx.selectGroupMembers)"); c.emptyArray(o, members) {
		c.report(members.Value, lint.Error, "%s \"members\" is an empty array: list the group_openid of each member to remind (from wx.selectGroupMembers)", c.api())
	}
	if c.game {
		c.nonEmpty(o, c.require(o, "entrancePath", "the query the reminder link opens the game with, such as \"?a=1\""), "give the query the reminder link opens the game with, such as \"?a=1\"")
		c.gameQuery("entrancePath")
	} else {
		c.nonEmpty(o, c.require(o, "entrancePath", "the page the reminder link opens"), "give the page the reminder link opens")
	}
	if pr := o.Get("type"); pr != nil {
		if s, complete, ok := c.text(o, pr); ok && complete && s != "participate" && s != "complete" {
			c.report(pr.Value, lint.Error, "%s \"type\" is %q; it must be \"participate\" (请参与, please take part) or \"complete\" (请完成, please complete)",
				c.api(), s)
		}
	}
}

// titleLength measures a title the way notifyGroupMembers counts it:
// Chinese characters, and other East Asian wide and fullwidth characters,
// count 2; everything else 1.
func titleLength(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
			continue
		}
		if unicode.Is(unicode.Han, r) {
			n += 2
			continue
		}
		n++
	}
	return n
}

// localPath checks the share*ToGroup APIs that send a file: key must be a
// local or temporary path.
func localPath(key string) func(*call) {
	return func(c *call) {
		o := c.o
		if c.game {
			c.gameQuery("entrancePath")
		}
		pr := c.require(o, key, "the local or temporary path of the file to send")
		s, complete, ok := c.nonEmpty(o, pr, "give the local or temporary path of the file to send")
		if !ok {
			return
		}
		low := strings.ToLower(s)
		if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") {
			c.report(pr.Value, lint.Error,
				"%s %q %s is a network URL, not a local path: download it first with wx.downloadFile and pass its tempFilePath",
				c.api(), key, quote(s, complete))
		}
	}
}

// checkShareTextToGroup checks a mini game's wx.shareTextToGroup({content,
// needShowEntrance?, entrancePath?}) (minigame/dev/api/chattool/
// wx.shareTextToGroup.html).
func checkShareTextToGroup(c *call) {
	o := c.o
	c.nonEmpty(o, c.require(o, "content", "the text to send to the chat"), "give the text to send to the chat")
	c.gameQuery("entrancePath")
}

// Templates of chat-tool dynamic messages ([CT] 动态消息).
const (
	templateComplete    = "4A68CBB88A92B0A9311848DBA1E94A199B166463"
	templateParticipate = "2A84254B945674A2F88CE4970782C402795EB607"
)

var templates = fmt.Sprintf("%q (completion wording) or %q (participation wording)", templateComplete, templateParticipate)

func checkUpdateShareMenu(c *call) {
	o := c.o
	v, ok := c.constant(o, o.Get("useForChatTool"))
	if !ok || v.Kind != jsparse.Bool || !v.Bool {
		return // not a chat-tool dynamic message, as far as is known
	}
	c.unknownOptions()
	for _, key := range []string{"withShareTicket", "isUpdatableMessage"} {
		pr := c.require(o, key, "set it to true for a chat-tool dynamic message (useForChatTool: true)")
		if v, ok := c.constant(o, pr); ok && !(v.Kind == jsparse.Bool && v.Bool) {
			c.report(pr.Value, lint.Error, "%s %q is %s; a chat-tool dynamic message (useForChatTool: true) needs it true", c.api(), key, describe(v))
		}
	}
	c.nonEmpty(o, c.require(o, "activityId", "the dynamic message's activity id, created by the server"), "pass the activity id the server created")

	if ti := c.require(o, "templateInfo", "{templateId: ...} with templateId "+templates); ti != nil {
		if t, ok := c.f.Source.Object(o.Scope, ti.Value); ok {
			id := c.requireAs(t, "templateId", "templateInfo.templateId", templates)
			if s, complete, ok := c.text(t, id); ok && complete && s != templateComplete && s != templateParticipate {
				c.report(id.Value, lint.Error, "%s templateInfo.templateId %q is not a chat-tool template: use %s", c.api(), s, templates)
			}
		}
	}

	choose := c.require(o, "chooseType", "1 (the members in participant) or 2 (all members)")
	if v, ok := c.constant(o, choose); ok {
		switch {
		case v.Kind == jsparse.Number && v.Num == 1:
			if pr := c.require(o, "participant", "chooseType 1 sends to the members listed there (their group_openid)"); c.emptyArray(o, pr) {
				c.report(pr.Value, lint.Error, "%s \"participant\" is an empty array: chooseType 1 sends to the members listed there (their group_openid)", c.api())
			}
		case v.Kind == jsparse.Number && v.Num == 2:
		default:
			c.report(choose.Value, lint.Error, "%s \"chooseType\" is %s; it must be 1 (the members in participant) or 2 (all members)", c.api(), describe(v))
		}
	}
}
