package size

import (
	"sort"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
)

// SourceFile is a file of the mini program as WeChat DevTools' code
// analysis lists it, with its size on disk.
type SourceFile struct {
	MP    string
	Bytes int64
}

// AnalysedFiles returns the files that miniprogram-ci's code analyser
// lists, whose sizes its code-quality check adds up (miniprogram-ci 2.1.42,
// dist/common/code-analyse: Analyzer.serialize().files): every file under
// the mini program root whose extension is one of the upload whitelist's
// (case-sensitive, as Node's path.extname gives it), outside node_modules,
// .git and .svn folders; dot-folders included, packOptions not applied,
// sources as they are on disk. checkCodeQuality gives the analyser no
// compiler plugins, so .ts, .less and .scss files are not listed (the
// .js and .wxss beside them are), and neither are .d.ts files. Sorted by
// MP.
func AnalysedFiles(p *project.Project) []SourceFile {
	up := p.Upload()
	var out []SourceFile
	add := func(mp string, n int64) {
		if project.UploadWhitelisted(nodeExt(mp)) {
			out = append(out, SourceFile{MP: mp, Bytes: n})
		}
	}
	for _, f := range up.Files {
		add(f.Source, f.Bytes)
	}
	for _, sk := range up.Skipped {
		if !sk.Folder {
			add(sk.MP, sk.Bytes)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].MP < out[j].MP })
	return out
}

// nodeExt is Node's path.extname: the extension of the base name from its
// last dot, "" for a name whose only dot leads it (".js").
func nodeExt(p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return base[i:]
}
