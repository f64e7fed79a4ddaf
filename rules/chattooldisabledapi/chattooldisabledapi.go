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

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	for _, f := range jsparse.Of(pass).Files {
		if !p.IsChatTool(f.MP) {
			continue
		}
		if f.Limited {
			for _, u := range f.Tokens() {
				if d, ok := apis[u.API]; ok && u.Call {
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
			d, ok := apis[u.API]
			if !ok || (u.Call == nil && !u.Passed) {
				continue
			}
			start, end := f.Span(u.Node)
			report(pass, d, u.API, start, end)
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
