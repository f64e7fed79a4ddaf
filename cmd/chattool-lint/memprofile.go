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
// figures are those of the last collection, so taking one when a
// collection has just found more live than any before gives what the
// run held at its peak, and where it was allocated.
type peakProfile struct {
	on   atomic.Bool
	mu   sync.Mutex
	max  int64
	prof bytes.Buffer
}

// observe takes the profile when live is a new peak.
func (p *peakProfile) observe(live int64) {
	if !p.on.Load() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if live <= p.max {
		return
	}
	p.max = live
	p.prof.Reset()
	_ = pprof.Lookup("heap").WriteTo(&p.prof, 0)
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
