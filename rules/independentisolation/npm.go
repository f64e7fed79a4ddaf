package independentisolation

import (
	"path"
	"strconv"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/project"
)

// npmDist is a folder where the IDE's "Build npm" (and miniprogram-ci's
// packNpm) creates a miniprogram_npm folder.
type npmDist struct {
	mp  string // its mini program path ("" for the root)
	how string // where the project says so, for messages
}

// npmDists returns where "Build npm" will put the npm packages: with
// setting.packNpmManually, in each packNpmRelationList item's
// miniprogramNpmDistDir (relative to the project folder); otherwise beside
// each package.json inside the mini program root (devtools/npm.html).
// Folders outside the mini program root are left out.
func npmDists(p *project.Project) []npmDist {
	var out []npmDist
	var setting *jsonc.Value
	if p.Config != nil && p.Config.Root != nil {
		setting = p.Config.Root.Get("setting")
	}
	if setting.Get("packNpmManually").IsTrue() {
		list := setting.Get("packNpmRelationList")
		if list == nil {
			return nil
		}
		for _, item := range list.Elems {
			dir, ok := item.Get("miniprogramNpmDistDir").String()
			if !ok {
				continue
			}
			if mp, ok := mpFolder(p, path.Clean(dir)); ok {
				out = append(out, npmDist{mp: mp, how: "packNpmRelationList's miniprogramNpmDistDir " + strconv.Quote(dir)})
			}
		}
		return out
	}
	for rel := range p.Tree() {
		if path.Base(rel) != "package.json" {
			continue
		}
		if mp, ok := mpFolder(p, path.Dir(rel)); ok {
			out = append(out, npmDist{mp: mp, how: "beside " + shown(path.Join(mp, "package.json"))})
		}
	}
	return out
}

// mpFolder returns the mini program path ("" for the root) of a folder
// given relative to the project folder, and false when it lies outside the
// mini program root.
func mpFolder(p *project.Project, rel string) (string, bool) {
	rel = path.Clean(rel)
	if rel == path.Clean(p.MiniRoot+"/.") || rel == "." && p.MiniRoot == "" {
		return "", true
	}
	mp, ok := p.InMP(rel)
	if !ok || mp == ".." || strings.HasPrefix(mp, "../") {
		return "", false
	}
	return mp, true
}

// npmBuildOutside reports, for a component of an npm package not built yet
// that the file at mini program path from (in independent subpackage sp)
// uses, the folder whose miniprogram_npm will provide it once built (the
// nearest above the file, as WeChat looks it up) when that folder lies
// outside sp's root and none inside it will.
func npmBuildOutside(p *project.Project, dists []npmDist, from string, sp *project.Subpackage) (dir, how string, ok bool) {
	best := -1
	for i, d := range dists {
		if !ancestor(d.mp, path.Dir(from)) {
			continue
		}
		if inside(d.mp, sp.Root) {
			return "", "", false
		}
		if best < 0 || len(d.mp) > len(dists[best].mp) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false // Build npm will not provide it: missing-file's business
	}
	return dists[best].mp, dists[best].how, true
}

// ancestor reports whether the folder a (a mini program path, "" for the
// root) holds the folder b or is b.
func ancestor(a, b string) bool {
	if b == "." {
		b = ""
	}
	return a == "" || a == b || strings.HasPrefix(b, a+"/")
}
