package project

import (
	"crypto/sha256"
	"os"
	"sync"
	"unsafe"
)

// A Memo keeps what the front ends derive from a file's bytes alone (a
// parsed script, template or style sheet) from one load of a project to
// the next, for a language server that checks the same project on every
// save: a file whose bytes have not changed is not parsed again. Values
// are keyed by what derived them and a hash of the bytes, never by path,
// and must not depend on anything else (the project, the FileSet: they
// hold byte offsets). Once a value is in the Memo nobody may change it:
// two loads can share it.
//
// A Memo keeps, of each kind of value, those the last two generations
// that asked for that kind used: Next starts a new generation. A kind a
// generation did not ask for at all (its analyzer's result was kept from
// an earlier check, see package engine) keeps its values; a generation
// that asked for nothing counts as one that asked for every kind. So the
// Memo holds about one project's worth. Its methods are safe for
// concurrent use.
type Memo struct {
	mu     sync.Mutex
	gen    int
	values map[memoKey]*memoValue
	// asked holds, for each kind, the last two generations that asked for
	// it (the older first); askedNow the kinds this generation asked for.
	asked    map[string][2]int
	askedNow map[string]bool

	reads, prevReads map[readKey][]byte
	// sums are the hashes of byte slices the Memo read itself, by their
	// identity (address and length): nobody changes them, so a slice seen
	// again is not hashed again. fresh are the files read from disk in
	// this generation, by absolute path (see TakeReads).
	sums, prevSums map[sliceID]*[sha256.Size]byte
	fresh          map[string][]byte
}

type memoKey struct {
	kind string
	sum  [sha256.Size]byte
	n    int
}

type memoValue struct {
	v   any
	gen int // the last generation that used it
}

// sliceID is the identity of a byte slice.
type sliceID struct {
	p *byte
	n int
}

func idOf(b []byte) sliceID { return sliceID{unsafe.SliceData(b), len(b)} }

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{values: map[memoKey]*memoValue{}, asked: map[string][2]int{}, askedNow: map[string]bool{},
		reads: map[readKey][]byte{}, sums: map[sliceID]*[sha256.Size]byte{}, fresh: map[string][]byte{}}
}

// stamp is what tells a file's versions apart without reading it: its
// size, modification and (on Linux) change times in nanoseconds and inode.
type stamp struct {
	size, mtime, ctime int64
	ino                uint64
}

// Next starts a generation: a value that neither it nor the one before it
// that asked for the value's kind used is dropped.
func (m *Memo) Next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.askedNow) == 0 {
		for k := range m.asked {
			m.askedNow[k] = true
		}
	}
	for k := range m.askedNow {
		a := m.asked[k]
		m.asked[k] = [2]int{a[1], m.gen}
	}
	for k, v := range m.values {
		if a, ok := m.asked[k.kind]; ok && v.gen < a[0] {
			delete(m.values, k)
		}
	}
	m.gen++
	m.askedNow = map[string]bool{}
	m.prevReads, m.reads = m.reads, map[readKey][]byte{}
	m.prevSums, m.sums = m.sums, map[sliceID]*[sha256.Size]byte{}
	m.fresh = map[string][]byte{}
}

// Len returns the number of values the Memo holds.
func (m *Memo) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.values)
}

// readKey keys the bytes a Memo keeps of the files it saw read: the path
// and the file's stamp, so that a file whose stamp has not changed since is
// not read again. Whatever writes a file changes its modification and
// change times (nanoseconds on the usual file systems); unsaved buffers
// come from the overlay.
type readKey struct {
	path  string
	stamp stamp
}

// cachedRead returns the bytes last read from abs when fi stamps the file
// as it did then.
func (m *Memo) cachedRead(abs string, fi os.FileInfo) ([]byte, bool) {
	k := readKey{abs, stampOf(fi)}
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.reads[k]
	if !ok {
		if b, ok = m.prevReads[k]; ok {
			m.reads[k] = b
		}
	}
	if ok {
		m.own(b)
		m.fresh[abs] = b
	}
	return b, ok
}

// storeRead keeps the bytes read from abs, stamped by fi (taken before the
// read: a file written during the read is read again next time).
func (m *Memo) storeRead(abs string, fi os.FileInfo, b []byte) {
	m.mu.Lock()
	m.reads[readKey{abs, stampOf(fi)}] = b
	m.own(b)
	m.fresh[abs] = b
	m.mu.Unlock()
}

// own records b as a slice nobody changes, whose hash may be kept by its
// identity. m.mu is held.
func (m *Memo) own(b []byte) {
	id := idOf(b)
	if _, ok := m.sums[id]; ok || len(b) == 0 {
		return
	}
	m.sums[id] = m.prevSums[id] // nil until hashed
}

// OwnAll is Own for every slice of files.
func (m *Memo) OwnAll(files map[string][]byte) {
	m.mu.Lock()
	for _, b := range files {
		m.own(b)
	}
	m.mu.Unlock()
}

// TakeReads returns the files this generation read from disk (or found in
// the Memo's reads by their stamp), by absolute path, and forgets them:
// bytes nobody changes, which a server that watches the files (package
// engine) may give the next loads as their overlay, so that they ask the
// disk nothing about the files that did not change.
func (m *Memo) TakeReads() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.fresh
	m.fresh = map[string][]byte{}
	return r
}

// Own tells the Memo that nobody changes b: the bytes TakeReads returned,
// given to a load again.
func (m *Memo) Own(b []byte) {
	m.mu.Lock()
	m.own(b)
	m.mu.Unlock()
}

// sum returns the hash of src, kept by the slice's identity when the Memo
// owns it.
func (m *Memo) sum(src []byte) [sha256.Size]byte {
	id := idOf(src)
	m.mu.Lock()
	s, owned := m.sums[id]
	if !owned {
		if s, owned = m.prevSums[id]; owned {
			m.sums[id] = s
		}
	}
	m.mu.Unlock()
	if s != nil {
		return *s
	}
	sum := sha256.Sum256(src)
	if owned {
		m.mu.Lock()
		m.sums[id] = &sum
		m.mu.Unlock()
	}
	return sum
}

// Derive returns derive(), the value kind derives from src, from p's
// Options.Memo when it holds one (and stores it there when not); with no
// Memo it just calls derive. derive must depend on src alone, and what it
// returns must not change afterwards.
func Derive[T any](p *Project, kind string, src []byte, derive func() T) T {
	m := p.Options.Memo
	if m == nil {
		return derive()
	}
	k := memoKey{kind: kind, sum: m.sum(src), n: len(src)}
	m.mu.Lock()
	m.askedNow[kind] = true
	v, ok := m.values[k]
	if ok {
		v.gen = m.gen
	}
	m.mu.Unlock()
	if ok {
		if t, ok := v.v.(T); ok {
			return t
		}
	}
	t := derive()
	m.mu.Lock()
	m.values[k] = &memoValue{v: t, gen: m.gen}
	m.mu.Unlock()
	return t
}
