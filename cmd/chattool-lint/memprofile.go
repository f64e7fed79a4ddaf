package main

import (
	"bytes"
	"io"
	"runtime/pprof"
	"sync"
	"sync/atomic"
)

// peakHeap is the run's: the collector's hook (gc.go) tells it each
// collection's live bytes once --memprofile has turned it on.
var peakHeap peakProfile

// peakProfile keeps the heap profile of the collection that found the
// most memory live: what --memprofile writes. A heap profile's in-use
// figures lag a collection behind (the runtime publishes a cycle's
// figures once the next one is done), so the profile is taken at the
// collection after the one that found a new peak.
type peakProfile struct {
	on      atomic.Bool
	mu      sync.Mutex
	max     int64
	pending bool
	prof    bytes.Buffer
}

// observe is told each collection's live bytes.
func (p *peakProfile) observe(live int64) {
	if !p.on.Load() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending {
		p.prof.Reset()
		_ = pprof.Lookup("heap").WriteTo(&p.prof, 0)
		p.pending = false
	}
	if live > p.max {
		p.max, p.pending = live, true
	}
}

// write writes the kept profile to w (the profile as of now when no
// collection was seen).
func (p *peakProfile) write(w io.Writer) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.prof.Len() == 0 {
		_ = pprof.Lookup("heap").WriteTo(&p.prof, 0)
	}
	_, err := w.Write(p.prof.Bytes())
	return err
}
