package project

import (
	"path"
	"sync"
)

// observers are the functions ObserveReads registered.
var observers struct {
	sync.RWMutex
	list []func(p *Project, f *File, src []byte)
}

// ObserveReads registers fn, for the life of the process, to be told of
// every file ReadEach reads for a front end, with its bytes, once do has
// had them: a check that wants what a file's bytes alone tell (the size
// check, its built size) learns it while the front end holds them, and
// need not read the file again once the front end has released it. fn is
// called on ReadEach's goroutines, for every project: it must be safe for
// concurrent use, keep nothing of src, change nothing, and be quick when
// p is not one it wants to hear of. A package registers it from init.
func ObserveReads(fn func(p *Project, f *File, src []byte)) {
	observers.Lock()
	defer observers.Unlock()
	observers.list = append(observers.list, fn)
}

// observe tells the observers that f was read, with bytes src.
func (p *Project) observe(f *File, src []byte) {
	if src == nil {
		return // (the stand-in of a file that could not be read)
	}
	observers.RLock()
	list := observers.list
	observers.RUnlock()
	for _, fn := range list {
		fn(p, f, src)
	}
}

// Registered returns the file registered at rel (relative to the project
// directory), or nil: without reading it.
func (p *Project) Registered(rel string) *File { return p.file(path.Clean(rel)) }

// held returns the bytes the file holds (nil once released).
func (f *File) held() []byte {
	fileMu.Lock()
	defer fileMu.Unlock()
	return f.Src
}
