package plugin

import (
	"errors"
	"fmt"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// The budgets of a plugin's code. Time is measured per rule per file (and
// per plugin for loading it): a watchdog interrupts the runtime once the
// budget is spent (goja's Interrupt, which stops JavaScript at its next
// instruction). Memory has no per-runtime measure in Go: the watchdog
// samples the heap (runtime/metrics /memory/classes/heap/objects:bytes,
// live objects and those not swept yet) and interrupts the call under way
// when the heap has grown by more than the budget since the call began. So
// the bound is on the process's heap growth during a call: what other
// goroutines allocate meanwhile counts too (another project being loaded),
// and garbage counts until it is swept. The budget is a safety net against
// runaway plugins, not an accounting: set it well above what a rule needs.
// Between two samples a call can allocate what one built-in call makes at
// most (sandbox.js bounds those), so the heap can pass the budget by that
// much before the interrupt lands.

// Defaults of Options.
const (
	DefaultTime   = time.Second
	DefaultMemory = 256 << 20
)

// tick is how often the watchdog looks.
const tick = 2 * time.Millisecond

// errTime and errMemory are what an interrupted runtime carries.
var (
	errTime   = errors.New("time budget")
	errMemory = errors.New("memory budget")
)

// BudgetError is a call stopped for spending its budget.
type BudgetError struct {
	// Memory is set when the memory budget was spent, else the time
	// budget was.
	Memory bool
	Budget string // "1s", "256 MB"
	// Where is the plugin's file:line:column where it was stopped ("" when
	// it is not known).
	Where string
}

func (e *BudgetError) Error() string {
	what := "time"
	if e.Memory {
		what = "memory"
	}
	s := fmt.Sprintf("spent its %s budget (%s) and was stopped", what, e.Budget)
	if e.Where != "" {
		s += " at " + e.Where
	}
	return s
}

// guard times the calls of one runtime.
type guard struct {
	vm     *goja.Runtime
	mu     sync.Mutex
	active bool
	// deadline and heap0 are the call's limits; tripped says which was
	// passed.
	deadline time.Time
	heap0    uint64
	memory   uint64
	tripped  error
}

// begin starts a budgeted span of calls.
func (g *guard) begin(budget time.Duration, memory int64) {
	g.mu.Lock()
	g.active, g.tripped = true, nil
	g.deadline = time.Now().Add(budget)
	g.heap0, g.memory = dog.heap(), uint64(memory)
	g.mu.Unlock()
}

// end ends it, and returns errTime or errMemory when the span was stopped.
func (g *guard) end() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active = false
	g.vm.ClearInterrupt()
	return g.tripped
}

// watch checks the guard, at the watchdog's tick.
func (g *guard) watch(now time.Time, heap uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.active || g.tripped != nil {
		return
	}
	switch {
	case now.After(g.deadline):
		g.tripped = errTime
	case heap > g.heap0 && heap-g.heap0 > g.memory:
		g.tripped = errMemory
	default:
		return
	}
	g.vm.Interrupt(g.tripped)
}

// watchdog watches every guard registered, while there is one.
type watchdog struct {
	mu      sync.Mutex
	guards  map[*guard]bool
	running bool
	// last is the last heap sample.
	last atomic.Uint64
}

var dog = &watchdog{guards: map[*guard]bool{}}

// register adds a guard (a runtime in use), starting the watchdog.
func (w *watchdog) register(g *guard) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.guards[g] = true
	if !w.running {
		w.running = true
		w.last.Store(sampleHeap())
		go w.loop()
	}
}

// unregister removes a guard; the watchdog stops with the last one.
func (w *watchdog) unregister(g *guard) {
	w.mu.Lock()
	delete(w.guards, g)
	w.mu.Unlock()
}

func (w *watchdog) loop() {
	t := time.NewTicker(tick)
	defer t.Stop()
	var gs []*guard
	for now := range t.C {
		w.mu.Lock()
		if len(w.guards) == 0 {
			w.running = false
			w.mu.Unlock()
			return
		}
		gs = gs[:0]
		for g := range w.guards {
			gs = append(gs, g)
		}
		w.mu.Unlock()
		heap := sampleHeap()
		w.last.Store(heap)
		for _, g := range gs {
			g.watch(now, heap)
		}
	}
}

// heap is the last sample of the heap.
func (w *watchdog) heap() uint64 { return w.last.Load() }

const heapMetric = "/memory/classes/heap/objects:bytes"

func sampleHeap() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
