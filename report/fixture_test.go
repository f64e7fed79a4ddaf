package report

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

// The fixture: a small Mini Program with Chinese and emoji text on the lines
// that have findings (so that Column and ColumnUTF16 differ), a path with
// Chinese characters and one with a space, errors, warnings and an info.

const fixtureCwd = "/home/dev/聊天 tools"

var fixtureSources = map[string]string{
	"app.json": `{
  "pages": ["pages/聊天/index", "pages/missing/index"],
  "window": {"navigationBarTitleText": "聊天工具 🎉🎉", "navigationStyle": "custom"},
  "chatTools": {"root": "chat", "entryPagePath": "chat/index"}
}
`,
	"pages/聊天/index.json": `{
  "navigationBarTitleText": "😀 群聊",
  "usingComponents": {"emoji-picker": "/components/picker 🎈/index"}
}
`,
	"chat/my page.js": "Page({\n\tonLoad() { wx.setNavigationBarTitle({title: '🐱 猫' + name}) },\n})\n",
}

// fixtureDocs are the rules' documentation, parsed as the real rules' doc.go
// files are.
var fixtureDocs = []string{`// # Rule app-json-pages
//
// app-json-pages: every page listed in app.json must exist.
//
// The pages array of app.json lists the Mini Program's pages. A page that is
// listed but has no files makes the upload fail in WeChat DevTools.
//
// See [Mini Program configuration].
//
// Default severity: error
//
// # Bad
//
//	{"pages": ["pages/missing/index"]}
//
// # Good
//
//	{"pages": ["pages/index/index"]}
//
// [Mini Program configuration]: https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
package apppages
`, `// # Rule chat-tool-title
//
// chat-tool-title: a chat tool page should not set its own navigation title.
//
// Chat tools run in a half-screen panel whose title comes from the chat;
// a title set with wx.setNavigationBarTitle is ignored there.
//
// Default severity: warning
//
// # Bad
//
//	wx.setNavigationBarTitle({title: "Chat"})
//
// # Good
//
//	// leave the title to WeChat
package chattitle
`, `// # Rule custom-navigation
//
// custom-navigation: navigationStyle "custom" has no effect in chat tools.
//
// Default severity: info
package customnav
`}

func fixtureRules(t testing.TB) []*lint.Doc {
	t.Helper()
	var docs []*lint.Doc
	for _, src := range fixtureDocs {
		_, pkg, _ := strings.Cut(src[strings.LastIndex(src, "package "):], " ")
		d, err := lint.ParseDoc(src, strings.TrimSpace(pkg))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// position resolves a byte offset in src as the linter does.
func position(src string, off int) lint.Position {
	line := 1 + strings.Count(src[:off], "\n")
	lineStart := strings.LastIndex(src[:off], "\n") + 1
	text := src[lineStart:off]
	return lint.Position{
		Offset:      off,
		Line:        line,
		Column:      1 + utf8.RuneCountInString(text),
		ColumnUTF16: 1 + len(utf16.Encode([]rune(text))),
	}
}

// finding makes a finding spanning the n-th (from 1) occurrence of what in
// the fixture file path.
func finding(t testing.TB, path, what string, n int, rule string, sev lint.Severity, msg string) lint.Finding {
	t.Helper()
	src := fixtureSources[path]
	off := -1
	for range n {
		i := strings.Index(src[off+1:], what)
		if i < 0 {
			t.Fatalf("%q not found %d times in %s", what, n, path)
		}
		off += 1 + i
	}
	return lint.Finding{
		Rule:     rule,
		Severity: sev,
		Path:     path,
		Start:    position(src, off),
		End:      position(src, off+len(what)),
		Message:  msg,
	}
}

func fixtureSource(path string) []byte {
	if s, ok := fixtureSources[path]; ok {
		return []byte(s)
	}
	return nil
}

// fixtureResult is the result of linting the fixture, given as the relative
// PATH argument "miniprogram-demo" from fixtureCwd.
func fixtureResult(t testing.TB) *lint.Result {
	return &lint.Result{
		Dir: "miniprogram-demo",
		Findings: []lint.Finding{
			finding(t, "app.json", `"pages/missing/index"`, 1, "app-json-pages", lint.Error,
				`page "pages/missing/index" is listed in app.json but pages/missing/index.json does not exist`),
			finding(t, "app.json", `"custom"`, 1, "custom-navigation", lint.Info,
				`navigationStyle "custom" has no effect in chat tools (标题由聊天提供)`),
			finding(t, "chat/my page.js", "wx.setNavigationBarTitle({title: '🐱 猫' + name})", 1, "chat-tool-title", lint.Warning,
				"chat tool pages should not call wx.setNavigationBarTitle: the title comes from the chat"),
			finding(t, "pages/聊天/index.json", `"/components/picker 🎈/index"`, 1, "app-json-pages", lint.Error,
				`component "/components/picker 🎈/index" does not exist`),
		},
		Rules:  fixtureRules(t),
		Source: fixtureSource,
	}
}

func fixtureOptions() Options {
	return Options{Version: "0.1.0-test", Cwd: fixtureCwd}
}
