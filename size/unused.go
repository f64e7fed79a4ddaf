package size

import (
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

// Used says whether WeChat's compiler keeps an uploaded code file when the
// project sets setting.ignoreUploadUnusedFiles: it then leaves out the
// scripts, templates, styles and json that no page or component reaches.
type Used func(f *project.UploadFile) bool

// UsedBy builds Used from what the front ends found reachable: the scripts
// WeChat loads (jsparse.Result.Reachable), the templates and styles pages
// and components compile (views.Result.Reachable), and the json of pages
// and components. Files this cannot judge (a json that is no page or
// component config, a .wxs) are kept.
func UsedBy(p *project.Project, scripts *jsparse.Result, v *views.Result) Used {
	reach := scripts.Reachable(p)
	views := map[string]bool{}
	for _, pg := range p.Pages {
		views[pg.Path] = true
	}
	for _, c := range p.Components {
		views[c.Path] = true
	}
	return func(f *project.UploadFile) bool {
		base := strings.TrimSuffix(f.MP, path.Ext(f.MP))
		switch f.Kind {
		case "js":
			return reach[f.Source] || reach[f.MP]
		case "wxml", "wxss":
			return views[base] || v.Reachable(f.MP) || f.MP == "app.wxss"
		case "json":
			// A page or component json goes with its page or component; any
			// other json (app.json, sitemap.json, data a script requires) stays.
			return views[base] || !p.Exists(p.MP(base+".wxml"))
		}
		return true
	}
}

// dropUnused moves the code files used rejects from files to skipped.
func dropUnused(files []*File, used Used) (kept []*File, dropped []*project.SkippedFile) {
	for _, f := range files {
		if used(f.UploadFile) {
			kept = append(kept, f)
			continue
		}
		dropped = append(dropped, &project.SkippedFile{MP: f.MP, Bytes: f.Bytes,
			Reason: "no page or component uses it, and setting.ignoreUploadUnusedFiles leaves such files out"})
	}
	return kept, dropped
}
