package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// TestGCHook: with more live than the soft limit, the limit is raised so
// that the heap may grow by room(live) before the next
// collection, and not left where the collector would run without end;
// once less is live, it comes down to the soft limit again.
func TestGCHook(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const floor = 16 << 20
	g := newGCHook(floor)
	keep := make([][]byte, 64)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	for range 2 { // (the first finds the limit under what is live)
		runtime.GC()
		g.collected()
	}
	live, goal := heapGoal()
	if room := room(live); goal < live+room-live/20 {
		t.Errorf("%d MiB live: the heap goal is %d MiB under a limit of %d MiB, want room for %d MiB more", live>>20, goal>>20, g.limit>>20, room>>20)
	}
	raised := g.limit
	runtime.KeepAlive(keep)
	keep = nil
	runtime.GC()
	g.collected()
	if g.limit > floor+floor/2 {
		t.Errorf("the limit stays at %d MiB once little is live (raised to %d MiB), want it back near %d MiB", g.limit>>20, raised>>20, floor>>20)
	}
}

func heapGoal() (live, goal int64) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// TestRoom: a quarter of what is live up to roomFull, then a twentieth of
// what is live beyond, and no step at roomFull.
func TestRoom(t *testing.T) {
	for _, c := range []struct{ live, want int64 }{
		{0, 0},
		{40 << 20, 10 << 20},
		{roomFull, roomFull / 4},
		{roomFull + 20<<20, roomFull/4 + 1<<20},
		{164 << 20, 21 << 20},
	} {
		if got := room(c.live); got != c.want {
			t.Errorf("room(%d MiB) = %d bytes, want %d", c.live>>20, got, c.want)
		}
	}
}
