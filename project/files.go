package project

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// MaxFileSize bounds what the loader reads into memory. Packages are at most
// 2 MB once built, so a source file past this is not a mini program file.
const MaxFileSize = 16 << 20

// File is one file of the project, registered in the project's FileSet.
type File struct {
	// Path is relative to the project directory, with forward slashes.
	Path string
	Src  []byte
	TF   *token.File
}

// Pos returns the token.Pos of a byte offset in f.
func (f *File) Pos(offset int) token.Pos {
	if offset > f.TF.Size() {
		offset = f.TF.Size()
	}
	return f.TF.Pos(offset)
}

// JSONFile is a parsed JSON configuration file.
type JSONFile struct {
	*File
	// Schema names the JSON Schema that describes the file: "app", "page",
	// "component", "project.config", "sitemap", or "" for none (theme.json).
	Schema string
	// Root is nil when the file has a syntax error.
	Root     *jsonc.Value
	Problems []jsonc.Problem
	Err      *jsonc.SyntaxError
}

// errOutside is returned for paths that resolve outside the project root.
var errOutside = errors.New("outside the project root")

// resolve maps a path relative to the project directory to an absolute path
// on disk, refusing paths (and symlink targets) that leave the root. It
// returns fs.ErrNotExist for files that do not exist.
func (p *Project) resolve(rel string) (string, error) {
	rel = path.Clean(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return "", errOutside
	}
	abs := filepath.Join(p.root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fs.ErrNotExist
		}
		return "", err
	}
	if !within(p.root, real) {
		return "", errOutside
	}
	return real, nil
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// Exists reports whether a regular file exists at rel (relative to the
// project directory) inside the project root.
func (p *Project) Exists(rel string) bool {
	if _, ok := p.files[path.Clean(rel)]; ok {
		return true
	}
	if v, ok := p.exists[rel]; ok {
		return v
	}
	ok := false
	if abs, err := p.resolve(rel); err == nil {
		st, err := os.Stat(abs)
		ok = err == nil && st.Mode().IsRegular()
	}
	p.exists[rel] = ok
	return ok
}

// IsDir reports whether rel is a directory inside the project root.
func (p *Project) IsDir(rel string) bool {
	abs, err := p.resolve(rel)
	if err != nil {
		return false
	}
	st, err := os.Stat(abs)
	return err == nil && st.IsDir()
}

// ReadFile reads a file of the project (relative to the project directory),
// registers it in the FileSet once, and returns it.
func (p *Project) ReadFile(rel string) (*File, error) {
	rel = path.Clean(rel)
	if f, ok := p.files[rel]; ok {
		return f, nil
	}
	abs, err := p.resolve(rel)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", rel)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, larger than the %d bytes the checker reads", rel, st.Size(), MaxFileSize)
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	f := &File{Path: rel, Src: src}
	f.TF = p.Fset.AddFile(rel, -1, len(src))
	f.TF.SetLinesForContent(src)
	p.files[rel] = f
	p.Files = append(p.Files, f)
	return f, nil
}

// JSON returns a JSON file the loader parsed, by its path relative to the
// project directory, or nil.
func (p *Project) JSON(rel string) *JSONFile { return p.jsonFiles[path.Clean(rel)] }

// readJSON reads and parses a JSON file. A missing file returns (nil, nil);
// other read failures are recorded as load errors and return nil.
func (p *Project) readJSON(rel, schema string) *JSONFile {
	rel = path.Clean(rel)
	if jf, ok := p.jsonFiles[rel]; ok {
		return jf
	}
	f, err := p.ReadFile(rel)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errOutside) {
			p.loadError(rel, err)
		}
		p.jsonFiles[rel] = nil
		return nil
	}
	jf := &JSONFile{File: f, Schema: schema}
	jf.Root, jf.Problems, jf.Err = jsonc.Parse(f.Src)
	p.jsonFiles[rel] = jf
	p.JSONFiles = append(p.JSONFiles, jf)
	return jf
}

// LoadError is a file the loader needed but could not read (permissions, a
// directory where a file should be, a file too large). File is registered
// empty, so that a finding can point at it.
type LoadError struct {
	File *File
	Err  error
}

func (p *Project) loadError(rel string, err error) {
	f := &File{Path: rel}
	f.TF = p.Fset.AddFile(rel, -1, 0)
	p.files[rel] = f
	p.LoadErrors = append(p.LoadErrors, LoadError{File: f, Err: err})
}

// Tree returns every regular file under the mini program root, as paths
// relative to the project directory, sorted. Folders named node_modules and
// dot-folders are skipped (WeChat does not upload them); symlinked folders
// are not entered, and symlinked files are listed only when they resolve
// inside the project root. The walk runs once per project.
func (p *Project) Tree() []string {
	if p.tree != nil {
		return p.tree
	}
	p.tree = []string{}
	start := p.root
	if p.MiniRoot != "" {
		abs, err := p.resolve(p.MiniRoot)
		if err != nil {
			return p.tree
		}
		start = abs
	}
	_ = filepath.WalkDir(start, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if abs != start && (name == "node_modules" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(p.root, abs)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			real, err := p.resolve(rel)
			if err != nil {
				return nil
			}
			if st, err := os.Stat(real); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		p.tree = append(p.tree, rel)
		return nil
	})
	sort.Strings(p.tree)
	return p.tree
}

// Unreadable records a file the checker needs but cannot read (too large,
// permissions) as a load error, and returns an empty stand-in registered in
// the FileSet, so that findings can point at it.
func (p *Project) Unreadable(rel string, err error) *File {
	rel = path.Clean(rel)
	if f, ok := p.files[rel]; ok {
		return f
	}
	p.loadError(rel, err)
	return p.files[rel]
}
