package size

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

// The limits WeChat enforces at upload, in its units (1 KB = 1024 bytes).
const (
	KB = 1024
	MB = 1024 * KB

	ChatToolBudget        = 500 * KB // the chat-tool subpackage
	PackageBudget         = 2 * MB   // the main package and each subpackage
	TotalBudget           = 30 * MB  // every package together
	ServiceProviderBudget = 20 * MB  // every package together, for service-provider builds

	// A mini game's limits (minigame/dev/guide/base-ability/subPackage/
	// useSubPackage.html): «整个小游戏所有主包+分包大小不超过 30M；主包不超过
	// 4M；单个普通分包不限制大小；单个独立分包不超过 4M». An ordinary
	// subpackage has no limit of its own: its budget is the whole game's.
	GamePackageBudget = 4 * MB // the main package and each independent subpackage
)

// Margin is how close, in percent, the built estimate comes to the size
// Tencent's compiler builds: within 2.2% for every package of the official
// demo it was calibrated on, within 3.8% for liubai's TypeScript app, which
// it was not. A package estimated within Margin of its limit may be over it.
const Margin = 5

// File is an uploaded file and its estimated built size.
type File struct {
	*project.UploadFile
	Built int64
	// needs: for a script, the constructs the compiler requires runtime
	// helpers for (known once estimated: needsKnown).
	needs      needs
	needsKnown bool
}

// Helper is a runtime helper file the compiler adds to a package.
type Helper struct {
	// Name is the helper's (typeof, createClass, _ts_generator...); Path
	// where the compiler writes it in the package (@babel/runtime/helpers/
	// typeof.js, @swc/runtime/_ts_generator.js).
	Name, Path string
	Bytes      int64
}

// Package is the measure of one package.
type Package struct {
	// Root is the subpackage root, "" for the main package.
	Root string
	Sub  *project.Subpackage
	// ChatTool is set for the chat-tool subpackage.
	ChatTool bool
	// RawBytes counts every file under the package (uploaded or not);
	// UploadedBytes the sources of the files WeChat uploads; BuiltBytes the
	// estimate of what its compiler builds from them, with the project's
	// settings, plus what it adds (PackageOverhead).
	RawBytes, UploadedBytes, BuiltBytes, BudgetBytes int64
	// Files are the uploaded files, largest built size first.
	Files []*File
	// Skipped are the files under the package that are not uploaded.
	Skipped []*project.SkippedFile
	// Overhead is the part of BuiltBytes the compiler adds: the runtime
	// helpers it copies into the package (Helpers).
	Overhead int64
	// Helpers are the runtime helpers the package's scripts (for the main
	// package, its own and those of every ordinary subpackage) require,
	// with those they require: Babel's or swc's, by the settings. A
	// package only bounded (Bounded) lists none, and counts every helper
	// its scripts could need.
	Helpers []Helper
	// Bounded is set when BuiltBytes is an upper bound (Check), not an
	// estimate.
	Bounded bool
}

// Report is the size of every package of a project.
type Report struct {
	Settings Settings
	// Packages: the main package first, then subpackages in app.json order.
	Packages []*Package
	// Total is the whole app (Root "", Sub nil, no Files).
	Total Package
}

// Measure measures the packages of p against the budgets in p.Options
// (zero: WeChat's limits), estimating every file. When the project sets
// setting.ignoreUploadUnusedFiles, the code files used rejects are not
// uploaded (used may be nil: then every file is).
func Measure(p *project.Project, used Used) *Report {
	return measure(p, false, used, nil, SettingsOf(p))
}

// MeasureParsed is Measure for a project whose scripts jsparse has parsed
// (see CheckParsed).
func MeasureParsed(p *project.Project, used Used, scripts *jsparse.Result) *Report {
	return measure(p, false, used, scripts, SettingsOf(p))
}

// Check measures as Measure does, for a check rather than a report: a
// package whose upper bound (Bound) stays under its limit by more than
// Margin gets that bound as BuiltBytes, with Bounded set, instead of the
// estimate; so does the whole app. Packages near or over their limit are
// estimated as Measure estimates them.
func Check(p *project.Project, used Used) *Report { return measure(p, true, used, nil, SettingsOf(p)) }

// CheckParsed is Check, for a project whose scripts jsparse has parsed:
// what the parse found out about a script is not found out again.
func CheckParsed(p *project.Project, used Used, scripts *jsparse.Result) *Report {
	return measure(p, true, used, scripts, SettingsOf(p))
}

// measure measures p with settings s (those of project.config.json, but
// for the calibration, which measures a project as the compiler was told
// to build it).
func measure(p *project.Project, quick bool, used Used, scripts *jsparse.Result, s Settings) *Report {
	return measureAt(p, quick, used, scripts, s, -1)
}

// measureAt is measure, the worklet transform's __location strings taken
// to start with locationPrefix bytes (-1: locationPrefixOf(p)).
func measureAt(p *project.Project, quick bool, used Used, scripts *jsparse.Result, s Settings, locationPrefix int) *Report {
	if locationPrefix < 0 {
		locationPrefix = locationPrefixOf(p)
	}
	r := &Report{Settings: s}
	up := p.Upload()
	var byPkg map[*project.Subpackage]*Package
	r.Packages, byPkg = packagesOf(p)
	main := r.Packages[0]
	files := make([]*File, len(up.Files))
	slab := make([]File, len(up.Files)) // (one object, not one a file)
	for i, uf := range up.Files {
		slab[i].UploadFile = uf
		files[i] = &slab[i]
	}
	var unused []*project.SkippedFile
	if up.IgnoresUnusedFiles && used != nil {
		files, unused = dropUnused(files, used)
	}
	h := take(p, s)
	c := h.cache()
	if c == nil {
		c = openCache(p.Options.CacheDir, p.Root())
	}
	registerAll(p, files, h, c, !quick)
	if quick {
		quickEstimate(p, r, byPkg, files, s, c, scripts, h)
		if !main.Bounded {
			// The main package holds the helpers of the ordinary
			// subpackages' scripts, bounded or not: find what they need.
			var todo []*File
			for _, f := range files {
				if f.Kind() == "js" && !f.needsKnown && f.Package != nil && !f.Package.Independent() {
					todo = append(todo, f)
				}
			}
			findNeeds(p, todo, s, c, scripts, h)
		}
	} else {
		estimate(p, files, s, c, scripts, h)
	}
	c.save()
	h.done()
	jsonExtra := jsonContext(p)
	for _, f := range files {
		if f.Kind() == "json" {
			f.Built = max(0, f.Built+jsonExtra[f.MP])
		}
		if f.Kind() == "js" && f.needs&(1<<needsCount-1) != 0 {
			home := ""
			if f.Package != nil && f.Package.Independent() {
				home = f.Package.Root
			}
			f.Built += requireBytes(f.MP, home, f.needs, s)
		}
		if w := int64(f.needs >> workletShift); w > 0 {
			// Each worklet's __location: the path from the compiler's
			// working folder to the project and the file's path in the
			// mini program (the compiler leaves miniprogramRoot out).
			// (The " (line:col)" after it, which a method's worklet has
			// not, is in the file's estimate: workletCost.)
			f.Built += w * int64(locationPrefix+len(f.Source))
		}
		pkg := byPkg[f.Package]
		pkg.Files = append(pkg.Files, f)
		pkg.UploadedBytes += f.Bytes
		pkg.RawBytes += f.Bytes
		pkg.BuiltBytes += f.Built
	}
	for _, sk := range append(append([]*project.SkippedFile(nil), up.Skipped...), unused...) {
		pkg := byPkg[p.PackageOf(sk.MP)]
		pkg.Skipped = append(pkg.Skipped, sk)
		pkg.RawBytes += sk.Bytes
	}
	r.Total.BudgetBytes = budget(p.Options.Budgets.Total, TotalBudget)
	// The runtime helpers go to the main package for it and every
	// ordinary subpackage, and to each independent subpackage for its own
	// scripts: those their scripts need.
	needed := map[*Package]needs{}
	unknown := map[*Package]bool{}
	for _, pkg := range r.Packages {
		home := pkg
		if pkg.Sub != nil && !pkg.Sub.Independent() {
			home = main
		}
		for _, f := range pkg.Files {
			if f.Kind() == "js" {
				needed[home] |= f.needs & (1<<needsCount - 1)
				unknown[home] = unknown[home] || !f.needsKnown
			}
		}
	}
	for _, pkg := range r.Packages {
		if ownCopy := pkg.Sub == nil || pkg.Sub.Independent(); !ownCopy {
			pkg.Overhead = 0
		} else if unknown[pkg] {
			pkg.Overhead = maxHelperBytes(s)
		} else {
			pkg.Helpers = helperFiles(pkg.Root, needed[pkg], s)
			for _, h := range pkg.Helpers {
				pkg.Overhead += h.Bytes
			}
		}
		if pkg == main && p.App != nil {
			// The compiler writes a project.config.json of its own.
			pkg.Helpers = append(pkg.Helpers, Helper{Name: "project.config.json", Path: "project.config.json", Bytes: int64(len(generatedProjectConfig))})
			pkg.Overhead += int64(len(generatedProjectConfig))
		}
		pkg.BuiltBytes += pkg.Overhead
		sort.SliceStable(pkg.Files, func(i, j int) bool { return pkg.Files[i].Built > pkg.Files[j].Built })
		r.Total.RawBytes += pkg.RawBytes
		r.Total.UploadedBytes += pkg.UploadedBytes
		r.Total.BuiltBytes += pkg.BuiltBytes
		r.Total.Overhead += pkg.Overhead
	}
	return r
}

// packagesOf returns the packages of p, the main package first, with
// their budgets, and each by its subpackage (nil for the main package).
func packagesOf(p *project.Project) ([]*Package, map[*project.Subpackage]*Package) {
	byPkg := map[*project.Subpackage]*Package{}
	pkgBudget := budget(p.Options.Budgets.Package, PackageBudget)
	if p.IsGame() {
		pkgBudget = budget(p.Options.Budgets.Package, GamePackageBudget)
	}
	main := &Package{BudgetBytes: pkgBudget}
	pkgs := []*Package{main}
	byPkg[nil] = main
	for _, sp := range p.Subpackages {
		if byPkg[sp] != nil {
			continue
		}
		pkg := &Package{Root: sp.Root, Sub: sp, BudgetBytes: pkgBudget}
		if p.IsGame() && !sp.Independent() {
			pkg.BudgetBytes = budget(p.Options.Budgets.Total, TotalBudget)
		}
		if sp == p.ChatTool {
			pkg.ChatTool = true
			pkg.BudgetBytes = budget(p.Options.Budgets.ChatTool, ChatToolBudget)
		}
		pkgs = append(pkgs, pkg)
		byPkg[sp] = pkg
	}
	return pkgs, byPkg
}

// locationPrefixOf is how long the path from the compiler's working folder
// to the project folder p is taken to be, as the worklet transform writes
// it in each worklet's __location: unknown (DevTools' working folder is
// where it is installed), so the project folder's absolute path behind a
// few "../".
func locationPrefixOf(p *project.Project) int {
	return len("../../../../") + len(strings.TrimPrefix(filepath.ToSlash(p.Root()), "/")) + 1
}

func budget(set, def int64) int64 {
	if set > 0 {
		return set
	}
	return def
}

// textKinds are the kinds whose built size depends on their content.
var textKinds = map[string]bool{"js": true, "wxss": true, "wxml": true, "wxs": true, "json": true}

// quickEstimate fills in the built size of each file: its Bound, or its
// estimate in the packages whose bound reaches within Margin of their limit
// (all of them when the bounds of the whole app do). A package whose
// bound's length part (boundBase) already reaches there is estimated
// without counting anything; the whole app's bound counts the estimates
// of the packages estimated (an estimate is never above its bound).
func quickEstimate(p *project.Project, r *Report, byPkg map[*project.Subpackage]*Package, files []*File, s Settings, c *cache, scripts *jsparse.Result, h *heard) {
	// Registered in order (registerAll), without holding the bytes: a
	// file's length is its TF's size, and its bytes are read when it is
	// bounded, by the goroutine that bounds it, unless a front end's read
	// told its bound (h).
	readable := make([]bool, len(files))
	pfs := make([]*project.File, len(files))
	base := map[*Package]int64{}
	for i, f := range files {
		f.Built = f.Bytes
		if textKinds[f.Kind()] {
			if pf, err := p.Register(p.MP(f.Source)); err == nil {
				readable[i], pfs[i] = pf.Readable(), pf
				f.Built = boundBase(f.Kind(), f.Compiled, int64(pf.Size()), s)
			}
		}
		base[byPkg[f.Package]] += f.Built
	}
	// Bound, in parallel, the text files of the other packages (the bound
	// of a file other than a script is its base: see Bound).
	var text []int
	for i, f := range files {
		if readable[i] && !boundByLength(f.Kind(), f.Compiled, s) {
			if pkg := byPkg[f.Package]; near(base[pkg], pkg.BudgetBytes) {
				continue
			}
			if b, ok := h.bound(f, pfs[i]); ok {
				f.Built = b
			} else {
				text = append(text, i)
			}
		}
	}
	project.Parallel(len(text), func(k int) {
		f := files[text[k]]
		if pf, err := readFile(p, p.MP(f.Source)); err == nil {
			f.Built = Bound(f.Kind(), f.Compiled, pf.Src, s)
		}
	})
	bound := map[*Package]int64{}
	for _, f := range files {
		bound[byPkg[f.Package]] += f.Built
	}
	var precise, rest []*File
	for _, f := range files {
		if pkg := byPkg[f.Package]; near(bound[pkg], pkg.BudgetBytes) {
			precise = append(precise, f)
		} else {
			rest = append(rest, f)
		}
	}
	estimate(p, precise, s, c, scripts, h)
	var total int64
	for _, f := range files {
		total += f.Built
	}
	if near(total, budget(p.Options.Budgets.Total, TotalBudget)) {
		estimate(p, rest, s, c, scripts, h)
		return
	}
	for _, f := range rest {
		byPkg[f.Package].Bounded = true
	}
	r.Total.Bounded = true
}

// maxOverhead bounds the helpers of a package: every helper a construct
// brings, Babel's or swc's.
var maxOverhead = max(maxHelperBytes(Settings{ES6: true}), maxHelperBytes(Settings{ES6: true, SWC: true}))

// estimate fills in the built size of each file, reading the text files
// (in order: reading registers them in the FileSet) and estimating them in
// parallel, or taking them from c (which may be nil).
func estimate(p *project.Project, files []*File, s Settings, c *cache, scripts *jsparse.Result, h *heard) {
	type job struct {
		f   *File
		pf  *project.File
		len int
		src []byte // LESS and Sass, their imports inlined (read here, in order)
	}
	var jobs []job
	for _, f := range files {
		f.Built = f.Bytes
		if !textKinds[f.Kind()] {
			continue
		}
		pf, err := p.Register(p.MP(f.Source))
		if err != nil {
			continue // counted at its raw size; the loader reports unreadable files
		}
		if lengthOnly(f.Kind(), f.Compiled, s) {
			f.Built, f.needs, f.needsKnown = 0, 0, f.Kind() == "js"
			if pf.Readable() {
				f.Built = int64(pf.Size())
			}
			continue
		}
		if n, nd, ok := h.estimated(f, pf, c, scripts, true); ok {
			f.Built = n
			if f.Kind() == "js" {
				f.needs, f.needsKnown = nd, true
			}
			continue
		}
		j := job{f: f, pf: pf, len: pf.Size()}
		if (f.Compiled == "less" || f.Compiled == "sass") && pf.Readable() {
			if rf, err := readFile(p, pf.Path); err == nil {
				j.src = inlineImports(p, f.Source, rf.Src)
				if f.Compiled == "sass" {
					j.src = expandSassLoops(j.src)
				}
				j.len = len(j.src)
			}
		}
		jobs = append(jobs, j)
	}
	// Largest first, so that no worker is left with a large file at the
	// end while the others wait. Each worker reads its file's bytes (the
	// project keeps few), estimates them and lets them go.
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].len > jobs[j].len })
	project.Parallel(len(jobs), func(i int) {
		j := jobs[i]
		src := j.src // (none for the stand-in of a file the loader could not read)
		if src == nil && j.pf.Readable() {
			pf, err := readFile(p, j.pf.Path)
			if err != nil {
				return // gone since: counted at its raw size
			}
			src = pf.Src
		}
		v := knownVerdict(scripts, j.f.Source, src)
		j.f.Built = c.built(j.f.Kind(), j.f.Compiled, src, s, v)
		if j.f.Kind() == "js" {
			j.f.needs, j.f.needsKnown = c.scriptNeeds(j.f.Compiled, src, s, v), true
		}
	})
}

// findNeeds fills in the needs of scripts not estimated.
func findNeeds(p *project.Project, files []*File, s Settings, c *cache, scripts *jsparse.Result, h *heard) {
	var pfs []*project.File
	for _, f := range files {
		pf, err := p.Register(p.MP(f.Source))
		switch {
		case err != nil || !pf.Readable():
			pf = nil
		case lengthOnly(f.Kind(), f.Compiled, s):
			f.needs, f.needsKnown, pf = 0, true, nil // (none, whatever it says)
		default:
			if _, nd, ok := h.estimated(f, pf, c, scripts, false); ok {
				f.needs, f.needsKnown, pf = nd, true, nil
			}
		}
		pfs = append(pfs, pf)
	}
	project.Parallel(len(files), func(i int) {
		if pfs[i] == nil {
			return
		}
		pf, err := readFile(p, pfs[i].Path)
		if err != nil {
			return
		}
		f := files[i]
		f.needs = c.scriptNeeds(f.Compiled, pf.Src, s, knownVerdict(scripts, f.Source, pf.Src))
		f.needsKnown = true
	})
}

// knownVerdict returns what jsparse found out about the script at mini
// program path mp when it parsed exactly src, or the zero scriptVerdict.
func knownVerdict(scripts *jsparse.Result, mp string, src []byte) scriptVerdict {
	if scripts == nil || len(src) == 0 {
		return scriptVerdict{}
	}
	f := scripts.ByMP(mp)
	if f == nil || f.Source == nil || !f.Source.ParsedFrom(src) {
		// Not parsed, or parsed from other bytes (invalid UTF-8 read as
		// spaces). (The same bytes elsewhere: a Source from a project.Memo,
		// parsed in an earlier load.)
		return scriptVerdict{}
	}
	return verdictOf(f.Source)
}

// Name is how messages and reports name a package.
func (pkg *Package) Name() string {
	if pkg.Sub == nil {
		return "the main package"
	}
	if pkg.ChatTool {
		return "chat-tool subpackage " + pkg.Root
	}
	return "subpackage " + pkg.Root
}

// Measures says, for messages, how BuiltBytes was estimated: "with ES6
// to ES5, minified JS, minified WXSS and minified WXML, as
// project.config.json sets".
func (s Settings) Measures() string {
	var parts []string
	if s.ES6 {
		parts = append(parts, "ES6 to ES5")
	}
	if s.Minify {
		parts = append(parts, "minified JS")
	}
	if s.MinifyWXSS {
		parts = append(parts, "minified WXSS")
	}
	if s.MinifyWXML {
		parts = append(parts, "minified WXML")
	}
	switch len(parts) {
	case 0:
		return "as is, since project.config.json asks for no compilation or minification"
	case 1:
		return "with " + parts[0] + ", as project.config.json sets"
	}
	return "with " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + ", as project.config.json sets"
}

// Analyzer measures the project's packages for the rules, with Check: a
// package far under its limit is only bounded.
var Analyzer = &analysis.Analyzer{
	Name:       "size",
	Doc:        "measures each package as WeChat's compiler builds it",
	Requires:   []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	ResultType: reflect.TypeOf((*Report)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		p := project.Of(pass)
		scripts := jsparse.Of(pass)
		return CheckParsed(p, UsedBy(p, scripts, views.Of(pass)), scripts), nil
	},
}

// Of returns the size report of a pass whose analyzer requires Analyzer.
func Of(pass *analysis.Pass) *Report { return pass.ResultOf[Analyzer].(*Report) }

// Format writes a byte count as WeChat's tools do: KB and MB of 1024.
func Format(n int64) string {
	switch {
	case n >= MB:
		return fmt.Sprintf("%.2f MB", float64(n)/MB)
	case n >= KB:
		return fmt.Sprintf("%.1f KB", float64(n)/KB)
	}
	return fmt.Sprintf("%d B", n)
}

// Parse reads a size: a number of bytes, or with a unit KB or MB (of 1024,
// as WeChat counts; KiB and MiB are accepted too).
func Parse(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", KB}, {"MIB", MB}, {"KB", KB}, {"MB", MB}, {"K", KB}, {"M", MB}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, or KB or MB (500KB, 2MB)", s)
	}
	return int64(f * float64(mult)), nil
}
