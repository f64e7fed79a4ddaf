package project

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// MaxFileSize bounds what the loader reads into memory. Packages are at most
// 2 MB once built, so a source file past this is not a mini program file.
const MaxFileSize = 16 << 20

// fileMu guards the Src, released and kept of the files registered in a
// project, which Release, Text and ReadFile change while analyzers run
// side by side (lint's driver runs those whose requirements are done at
// once). A file being parsed is its front end's: it reads Src unguarded.
var fileMu sync.Mutex

// File is one file of the project, given its place in the project's
// FileSet (its token.File is made when a position in it is resolved: see
// place.go).
type File struct {
	// Path is relative to the project directory, with forward slashes.
	Path string
	// Src is the content read, nil for a file that could not be read, and
	// nil too once Release has dropped it: Text and ReadFile read it again.
	Src []byte
	// place is where its positions lie (see TF).
	place *place

	// released is set when Release dropped Src; kept files (the JSON the
	// loader parsed, whose values rules edit) are never released. lined is
	// set once TF has its line table (lines.go).
	released, kept, lined bool
	// join is set for the virtual file of several (framework.go).
	join *joined
}

// Release drops the file's content once its front end has parsed it and
// kept what the rules need, unless keep is set (the rules read this
// file's bytes: it holds a directive, say) or the file is one Release
// never drops. A project then holds, of the files it has parsed, their
// line tables and what their front ends kept, not their bytes. Text and
// ReadFile read a released file again.
func (f *File) Release(keep bool) {
	fileMu.Lock()
	defer fileMu.Unlock()
	if keep {
		f.kept = true
	}
	if f.kept || f.Src == nil {
		return
	}
	f.Src, f.released = nil, true
}

// Text returns the content of a file read by the loader, by its path, as
// Source does; a file Release dropped is read again, and kept from then on
// (the report reads the files its findings point into, a few of the
// project's). It returns nil for a file never read or that cannot be read
// any more.
func (p *Project) Text(rel string) []byte {
	f := p.file(rel)
	if f == nil {
		return nil
	}
	fileMu.Lock()
	src, released := f.Src, f.released
	fileMu.Unlock()
	if !released {
		return src
	}
	b, err := p.read(rel)
	if err != nil {
		return nil
	}
	fileMu.Lock()
	defer fileMu.Unlock()
	if !f.released {
		return f.Src // (read again meanwhile)
	}
	f.Src, f.released = b, false
	return b
}

// file returns the file registered at rel (cleaned), or nil.
func (p *Project) file(rel string) *File {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.files[rel]
}

// isReleased reports whether Release has dropped f's bytes.
func (f *File) isReleased() bool {
	fileMu.Lock()
	defer fileMu.Unlock()
	return f.released
}

// Pos returns the token.Pos of a byte offset in f.
func (f *File) Pos(offset int) token.Pos {
	if f.join != nil {
		return f.join.pos(offset)
	}
	return token.Pos(f.place.base + min(max(offset, 0), f.place.size))
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
	abs, _, err := p.resolveStat(rel)
	return abs, err
}

// resolveStat is resolve, which also returns what lstat said of the path
// when it asked (nil when it did not): a path that is no symbolic link,
// whose lstat is its stat.
func (p *Project) resolveStat(rel string) (string, fs.FileInfo, error) {
	rel = path.Clean(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return "", nil, errOutside
	}
	abs := filepath.Join(p.root, filepath.FromSlash(rel))
	switch p.metAt(rel) {
	case metFile, metFolder:
		// The walk met it, through folders that are not symlinks, and it
		// is none: it is its own real path.
		return abs, nil, nil
	case metNone:
		return "", nil, fs.ErrNotExist
	}
	if st, err, ok := p.plain(rel, abs); ok {
		return abs, st, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil, fs.ErrNotExist
		}
		return "", nil, err
	}
	if !within(p.root, real) {
		return "", nil, errOutside
	}
	return real, nil, nil
}

// plain settles what filepath.EvalSymlinks would of abs, the path of rel
// (cleaned, inside the root), when that is plain to see: every folder
// above it below the root is a folder and no symbolic link (an lstat of
// each, once a project: see plainDirs), and lstat finds no symbolic link
// at abs (its FileInfo) or nothing (fs.ErrNotExist), or nothing at one of
// those folders, in a plain one (fs.ErrNotExist). Then abs is its own
// real path. ok is false otherwise (a symbolic link, an error): the
// caller asks EvalSymlinks. Before the walk (the loader's reads of the
// json it follows, which would ask EvalSymlinks an lstat for every folder
// of every path) this costs one lstat a path.
func (p *Project) plain(rel, abs string) (st fs.FileInfo, err error, ok bool) {
	if rel == "." || runtime.GOOS == "windows" {
		// (On Windows, EvalSymlinks also gives each name the case it has
		// on disk, and a short name its long one.)
		return nil, nil, false
	}
	// The folders above rel not known yet to be plain, deepest first.
	var todo []string
	p.dirsMu.Lock()
	for dir := path.Dir(rel); dir != "." && !p.plainDirs[dir]; dir = path.Dir(dir) {
		todo = append(todo, dir)
	}
	p.dirsMu.Unlock()
	for i := len(todo) - 1; i >= 0; i-- {
		dir := todo[i]
		st, err := os.Lstat(filepath.Join(p.root, filepath.FromSlash(dir)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fs.ErrNotExist, true // (in a plain folder)
		case err != nil || !st.IsDir():
			return nil, nil, false // (a symlink is no folder to lstat)
		}
		p.dirsMu.Lock()
		if p.plainDirs == nil {
			p.plainDirs = map[string]bool{}
		}
		p.plainDirs[dir] = true
		p.dirsMu.Unlock()
	}
	st, err = os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fs.ErrNotExist, true
	case err != nil || st.Mode()&fs.ModeSymlink != 0:
		return nil, nil, false
	}
	return st, nil, true
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// Exists reports whether a regular file exists at rel (relative to the
// project directory) inside the project root.
func (p *Project) Exists(rel string) bool {
	clean := path.Clean(rel)
	p.mu.Lock()
	_, read := p.files[clean]
	v, known := p.exists[rel]
	p.mu.Unlock()
	if read || p.metAt(clean) == metFile {
		return true
	}
	if _, ok := p.Options.Overlay[clean]; ok {
		return true
	}
	if known {
		return v
	}
	ok := false
	if abs, st, err := p.resolveStat(rel); err == nil {
		if st == nil {
			st, err = os.Stat(abs)
		}
		ok = err == nil && st.Mode().IsRegular()
	}
	p.mu.Lock()
	p.exists[rel] = ok
	p.mu.Unlock()
	return ok
}

// IsDir reports whether rel is a directory inside the project root.
func (p *Project) IsDir(rel string) bool {
	switch p.metAt(path.Clean(rel)) {
	case metFolder:
		return true
	case metFile, metNone:
		return false
	}
	abs, st, err := p.resolveStat(rel)
	if err != nil {
		return false
	}
	if st == nil {
		st, err = os.Stat(abs)
	}
	return err == nil && st.IsDir()
}

// ReadFile reads a file of the project (relative to the project directory),
// registers it in the FileSet once, and returns it. A file Release dropped
// is read again for the caller and not kept: the File returned is then a
// copy, at the same place (Same).
func (p *Project) ReadFile(rel string) (*File, error) {
	rel = path.Clean(rel)
	if f := p.file(rel); f != nil {
		if f.isReleased() {
			// Read again for the caller, not kept.
			src, err := p.read(rel)
			if err != nil {
				return nil, err
			}
			return f.WithSrc(src), nil
		}
		return f, nil
	}
	src, err := p.read(rel)
	if err != nil {
		return nil, err
	}
	f, added := p.addFileLines(rel, src)
	if !added && f.isReleased() {
		return f.WithSrc(src), nil // (registered meanwhile)
	}
	return f, nil
}

// Register makes sure the file at rel is registered in the FileSet, reading
// and registering it as ReadFile does when it is not, and returns it
// without reading again a file Release has dropped: for what its length
// (Size) tells. A file it reads for this is released at once: ReadFile
// reads it again when its bytes are wanted.
func (p *Project) Register(rel string) (*File, error) {
	if f := p.file(path.Clean(rel)); f != nil {
		return f, nil
	}
	f, err := p.ReadFile(rel)
	if err != nil {
		return nil, err
	}
	f.Release(false)
	return f, nil
}

// Readable reports whether the file was read: it is not the empty stand-in
// of a file that could not be (Unreadable), though its bytes may have been
// released since.
func (f *File) Readable() bool {
	fileMu.Lock()
	defer fileMu.Unlock()
	return f.Src != nil || f.released
}

// read returns the content of the file at rel (cleaned), from the overlay or
// from disk, without registering it: it may run on several goroutines.
func (p *Project) read(rel string) ([]byte, error) {
	if src, ok := p.Options.Overlay[rel]; ok {
		if len(src) > MaxFileSize {
			return nil, fmt.Errorf("%s is %d bytes, larger than the %d bytes the checker reads", rel, len(src), MaxFileSize)
		}
		return src, nil
	}
	abs, st, err := p.resolveStat(rel)
	if err != nil {
		return nil, err
	}
	if st == nil && p.Options.Memo == nil && p.metAt(rel) == metFile {
		if b, ok, err := readUnsized(abs); ok {
			return b, err
		}
	}
	if st == nil {
		if st, err = os.Stat(abs); err != nil {
			return nil, err
		}
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", rel)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, larger than the %d bytes the checker reads", rel, st.Size(), MaxFileSize)
	}
	m := p.Options.Memo
	if m == nil {
		return readSized(abs, st.Size())
	}
	if b, ok := m.cachedRead(abs, st); ok {
		return b, nil
	}
	b, err := readSized(abs, st.Size())
	if err == nil {
		m.storeRead(abs, st, b)
	}
	return b, err
}

// readSized reads the regular file at abs, n bytes long when it was
// stat'ed: an open, a read and a close when it has not changed size since
// (os.ReadFile stats it again, and reads once more to meet the end). A
// file read over and over (a released file, read again where its bytes are
// wanted) costs its system calls each time.
//
// It calls the system (package syscall) rather than through an os.File,
// whose open also offers the file to the runtime's poller (one more
// system call, refused for a regular file) and whose file is an object
// with a cleanup to make: a whole project's files took 112 ms that way on
// the demo's 2,990, and 67 ms so. (Not on Windows, where os.Open also
// makes a long path one the system opens.)
func readSized(abs string, n int64) ([]byte, error) {
	if runtime.GOOS == "windows" {
		return readSizedFile(abs, n) // (os.Open makes a long path one Windows opens)
	}
	var fd, err = syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	defer syscall.Close(fd)
	b := make([]byte, 0, n+1) // one byte more: a read that stops short of it, at n, is the end
	for {
		m, err := syscall.Read(fd, b[len(b):cap(b)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: abs, Err: err}
		case m <= 0:
			return b, nil // the end
		}
		b = b[:len(b)+m]
		switch {
		case int64(len(b)) == n && len(b) < cap(b):
			return b, nil
		case len(b) == cap(b):
			b = append(b, 0)[:len(b)] // it grew since: read on
		}
	}
}

// readSizedFile is readSized through an os.File.
func readSizedFile(abs string, n int64) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 0, n+1)
	for {
		m, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		switch {
		case err == io.EOF:
			return b, nil
		case err != nil:
			return nil, err
		case int64(len(b)) == n && len(b) < cap(b):
			return b, nil
		case len(b) == cap(b):
			b = append(b, 0)[:len(b)] // it grew since: read on
		}
	}
}

// addFile registers a file read from rel; the caller sets its lines.
func (p *Project) addFile(rel string, src []byte) *File {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.addFileLocked(rel, src)
}

func (p *Project) addFileLocked(rel string, src []byte) *File {
	if src == nil {
		src = []byte{} // nil marks a file that could not be read
	}
	f := &File{Path: rel, Src: src, place: p.reserveLocked(rel, len(src))}
	p.files[rel] = f
	p.Files = append(p.Files, f)
	return f
}

// addFileLines registers a file read from rel, unless a file was
// registered there meanwhile (by an analyzer running beside the caller's),
// which it returns.
func (p *Project) addFileLines(rel string, src []byte) (f *File, added bool) {
	if src == nil {
		src = []byte{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if f, ok := p.files[rel]; ok {
		return f, false
	}
	return p.addFileLocked(rel, src), true
}

// lineStarts are the offsets of the lines of src, as
// token.File.SetLinesForContent sets them, in a slice of their number (a
// line table is kept as long as the project).
func lineStarts(src []byte) []int {
	n := bytes.Count(src, []byte{'\n'})
	if n > 0 && src[len(src)-1] == '\n' {
		n-- // (no line after a final newline)
	}
	lines := make([]int, 1, n+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 || i+j+1 >= len(src) {
			return lines
		}
		i += j + 1
		lines = append(lines, i)
	}
}

// JSON returns a JSON file the loader parsed, by its path relative to the
// project directory, or nil.
// (The loader alone adds JSON files: no lock.)
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
	f.kept = true
	jf := &JSONFile{File: f, Schema: schema}
	jf.Root, jf.Problems, jf.Err = jsonc.Parse(f.Src)
	p.jsonFiles[rel] = jf
	p.JSONFiles = append(p.JSONFiles, jf)
	return jf
}

// readJSONs reads and parses JSON files as readJSON does each, the reading
// and the parsing in parallel (registering in the FileSet in order).
func (p *Project) readJSONs(rels []string, schema string) {
	clean, srcs, errs := make([]string, len(rels)), make([][]byte, len(rels)), make([]error, len(rels))
	todo := make([]bool, len(rels))
	for i, rel := range rels {
		clean[i] = path.Clean(rel)
		_, parsed := p.jsonFiles[clean[i]]
		_, read := p.files[clean[i]]
		todo[i] = !parsed && !read
	}
	Parallel(len(rels), func(i int) {
		if todo[i] {
			srcs[i], errs[i] = p.read(clean[i])
		}
	})
	var added []*JSONFile
	for i, rel := range clean {
		if _, ok := p.jsonFiles[rel]; ok || !todo[i] {
			p.readJSON(rel, schema) // parsed or read already, or listed twice
			continue
		}
		if err := errs[i]; err != nil {
			if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errOutside) {
				p.loadError(rel, err)
			}
			p.jsonFiles[rel] = nil
			continue
		}
		jf := &JSONFile{File: p.addFile(rel, srcs[i]), Schema: schema}
		jf.kept = true
		p.jsonFiles[rel] = jf
		p.JSONFiles = append(p.JSONFiles, jf)
		added = append(added, jf)
	}
	Parallel(len(added), func(k int) {
		jf := added[k]
		jf.Root, jf.Problems, jf.Err = jsonc.Parse(jf.Src)
	})
}

// LoadError is a file the loader needed but could not read (permissions, a
// directory where a file should be, a file too large). File is registered
// empty, so that a finding can point at it.
type LoadError struct {
	File *File
	Err  error
}

func (p *Project) loadError(rel string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.loadErrorLocked(rel, err)
}

func (p *Project) loadErrorLocked(rel string, err error) {
	f := &File{Path: rel, place: p.reserveLocked(rel, 0)}
	p.files[rel] = f
	p.LoadErrors = append(p.LoadErrors, LoadError{File: f, Err: err})
}

// Tree yields every regular file under the mini program root, as paths
// relative to the project directory, sorted (from the walk's entries: no
// list of its own, 100,000 strings for as many files). Folders named node_modules and
// dot-folders are left out (the checker does not lint them; WeChat does
// upload dot-folders other than .git and .svn, which Upload accounts for);
// symlinked folders are not entered, and symlinked files are listed only when
// they resolve inside the project root. The walk runs once per project.
func (p *Project) Tree() iter.Seq[string] {
	entries := p.walk()
	return func(yield func(string) bool) {
		for i := range entries {
			if e := &entries[i]; e.skip == "" && !e.hidden && !yield(e.rel) {
				return
			}
		}
	}
}

// treeEntry is a file (or a folder not entered) met by the walk of the mini
// program root.
type treeEntry struct {
	rel string // relative to the project directory
	// skip says why the entry was not read ("" when it was): a symlink that
	// leaves the project root, a symlinked folder, node_modules, .git, .svn.
	skip string
	// size in bytes (of the target for a symlink inside the root); -1 until
	// sizes are read (see Project.sizes)
	size int64
	// hidden is true inside a dot-folder: WeChat uploads it, Tree leaves it out.
	hidden bool
	folder bool // the entry is a folder that was not entered
	// (The bools last: an entry takes 48 bytes, not 56.)
}

// walk lists the mini program root once, without sizes. It enters
// dot-folders (WeChat uploads them) but not node_modules, .git and .svn
// (miniprogram-ci's default ignores, listed as one skipped entry each) nor
// symlinked folders; a symlinked file is followed only when it resolves
// inside the project root.
func (p *Project) walk() []treeEntry {
	if p.walked != nil {
		return p.walked
	}
	w := p.walkDone()
	p.locks.walked = nil // (the project's from here)
	if w == nil {
		w = p.walkDisk(nil)
	}
	// What the walk found, in the project: the folders it could not
	// read are load errors (registered in the FileSet) from here, where
	// the walk is first asked for, as if it had run now.
	p.walked = w.entries
	for _, u := range w.unreadable {
		p.unreadableFolder(u.abs, u.err)
	}
	sort.Slice(p.walked, func(i, j int) bool { return p.walked[i].rel < p.walked[j].rel })
	if cap(p.walked) > len(p.walked) {
		p.walked = slices.Clone(p.walked) // (kept as long as the project)
	}
	p.met = w.met
	return p.walked
}

// walked is what walkDisk found.
type walked struct {
	entries []treeEntry // not sorted yet
	met     *walkMet
	// unreadable are the folders it could not list, in its order.
	unreadable []struct {
		abs string
		err error
	}
}

// startWalk starts the walk of the mini program root (MiniRoot is known)
// on a goroutine of its own, beside the loader's reading of the json,
// for the first call of walk to take.
func (p *Project) startWalk() {
	c, listed := make(chan *walked, 1), make(chan *walkMet, 1)
	p.locks.walking, p.locks.listed = c, listed
	go func() { c <- p.walkDisk(listed) }()
}

// walkMet waits for the walk Load started to have listed the folders, and
// returns what it met (nil when Load started none).
func (p *Project) walkMet() *walkMet {
	if p.locks.listed == nil {
		return nil
	}
	met := <-p.locks.listed
	p.locks.listed = nil
	return met
}

// walkDone waits for the walk Load started, and returns what it found (nil
// when Load started none).
func (p *Project) walkDone() *walked {
	if p.locks.walking != nil {
		p.locks.walked = <-p.locks.walking
		p.locks.walking = nil
	}
	return p.locks.walked
}

// walkDisk lists the mini program root, as walk says, and changes nothing
// of p but the folders plain has seen: it may run beside the loader.
// When listed is not nil, it is given what the walk met once the folders
// are listed, before the sizes are taken.
func (p *Project) walkDisk(listed chan<- *walkMet) *walked {
	w := &walked{entries: []treeEntry{}, met: newWalkMet()}
	met := w.met.other
	var unsized []int // the entries whose size the walk takes
	start := p.root
	if p.MiniRoot != "" {
		abs, err := p.resolve(p.MiniRoot)
		if err != nil {
			if listed != nil {
				listed <- w.met
			}
			return w
		}
		start = abs
	}
	mark := func(abs string, k uint8) {
		if rel, err := filepath.Rel(p.root, abs); err == nil {
			met[filepath.ToSlash(rel)] = k
		}
	}
	_ = filepath.WalkDir(start, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				mark(abs, metOther) // not listed whole
				w.unreadable = append(w.unreadable, struct {
					abs string
					err error
				}{abs, err})
			}
			return nil
		}
		if d.IsDir() {
			if abs == start {
				mark(abs, metFolder)
				return nil
			}
			if p.excluded(abs) {
				mark(abs, metOther)
				return filepath.SkipDir // another project's, checked on its own
			}
			var skip string
			switch d.Name() {
			case "node_modules":
				skip = "node_modules folder: WeChat never uploads it (npm packages are uploaded as built into miniprogram_npm)"
			case ".git", ".svn":
				skip = "version control folder: WeChat never uploads it"
			default:
				mark(abs, metFolder)
				return nil
			}
			mark(abs, metOther)
			if rel, err := filepath.Rel(p.root, abs); err == nil {
				w.entries = append(w.entries, treeEntry{rel: filepath.ToSlash(rel), folder: true, skip: skip})
			}
			return filepath.SkipDir
		}
		rel, err := filepath.Rel(p.root, abs)
		if err != nil {
			return nil
		}
		// (A copy: Rel's result is a piece of abs, which the project
		// would keep whole, the project's path in front, for as long as
		// it keeps the path: 4.5 of the 55 MB the npm corpus as one
		// project holds at its peak.)
		rel = strings.Clone(filepath.ToSlash(rel))
		// inside a dot-folder below the mini program root?
		var hidden bool
		inner := rel
		if p.MiniRoot != "" {
			inner = strings.TrimPrefix(rel, p.MiniRoot+"/")
		}
		if i := strings.LastIndexByte(inner, '/'); i > 0 {
			dir := inner[:i]
			hidden = strings.HasPrefix(dir, ".") || strings.Contains(dir, "/.")
		}
		e := treeEntry{rel: rel, hidden: hidden}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			met[rel] = metOther
			real, err := p.resolve(rel)
			if err != nil {
				if errors.Is(err, errOutside) {
					e.skip = "symbolic link that leaves the project root: not followed (WeChat's compiler would upload the file it points to; it does not enter a folder)"
				} else {
					e.skip = "broken symbolic link"
				}
				break
			}
			st, err := os.Stat(real)
			switch {
			case err != nil:
				e.skip = "unreadable symbolic link"
			case st.IsDir():
				e.skip, e.folder = "symbolic link to a folder: not entered (nor does WeChat's compiler enter it)", true
			case !st.Mode().IsRegular():
				return nil
			default:
				e.size = st.Size()
			}
		case !d.Type().IsRegular():
			met[rel] = metOther
			return nil
		default:
			e.size = -1 // stat later, by Upload: Tree needs no sizes
			w.met.files = append(w.met.files, rel)
		}
		if src, ok := p.Options.Overlay[e.rel]; ok && e.skip == "" {
			e.size = int64(len(src))
		} else if e.size < 0 && !readByChecks(rel) {
			// Its size once the folders are listed (an lstat, beside
			// the loader): no check reads it, and Upload (every check's)
			// would lstat it when the front ends are done.
			unsized = append(unsized, len(w.entries))
		}
		w.entries = append(w.entries, e)
		return nil
	})
	// An overlay file not on disk yet (an unsaved editor buffer) is part
	// of the tree, when it lies inside the mini program root.
	for rel, src := range p.Options.Overlay {
		inRoot := p.MiniRoot == "" || strings.HasPrefix(rel, p.MiniRoot+"/")
		if !inRoot || rel == ".." || strings.HasPrefix(rel, "../") || p.onDisk(rel) {
			continue
		}
		w.entries = append(w.entries, treeEntry{rel: rel, size: int64(len(src))})
	}
	sort.Strings(w.met.files)
	if listed != nil {
		listed <- w.met // (not changed from here)
	}
	for _, i := range unsized {
		e := &w.entries[i]
		if st, err := os.Lstat(filepath.Join(p.root, filepath.FromSlash(e.rel))); err == nil && st.Mode().IsRegular() {
			e.size = st.Size()
		}
	}
	return w
}

// readByChecks reports whether the checks read a file of rel's kind
// (a script, template, style sheet or json), whose size Upload takes
// from what they read, without an lstat.
func readByChecks(rel string) bool {
	switch path.Ext(rel) {
	case ".js", ".ts", ".wxs", ".wxml", ".wxss", ".less", ".scss", ".sass", ".css", ".json", ".vue", ".tsx", ".jsx":
		return true
	}
	return false
}

// What the walk of the mini program root met at a path (Project.met).
const (
	metNone   = iota + 1 // nothing: the walk listed its folder whole
	metFile              // a regular file, in folders that are not symlinks
	metFolder            // a folder it listed whole, not a symlink
	metOther             // a symlink, a folder not entered, a special file
)

// metAt returns what the walk met at rel (a cleaned path relative to the
// project directory) when that settles what is there: metFile, metFolder
// or metNone; 0 when the disk must be asked (a symlink, a path outside the
// walk, or no walk yet). A file or folder the walk met through folders that
// are not symlinks is its own real path, inside the root.
func (p *Project) metAt(rel string) uint8 {
	met := p.met
	if met == nil {
		met = p.locks.loadMet // (the loader's, once the walk is done)
	}
	if met == nil || rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return 0
	}
	if k, ok := met.at(rel); ok {
		if k == metOther {
			return 0
		}
		return k
	}
	// Absent when the nearest folder above it that the walk met was
	// listed whole (the next name down was not in it).
	for dir := path.Dir(rel); ; dir = path.Dir(dir) {
		if k, ok := met.at(dir); ok {
			if k == metFolder {
				return metNone
			}
			return 0
		}
		if dir == "." {
			return 0
		}
	}
}

// onDisk reports whether rel names an existing file or link on disk.
func (p *Project) onDisk(rel string) bool {
	_, err := os.Lstat(filepath.Join(p.root, filepath.FromSlash(rel)))
	return err == nil
}

// unreadableFolder records a folder the walk could not list (no
// permission): a load error, so that it is reported as "cannot read", and
// the folder, so that what lies in it is not called missing (InUnreadable)
// and sizes are not undercounted silently.
func (p *Project) unreadableFolder(abs string, err error) {
	rel, rerr := filepath.Rel(p.root, abs)
	if rerr != nil {
		return
	}
	rel = filepath.ToSlash(rel)
	if slices.Contains(p.unreadable, rel) {
		return
	}
	p.unreadable = append(p.unreadable, rel)
	p.walked = append(p.walked, treeEntry{rel: rel, folder: true,
		skip: fmt.Sprintf("folder that cannot be read (%v): its files are not counted", unwrapPathError(err))})
	p.loadError(rel, fmt.Errorf("folder: %w", unwrapPathError(err)))
}

// InUnreadable returns the folder that cannot be read which holds rel (a
// path relative to the project directory), or "": whether rel exists
// cannot be known.
func (p *Project) InUnreadable(rel string) string {
	p.walk()
	for _, u := range p.unreadable {
		if rel == u || strings.HasPrefix(rel, u+"/") {
			return u
		}
	}
	return ""
}

// excluded reports whether the folder abs is one of Options.Exclude.
func (p *Project) excluded(abs string) bool {
	if len(p.Options.Exclude) == 0 {
		return false
	}
	rel, err := filepath.Rel(p.root, abs)
	return err == nil && slices.Contains(p.Options.Exclude, filepath.ToSlash(rel))
}

// sizes completes the walk with the size of every file: one lstat each
// (directory listings carry no sizes), done once and only when sizes are
// asked for, so that Tree costs what it did.
func (p *Project) sizes() []treeEntry {
	entries := p.walk()
	for i := range entries {
		e := &entries[i]
		if e.size >= 0 {
			continue
		}
		e.size = 0
		if src, ok := p.Options.Overlay[e.rel]; ok {
			e.size = int64(len(src))
		} else if f := p.file(e.rel); f != nil && f.Readable() {
			e.size = int64(f.Size()) // read already: no lstat
		} else if st, err := os.Lstat(filepath.Join(p.root, filepath.FromSlash(e.rel))); err == nil {
			e.size = st.Size()
		}
	}
	return entries
}

// Unreadable records a file the checker needs but cannot read (too large,
// permissions) as a load error, and returns an empty stand-in registered in
// the FileSet, so that findings can point at it.
func (p *Project) Unreadable(rel string, err error) *File {
	rel = path.Clean(rel)
	p.mu.Lock()
	defer p.mu.Unlock()
	if f, ok := p.files[rel]; ok {
		return f
	}
	p.loadErrorLocked(rel, err)
	return p.files[rel]
}

// Prepare computes what the project otherwise computes on first use and
// analyzers running side by side (lint's driver) would race to compute:
// the walk of the mini program root (Tree, Exists, IsDir and the reads
// answer from it). What else they change (files registered and read
// again, Exists's answers, Upload) is guarded.
func (p *Project) Prepare() { p.walk() }
