package project

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"sync"
)

// ReadAll reads the files at rels (relative to the project directory), as
// ReadFile does each: the reading runs in parallel, the registering in the
// FileSet in the order of rels (one goroutine registers, and the order fixes
// every file's positions), then the line tables are built in parallel. A file
// that cannot be read comes back as Unreadable's placeholder (and a load
// error of the project), with its error in errs.
func (p *Project) ReadAll(rels []string) (files []*File, errs []error) {
	files, errs = make([]*File, len(rels)), make([]error, len(rels))
	clean, srcs := make([]string, len(rels)), make([][]byte, len(rels))
	var todo []int // indices of files not read yet
	p.mu.Lock()
	for i, rel := range rels {
		clean[i] = path.Clean(rel)
		if f, ok := p.files[clean[i]]; ok {
			files[i] = f
		} else {
			todo = append(todo, i)
		}
	}
	p.mu.Unlock()
	Parallel(len(todo), func(k int) {
		i := todo[k]
		srcs[i], errs[i] = p.read(clean[i])
	})
	p.mu.Lock()
	for _, i := range todo {
		switch f, ok := p.files[clean[i]]; {
		case ok: // listed twice, or registered meanwhile
			files[i] = f
		case errs[i] != nil:
			p.loadErrorLocked(clean[i], errs[i])
			files[i] = p.files[clean[i]]
		default:
			files[i] = p.addFileLocked(clean[i], srcs[i])
		}
	}
	p.mu.Unlock()
	return files, errs
}

// Parallel calls do(i) for every i from 0 to n-1, in that order of start,
// on as many goroutines as GOMAXPROCS allows, and returns when all calls
// have. Give the largest jobs the smallest indices so that no worker is
// left with a large one at the end.
//
// A call that panics does not take the process down from its goroutine:
// the other calls run, and the first panic is raised again in the caller's
// goroutine (with the stack where it happened), where the driver reports
// it as the failure of one analyzer.
func Parallel(n int, do func(i int)) {
	next := make(chan int)
	var (
		wg     sync.WaitGroup
		failed sync.Once
		fail   error
	)
	call := func(i int) {
		defer func() {
			if r := recover(); r != nil {
				failed.Do(func() { fail = fmt.Errorf("%v\n%s", r, debug.Stack()) })
			}
		}()
		do(i)
	}
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				call(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if fail != nil {
		panic(fail)
	}
}

// ReadEach reads the files at rels as ReadAll does and calls do(i, f, err)
// for each, on as many goroutines as GOMAXPROCS allows, without reading
// them all first: each goroutine reads the next file, registers it in the
// FileSet in the order of rels (as ReadAll does: the order fixes every
// file's positions), builds its line table and calls do, then tells the
// observers (ObserveReads) of the bytes do had. So the files read
// and not yet done are at most one per goroutine, whatever the number of
// files: do keeps what it needs and Releases the file. A file that cannot
// be read comes as Unreadable's placeholder, with its error. A file
// registered before (or listed twice) comes as it is, or, once released,
// as a copy read again (see ReadFile).
//
// A call of do that panics does not take the process down: the other files
// are done, and the first panic is raised again in the caller's goroutine,
// as Parallel does.
func (p *Project) ReadEach(rels []string, do func(i int, f *File, err error)) {
	clean := make([]string, len(rels))
	before := make([]*File, len(rels)) // registered before the call
	p.mu.Lock()
	for i, rel := range rels {
		clean[i] = path.Clean(rel)
		before[i] = p.files[clean[i]]
	}
	p.mu.Unlock()
	var (
		mu   sync.Mutex
		cond = sync.NewCond(&mu)
		turn int // the index to register next
	)
	// register registers file i once every file before it is, and
	// returns it and whether it is new.
	// A new file's lines (when not nil) are set before it is in the
	// project, where analyzers running beside may look it up.
	register := func(i int, src []byte, err error) (*File, bool) {
		mu.Lock()
		defer mu.Unlock()
		for turn != i {
			cond.Wait()
		}
		turn++
		cond.Broadcast()
		p.mu.Lock()
		defer p.mu.Unlock()
		if f, ok := p.files[clean[i]]; ok {
			return f, false // listed twice, or registered meanwhile
		}
		if err != nil {
			p.loadErrorLocked(clean[i], err)
			return p.files[clean[i]], false
		}
		return p.addFileLocked(clean[i], src), true
	}
	Parallel(len(rels), func(i int) {
		switch f := before[i]; {
		case f == nil:
			src, err := p.safeRead(clean[i])
			g, added := register(i, src, err)
			switch {
			case added:
				do(i, g, nil)
				p.observe(g, src)
			case err != nil:
				do(i, g, err)
			default:
				// Listed twice (or registered meanwhile by an analyzer
				// beside): the bytes read for this one, without touching
				// those another goroutine may be releasing.
				do(i, g.WithSrc(src), nil)
				p.observe(g, src)
			}
		case f.isReleased():
			register(i, nil, nil) // its turn, to keep the order
			src, err := p.safeRead(clean[i])
			if err != nil {
				do(i, f, err)
				return
			}
			do(i, f.WithSrc(src), nil)
			p.observe(f, src)
		default:
			register(i, nil, nil)
			src := f.held()
			do(i, f, nil)
			p.observe(f, src)
		}
	})
}

// safeRead is read, with a panic turned into an error: ReadEach's
// registering must go on whatever a read does.
func (p *Project) safeRead(rel string) (src []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("cannot read %s: %v", rel, r)
		}
	}()
	return p.read(rel)
}
