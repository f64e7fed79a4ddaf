package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/engine"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/size"
)

// schedule lints the project in dir after delay (at once when delay is not
// positive). A later schedule of the same project moves the time; a lint
// asked for while one runs cancels it, and runs after it. s.mu is held.
func (s *server) schedule(dir string, delay time.Duration) {
	if s.state != stateRunning {
		return
	}
	ps := s.projects[dir]
	if ps == nil {
		ps = &projectState{}
		s.projects[dir] = ps
	}
	if ps.timer != nil {
		ps.timer.Stop()
		ps.timer = nil
	}
	if ps.cancel != nil {
		// The check under way reads an older state of the project: this
		// one supersedes it.
		ps.cancel()
	}
	if delay <= 0 {
		s.start(dir, ps)
		return
	}
	var t *time.Timer
	t = time.AfterFunc(delay, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if ps.timer != t || s.state != stateRunning {
			return // stopped or moved
		}
		ps.timer = nil
		s.start(dir, ps)
	})
	ps.timer = t
}

// start starts a lint of the project in dir now, or after the one that
// runs. s.mu is held.
func (s *server) start(dir string, ps *projectState) {
	if ps.running {
		ps.again = true
		return
	}
	ps.running = true
	s.lints.Add(1)
	go s.lintLoop(dir, ps)
}

// flush starts the lint that waits for its timer at once. s.mu is held.
func (s *server) flush(dir string) {
	if ps := s.projects[dir]; ps != nil && ps.timer != nil {
		s.schedule(dir, 0)
	}
}

// snapshot is what one lint reads of one open document.
type snapshot struct {
	d       *document
	gen     int
	version int32
}

func (s *server) lintLoop(dir string, ps *projectState) {
	defer s.lints.Done()
	for {
		s.mu.Lock()
		var snaps []snapshot
		overlay := map[string][]byte{}
		only := map[string]bool{}
		if s.state == stateRunning {
			for _, d := range s.files {
				if d.dir == dir {
					snaps = append(snaps, snapshot{d, d.gen, d.version})
					overlay[d.rel] = d.text
					only[d.rel] = true
				}
			}
		}
		if len(snaps) == 0 {
			ps.running, ps.again = false, false
			if ps.timer == nil {
				delete(s.projects, dir)
			}
			s.mu.Unlock()
			return
		}
		ctx, cancel := context.WithCancel(s.ctx)
		ps.cancel = cancel
		s.mu.Unlock()

		res, watch, err := s.lint(ctx, dir, overlay, only)
		if testChecked != nil {
			testChecked(dir, err)
		}
		// Cancelled: superseded by a newer state of the project, which
		// is checked next, or the session ended. Nothing to publish.
		cancelled := ctx.Err() != nil
		cancel()
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if !cancelled && msg != ps.lastErr {
			// Once, not at every keystroke.
			ps.lastErr = msg
			if msg != "" {
				s.logClient(messageError, "%s: %s", dir, msg)
			}
		}
		if res == nil {
			// The project could not be loaded: no findings.
			res = &lint.Result{Source: func(string) []byte { return nil }}
		}

		s.mu.Lock()
		ps.cancel = nil
		var pubs []snapshot
		if s.state == stateRunning && !cancelled {
			byPath := map[string][]lint.Finding{}
			for _, f := range res.Findings {
				if f.Suppressed == nil {
					byPath[f.Path] = append(byPath[f.Path], f)
				}
			}
			for _, sn := range snaps {
				if s.files[sn.d.uri] != sn.d {
					continue // closed meanwhile
				}
				d := sn.d
				d.linted, d.lintGen, d.lintVersion = true, sn.gen, sn.version
				d.source, d.findings = res.Source, byPath[d.rel]
				pubs = append(pubs, sn)
			}
			s.notifyChanged()
		}
		again := ps.again
		ps.again = false
		if !again {
			ps.running = false
		}
		s.mu.Unlock()

		s.publish(pubs)
		if watch != nil {
			// (After the diagnostics: listing the project's folders
			// again, it would compete with them for the processor.)
			go s.watch(dir, watch)
		}
		if !again {
			return
		}
	}
}

// lint loads the project in dir with the open documents' texts and runs
// the rules, keeping the findings of the open documents, through the path
// every command takes (package check) with the options the command line
// and chattool-lint.json resolve to. A project that cannot be loaded is an
// error and no result; a rule that fails is an error beside the findings
// of the others. An invalid configuration file is logged, and the project
// linted as if there were none. A check cancelled through ctx is its error
// and no result.
//
// The Engine's project, when the check loaded the project's folder,
// comes back to be watched (see watch), which the caller starts once it
// has published the diagnostics.
//
// A stray folder (no project.config.json or app.json: the file's own
// folder, linted with --assume-chat-tool) is linted whole when it is small
// (a component library's folder). A larger one, which may be a home folder
// of 100,000 files, is not walked: its open documents are linted as the
// whole project, loaded from an empty folder of the server's own with them
// as the overlay.
func (s *server) lint(ctx context.Context, dir string, overlay map[string][]byte, only map[string]bool) (*lint.Result, *kept, error) {
	opts, err := s.opts.Resolver.For(dir)
	if err != nil {
		s.logClient(messageWarning, "%v (not used)", err)
	}
	s.mu.Lock()
	k := s.engines[dir]
	if k == nil {
		k = &kept{eng: engine.New()}
		if s.openIn(dir) {
			s.engines[dir] = k
		} else {
			k.off = true // (closed meanwhile: nothing to keep)
		}
	}
	s.mu.Unlock()
	opts.Lint.Context = ctx
	load := dir
	if opts.Project.AssumeChatTool && stray(dir) && !small(dir, strayLimit) {
		if load, err = s.standInDir(); err != nil {
			return nil, nil, err
		}
	}
	j := &check.Job{Target: &discover.Target{Dir: load, Files: only, Overlay: overlay}, Options: opts, Rules: s.rules}
	k.eng.Check(j)
	var watch *kept
	if load == dir && j.LoadErr == nil {
		watch = k
	}
	for _, n := range size.CacheNotes() {
		s.logClient(messageWarning, "%s", n) // once a process each
	}
	if j.LoadErr != nil {
		return nil, watch, j.LoadErr
	}
	return j.Result, watch, j.Err
}

// kept is what the server keeps of a project between its lints: the
// Engine, and the watcher of its folder that lets the Engine trust what it
// kept and tells the server of files changed on disk.
type kept struct {
	eng *engine.Engine
	mu  sync.Mutex
	w   *engine.Watcher
	// off: the watcher failed to start, or the project closed.
	off bool
}

// watch starts watching the folder of the project in dir after its first
// check, unless it is watched already. A change on disk to a file that is
// not open lints the project again after the debounce; an open file's
// buffer is what is checked, whatever its file holds.
func (s *server) watch(dir string, k *kept) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.w != nil || k.off {
		return
	}
	w, err := k.eng.Watch(func(rel string) { s.diskChanged(dir, rel) })
	if err != nil {
		k.off = true
		s.log.Printf("%s: %v: each check reads the project again", dir, err)
		return
	}
	k.w = w
}

func (k *kept) close() {
	k.mu.Lock()
	w := k.w
	k.w, k.off = nil, true
	k.mu.Unlock()
	if w != nil {
		w.Close()
	}
}

// diskChanged lints the project in dir again after a file of it changed
// on disk, unless the file is open.
func (s *server) diskChanged(dir, rel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.engines[dir] == nil {
		return
	}
	for _, d := range s.files {
		if d.dir == dir && d.rel == rel {
			return
		}
	}
	s.schedule(dir, s.debounce)
}

// closeEngines stops watching every project.
func (s *server) closeEngines() {
	s.mu.Lock()
	ks := s.engines
	s.engines = map[string]*kept{}
	s.mu.Unlock()
	for _, k := range ks {
		k.close()
	}
}

// stray reports whether dir is in no mini program: it has neither
// project.config.json nor app.json (project.FindDir gave a file's own
// folder).
func stray(dir string) bool {
	return !isFile(filepath.Join(dir, "project.config.json")) && !isFile(filepath.Join(dir, "app.json"))
}

// strayLimit is the most files and folders a stray folder may hold (at any
// depth) to be linted whole.
var strayLimit = 2000

// small reports whether dir holds at most limit files and folders, at any
// depth, counted as the project's walk meets them (node_modules, .git and
// .svn not entered, nor links to folders). It stops at the entry after the
// limit, and reads entries 256 at a time: the folder may be a home folder.
func small(dir string, limit int) bool {
	n := 0
	queue := []string{dir}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		f, err := os.Open(d)
		if err != nil {
			continue
		}
		for {
			entries, err := f.ReadDir(256)
			for _, e := range entries {
				if n++; n > limit {
					f.Close()
					return false
				}
				switch e.Name() {
				case "node_modules", ".git", ".svn":
					continue
				}
				if e.IsDir() {
					queue = append(queue, filepath.Join(d, e.Name()))
				}
			}
			if err != nil {
				break // (io.EOF at the end)
			}
		}
		f.Close()
	}
	return true
}

// standInDir returns the empty folder stray folders are loaded from, made
// at its first use.
func (s *server) standInDir() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.standIn == "" {
		d, err := os.MkdirTemp("", "chattool-lint-lsp-")
		if err != nil {
			return "", fmt.Errorf("cannot check a file in no mini program: %v", err)
		}
		s.standIn = d
	}
	return s.standIn, nil
}

// removeStandIn removes the folder standInDir made, if any.
func (s *server) removeStandIn() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.standIn != "" {
		if err := os.Remove(s.standIn); err != nil {
			s.log.Printf("%v", err)
		}
		s.standIn = ""
	}
}

// publish sends the diagnostics of the documents linted, unless a document
// closed since.
func (s *server) publish(snaps []snapshot) {
	if len(snaps) == 0 {
		return
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	for _, sn := range snaps {
		s.mu.Lock()
		d := sn.d
		if s.files[d.uri] != d || s.state != stateRunning {
			s.mu.Unlock()
			continue
		}
		d.published = true
		params := PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}}
		v := sn.version
		params.Version = &v
		src := d.source(d.rel)
		for i := range d.findings {
			params.Diagnostics = append(params.Diagnostics, s.diagnostic(src, &d.findings[i]))
		}
		s.mu.Unlock()
		s.send("textDocument/publishDiagnostics", params)
	}
}

// diagnostic converts a finding in src to a diagnostic. s.mu is held.
func (s *server) diagnostic(src []byte, f *lint.Finding) Diagnostic {
	d := Diagnostic{
		Range:    Range{Start: toLSP(src, f.Start, s.enc), End: toLSP(src, f.End, s.enc)},
		Severity: severity(f.Severity),
		Code:     f.Rule,
		Source:   "chattool-lint",
		Message:  f.Message,
	}
	if doc := s.docs[f.Rule]; doc != nil && doc.URL != "" {
		d.CodeDescription = &codeDescription{Href: doc.URL}
	}
	return d
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return severityError
	case lint.Warning:
		return severityWarning
	}
	return severityInformation
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
