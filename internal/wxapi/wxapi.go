// Package wxapi knows every method of the wx object of WeChat mini programs,
// and of mini games, the minimum base library version (基础库) each needs,
// its documentation page, and the minimum base library version of the
// fields of its option object that were added later than the method itself.
//
// Mini programs and mini games have different wx objects, documented apart
// (developers.weixin.qq.com/miniprogram/dev/api/ and /minigame/dev/api/):
// a mini game has no wx.shareFileToGroup, and its chat-tool APIs need base
// library 3.7.12 where a mini program's need 3.7.8. So there are two
// tables. MiniProgram is generated from the JSDoc of the npm package
// miniprogram-api-typings (MIT), pinned to the version TypingsVersion;
// MiniGame from minigame-api-typings (MIT), pinned to GameTypingsVersion.
// Run go generate to regenerate both.
package wxapi

import (
	"slices"
	"strings"
)

//go:generate go run gen.go
//go:generate go run gen.go -game

// API is one wx API: a method of the wx object, such as wx.openChatTool.
type API struct {
	// Name is the method name without "wx.", such as "openChatTool".
	Name string
	// Since is the minimum base library version, "x.y.z", or "" when the
	// typings give none (the method has been there from the start).
	Since string
	// URL is the method's page on developers.weixin.qq.com.
	URL string
	// Fields are the fields of the option object that carry a version of
	// their own, sorted by name. The option object is the first argument of
	// most methods, the second of createIntersectionObserver and
	// createWorker. Fields one level down are included as dotted paths.
	Fields []Field
}

// Field is a field of an API's option object that needs a given base library.
type Field struct {
	// Name is a dotted path inside the option object, such as
	// "useForChatTool" or "templateInfo.templateId".
	Name string
	// Since is the minimum base library version, "x.y.z".
	Since string
}

// Table is the wx object of one kind of project.
type Table struct {
	// Typings is the npm package the table was generated from, and
	// Version its version ("miniprogram-api-typings", "5.2.3").
	Typings, Version string
	apis             []API
}

var (
	// MiniProgram is the wx object of mini programs.
	MiniProgram = &Table{"miniprogram-api-typings", TypingsVersion, table[:]}
	// MiniGame is the wx object of mini games.
	MiniGame = &Table{"minigame-api-typings", GameTypingsVersion, gameTable[:]}
)

// For returns the table of a mini game (game) or of a mini program.
func For(game bool) *Table {
	if game {
		return MiniGame
	}
	return MiniProgram
}

// Lookup returns the wx API of that name (without "wx."). The API returned
// is shared and must not be modified.
func (t *Table) Lookup(name string) (*API, bool) {
	i, ok := slices.BinarySearchFunc(t.apis, name, func(a API, name string) int {
		return strings.Compare(a.Name, name)
	})
	if !ok {
		return nil, false
	}
	return &t.apis[i], true
}

// All returns every wx API of the table, sorted by name. The slice is the
// caller's; the APIs are shared and must not be modified.
func (t *Table) All() []*API {
	out := make([]*API, len(t.apis))
	for i := range t.apis {
		out[i] = &t.apis[i]
	}
	return out
}

// Lookup returns the mini-program wx API of that name (without "wx."):
// MiniProgram.Lookup.
func Lookup(name string) (*API, bool) { return MiniProgram.Lookup(name) }

// Field returns the versioned option field at that dotted path. The Field
// returned is shared and must not be modified.
func (a *API) Field(path string) (*Field, bool) {
	i, ok := slices.BinarySearchFunc(a.Fields, path, func(f Field, path string) int {
		return strings.Compare(f.Name, path)
	})
	if !ok {
		return nil, false
	}
	return &a.Fields[i], true
}

// All returns every mini-program wx API, sorted by name: MiniProgram.All.
func All() []*API { return MiniProgram.All() }
