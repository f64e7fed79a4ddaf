package project

import (
	"runtime"
	"sync"
)

// ReadAll reads the files at rels (relative to the project directory) in
// order: reading registers a file in the FileSet, which must happen in one
// goroutine. A file that cannot be read comes back as Unreadable's
// placeholder (and a load error of the project), with its error in errs.
func (p *Project) ReadAll(rels []string) (files []*File, errs []error) {
	files, errs = make([]*File, len(rels)), make([]error, len(rels))
	for i, rel := range rels {
		f, err := p.ReadFile(rel)
		if err != nil {
			f = p.Unreadable(rel, err)
		}
		files[i], errs[i] = f, err
	}
	return files, errs
}

// Parallel calls do(i) for every i from 0 to n-1, in that order of start,
// on as many goroutines as GOMAXPROCS allows, and returns when all calls
// have. Give the largest jobs the smallest indices so that no worker is
// left with a large one at the end.
func Parallel(n int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
