package size

import (
	"path"
	"weak"

	"github.com/chattool-lint/chattool-lint/project"
)

// The Reach scans every script it follows (scanScript), at the end of a
// check, on one core, after the front ends have read the scripts and
// released their bytes: it would read each again. So the scan is made
// while a front end holds the bytes (project.ObserveReads, see observe),
// on the front ends' goroutines, and kept for the Reach until it has
// followed the code (scanned). With a Memo the scan is also the Memo's
// (project.Derive, by the bytes), as when the Reach makes it.

// observedScan is the scan of a script read as registered in file, n bytes.
type observedScan struct {
	file *project.File
	n    int
	sc   *scriptScan
}

// planScans says whether the Reach of p will scan scripts: it follows the
// code of a mini program with an app.json (see NewReach).
func (h *heard) planScans(p *project.Project) {
	h.scanning = p.App != nil && p.App.Root != nil && !p.IsGame()
	if h.scanning {
		h.scans = map[string]observedScan{}
	}
}

// observeScript scans the script f a front end read, with bytes src, for
// the Reach (nothing for another file).
func (h *heard) observeScript(p *project.Project, f *project.File, src []byte) {
	ext := path.Ext(f.Path)
	if !h.scanning || ext != ".js" && ext != ".ts" && ext != ".wxs" {
		return
	}
	if _, ok := p.InMP(f.Path); !ok {
		return
	}
	h.mu.Lock()
	_, had := h.scans[f.Path]
	wanted := h.scans != nil && !had
	h.mu.Unlock()
	if !wanted {
		return
	}
	sc := deriveScan(p, src, ext == ".ts")
	h.mu.Lock()
	if h.scans != nil {
		h.scans[f.Path] = observedScan{file: f, n: len(src), sc: sc}
	}
	h.mu.Unlock()
}

// scanned returns the scan of the script at rel (relative to the
// project directory) made while a front end held its bytes, if one was:
// the bytes of the file registered at rel.
func scanned(p *project.Project, rel string) *scriptScan {
	pf := p.Registered(rel)
	h := heardIfAny(p)
	if pf == nil || h == nil {
		return nil
	}
	h.mu.Lock()
	o, ok := h.scans[rel]
	h.mu.Unlock()
	if !ok || !o.file.Same(pf) || o.n != pf.Size() {
		return nil
	}
	return o.sc
}

// scansDone drops the scans kept for p's Reach, which has followed the
// code, and keeps no more.
func scansDone(p *project.Project) {
	h := heardIfAny(p)
	if h == nil {
		return
	}
	h.mu.Lock()
	h.scans = nil
	h.mu.Unlock()
}

// heardIfAny returns what the check heard of p, nil when it heard nothing
// (nothing was read for a front end: its plan, which may cost a system
// call a file, is not made for the Reach).
func heardIfAny(p *project.Project) *heard {
	v, ok := projects.Load(weak.Make(p))
	if !ok {
		return nil
	}
	h := v.(*heard)
	h.once.Do(func() { h.plan(p) })
	return h
}

// deriveScan returns the scan of a script's bytes (a TypeScript one when
// ts), from p's Memo when it holds it.
func deriveScan(p *project.Project, src []byte, ts bool) *scriptScan {
	kind := "size.reach.js"
	if ts {
		kind = "size.reach.ts"
	}
	return project.Derive(p, kind, src, func() *scriptScan { return scanScript(src, ts) })
}
