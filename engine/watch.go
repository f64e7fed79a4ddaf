package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A Watcher reports to an Engine every change on disk in its project's
// folder (fsnotify: inotify on Linux, kqueue on the BSDs and macOS,
// ReadDirectoryChangesW on Windows), so that the Engine may keep the bytes
// of the files that did not change. It watches every folder below the
// project's, except those the checks never read (node_modules, .git,
// .svn), and the folders made later.
type Watcher struct {
	e      *Engine
	root   string
	w      *fsnotify.Watcher
	notify func(rel string)
	done   chan struct{}
	once   sync.Once

	// A barrier: a file made in a folder of the watcher's own, whose event
	// comes after those of every change made before it (one queue for
	// every folder watched, in order, on Linux).
	private string
	n       int
	seen    chan string
}

// Watch starts watching the folder of e's project (its first check must
// have run: see Root), and calls notify, if not nil, with each path that
// changed after e has been told (on the watcher's goroutine: notify must
// not block). Once every folder is watched, e trusts what it kept. A
// folder that cannot be watched (too many folders for the system's
// limit) is an error, and e trusts nothing.
func (e *Engine) Watch(notify func(rel string)) (*Watcher, error) {
	root := e.Root()
	if root == "" {
		return nil, errors.New("no project checked yet")
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &Watcher{e: e, root: root, w: w, notify: notify, done: make(chan struct{}), seen: make(chan string, 16)}
	if err := wt.addTree(root); err != nil {
		w.Close()
		return nil, err
	}
	if wt.private, err = os.MkdirTemp("", "chattool-lint-watch-"); err == nil {
		if err = w.Add(wt.private); err != nil {
			os.Remove(wt.private)
			wt.private = ""
		}
	}
	go wt.loop()
	e.mu.Lock()
	e.watcher = wt
	e.mu.Unlock()
	e.Trust(true)
	return wt, nil
}

// syncWait bounds how long a check waits for the watcher to catch up.
const syncWait = 200 * time.Millisecond

// sync returns once the Engine has been told of every change made on disk
// before it was called, and reports whether it could tell: the events of
// a change come some time after the change, and a check that starts in
// between (a save of one file right after another file was written) must
// not take the other for unchanged.
func (wt *Watcher) sync() bool {
	if wt.private == "" {
		return false
	}
	wt.n++
	name := filepath.Join(wt.private, fmt.Sprintf("sync-%d", wt.n))
	f, err := os.Create(name)
	if err != nil {
		return false
	}
	f.Close()
	defer os.Remove(name)
	t := time.NewTimer(syncWait)
	defer t.Stop()
	for {
		select {
		case got := <-wt.seen:
			if got == name {
				return true
			}
		case <-t.C:
			return false
		}
	}
}

// Close stops watching; the Engine trusts nothing any more.
func (wt *Watcher) Close() {
	wt.once.Do(func() {
		wt.e.mu.Lock()
		if wt.e.watcher == wt {
			wt.e.watcher = nil
		}
		wt.e.mu.Unlock()
		wt.e.Trust(false)
		wt.w.Close()
		<-wt.done
		if wt.private != "" {
			os.RemoveAll(wt.private)
		}
	})
}

// addTree watches dir and every folder below it that the checks read.
func (wt *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // (the walk of the check reports it)
		}
		if !d.IsDir() {
			return nil
		}
		switch d.Name() {
		case "node_modules", ".git", ".svn":
			if p != dir {
				return filepath.SkipDir
			}
		}
		if err := wt.w.Add(p); err != nil {
			return fmt.Errorf("cannot watch %s: %w", p, err)
		}
		return nil
	})
}

func (wt *Watcher) loop() {
	defer close(wt.done)
	for {
		select {
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			wt.event(ev)
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			// Events were lost (the queue overflowed): anything may
			// have changed.
			_ = err
			wt.e.Changed("", Move)
			if wt.notify != nil {
				wt.notify("")
			}
		}
	}
}

func (wt *Watcher) event(ev fsnotify.Event) {
	if wt.private != "" && filepath.Dir(ev.Name) == wt.private {
		if ev.Has(fsnotify.Create) {
			select {
			case wt.seen <- ev.Name:
			default: // (a barrier that gave up long ago)
			}
		}
		return
	}
	rel, err := filepath.Rel(wt.root, ev.Name)
	if err != nil || !filepath.IsLocal(rel) {
		return
	}
	rel = filepath.ToSlash(rel)
	op := Write
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		op = Move
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			// A new folder: watch it, and what was made in it before.
			if err := wt.addTree(ev.Name); err != nil {
				wt.e.Changed("", Move)
			}
		}
	}
	wt.e.Changed(rel, op)
	if wt.notify != nil {
		wt.notify(rel)
	}
}
