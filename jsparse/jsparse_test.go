package jsparse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/fuzzseed"
	"github.com/chattool-lint/chattool-lint/project"
)

// at returns the source text at a use, for readable assertions.
func useText(s *Source, u *Use) string {
	a := s.Offset(u.Node.Idx0())
	b := s.Offset(u.Node.Idx1())
	return string(s.Src[a:b])
}

func TestParseModes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		lang      Lang
		module    bool
		limited   bool
		err       string
	}{
		{"module", "import a from './a'\nexport default a\n", JS, true, false, ""},
		{"sloppy script", "var x = 010;\nwith (x) {}\n", JS, true, false, ""},
		{"wxs", "var f = function(a = 1) { const o = {a}; return o }\nmodule.exports = {f: f}\n", WXS, true, false, ""},
		{"broken", "function (\n", JS, false, false, "unexpected"},
		{"ts", "const a: number = 1\nexport enum E { A }\n", TS, true, false, ""},
		{"ts broken", "const a: = 1\n", TS, false, false, "Unexpected"},
		{"empty", "", JS, true, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Parse([]byte(tc.src), tc.lang)
			if tc.err != "" {
				if s.Err == nil || !strings.Contains(s.Err.Message, tc.err) {
					t.Fatalf("err = %v, want %q", s.Err, tc.err)
				}
				return
			}
			if s.Err != nil || s.Program == nil {
				t.Fatalf("err = %v, limited = %v (%v)", s.Err, s.Limited, s.Limitation)
			}
			if s.Module != tc.module {
				t.Errorf("module = %v", s.Module)
			}
		})
	}
}

func TestErrorOffset(t *testing.T) {
	src := "const a = 1\nconst b = 中文 +\n"
	s := Parse([]byte(src), JS)
	if s.Err == nil {
		t.Fatal("no error")
	}
	if got := src[:s.Err.Offset]; !strings.HasPrefix(src, got) || s.Err.Offset < len("const a = 1\n") {
		t.Errorf("offset %d (%q): %s", s.Err.Offset, got, s.Err.Message)
	}
}

func TestTSPositions(t *testing.T) {
	src := "import type {A} from './types'\n" +
		"interface P { x: number }\n" +
		"const title: string = '中文标题'\n" +
		"Page({\n" +
		"  onLoad(q: Record<string, string>) {\n" +
		"    const ad = <any>wx.createRewardedVideoAd({ adUnitId: 'x' })\n" +
		"    wx.openChatTool({ url: `/p/${q.id}`, chatType: 5 })\n" +
		"  },\n" +
		"})\n"
	s := Parse([]byte(src), TS)
	if s.Err != nil || s.Program == nil {
		t.Fatalf("err %v limited %v", s.Err, s.Limitation)
	}
	f := s.Facts()
	var got []string
	for _, u := range f.Uses {
		got = append(got, u.API+"="+useText(s, u))
	}
	want := "createRewardedVideoAd=wx.createRewardedVideoAd openChatTool=wx.openChatTool"
	if strings.Join(got, " ") != want {
		t.Fatalf("uses %v, want %s", got, want)
	}
	u := f.Uses[1]
	o, ok := s.Object(u.Scope, u.Args[0])
	if !ok {
		t.Fatal("no object")
	}
	p := o.Get("chatType")
	off := s.Offset(p.Value.Idx0())
	if src[off:off+1] != "5" {
		t.Errorf("chatType value maps to %q", src[off:])
	}
	if off := s.Offset(p.KeyNode.Idx0()); !strings.HasPrefix(src[off:], "chatType") {
		t.Errorf("chatType key maps to %q", src[off:])
	}
	// A single-quoted string, which esbuild prints double-quoted, spans
	// its whole source text.
	ad, ok := s.Object(f.Uses[0].Scope, f.Uses[0].Args[0])
	if !ok {
		t.Fatal("no object")
	}
	v := ad.Get("adUnitId").Value
	if got := src[s.Offset(v.Idx0()):s.Offset(v.Idx1())]; got != "'x'" {
		t.Errorf("adUnitId value spans %q, want 'x'", got)
	}
}

func TestUses(t *testing.T) {
	src := `
const w = wx
const { navigateTo, redirectTo: go } = wx
const nav = wx.navigateToMiniProgram
w.openChatTool({})
wx['shareImageToGroup']({})
navigateTo({ url: '/a' })
go({})
nav()
wx.notifyGroupMembers.call(wx, { title: 't' })
wx.shareFileToGroup.apply(wx, [{ filePath: 'x' }])
wx.getChatToolInfo({}).then(() => {})
function f(wx) { wx.selectGroupMembers() }
promisify(wx.shareVideoToGroup)
console.log(wx.shareImageToGroup)
if (wx.openEmbeddedMiniProgram) {}
`
	s := Parse([]byte(src), JS)
	if s.Program == nil {
		t.Fatal(s.Err)
	}
	var got []string
	for _, u := range s.Facts().Uses {
		kind := "ref"
		switch {
		case u.Call != nil:
			kind = "call"
		case u.Passed:
			kind = "passed"
		}
		got = append(got, u.API+":"+kind+":"+useText(s, u))
	}
	want := []string{
		"navigateToMiniProgram:ref:wx.navigateToMiniProgram",
		"openChatTool:call:w.openChatTool",
		"shareImageToGroup:call:wx['shareImageToGroup']",
		"navigateTo:call:navigateTo",
		"redirectTo:call:go",
		"navigateToMiniProgram:call:nav",
		"notifyGroupMembers:call:wx.notifyGroupMembers",
		"shareFileToGroup:call:wx.shareFileToGroup",
		"getChatToolInfo:call:wx.getChatToolInfo",
		"shareVideoToGroup:passed:wx.shareVideoToGroup",
		"shareImageToGroup:ref:wx.shareImageToGroup",
		"openEmbeddedMiniProgram:ref:wx.openEmbeddedMiniProgram",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, u := range s.Facts().Uses {
		if u.API == "notifyGroupMembers" || u.API == "shareFileToGroup" {
			o, ok := s.Object(u.Scope, u.Args[0])
			if !ok || len(o.Props) != 1 {
				t.Errorf("%s: args not resolved", u.API)
			}
		}
	}
}

// TestPromisedAndRoutes: calls used as promises, and navigation through
// something else than wx.
func TestPromisedAndRoutes(t *testing.T) {
	src := `
async function f() {
  await wx.enterChatToolMode({})
  wx.enterChatToolMode({}).then(() => {})
  wx.getChatToolInfo().catch(console.error).finally(() => {})
  wx.enterChatToolMode({ success() {} })
  await wx.enterChatToolMode?.({})
  const p = wx.selectGroupMembers({})
  await p
}
Component({ methods: { go() {
  this.pageRouter.navigateTo({ url: './detail' })
  this.router.navigateBack()
  LiuApi.reLaunch({ url: HOME })
  wx.navigateTo({ url: '/a' })
  wx.router.addRouteBuilder('x', () => {})
} } })
`
	s := Parse([]byte(src), JS)
	if s.Program == nil {
		t.Fatal(s.Err)
	}
	var got []string
	for _, u := range s.Facts().Uses {
		if u.Call != nil {
			got = append(got, fmt.Sprintf("%s %v", u.API, u.Promised))
		}
	}
	for _, r := range s.Facts().Routes {
		got = append(got, "route "+r.Method+" "+s.Text(r.Call.Callee))
	}
	want := []string{
		"enterChatToolMode true", "enterChatToolMode true", "getChatToolInfo true", "enterChatToolMode false",
		"enterChatToolMode true", "selectGroupMembers false", "navigateTo false",
		"route navigateTo this.pageRouter.navigateTo", "route navigateBack this.router.navigateBack", "route reLaunch LiuApi.reLaunch",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

func TestGuards(t *testing.T) {
	src := `
if (wx.canIUse('openChatTool')) { wx.openChatTool({}) }
if (wx.enterChatToolMode) wx.enterChatToolMode()
typeof wx.getChatToolInfo === 'function' && wx.getChatToolInfo()
wx.selectGroupMembers ? wx.selectGroupMembers() : null
function f() {
  if (!wx.canIUse('updateShareMenu.object.useForChatTool')) return
  wx.updateShareMenu({ useForChatTool: true })
}
function g() {
  const { SDKVersion } = wx.getAppBaseInfo()
  if (compareVersion(SDKVersion, '3.12.0') < 0) { return }
  wx.enterChatToolMode()
}
const v = wx.getAppBaseInfo().SDKVersion
if (compareVersion('3.7.8', v) <= 0) { wx.shareEmojiToGroup({}) }
if (v >= '3.7.8') { wx.shareVideoToGroup({}) }
if (compareVersion(v, '3.7.8') < 0) { wx.shareFileToGroup({}) }
wx.notifyGroupMembers?.({})
function h() {
  if (!('getGroupEnterInfo' in wx)) return
  wx.getGroupEnterInfo({})
}
if (wx.canIUse('selectGroupMembers') === false) {} else { wx.selectGroupMembers({}) }
wx.shareImageToGroup({})
`
	s := Parse([]byte(src), JS)
	if s.Program == nil {
		t.Fatal(s.Err)
	}
	// Each call in source order, with the guard that holds there.
	want := []string{
		"openChatTool:api",
		"enterChatToolMode:api",
		"getChatToolInfo:api",
		"selectGroupMembers:api",
		"updateShareMenu:field",
		"enterChatToolMode:3.12.0",
		"shareEmojiToGroup:3.7.8",
		"shareVideoToGroup:",
		"shareFileToGroup:",
		"notifyGroupMembers:optional",
		"getGroupEnterInfo:api",
		"selectGroupMembers:api",
		"shareImageToGroup:",
	}
	var got []string
	for _, u := range s.Facts().Uses {
		if u.Call == nil || strings.HasPrefix(u.API, "get") && u.API != "getChatToolInfo" && u.API != "getGroupEnterInfo" || u.API == "canIUse" {
			continue // wx.getAppBaseInfo(), wx.canIUse(): not under test
		}
		var g string
		switch {
		case u.Optional:
			g = "optional"
		case u.Guard.HasField(u.API, "useForChatTool"):
			g = "field"
		case u.Guard.Has(u.API):
			g = "api"
		case u.Guard.MinVersion() != project.Version{}:
			g = u.Guard.MinVersion().String()
		}
		got = append(got, u.API+":"+g)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("guards:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFactsMisc(t *testing.T) {
	src := `
import a from './a'
export { b } from "../b.js"
const c = require('./c')
import('./d')
App({})
const app = getApp({ allowDefault: true })
Page({ onShareAppMessage() {}, onShareTimeline: () => ({}) })
Component({ methods: { onShareAppMessage() {} } })
const cat = wx.getApiCategory()
if (cat === 'chatTool' || wx.getApiCategory() == 'chattool') {}
wx.getLaunchOptionsSync().apiCategory !== 'browse'
switch (cat) { case 'embedded': case 'x': }
`
	s := Parse([]byte(src), JS)
	if s.Program == nil {
		t.Fatal(s.Err)
	}
	f := s.Facts()
	var imps []string
	for _, im := range f.Imports {
		imps = append(imps, im.Kind+":"+im.Spec+":"+s.Code[im.Start-1:im.End-1])
	}
	if got := strings.Join(imps, " "); got != `import:./a:'./a' export:../b.js:"../b.js" require:./c:'./c' dynamic:./d:'./d'` {
		t.Errorf("imports: %s", got)
	}
	var globals []string
	for _, g := range f.Globals {
		globals = append(globals, g.Name)
	}
	if got := strings.Join(globals, " "); got != "App getApp Page Component" {
		t.Errorf("globals: %s", got)
	}
	var hs []string
	for _, h := range f.Handlers {
		hs = append(hs, h.In+"."+h.Name)
	}
	if got := strings.Join(hs, " "); got != "Page.onShareAppMessage Page.onShareTimeline Component.onShareAppMessage" {
		t.Errorf("handlers: %s", got)
	}
	var cmp []string
	for _, c := range f.Compares {
		cmp = append(cmp, c.Value.Str)
	}
	if got := strings.Join(cmp, " "); got != "chatTool chattool browse embedded x" {
		t.Errorf("compares: %s", got)
	}
}

func TestTokens(t *testing.T) {
	src := "var r = /wx.x(/g; wx.navigateToMiniProgram({}); wx['openChannelsLive']; a.wx.b()"
	s := &Source{Src: []byte(src)}
	var got []string
	for _, u := range s.Tokens() {
		got = append(got, u.API+":"+src[u.Start:u.End])
		if u.API == "navigateToMiniProgram" && !u.Call {
			t.Error("call not seen")
		}
	}
	if strings.Join(got, " ") != "navigateToMiniProgram:wx.navigateToMiniProgram openChannelsLive:wx['openChannelsLive']" {
		t.Errorf("tokens: %v", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"import a from 'b'", "wx.x({a: 1})", "const {a} = wx; a()", "if (!wx.canIUse('x')) return", "var s = '\xff'"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	for _, b := range fuzzseed.Files("..", ".js", ".wxs") {
		f.Add(b, false)
	}
	for _, b := range fuzzseed.Files("..", ".ts") {
		f.Add(b, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, ts bool) {
		lang := JS
		if ts {
			lang = TS
		}
		s := Parse(src, lang)
		if s.Err != nil && (s.Err.Offset < 0 || s.Err.Offset > len(src)) {
			t.Fatalf("error offset %d out of range", s.Err.Offset)
		}
		if s.Err != nil && strings.HasPrefix(s.Err.Message, "internal") {
			t.Fatalf("the parser failed: %s", s.Err.Message)
		}
		if s.Program != nil {
			facts := s.Facts()
			if s.Err != nil && strings.HasPrefix(s.Err.Message, "internal") {
				t.Fatalf("the facts walk failed: %s", s.Err.Message)
			}
			for _, u := range facts.Uses {
				if o := s.Offset(u.Node.Idx0()); o < 0 || o > len(src) {
					t.Fatalf("use offset %d out of range", o)
				}
			}
		}
		if s.Limited {
			s.Tokens()
		}
	})
}

// sobek misses the line break after a keyword property name; the parser
// inserts the semicolon itself, keeping offsets.
func TestKeywordPropertyLineBreak(t *testing.T) {
	src := "let a = x.class\r\ni = wx.navigateTo({})\nconst b = y.default\n;[1].map(f)\n"
	s := Parse([]byte(src), JS)
	if s.Program == nil || s.Limited {
		t.Fatalf("not parsed: %v %v", s.Err, s.Limitation)
	}
	u := s.Facts().Uses[0]
	if off := s.Offset(u.Node.Idx0()); !strings.HasPrefix(src[off:], "wx.navigateTo") {
		t.Errorf("use at %q", src[off:])
	}
	// A real error after such a line stays an error.
	if s := Parse([]byte("let a = x.class\n)"), JS); s.Err == nil {
		t.Error("no error")
	}
}

func TestObjectSpread(t *testing.T) {
	src := "const p = { useForChatTool: true, chooseType: 7 }\nwx.updateShareMenu({ ...p, success() {} })\nwx.updateShareMenu({ ...q })\n"
	s := Parse([]byte(src), JS)
	uses := s.Facts().Uses
	o, ok := s.Object(uses[0].Scope, uses[0].Args[0])
	if !ok || o.Open || o.Get("chooseType") == nil || o.Get("success") == nil {
		t.Fatalf("spread of a const object not merged: %+v", o)
	}
	o, ok = s.Object(uses[1].Scope, uses[1].Args[0])
	if !ok || !o.Open {
		t.Fatal("spread of an unknown value must leave the object open")
	}
}

func TestDeepNesting(t *testing.T) {
	src := "const a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	s := Parse([]byte(src), JS)
	if s.Err == nil || !strings.Contains(s.Err.Message, "nested deeper") || s.Err.Offset != len("const a = ")+MaxNesting {
		t.Fatalf("err = %v", s.Err)
	}
	// Brackets in strings, comments and regular expressions do not count.
	src = strings.Repeat("x('((((((((((', /\\(\\(\\(\\(/) // ((((((((\n", 200)
	if s := Parse([]byte(src), JS); s.Err != nil {
		t.Fatalf("err = %v", s.Err)
	}
	// Arrow functions nest without brackets (sobek's time grows with the
	// square of their depth)...
	for _, tc := range []struct {
		src string
		at  int // the 1001st arrow, or the bracket after the 1000th
	}{
		{"f = " + strings.Repeat("a => ", 5000) + "1", len("f = ") + MaxNesting*len("a => ") + len("a ")},
		{"f = " + strings.Repeat("(a) =>\n", 5000) + "1", len("f = ") + MaxNesting*len("(a) =>\n")},
	} {
		if s := Parse([]byte(tc.src), JS); s.Err == nil || !strings.Contains(s.Err.Message, "nested deeper") || s.Err.Offset != tc.at {
			t.Errorf("%.20q...: err = %+v, want one at %d", tc.src, s.Err, tc.at)
		}
	}
	// ... unless each body ends: at a comma, a semicolon, a closing
	// bracket or a line end.
	for _, src := range []string{
		strings.Repeat("f(a => a, b => b)\n", 1000),
		strings.Repeat("x = a => a; ", 1000),
		strings.Repeat("const f = a => b => a + b\n", 1000),
		"[" + strings.Repeat("a => a, ", 2000) + "]",
	} {
		if s := Parse([]byte(src), JS); s.Err != nil {
			t.Errorf("%.30q...: err = %v", src, s.Err)
		}
	}
}

// A binary file is an error and is not parsed; invalid UTF-8 is an error
// at its first byte, and the file is still parsed (the byte read as a
// space), so that its wx API uses are still found.
func TestNotText(t *testing.T) {
	for _, lang := range []Lang{JS, TS, WXS} {
		s := Parse([]byte("wx.x()\x00\x01\x02"), lang)
		if s.Err == nil || s.Err.Offset != 6 || !strings.HasPrefix(s.Err.Message, "binary file") || s.Program != nil {
			t.Errorf("%v binary: err %+v, parsed %v", lang, s.Err, s.Program != nil)
		}
		s = Parse([]byte("var s = 'a\xFFb'\nwx.navigateToMiniProgram({})\n"), lang)
		if s.Err == nil || s.Err.Offset != 10 || !strings.HasPrefix(s.Err.Message, "invalid UTF-8") {
			t.Errorf("%v invalid UTF-8: err %+v", lang, s.Err)
		}
		if s.Program == nil || len(s.Facts().Uses) != 1 {
			t.Errorf("%v invalid UTF-8: not parsed on", lang)
		}
		// A syntax error before the invalid byte is the one reported.
		if s := Parse([]byte("var = 1\nvar s = 'a\xFFb'\n"), lang); s.Err == nil || s.Err.Offset > 4 {
			t.Errorf("%v: err %+v, want the syntax error first", lang, s.Err)
		}
	}
}

// sobek accepts `export async` with no function after it, as a function
// declaration without a function: the facts walk crashed on it (a fuzz
// find). It is a syntax error.
func TestExportAsync(t *testing.T) {
	for _, src := range []string{"export async", "export async;", "export async // x"} {
		s := Parse([]byte(src), JS)
		if s.Err == nil || s.Program != nil {
			t.Errorf("%q: err %v, parsed %v", src, s.Err, s.Program != nil)
		}
	}
	if s := Parse([]byte("export async function f() { wx.x() }"), JS); s.Err != nil || len(s.Facts().Uses) != 1 {
		t.Errorf("export async function: err %v", s.Err)
	}
}

// TestSobekPanic: sobek's parser panics on a valid code point escape; the
// file is still judged, by tdewolff's parser (test262-parser-tests,
// pass/20aca21e32bf7772.js).
func TestSobekPanic(t *testing.T) {
	s := Parse([]byte("x = ('\\u{10FFFF}')\nwx.getChatToolInfo()\n"), JS)
	if s.Err != nil || !s.Limited || !strings.Contains(s.Limitation.Message, "sobek's parser failed") {
		t.Fatalf("err %v, limited %v (%v)", s.Err, s.Limited, s.Limitation)
	}
	if uses := s.Tokens(); len(uses) != 1 || uses[0].API != "getChatToolInfo" {
		t.Errorf("Tokens = %+v", uses)
	}
}
