// Package fuzzseed gathers the seed corpora of the fuzz tests from the
// repository's test data: the example project, the rule fixtures
// (rules/*/testdata/*.txtar) and the command's scripts
// (cmd/chattool-lint/testdata/script/*.txtar). Only tests use it.
package fuzzseed

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/txtar"
)

// File is a file of the test data: its path (inside its archive, or
// relative to the repository) and content.
type File struct {
	Path string
	Data []byte
}

// Project is the files of one fixture: an archive, or the example.
type Project struct {
	Name  string
	Files []File
}

// maxSize leaves out large files: seeds should be small.
const maxSize = 64 << 10

// Projects returns the fixtures found under the repository root, in a
// fixed order. Unreadable folders and archives are skipped: seeds are a
// help, not a requirement.
func Projects(root string) []Project {
	var out []Project
	var archives []string
	for _, pattern := range []string{"rules/*/testdata/*.txtar", "cmd/chattool-lint/testdata/script/*.txtar"} {
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		archives = append(archives, m...)
	}
	sort.Strings(archives)
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			continue
		}
		p := Project{Name: a}
		for _, f := range ar.Files {
			if len(f.Data) <= maxSize {
				p.Files = append(p.Files, File{Path: f.Name, Data: f.Data})
			}
		}
		out = append(out, p)
	}
	ex := Project{Name: "testdata/example"}
	dir := filepath.Join(root, "testdata", "example")
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil || len(b) > maxSize {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		ex.Files = append(ex.Files, File{Path: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if len(ex.Files) > 0 {
		out = append(out, ex)
	}
	return out
}

// Files returns every file of the fixtures whose name ends in one of
// exts (".json", ".wxml"), each content once.
func Files(root string, exts ...string) [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	for _, p := range Projects(root) {
		for _, f := range p.Files {
			ext := path.Ext(f.Path)
			if strings.HasSuffix(f.Path, ".d.ts") {
				ext = ".d.ts"
			}
			for _, e := range exts {
				if e == ext && !seen[string(f.Data)] {
					seen[string(f.Data)] = true
					out = append(out, f.Data)
				}
			}
		}
	}
	return out
}
