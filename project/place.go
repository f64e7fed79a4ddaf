package project

import (
	"go/token"
	"sort"
)

// A file's token.File is made when a position in it is first resolved,
// not when the file is read. Until then the file holds only its place: the
// range of positions it was given in the project's FileSet (base, size),
// which is all the front ends and rules need to make positions. Most files
// of a project never have a position resolved (those without a finding),
// and a token.File with its node in the FileSet's tree takes 170 bytes, a
// place 32: bench/gen-big.sh's 100,000 files held 165 MB once the rules
// had run with a token.File each, 151 MB with places.
//
// So a project hands out positions itself (reserve), and a position is
// resolved through the project (File, TokenFile) rather than its FileSet
// alone, which knows only the files made so far. A project with a Memo
// (the language server's, --watch's) makes each file's token.File at
// once: the next check's project (Derive) shares its files and registers
// their token.Files in a FileSet of its own.

// place is where a file's positions lie in its project's FileSet. The
// copies of a File (ReadFile's, WithSrc's) share it.
type place struct {
	fset       *token.FileSet
	base, size int
	tf         *token.File // guarded by fileMu; nil until made
}

// reserveLocked gives the next size+1 positions (a file's, with its end)
// to a file named rel, and makes its token.File at once unless the project
// makes them on demand. p.mu is held.
func (p *Project) reserveLocked(rel string, size int) *place {
	if p.nextBase < p.Fset.Base() {
		p.nextBase = p.Fset.Base()
	}
	pl := &place{fset: p.Fset, base: p.nextBase, size: size}
	p.nextBase += size + 1
	if p.Options.Memo != nil {
		fileMu.Lock()
		pl.token(rel)
		fileMu.Unlock()
	}
	return pl
}

// token returns the token.File of the place, named rel, made and added
// to the FileSet the first time. fileMu is held.
func (pl *place) token(rel string) *token.File {
	if pl.tf == nil {
		// (A FileSet of its own gives the File its base; AddExistingFiles
		// puts it in the project's, whose files' ranges never overlap.)
		pl.tf = token.NewFileSet().AddFile(rel, pl.base, pl.size)
		pl.fset.AddExistingFiles(pl.tf)
	}
	return pl.tf
}

// made returns the token.File of the place, or nil when none was made.
func (pl *place) made() *token.File {
	fileMu.Lock()
	defer fileMu.Unlock()
	return pl.tf
}

// TF returns the file's token.File, made (and registered in the project's
// FileSet) the first time it is asked for.
func (f *File) TF() *token.File {
	fileMu.Lock()
	defer fileMu.Unlock()
	return f.place.token(f.Path)
}

// Size is the length of the file's content as registered.
func (f *File) Size() int { return f.place.size }

// Offset returns the byte offset of a position in f: pos clamped to the
// file's range, as token.File.Offset would not have it panic.
func (f *File) Offset(pos token.Pos) int {
	return min(max(int(pos)-f.place.base, 0), f.place.size)
}

// Contains reports whether pos lies in the file, its end included.
func (f *File) Contains(pos token.Pos) bool {
	return int(pos) >= f.place.base && int(pos) <= f.place.base+f.place.size
}

// Same reports whether f and g are the same file of a project: one, or
// copies of one (WithSrc).
func (f *File) Same(g *File) bool { return f != nil && g != nil && f.place == g.place }

// WithSrc returns a copy of f that holds src (its content read again, or
// rewritten at the same offsets), at the same positions.
func (f *File) WithSrc(src []byte) *File {
	return &File{Path: f.Path, Src: src, place: f.place}
}

// TokenFile returns the token.File of the file of the project that holds
// pos, made the first time, or nil when none does.
func (p *Project) TokenFile(pos token.Pos) *token.File {
	if f := p.FileAt(pos); f != nil {
		return f.TF()
	}
	return p.Fset.File(pos)
}

// FileAt returns the file of the project that holds pos, or nil.
func (p *Project) FileAt(pos token.Pos) *File {
	if !pos.IsValid() {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// p.Files are in the order their places were given, but for those a
	// derived project took over from the project before it (which it
	// registers in its FileSet), and the files of load errors.
	fs := p.Files
	i := sort.Search(len(fs), func(i int) bool { return fs[i].place.base+fs[i].place.size >= int(pos) })
	if i < len(fs) && fs[i].Contains(pos) && fs[i].place.fset == p.Fset {
		return fs[i]
	}
	for _, le := range p.LoadErrors {
		if le.File.Contains(pos) {
			return le.File
		}
	}
	if tf := p.Fset.File(pos); tf != nil {
		if f := p.files[tf.Name()]; f != nil && f.Contains(pos) {
			return f
		}
	}
	return nil
}
