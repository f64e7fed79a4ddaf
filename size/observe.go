package size

import (
	"runtime"
	"sync"
	"weak"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
)

// The size check learns what it needs of a file's bytes while a front end
// holds them (project.ObserveReads): a front end releases the bytes it has
// parsed, and the check would read every file again. Which files it will
// need to estimate it foresees from their lengths (plan): those of the
// packages whose length alone (boundBase) takes them near their limit, or
// all when it takes the whole app near its own; of the files of the other
// packages, the scripts' bounds. What a script's estimate needs of
// jsparse's verdict (a script nested too deep, or no parser accepts,
// counts at its length) is applied when the check runs (estimated): the
// estimate is made as if the script parsed, once the nesting is known to
// be safe for the parsers it runs. A file not heard of (a TypeScript,
// LESS or Sass source, a file of a front end whose result an engine kept
// from an earlier check) is read by the check, as before.
func init() { project.ObserveReads(observe) }

// heard is what the size check learned of the files of one project.
type heard struct {
	once sync.Once // plans
	s    Settings
	c    *cache

	// mu guards what follows once planned (plan, take, done).
	mu sync.Mutex
	// want holds every file the check could learn the estimate of (a
	// measure, not a check, estimates every file), by path relative to
	// the project directory, and what the check wants of it (neither
	// estimate nor bound: nothing).
	want  map[string]want
	seen  map[string]*seen
	taken bool
	later bool // plan the files when taken

	// scanning: the scripts are scanned for the Reach as they are read,
	// into scans (by path relative to the project directory) until the
	// Reach has followed the code (see reach_observe.go).
	scanning bool
	scans    map[string]observedScan
}

// want is what the check wants to learn of a file.
type want struct {
	kind            string
	estimate, bound bool // its estimate, a script's Bound
}

// any reports whether the check wants anything of the file.
func (w want) any() bool { return w.estimate || w.bound }

// seen is what the check learned of a file read as registered in file.
type seen struct {
	file    *project.File
	n       int64 // its length
	bound   int64 // when bounded
	bounded bool
	// est is set when built holds its estimate and, for a script, needs
	// its needs (kindNeeds0, kindNeeds1), as if it parsed; for a script
	// nested too deep (deep), as if it did not. (needs apart: a seen is
	// kept for every file a check estimates, most of them no script.)
	est, deep bool
	built     part
	needs     *[2]part
}

// part is a size learned: from the cache (cached) or estimated, under key
// k of the cache (when there is one).
type part struct {
	k             cacheKey
	n             int64
	keyed, cached bool
}

// projects holds the heard of each project, until the project is gone.
var projects sync.Map // weak.Pointer[project.Project] → *heard

// heardOf returns what the check heard of p, planned once.
func heardOf(p *project.Project) *heard {
	k := weak.Make(p)
	v, ok := projects.Load(k)
	if !ok {
		var loaded bool
		if v, loaded = projects.LoadOrStore(k, &heard{}); !loaded {
			runtime.AddCleanup(p, func(k weak.Pointer[project.Project]) { projects.Delete(k) }, k)
		}
	}
	h := v.(*heard)
	h.once.Do(func() { h.plan(p) })
	return h
}

// take returns what the check heard of p measured with settings s, and
// hears no more of it; nil when a measure took it before, or for other
// settings than p's.
func take(p *project.Project, s Settings) *heard {
	h := heardOf(p)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.taken || h.s != s {
		h.taken = true
		return nil
	}
	h.taken = true
	if h.later {
		h.later = false
		h.planFiles(p)
	}
	return h
}

// plan says which files the check will want to learn of, and how. When
// no front end reads a file whose estimate needs its bytes (a check
// learns nothing from them) it says so only when the check takes what
// it heard (later): the upload list it needs costs a system call a file,
// which the front ends need not wait for. So it does for a project with
// a Memo (a language server's, whose checks may leave the size check
// out: package engine): the Memo keeps the bytes read, which the check
// reads again without asking the disk for them.
func (h *heard) plan(p *project.Project) {
	h.want, h.seen = map[string]want{}, map[string]*seen{}
	h.s = SettingsOf(p)
	h.planScans(p)
	if p.Options.Memo != nil || lengthOnly("js", "", h.s) && lengthOnly("wxml", "", h.s) && lengthOnly("wxss", "", h.s) {
		h.later = true
		return
	}
	h.planFiles(p)
}

// planFiles says which files the check wants to learn of, and how. A
// project it cannot plan for (a panic) it learns nothing of.
func (h *heard) planFiles(p *project.Project) {
	defer func() {
		if recover() != nil {
			h.want = map[string]want{}
		}
	}()
	_, byPkg := packagesOf(p)
	up := p.Upload()
	base := map[*Package]int64{}
	var total int64
	for _, f := range up.Files {
		n := f.Bytes
		if textKinds[f.Kind()] {
			n = boundBase(f.Kind(), f.Compiled, f.Bytes, h.s)
		}
		base[byPkg[f.Package]] += n
		total += n
	}
	all := near(total, budget(p.Options.Budgets.Total, TotalBudget))
	estimates := false
	for _, f := range up.Files {
		if !textKinds[f.Kind()] || lengthOnly(f.Kind(), f.Compiled, h.s) || f.Compiled != "" {
			continue
		}
		pkg := byPkg[f.Package]
		// (A package near its limit by its length is not bounded.)
		nearBy := near(base[pkg], pkg.BudgetBytes)
		w := want{kind: f.Kind(), estimate: all || nearBy, bound: !nearBy && !boundByLength(f.Kind(), f.Compiled, h.s)}
		h.want[p.MP(f.Source)] = w
		estimates = estimates || w.estimate
	}
	if estimates {
		h.c = openCache(p.Options.CacheDir, p.Root())
	}
}

// near reports whether n bytes and the most helpers a package can get
// come within Margin of budget.
func near(n, budget int64) bool { return (n+maxOverhead)*100 > budget*(100-Margin) }

// observe learns what the check wants of a file a front end read.
func observe(p *project.Project, f *project.File, src []byte) {
	h := heardOf(p)
	h.mu.Lock()
	w, ok := h.want[f.Path]
	ok = ok && w.any() && !h.taken && h.seen[f.Path] == nil
	h.mu.Unlock()
	if ok {
		h.keep(f.Path, h.learn(w, f, src, h.c), false)
	}
	h.observeScript(p, f, src)
}

// keep keeps what the check learned of the file at rel, unless it has
// been taken (and by the check itself).
func (h *heard) keep(rel string, sn *seen, byCheck bool) {
	h.mu.Lock()
	if (byCheck || !h.taken) && h.seen[rel] == nil {
		h.seen[rel] = sn
	}
	h.mu.Unlock()
}

// learn returns what w wants of src: its bound (a script's, counting its
// constructs), and its estimate when w says so, from c when c holds it.
func (h *heard) learn(w want, f *project.File, src []byte, c *cache) *seen {
	sn := &seen{file: f, n: int64(len(src))}
	if w.bound {
		sn.bound, sn.bounded = Bound(w.kind, "", src, h.s), true
	}
	if !w.estimate {
		return sn
	}
	var v scriptVerdict
	if w.kind == "js" {
		v = scriptVerdict{known: true, deep: -1, parses: true}
		if !h.s.Minify {
			// Nested too deep, esbuild, which the estimate of a script
			// not minified may run, would overflow the stack: it counts
			// at its length, as jsparse's verdict will say. (A minified
			// script's estimate runs no parser, only the tokenizer.)
			v.deep = jsparse.TooDeep(src)
			sn.deep = v.deep >= 0
		}
	}
	sn.est = true
	sn.built = h.part(c, w.kind, src, v, nil)
	if w.kind == "js" && len(src) > 0 {
		var n needs
		known := false
		needsOf := func() int64 {
			if !known {
				n, known = scriptNeedsOf("", src, h.s, v), true
			}
			return int64(n)
		}
		sn.needs = &[2]part{
			h.part(c, kindNeeds0, src, v, func() int64 { return needsOf() & (1<<needsBits - 1) }),
			h.part(c, kindNeeds1, src, v, func() int64 { return needsOf() >> needsBits & (1<<needsBits - 1) }),
		}
	}
	return sn
}

// part returns the size of kind for src, from the cache or estimated
// (by estimate, when not nil, else built).
func (h *heard) part(c *cache, kind string, src []byte, v scriptVerdict, estimate func() int64) part {
	const compiled = "" // (a compiled file is measured by its length)
	pt := part{keyed: c != nil}
	if c != nil {
		pt.k, pt.n, pt.cached = c.lookup(kind, compiled, src, h.s)
		if pt.cached {
			return pt
		}
	}
	if estimate != nil {
		pt.n = estimate()
	} else {
		pt.n = built(kind, compiled, src, h.s, v)
	}
	return pt
}

// seenAs returns what the check learned of the file f, registered as pf
// (nil h: nothing).
func (h *heard) seenAs(f *File, pf *project.File) *seen {
	if h == nil || pf == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	sn := h.seen[pf.Path]
	if sn == nil || !sn.file.Same(pf) || sn.n != int64(pf.Size()) {
		return nil
	}
	return sn
}

// bound returns the Bound learned of f, if it was.
func (h *heard) bound(f *File, pf *project.File) (int64, bool) {
	sn := h.seenAs(f, pf)
	if sn == nil || !sn.bounded {
		return 0, false
	}
	return sn.bound, true
}

// estimated returns the estimate learned of f (its built size, when
// withBuilt, and a script's needs), with jsparse's verdict on it
// (scripts), if it can: a script needs the verdict, on the same bytes,
// and a size to record in c a key of c. The sizes returned are recorded
// as used in c.
func (h *heard) estimated(f *File, pf *project.File, c *cache, scripts *jsparse.Result, withBuilt bool) (n int64, nd needs, ok bool) {
	sn := h.seenAs(f, pf)
	if sn == nil || !sn.est || c != nil && !sn.built.keyed {
		return 0, 0, false
	}
	// A script no parser accepts, or nested too deep, counts at its
	// length and needs nothing (see built).
	atLength := false
	if f.Kind() == "js" {
		if scripts == nil {
			return 0, 0, false
		}
		js := scripts.ByMP(f.Source)
		if js == nil || js.File == nil || !js.File.Same(pf) || js.Source == nil {
			return 0, 0, false
		}
		v := verdictOf(js.Source)
		atLength = v.deep >= 0 || !v.parses
		if sn.deep && !atLength {
			return 0, 0, false // (jsparse read other bytes)
		}
	}
	use := func(pt part, alt int64) int64 {
		n := pt.n
		if !pt.cached && atLength {
			n = alt
		}
		if c != nil {
			c.use(pt.k, sn.n, n, !pt.cached)
		}
		return n
	}
	if withBuilt {
		n = use(sn.built, sn.n)
	}
	if f.Kind() == "js" && sn.n > 0 && sn.needs != nil {
		nd = needs(use(sn.needs[0], 0)) | needs(use(sn.needs[1], 0))<<needsBits
	}
	return n, nd, true
}

// registerAll registers the text files in order (registering fixes their
// positions), as the estimate did when it first read them: a file no
// front end read is read here, once; what the check wants of it (h; its
// estimate, for every file, when every file is estimated) is learned
// from those bytes, in parallel, before they are released.
func registerAll(p *project.Project, files []*File, h *heard, c *cache, every bool) {
	var fresh []*project.File
	held := 0
	flush := func() {
		project.Parallel(len(fresh), func(i int) {
			pf := fresh[i]
			if w, ok := h.wants(pf.Path, every); ok {
				h.keep(pf.Path, h.learn(w, pf, pf.Src, c), true)
			}
			pf.Release(false)
		})
		fresh, held = fresh[:0], 0
	}
	for _, f := range files {
		if !textKinds[f.Kind()] {
			continue
		}
		rel := p.MP(f.Source)
		if p.Registered(rel) != nil {
			continue
		}
		if pf, err := readFile(p, rel); err == nil {
			fresh, held = append(fresh, pf), held+len(pf.Src)
		}
		if held > maxHeld {
			flush()
		}
	}
	flush()
}

// maxHeld bounds the bytes registerAll holds at once.
const maxHeld = 8 << 20

// wants returns what the check wants of the file at rel, its estimate
// when every (nil h: nothing).
func (h *heard) wants(rel string, every bool) (want, bool) {
	if h == nil {
		return want{}, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	w, ok := h.want[rel]
	if ok && every {
		return want{kind: w.kind, estimate: true}, true // (a measure bounds nothing)
	}
	return w, ok && w.any()
}

// done drops what the check learned, once it has measured.
func (h *heard) done() {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.want, h.seen = nil, nil
	h.mu.Unlock()
}

// cache returns the cache h learned from (nil h: nil).
func (h *heard) cache() *cache {
	if h == nil {
		return nil
	}
	return h.c
}

// readFile reads the file at rel for the check (project.ReadFile), and
// tells onRead when it read it from the disk (or the overlay): it was not
// registered, or only its length was kept.
func readFile(p *project.Project, rel string) (*project.File, error) {
	before := p.Registered(rel)
	f, err := p.ReadFile(rel)
	if onRead != nil && err == nil && (before == nil || f != before) {
		onRead(p, f.Path)
	}
	return f, err
}

// onRead, when set (by tests), is told of every file the check reads.
var onRead func(p *project.Project, rel string)
