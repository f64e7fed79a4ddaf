package size

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
type cache struct {
	path string
	tool [sha256.Size]byte

	mu      sync.Mutex
	old     map[cacheKey]int64
	used    map[cacheKey]int64
	changed bool
}

type cacheKey [16]byte

// cacheMagic starts a cache file; its last byte is the format version.
const cacheMagic = "chattool-lint size cache\x01"

// openCache opens the cache of the project rooted at root (absolute) in
// dir; it returns nil when dir is "" or the tool cannot identify itself.
// A missing, unreadable or corrupt cache file is an empty cache.
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
		old:  map[cacheKey]int64{},
		used: map[cacheKey]int64{},
	}
	name := sha256.Sum256([]byte(root))
	c.path = filepath.Join(dir, fmt.Sprintf("size-%x", name[:12]))
	b, err := os.ReadFile(c.path)
	if err != nil || len(b) < len(cacheMagic) || string(b[:len(cacheMagic)]) != cacheMagic {
		return c
	}
	for b = b[len(cacheMagic):]; len(b) >= len(cacheKey{})+1; {
		var k cacheKey
		copy(k[:], b)
		n, w := binary.Uvarint(b[len(k):])
		if w <= 0 {
			break
		}
		c.old[k] = int64(n)
		b = b[len(k)+w:]
	}
	return c
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
	k := c.key(kind, compiled, src, s)
	c.mu.Lock()
	n, ok := c.old[k]
	c.mu.Unlock()
	if !ok {
		n = built(kind, compiled, src, s, v)
	}
	c.mu.Lock()
	c.used[k] = n
	c.changed = c.changed || !ok
	c.mu.Unlock()
	return n
}

// save writes the entries this run used, when they differ from the file's.
// A cache that cannot be written is not an error: the next run estimates
// again.
func (c *cache) save() error {
	if c == nil || !c.changed {
		return nil
	}
	b := make([]byte, 0, len(cacheMagic)+len(c.used)*(len(cacheKey{})+3))
	b = append(b, cacheMagic...)
	for k, n := range c.used {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(n))
	}
	kept := 0
	for k, n := range c.old {
		if _, ok := c.used[k]; ok {
			continue
		}
		if kept++; kept > len(c.used) {
			break
		}
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(n))
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
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
