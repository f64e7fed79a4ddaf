package chattooldisabledapi

import (
	_ "embed"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the chattool-disabled-api rule.
var Rule = lint.NewRule(doc, "chattooldisabledapi", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      run,
})

type disabled struct {
	sev  lint.Severity
	what string
}

const (
	jumpApp      = "chat-tool mode disables jumps to other mini programs"
	jumpArticle  = "chat-tool mode disables opening Official Account articles"
	jumpChannels = "chat-tool mode disables opening Channels"
	ads          = "chat-tool mode disables ads"
	share        = "the share menu is disabled in chat-tool mode, so this has no effect; send to the chat with wx.shareAppMessageToGroup, or post a dynamic message with wx.updateShareMenu({ useForChatTool: true, ... })"
)

var apis = map[string]disabled{
	"navigateToMiniProgram":      {lint.Error, jumpApp},
	"openEmbeddedMiniProgram":    {lint.Error, jumpApp},
	"openOfficialAccountArticle": {lint.Error, jumpArticle},
	"openChannelsUserProfile":    {lint.Error, jumpChannels},
	"openChannelsLive":           {lint.Error, jumpChannels},
	"openChannelsEvent":          {lint.Error, jumpChannels},
	"openChannelsActivity":       {lint.Error, jumpChannels},
	"createRewardedVideoAd":      {lint.Warning, ads},
	"createInterstitialAd":       {lint.Warning, ads},
	"showShareMenu":              {lint.Warning, share},
}

// A mini game's chat-tool guide (minigame/dev/guide/open-ability/
// chat-tool.html §5 «聊天工具模式内禁用的能力») disables ordinary sharing
// («禁用普通转发能力», no API named), the external jumps navigateToMiniProgram,
// openChannelsIsLive, openChannelsIsEvent, openChannelsActivity and
// openChannelsUserProfile, and ads («暂不支持广告», no API named).
// openChannelsIsLive and openChannelsIsEvent are no APIs (minigame-api-typings
// has openChannelsLive and openChannelsEvent), and the guide names no share or
// ad API: those findings are warnings.
const (
	jumpChannelsGuess = "a mini game's chat-tool mode disables opening Channels (its guide names \"openChannelsIsLive\" and \"openChannelsIsEvent\", taken to mean this API)"
	gameAds           = "a mini game's chat-tool mode does not support ads (its guide names no ad API)"
	gameShare         = "a mini game's chat-tool mode disables ordinary sharing (its guide names no API), so this has no effect; send to the chat with wx.shareAppMessageToGroup"
)

var gameAPIs = map[string]disabled{
	"navigateToMiniProgram":   {lint.Error, jumpApp},
	"openChannelsUserProfile": {lint.Error, jumpChannels},
	"openChannelsActivity":    {lint.Error, jumpChannels},
	"openChannelsLive":        {lint.Warning, jumpChannelsGuess},
	"openChannelsEvent":       {lint.Warning, jumpChannelsGuess},
	"createRewardedVideoAd":   {lint.Warning, gameAds},
	"createInterstitialAd":    {lint.Warning, gameAds},
	"createBannerAd":          {lint.Warning, gameAds},
	"createCustomAd":          {lint.Warning, gameAds},
	"createGridAd":            {lint.Warning, gameAds},
	"shareAppMessage":         {lint.Warning, gameShare},
	"showShareMenu":           {lint.Warning, gameShare},
	"onShareAppMessage":       {lint.Warning, gameShare},
	"onShareTimeline":         {lint.Warning, gameShare},
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	// A mini game declares no chat-tool code: its files are chat-tool code
	// only when --assume-chat-tool says so (p.IsChatTool).
	list, game := apis, p.IsGame()
	if game {
		list = gameAPIs
	}
	for _, f := range jsparse.Of(pass).Files {
		if !p.IsChatTool(f.MP) {
			continue
		}
		if f.Limited {
			for _, u := range f.Tokens() {
				if d, ok := list[u.API]; ok && u.Call {
					report(pass, d, u.API, f.File.Pos(u.Start), f.File.Pos(u.End))
				}
			}
			continue
		}
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, u := range fx.Uses {
			d, ok := list[u.API]
			if !ok || (u.Call == nil && !u.Passed) {
				continue
			}
			start, end := f.Span(u.Node)
			report(pass, d, u.API, start, end)
		}
		if game {
			continue // no Page() or Component() in a mini game
		}
		for _, h := range fx.Handlers {
			start, end := f.Span(h.KeyNode)
			lint.Report(pass, lint.Warning, start, end,
				"%s in %s() is never called in chat-tool mode: the share menu and share button are disabled there; send to the chat with wx.shareAppMessageToGroup",
				h.Name, h.In)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, d disabled, api string, start, end token.Pos) {
	lint.Report(pass, d.sev, start, end, "wx.%s: %s", api, d.what)
}
