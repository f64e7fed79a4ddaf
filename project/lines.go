package project

import "go/token"

// A file's line table (the offsets its lines start at, which token.File
// needs to resolve a position to a line) is built when it is first asked
// for, not when the file is read: most files of a project never have a
// position resolved (those with no finding), and their tables were a
// twentieth of what the npm corpus as one project holds at its peak. Code
// that resolves a position in a file (tf.Line, tf.LineStart, Fset.Position)
// first calls Lines or File.Lines; lint's driver does for findings.

// Lines makes sure tf, a file of the project, has its line table, built
// from src, the file's content, and returns tf. A file the project did not
// register, or one whose content is not src's length (it changed on disk
// since), is left as it is.
func (p *Project) Lines(tf *token.File, src []byte) *token.File {
	if tf == nil {
		return nil
	}
	if f := p.file(tf.Name()); f != nil && f.place.made() == tf {
		f.lines(src)
	}
	return tf
}

// Lines makes sure the file's token.File has its line table (see
// Project.Lines), from the content the file holds, and returns it.
func (f *File) Lines() *token.File {
	fileMu.Lock()
	src := f.Src
	fileMu.Unlock()
	f.lines(src)
	return f.TF()
}

func (f *File) lines(src []byte) {
	fileMu.Lock()
	defer fileMu.Unlock()
	if f.lined || src == nil {
		return
	}
	f.lined = true
	// An empty file keeps the one line AddFile gives it: SetLines would
	// leave it none, and its offset 0 would be on line 0, which go/token
	// cannot resolve.
	if tf := f.place.token(f.Path); len(src) > 0 && len(src) == tf.Size() {
		tf.SetLines(lineStarts(src))
	}
}
