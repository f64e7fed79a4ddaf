package size

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/chattool-lint/chattool-lint/project"
)

// A cache keeps built-size estimates between runs, so that a project
// checked again (by a pre-commit hook, an editor on save, CI with a
// restored cache) estimates only the files that changed: minifying is the
// costly part of the size check. An entry is keyed by a hash of the file's
// content, its kind, the settings and the chattool-lint executable (its path,
// size and modification time, so that a rebuilt tool never reads estimates
// an older model made). Each project has one file in the cache directory,
// named by a hash of its absolute root, rewritten after a run with the
// entries that run used and as many of the older ones (a check estimates
// only the packages near their limits, the size report all of them), so it
// never grows far past the project; two runs at once each write a whole
// file, atomically (rename), and the later wins.
//
// The cache file is not trusted: a size it holds decides whether a package
// passes. It is read only when it is a regular file (not a link, a named
// pipe or a device), of at most maxCacheFile bytes, whose checksum holds
// and whose every entry is a size an estimate can have for its source's
// length; on any doubt the whole file is ignored, every size is estimated
// again, and a note says so once (CacheNotes). It is written only through a
// new file in the cache directory renamed over a regular file or nothing.
type cache struct {
	path string
	tool [sha256.Size]byte

	mu   sync.Mutex
	old  map[cacheKey]cacheEntry
	used map[cacheKey]int64 // the built sizes this run used
	lens map[cacheKey]int64 // the length of their sources
	// changed: used holds what the file does not; doubted: a note was
	// given; keep: the path is not a regular file, not to be replaced.
	changed, doubted, keep bool
}

type cacheKey [16]byte

// cacheEntry is a built size and the length of the source it was
// estimated from.
type cacheEntry struct{ srcLen, built int64 }

// A cache file is cacheMagic (whose last byte is the format version), the
// entries, each a key and two unsigned varints (the source's length, the
// built size), and the SHA-256 of all that.
const cacheMagic = "chattool-lint size cache\x02"

// maxCacheFile bounds the cache file read: seven times what a project of
// 100,000 files writes (two entries a file at most, of about 22 bytes).
const maxCacheFile = 32 << 20

// maxBuilt is the largest built size believed of a source of n bytes: a
// kilobyte a byte (the costliest constructs Babel expands, async and
// class, cost at most a few hundred bytes for five of source) and a
// megabyte besides.
func maxBuilt(n int64) int64 { return 1024*n + 1<<20 }

// openCache opens the cache of the project rooted at root (absolute) in
// dir; it returns nil when dir is "" or the tool cannot identify itself.
// A missing cache file is an empty cache; one that cannot be read, is not a
// regular file, or whose contents are in doubt is an empty cache too, and
// a note.
func openCache(dir, root string) *cache {
	if dir == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	c := &cache{
		tool: sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, fi.Size(), fi.ModTime().UnixNano())),
		old:  map[cacheKey]cacheEntry{},
		used: map[cacheKey]int64{},
		lens: map[cacheKey]int64{},
	}
	name := sha256.Sum256([]byte(root))
	c.path = filepath.Join(dir, fmt.Sprintf("size-%x", name[:12]))
	c.load()
	return c
}

// nonblock opens a named pipe without waiting for a writer, where the
// system has them (Windows ignores the flag).
const nonblock = syscall.O_NONBLOCK

// load reads the cache file into c.old, unless anything about it is in
// doubt.
func (c *cache) load() {
	fi, err := os.Lstat(c.path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		c.doubt("cannot be read (%v)", cause(err))
		return
	}
	if !fi.Mode().IsRegular() {
		c.keep = true
		c.doubt("is not a regular file but %s, so it is neither read nor replaced", fileType(fi.Mode()))
		return
	}
	if fi.Size() > maxCacheFile {
		c.doubt("is larger than the %d MB a cache file can be", maxCacheFile>>20)
		return
	}
	f, err := os.OpenFile(c.path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		c.doubt("cannot be read (%v)", cause(err))
		return
	}
	defer f.Close()
	// What was opened is what was looked at: not a pipe or a link put
	// there since.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || !os.SameFile(fi, st) {
		c.keep = err == nil && !st.Mode().IsRegular()
		c.doubt("was replaced while it was read")
		return
	}
	b, err := io.ReadAll(io.LimitReader(f, maxCacheFile+1))
	if err != nil {
		c.doubt("cannot be read (%v)", cause(err))
		return
	}
	if len(b) > maxCacheFile {
		c.doubt("is larger than the %d MB a cache file can be", maxCacheFile>>20)
		return
	}
	old, why := decodeCache(b)
	if why != "" {
		c.doubt("%s", why)
		return
	}
	c.old = old
	for k, e := range old {
		c.lens[k] = e.srcLen
	}
}

// decodeCache returns the entries of a cache file, or why it does not
// believe them ("" for a file of an older format, which it ignores
// silently: its keys name another executable anyway).
func decodeCache(b []byte) (map[cacheKey]cacheEntry, string) {
	const version = len(cacheMagic) - 1
	if len(b) < len(cacheMagic) || string(b[:version]) != cacheMagic[:version] {
		if len(b) == 0 {
			return nil, "is empty"
		}
		return nil, "is not a chattool-lint size cache"
	}
	if b[version] != cacheMagic[version] {
		return map[cacheKey]cacheEntry{}, ""
	}
	if len(b) < len(cacheMagic)+sha256.Size {
		return nil, "is cut short"
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if want := sha256.Sum256(body); string(sum) != string(want[:]) {
		return nil, "does not match its checksum: it was changed or cut short since it was written"
	}
	entries := map[cacheKey]cacheEntry{}
	for rest := body[len(cacheMagic):]; len(rest) > 0; {
		var k cacheKey
		if len(rest) < len(k) {
			return nil, "ends inside an entry"
		}
		copy(k[:], rest)
		rest = rest[len(k):]
		srcLen, w := binary.Uvarint(rest)
		if w <= 0 {
			return nil, "holds an entry that is not a number"
		}
		rest = rest[w:]
		built, w := binary.Uvarint(rest)
		if w <= 0 {
			return nil, "holds an entry that is not a number"
		}
		rest = rest[w:]
		if srcLen > project.MaxFileSize || built > uint64(maxBuilt(int64(srcLen))) {
			return nil, fmt.Sprintf("holds a size no estimate gives (%d bytes built from %d)", int64(built), srcLen)
		}
		if _, dup := entries[k]; dup {
			return nil, "holds an entry twice"
		}
		entries[k] = cacheEntry{int64(srcLen), int64(built)}
	}
	return entries, ""
}

// encodeCache writes a cache file of the entries, in the order of their
// keys (each written once).
func encodeCache(b []byte, keys []cacheKey, entry func(cacheKey) cacheEntry) []byte {
	b = append(b, cacheMagic...)
	for _, k := range keys {
		e := entry(k)
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(e.srcLen))
		b = binary.AppendUvarint(b, uint64(e.built))
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// doubt notes, once for the cache, that its file is ignored and why, and
// ignores whatever it held.
func (c *cache) doubt(format string, args ...any) {
	c.old = map[cacheKey]cacheEntry{}
	if c.doubted {
		return
	}
	c.doubted = true
	note("size cache %s %s; ignored, every size estimated again", c.path, fmt.Sprintf(format, args...))
}

// cause is what went wrong, without the path the note names already.
func cause(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a file"
}

func (c *cache) key(kind, compiled string, src []byte, s Settings) cacheKey {
	h := sha256.New()
	h.Write(c.tool[:])
	fmt.Fprintf(h, "%s\x00%s\x00%+v\x00", kind, compiled, s)
	h.Write(src)
	var k cacheKey
	copy(k[:], h.Sum(nil))
	return k
}

// built returns built(kind, compiled, src, s, v), from the cache when it
// holds it.
func (c *cache) built(kind, compiled string, src []byte, s Settings, v scriptVerdict) int64 {
	if c == nil {
		return built(kind, compiled, src, s, v)
	}
	k, n, ok := c.lookup(kind, compiled, src, s)
	if !ok {
		n = built(kind, compiled, src, s, v)
	}
	c.use(k, int64(len(src)), n, !ok)
	return n
}

// lookup returns the key of a source and the built size the cache file
// holds for it, if it does.
func (c *cache) lookup(kind, compiled string, src []byte, s Settings) (cacheKey, int64, bool) {
	k := c.key(kind, compiled, src, s)
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.old[k]
	if ok && e.srcLen != int64(len(src)) {
		// The same key for a source of another length: the file was
		// forged, checksum and all.
		c.doubt("holds an entry for a source of %d bytes where the source has %d", e.srcLen, len(src))
		ok = false
	}
	return k, e.built, ok
}

// use records that this run used built size n for the source of srcLen
// bytes keyed k: estimated, not found in the file, when fresh.
func (c *cache) use(k cacheKey, srcLen, n int64, fresh bool) {
	c.mu.Lock()
	c.used[k] = n
	c.lens[k] = srcLen
	c.changed = c.changed || fresh
	c.mu.Unlock()
}

// save writes the entries this run used, when they differ from the file's.
// A cache that cannot be written is not an error: the next run estimates
// again. It never writes through a link or over anything but a regular
// file: a new file in the cache directory is renamed over the old one.
func (c *cache) save() error {
	if c == nil || !c.changed || c.keep {
		return nil
	}
	keys := make([]cacheKey, 0, 2*len(c.used))
	for k := range c.used {
		keys = append(keys, k)
	}
	for k := range c.old {
		if _, ok := c.used[k]; ok {
			continue
		}
		if len(keys) >= 2*len(c.used) {
			break
		}
		keys = append(keys, k)
	}
	b := encodeCache(make([]byte, 0, len(cacheMagic)+len(keys)*(len(cacheKey{})+6)+sha256.Size), keys, func(k cacheKey) cacheEntry {
		if n, ok := c.used[k]; ok {
			return cacheEntry{c.lens[k], n}
		}
		return c.old[k]
	})
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(c.path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	// (Put there since it was read: a named pipe, a link.)
	if fi, err := os.Lstat(c.path); err == nil && !fi.Mode().IsRegular() {
		os.Remove(tmp.Name())
		c.doubt("is not a regular file but %s, so it is neither read nor replaced", fileType(fi.Mode()))
		return fmt.Errorf("%s is not a regular file; not replaced", c.path)
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// notes holds what caches had to say until CacheNotes takes it, each
// message once a process (at most maxNotes of them).
var notes struct {
	sync.Mutex
	said    map[string]bool
	pending []string
}

const maxNotes = 100

func note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	notes.Lock()
	defer notes.Unlock()
	if notes.said[msg] || len(notes.said) >= maxNotes {
		return
	}
	if notes.said == nil {
		notes.said = map[string]bool{}
	}
	notes.said[msg] = true
	notes.pending = append(notes.pending, msg)
}

// CacheNotes returns what the estimate cache had to say since the last
// call, for the command to print (on standard error) after a measure or a
// check: a cache file ignored, and why (not a regular file, changed since
// it was written, cut short, sizes no estimate gives). Each is said once
// a process. Sizes are right whatever it says: an ignored cache is only
// slower.
func CacheNotes() []string {
	notes.Lock()
	defer notes.Unlock()
	p := notes.pending
	notes.pending = nil
	return p
}

// DefaultCacheDir is where the command keeps its cache: $CHATTOOL_LINT_CACHE
// when set ("off" for none), else chattool-lint in the user's cache
// directory (os.UserCacheDir), or "" when there is none.
func DefaultCacheDir() string {
	if d, ok := os.LookupEnv("CHATTOOL_LINT_CACHE"); ok {
		if d == "off" {
			return ""
		}
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil || !filepath.IsAbs(d) {
		return ""
	}
	if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
		// No cache directory yet is fine; no home at all is not a cache.
		if _, err := os.Stat(filepath.Dir(d)); err != nil {
			return ""
		}
	}
	return filepath.Join(d, "chattool-lint")
}
