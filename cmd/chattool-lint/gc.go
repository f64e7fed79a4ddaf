package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The garbage collector's policy for a run of the command.
//
// A run makes many short-lived syntax trees and keeps little of them:
// collecting when the heap has tripled rather than doubled (GOGC=200)
// takes a fifth off a large run (bench/run.sh: 1.45 s to 1.2 s on the 10x
// corpus). But what a project keeps until its last rule has run grows
// with the project, and three times that is more than a machine that runs
// the checker beside other builds should give it (the npm corpus as one
// project: 73 MB live, 250 MiB at peak). So the memory the runtime holds
// also has a soft limit, softLimit, near which the collector runs more
// often.
//
// A limit under what a project keeps would have the collector run without
// end (the runtime caps it at half the CPU, which still makes a run half
// as long again: bench/gen-big.sh's 100,000 files under GOMEMLIMIT=100MiB
// took 9 s instead of 6). So after each collection the limit is raised as
// far as it takes for the heap to grow by a quarter of what is live before
// the next (as GOGC=25 would have it; less past roomFull: see room), over
// what the runtime needs besides (its own memory, and the free slots of
// the spans that hold live objects, which the collector cannot give back:
// 40 to 55 MB on the corpus as one project), and lowered again, down to
// softLimit, when less is live.
//
// GOGC and GOMEMLIMIT, when set, are the user's: GOGC replaces the 200,
// GOMEMLIMIT (off for none) the soft limit and its adjustment.
const (
	gcPercent = 200
	// softLimit: the runtime counts against it the free slots of the spans
	// that hold what a project keeps (40 to 50 MB on the npm corpus as one
	// project, left by the syntax trees of the load), so that at 100 MiB
	// the rules ran with the heap let grow by 8 to 12 MB between
	// collections (gctrace); at 115 MiB the corpus as one project marks
	// 750 to 860 MB rather than 970 to 1050 over a run, at a peak of 139
	// to 145 MiB (was 132 to 140).
	softLimit = 115 << 20
	// limitRoom is the least the heap may grow by between collections,
	// as a share of what is live. The runtime keeps what it has taken
	// from the system until the limit makes it give it back, so the limit
	// is about the peak resident memory: a quarter takes the npm corpus as
	// one project from 161 to 137 MiB at peak (bench/run.sh), for more
	// collections while most is live.
	limitRoom = 0.25
	// Past roomFull live, the room grows by roomBeyond of what is live
	// beyond it, not limitRoom: what a project keeps and the room beside
	// it are the peak, and a project that keeps that much is one whose
	// peak the limit is for. bench/gen-big.sh's 100,000 files (165 MB
	// live at the last collection) peaked at 220 MiB with a quarter, at
	// 204 with this, for 6.24 s of CPU against 5.77 (4 runs each, in
	// turn); the npm corpus as one project keeps less than roomFull.
	roomFull   = 64 << 20
	roomBeyond = 0.05
)

// room is how much the heap may grow by between collections when live
// bytes are live.
func room(live int64) int64 {
	if live <= roomFull {
		return int64(float64(live) * limitRoom)
	}
	return int64(float64(roomFull)*limitRoom + float64(live-roomFull)*roomBeyond)
}

func setGCPolicy() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		newGCHook(softLimit).arm()
	} else {
		// (The user's limit stays; the hook only tells --memprofile.)
		(&gcHook{fixed: true, samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}).arm()
	}
}

// newGCHook sets the memory limit to floor and returns the hook that
// moves it.
func newGCHook(floor int64) *gcHook {
	debug.SetMemoryLimit(floor)
	return &gcHook{floor: floor, limit: floor, samples: []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/gc/gogc:percent"},
		{Name: "/gc/scan/stack:bytes"},
		{Name: "/gc/scan/globals:bytes"},
	}}
}

// gcHook moves the memory limit after each collection: a finalizer runs
// once the collection that found its object unreachable is done, and
// arms the next.
type gcHook struct {
	samples      []metrics.Sample
	floor, limit int64
	// overhead is what the runtime took from the limit for itself the
	// last time the limit set the heap goal.
	overhead int64
	// fixed: the limit is the user's (GOMEMLIMIT), and stays.
	fixed bool
}

func (g *gcHook) arm() {
	// (An object of its own, not a tiny allocation shared with others,
	// or the finalizer might never run.)
	runtime.SetFinalizer(new([16]byte), func(*[16]byte) { g.collected() })
}

// collected sets the limit to what the runtime needs besides the heap's
// objects (its own memory, the free slots of the spans that hold live
// objects) and what is live, plus room of it, and never under the
// floor. What the runtime needs is what it took from the limit the last
// time the limit, not GOGC, set the heap goal.
func (g *gcHook) collected() {
	metrics.Read(g.samples)
	v := func(i int) int64 { return int64(g.samples[i].Value.Uint64()) }
	peakHeap.observe(v(0))
	if g.fixed {
		g.arm()
		return
	}
	live, goal, gogc := v(0), v(1), v(2)
	// (A goal under what is live says nothing: the limit was under it.)
	if byGOGC := live + (live+v(3)+v(4))*gogc/100; (gogc <= 0 || goal < byGOGC-byGOGC/64) && goal > live {
		g.overhead = g.limit - goal
	}
	want := live + room(live)
	if limit := max(g.floor, g.overhead+want); limit != g.limit {
		g.limit = limit
		debug.SetMemoryLimit(limit)
	}
	g.arm()
}
