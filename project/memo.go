package project

import (
	"crypto/sha256"
	"os"
	"sync"
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
// A Memo keeps the values of the last two generations: Next starts a new
// one and drops what the one before it did not use, so it holds about
// one project's worth. Its methods are safe for concurrent use.
type Memo struct {
	mu               sync.Mutex
	cur, prev        map[memoKey]any
	reads, prevReads map[readKey][]byte
}

type memoKey struct {
	kind string
	sum  [sha256.Size]byte
	n    int
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{cur: map[memoKey]any{}, reads: map[readKey][]byte{}} }

// stamp is what tells a file's versions apart without reading it: its
// size, modification and (on Linux) change times in nanoseconds and inode.
type stamp struct {
	size, mtime, ctime int64
	ino                uint64
}

// Next starts a generation: a value neither it nor the one before it
// asked for is dropped.
func (m *Memo) Next() {
	m.mu.Lock()
	m.prev, m.cur = m.cur, map[memoKey]any{}
	m.prevReads, m.reads = m.reads, map[readKey][]byte{}
	m.mu.Unlock()
}

// Len returns the number of values the Memo holds.
func (m *Memo) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.cur)
	for k := range m.prev {
		if _, ok := m.cur[k]; !ok {
			n++
		}
	}
	return n
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
	return b, ok
}

// storeRead keeps the bytes read from abs, stamped by fi (taken before the
// read: a file written during the read is read again next time).
func (m *Memo) storeRead(abs string, fi os.FileInfo, b []byte) {
	m.mu.Lock()
	m.reads[readKey{abs, stampOf(fi)}] = b
	m.mu.Unlock()
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
	k := memoKey{kind: kind, sum: sha256.Sum256(src), n: len(src)}
	m.mu.Lock()
	v, ok := m.cur[k]
	if !ok {
		if v, ok = m.prev[k]; ok {
			m.cur[k] = v
		}
	}
	m.mu.Unlock()
	if ok {
		if t, ok := v.(T); ok {
			return t
		}
	}
	t := derive()
	m.mu.Lock()
	m.cur[k] = t
	m.mu.Unlock()
	return t
}
