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
	for i, rel := range rels {
		clean[i] = path.Clean(rel)
		if f, ok := p.files[clean[i]]; ok {
			files[i] = f
		} else {
			todo = append(todo, i)
		}
	}
	Parallel(len(todo), func(k int) {
		i := todo[k]
		srcs[i], errs[i] = p.read(clean[i])
	})
	var added []*File
	for _, i := range todo {
		switch f, ok := p.files[clean[i]]; {
		case errs[i] != nil:
			files[i] = p.Unreadable(clean[i], errs[i])
		case ok: // listed twice
			files[i] = f
		default:
			files[i] = p.addFile(clean[i], srcs[i])
			added = append(added, files[i])
		}
	}
	Parallel(len(added), func(k int) {
		added[k].setLines()
	})
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
