package mediasize

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
)

//go:embed doc.go
var doc string

// Rule is the media-size rule.
var Rule = lint.NewRule(doc, "mediasize", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

// Limit is the sum DevTools' code-quality check wants the images and audio
// to stay under: 200 KB.
const Limit = 200 * size.KB

// mediaExts are the check's image and audio types (its regList).
var mediaExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".svg": true, ".webp": true, ".gif": true,
	".flac": true, ".m4a": true, ".ogg": true, ".ape": true, ".amr": true, ".wma": true,
	".wav": true, ".mp3": true, ".mp4": true, ".aac": true, ".aiff": true, ".caf": true,
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil || p.IsGame() {
		return nil, nil
	}
	var media []size.SourceFile
	var total int64
	for _, f := range size.AnalysedFiles(p) {
		if mediaExts[ext(f.MP)] {
			media = append(media, f)
			total += f.Bytes
		}
	}
	if total < Limit {
		return nil, nil
	}
	at := p.Config
	if at == nil {
		at = p.App
	}
	sort.SliceStable(media, func(i, j int) bool { return media[i].Bytes > media[j].Bytes })
	var parts []string
	for _, f := range media[:min(3, len(media))] {
		parts = append(parts, fmt.Sprintf("%s %s", f.MP, size.Format(f.Bytes)))
	}
	files := fmt.Sprintf("%d files", len(media))
	if len(media) == 1 {
		files = "1 file"
	}
	lint.Report(pass, lint.Warning, at.Pos(0), at.Pos(0),
		"images and audio add up to %s in %s; DevTools' code-quality check wants less than 200 KB (largest: %s)",
		size.Format(total), files, strings.Join(parts, ", "))
	return nil, nil
}

// ext is Node's path.extname of mp.
func ext(mp string) string {
	base := mp[strings.LastIndexByte(mp, '/')+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[i:]
	}
	return ""
}
