package wxapi

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Counts measured on miniprogram-api-typings@5.2.3: interface Wx declares
// 495 distinct methods (createOffscreenCanvas twice), 419 of them with a
// "需要基础库" line; 126 versioned option fields in all.
const (
	wantAPIs      = 495
	wantVersioned = 419
	wantFields    = 126
)

// Counts measured on minigame-api-typings@3.8.20: 373 methods, 283 of them
// with a "需要基础库" line; 108 versioned option fields.
const (
	wantGameAPIs      = 373
	wantGameVersioned = 283
	wantGameFields    = 108
)

func TestTypingsVersion(t *testing.T) {
	if TypingsVersion != "5.2.3" {
		t.Errorf("TypingsVersion = %q; update the counts and cases of this test with the pin", TypingsVersion)
	}
	if GameTypingsVersion != "3.8.20" {
		t.Errorf("GameTypingsVersion = %q; update the counts and cases of this test with the pin", GameTypingsVersion)
	}
	if MiniProgram.Typings != "miniprogram-api-typings" || MiniProgram.Version != TypingsVersion ||
		MiniGame.Typings != "minigame-api-typings" || MiniGame.Version != GameTypingsVersion {
		t.Errorf("tables name %s@%s and %s@%s", MiniProgram.Typings, MiniProgram.Version, MiniGame.Typings, MiniGame.Version)
	}
	if For(false) != MiniProgram || For(true) != MiniGame {
		t.Error("For does not choose the table of the kind")
	}
}

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		t                       *Table
		apis, versioned, fields int
	}{
		{MiniProgram, wantAPIs, wantVersioned, wantFields},
		{MiniGame, wantGameAPIs, wantGameVersioned, wantGameFields},
	} {
		all := tc.t.All()
		versioned, fields := 0, 0
		for _, a := range all {
			if a.Since != "" {
				versioned++
			}
			fields += len(a.Fields)
		}
		if len(all) != tc.apis || versioned != tc.versioned || fields != tc.fields {
			t.Errorf("%s: %d APIs, %d versioned, %d option fields; want %d, %d, %d",
				tc.t.Typings, len(all), versioned, fields, tc.apis, tc.versioned, tc.fields)
		}
	}
}

// TestGame checks the mini-game table against what the mini-game API pages
// say (minigame/dev/api/chattool/): the chat-tool APIs need 3.7.12, and
// some mini-program APIs do not exist.
func TestGame(t *testing.T) {
	for name, want := range map[string]string{
		"openChatTool":           "3.7.12",
		"exitChatTool":           "3.7.12",
		"isChatTool":             "3.7.12",
		"getChatToolInfo":        "3.7.12",
		"selectGroupMembers":     "3.7.12",
		"getGroupMembersInfo":    "3.7.12",
		"notifyGroupMembers":     "3.7.12",
		"shareAppMessageToGroup": "3.7.12",
		"shareTextToGroup":       "3.7.12",
		"shareImageToGroup":      "3.7.12",
		"shareEmojiToGroup":      "3.7.12",
		"shareVideoToGroup":      "3.7.12",
		"enterChatToolMode":      "3.12.0",
		"getGroupEnterInfo":      "2.10.4",
		"updateShareMenu":        "1.2.0",
		"createRewardedVideoAd":  "2.0.4",
	} {
		a, ok := MiniGame.Lookup(name)
		if !ok {
			t.Errorf("MiniGame.Lookup(%q) not found", name)
			continue
		}
		if a.Since != want {
			t.Errorf("MiniGame.Lookup(%q) since %q, want %q", name, a.Since, want)
		}
		if !strings.HasPrefix(a.URL, "https://developers.weixin.qq.com/minigame/dev/api/") {
			t.Errorf("MiniGame.Lookup(%q).URL = %q, not a mini-game page", name, a.URL)
		}
	}
	for _, name := range []string{"shareFileToGroup", "getApiCategory", "openEmbeddedMiniProgram", "navigateTo"} {
		if a, ok := MiniGame.Lookup(name); ok {
			t.Errorf("MiniGame.Lookup(%q) = %+v, want none: mini games have no such API", name, a)
		}
	}
	for _, tc := range []struct{ api, field, want string }{
		{"updateShareMenu", "useForChatTool", "3.7.8"},
		{"updateShareMenu", "chooseType", "3.7.8"},
		{"getGroupEnterInfo", "allowSingleChat", "3.7.8"},
		{"shareAppMessage", "path", "2.12.2"},
	} {
		a, _ := MiniGame.Lookup(tc.api)
		if f, ok := a.Field(tc.field); !ok || f.Since != tc.want {
			t.Errorf("MiniGame %s.%s: %v %v, want since %s", tc.api, tc.field, f, ok, tc.want)
		}
	}
	// The mini-program table is not the game's.
	if a, _ := Lookup("openChatTool"); a.Since != "3.7.8" {
		t.Errorf("mini-program openChatTool since %q", a.Since)
	}
	for _, name := range []string{"exitChatTool", "isChatTool", "shareTextToGroup"} {
		if _, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) found: miniprogram-api-typings %s has no such method", name, TypingsVersion)
		}
	}
}

func TestSince(t *testing.T) {
	for name, want := range map[string]string{
		"openChatTool":           "3.7.8",
		"getChatToolInfo":        "3.7.8",
		"selectGroupMembers":     "3.7.8",
		"notifyGroupMembers":     "3.7.8",
		"shareAppMessageToGroup": "3.7.8",
		"shareImageToGroup":      "3.7.8",
		"shareVideoToGroup":      "3.7.8",
		"shareFileToGroup":       "3.7.8",
		"shareEmojiToGroup":      "3.7.8",
		"enterChatToolMode":      "3.12.0",
		"getGroupEnterInfo":      "2.10.4",
		"getApiCategory":         "2.33.0",
		"updateShareMenu":        "1.2.0",
		"getAccountInfoSync":     "2.2.2",  // also has "在插件中使用：需要基础库", which is not it
		"createOffscreenCanvas":  "2.16.1", // overloaded
		"request":                "",       // no version line
		"getBatteryInfoSync":     "",       // only a plugin version line
	} {
		a, ok := Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q) not found", name)
			continue
		}
		if a.Name != name || a.Since != want {
			t.Errorf("Lookup(%q) = %q since %q, want since %q", name, a.Name, a.Since, want)
		}
	}
	for _, name := range []string{"", "wx.openChatTool", "openchattool", "cloud", "env", "router", "worklet", "zzz"} {
		if a, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %+v, want none", name, a)
		}
	}
}

func TestFields(t *testing.T) {
	for _, tc := range []struct{ api, field, want string }{
		{"updateShareMenu", "useForChatTool", "3.7.8"},
		{"updateShareMenu", "chooseType", "3.7.8"},
		{"updateShareMenu", "templateInfo", "2.4.0"},
		{"updateShareMenu", "isPrivateMessage", "2.13.0"},
		{"getGroupEnterInfo", "needGroupOpenID", "3.7.8"},
		{"request", "enableHttp2", "2.10.4"},
		{"showShareMenu", "menus", "2.11.3"},
		{"createWorker", "useExperimentalWorker", "2.13.0"},   // option is the second argument
		{"createIntersectionObserver", "observeAll", "2.0.0"}, // likewise
		{"createVKSession", "track.face", "2.25.0"},           // nested one level
		{"getStorage", "encrypt", "2.21.3"},                   // generic U extends GetStorageOption<T>
		{"setStorage", "encrypt", "2.21.3"},
	} {
		a, ok := Lookup(tc.api)
		if !ok {
			t.Errorf("Lookup(%q) not found", tc.api)
			continue
		}
		f, ok := a.Field(tc.field)
		if !ok {
			t.Errorf("%s: Field(%q) not found", tc.api, tc.field)
			continue
		}
		if f.Name != tc.field || f.Since != tc.want {
			t.Errorf("%s: Field(%q) = %+v, want since %s", tc.api, tc.field, *f, tc.want)
		}
	}
	a, _ := Lookup("updateShareMenu")
	for _, path := range []string{"success", "withShareTicket", "templateInfo.templateId", "useforchattool", ""} {
		if f, ok := a.Field(path); ok {
			t.Errorf("updateShareMenu: Field(%q) = %+v, want none (no version of its own)", path, *f)
		}
	}
}

var versionRE = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

func TestTableWellFormed(t *testing.T) {
	for _, tb := range []*Table{MiniProgram, MiniGame} {
		t.Run(tb.Typings, func(t *testing.T) { wellFormed(t, tb) })
	}
}

func wellFormed(t *testing.T, tb *Table) {
	all := tb.All()
	if !slices.IsSortedFunc(all, func(x, y *API) int { return strings.Compare(x.Name, y.Name) }) {
		t.Error("All() is not sorted by name")
	}
	kind := "/miniprogram/dev/"
	if tb == MiniGame {
		kind = "/minigame/dev/"
	}
	noURL := 0
	for i, a := range all {
		if i > 0 && all[i-1].Name == a.Name {
			t.Errorf("%s appears twice", a.Name)
		}
		if !regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`).MatchString(a.Name) {
			t.Errorf("bad API name %q", a.Name)
		}
		if a.Since != "" && !versionRE.MatchString(a.Since) {
			t.Errorf("%s: Since %q is not x.y.z", a.Name, a.Since)
		}
		switch {
		case a.URL == "":
			noURL++
			if a.Name != "getXrFrameSystem" {
				t.Errorf("%s: no URL", a.Name)
			}
		case !strings.HasPrefix(a.URL, "https://developers.weixin.qq.com"+kind) || !strings.HasSuffix(a.URL, "/wx."+a.Name+".html"):
			t.Errorf("%s: URL %q", a.Name, a.URL)
		}
		if !slices.IsSortedFunc(a.Fields, func(x, y Field) int { return strings.Compare(x.Name, y.Name) }) {
			t.Errorf("%s: fields not sorted", a.Name)
		}
		for j, f := range a.Fields {
			if j > 0 && a.Fields[j-1].Name == f.Name {
				t.Errorf("%s: field %s appears twice", a.Name, f.Name)
			}
			if !versionRE.MatchString(f.Since) {
				t.Errorf("%s.%s: Since %q is not x.y.z", a.Name, f.Name, f.Since)
			}
			if got, ok := a.Field(f.Name); !ok || got != &a.Fields[j] {
				t.Errorf("%s: Field(%q) does not find it", a.Name, f.Name)
			}
		}
		if got, ok := tb.Lookup(a.Name); !ok || got != a {
			t.Errorf("Lookup(%q) does not find it", a.Name)
		}
	}
	if noURL > 1 {
		t.Errorf("%d APIs without URL", noURL)
	}
	if a, _ := Lookup("openChatTool"); a.URL != "https://developers.weixin.qq.com/miniprogram/dev/api/chattool/wx.openChatTool.html" {
		t.Errorf("openChatTool URL = %q", a.URL)
	}
}

func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0] = nil
	if All()[0] == nil {
		t.Error("All() returns a shared slice")
	}
}

func BenchmarkLookup(b *testing.B) {
	for b.Loop() {
		if _, ok := Lookup("shareAppMessageToGroup"); !ok {
			b.Fatal("not found")
		}
	}
}
