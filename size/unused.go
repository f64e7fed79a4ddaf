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
// scripts, templates, styles, WXS and JSON its code analysis does not
// reach from app.json and the pages (miniprogram-ci's reason
// AnalyseNoUse): the components of an npm library no page uses, data
// files nothing requires, a project.private.config.json, an .eslintrc.js.
// Images and other files are kept.
type Used func(f *project.UploadFile) bool

// UsedBy builds Used from what the front ends found reachable, following
// what the compiler's analysis follows (not what Reach, which errs on the
// side of reaching for unused-file, adds: files strings name, whole
// packages behind a computed require): the scripts and WXS modules WeChat
// loads and the modules they require (jsparse.Result.Reachable), the
// templates and styles pages and components compile
// (views.Result.Reachable), the json of the pages and of the components
// used, and app.json, sitemap.json, theme.json and ext.json.
func UsedBy(p *project.Project, scripts *jsparse.Result, v *views.Result) Used {
	reach := scripts.Reachable(p)
	pages := map[string]bool{}
	for _, pg := range p.Pages {
		pages[pg.Path] = true
	}
	keep := map[string]bool{"app.json": true, "sitemap.json": true, "theme.json": true, "ext.json": true}
	if p.App != nil && p.App.Root != nil {
		for _, k := range []string{"sitemapLocation", "themeLocation"} {
			if s, ok := p.App.Root.Get(k).String(); ok {
				keep[strings.TrimPrefix(path.Clean("/"+s), "/")] = true
			}
		}
	}
	return func(f *project.UploadFile) bool {
		base := strings.TrimSuffix(f.MP, path.Ext(f.MP))
		switch f.Kind() {
		case "js", "wxs":
			return reach[f.Source] || reach[f.MP]
		case "wxml", "wxss":
			return pages[base] || v.Reachable(f.MP) || f.MP == "app.wxss"
		case "json":
			switch {
			case keep[f.MP]:
				return true
			case p.Exists(p.MP(base + ".wxml")):
				// A page's or a component's: kept with its template.
				return pages[base] || v.Reachable(base+".wxml")
			}
			// Data: kept when a script requires it.
			return reach[f.MP]
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
			Reason: "nothing reaches it from app.json or a page, and setting.ignoreUploadUnusedFiles leaves such files out"})
	}
	return kept, dropped
}
