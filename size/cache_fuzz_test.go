package size

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"slices"
	"testing"

	"github.com/chattool-lint/chattool-lint/project"
)

// FuzzCacheRead reads any bytes as a cache file, as they are or with the
// checksum they need appended (so that the entries are read): it never
// panics, believes no entry of a file whose checksum fails nor any size no
// estimate gives, returns no more entries than the bytes can hold, and
// reads back what it would write of them.
func FuzzCacheRead(f *testing.F) {
	entries := map[cacheKey]cacheEntry{{1}: {114, 111}, {2, 3}: {0, 0}, {0xff}: {project.MaxFileSize, maxBuilt(project.MaxFileSize)}}
	keys := slices.SortedFunc(maps.Keys(entries), func(a, b cacheKey) int { return bytes.Compare(a[:], b[:]) })
	valid := encodeCache(nil, keys, func(k cacheKey) cacheEntry { return entries[k] })
	f.Add(valid, false)
	f.Add(valid[:len(valid)-sha256.Size], true)
	f.Add(valid[:len(valid)-1], false)
	f.Add([]byte(cacheMagic), true)
	f.Add([]byte("chattool-lint size cache\x01\x00\x01garbage\xff\xff"), false)
	f.Add([]byte{}, false)
	f.Add(append([]byte(cacheMagic), make([]byte, 16)...), true)
	f.Add(append(append([]byte(cacheMagic), make([]byte, 16)...), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0), true)
	f.Fuzz(func(t *testing.T, b []byte, withSum bool) {
		if withSum {
			sum := sha256.Sum256(b)
			b = append(b[:len(b):len(b)], sum[:]...)
		}
		got, why := decodeCache(b)
		if why != "" {
			if got != nil {
				t.Fatalf("entries %v with a doubt: %s", got, why)
			}
			return
		}
		if len(got) == 0 {
			return
		}
		body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
		if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
			t.Fatalf("%d entries believed from a file whose checksum fails", len(got))
		}
		if len(got)*(len(cacheKey{})+2) > len(body)-len(cacheMagic) {
			t.Fatalf("%d entries from %d bytes", len(got), len(b))
		}
		for k, e := range got {
			if e.srcLen < 0 || e.srcLen > project.MaxFileSize || e.built < 0 || e.built > maxBuilt(e.srcLen) {
				t.Fatalf("entry %x: %d bytes built from %d believed", k, e.built, e.srcLen)
			}
		}
		keys := slices.SortedFunc(maps.Keys(got), func(a, b cacheKey) int { return bytes.Compare(a[:], b[:]) })
		again, why := decodeCache(encodeCache(nil, keys, func(k cacheKey) cacheEntry { return got[k] }))
		if why != "" || !maps.Equal(again, got) {
			t.Fatalf("written again and read: %v (%s), want %v", again, why, got)
		}
	})
}
