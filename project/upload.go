package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// uploadWhitelist is miniprogram-ci's MiniProgramWhiteList (utils/white_ext_list.js),
// the file types a mini program uploads besides the compiled ones.
var uploadWhitelist = map[string]bool{
	".wxml": true, ".wxss": true, ".wxs": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".svg": true, ".js": true, ".json": true, ".cer": true, ".mp3": true,
	".aac": true, ".m4a": true, ".mp4": true, ".wav": true, ".ogg": true, ".silk": true,
	".wasm": true, ".br": true, ".cur": true, ".ico": true, ".skel": true, ".crt": true,
	".cert": true,
}

// gameUploadWhitelist is miniprogram-ci's GameWhiteList (the same file), the
// file types a mini game uploads besides its scripts and game.json: no
// .wxml, .wxss or .wxs, and many game-engine formats. The mini-game docs'
// list (minigame/dev/guide/base-ability/code-package.html «文件类型») has
// the same 68 types and ".map" too; miniprogram-ci asks WeChat's server for
// the current lists when it can and falls back on these.
var gameUploadWhitelist = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".js": true,
	".json": true, ".cer": true, ".obj": true, ".dae": true, ".fbx": true, ".mtl": true,
	".stl": true, ".3ds": true, ".mp3": true, ".pvr": true, ".wav": true, ".plist": true,
	".ttf": true, ".fnt": true, ".gz": true, ".ccz": true, ".m4a": true, ".mp4": true,
	".bmp": true, ".atlas": true, ".swf": true, ".ani": true, ".part": true, ".proto": true,
	".bin": true, ".sk": true, ".mipmaps": true, ".txt": true, ".zip": true, ".ogg": true,
	".silk": true, ".dbbin": true, ".dbmv": true, ".etc": true, ".lmat": true, ".lm": true,
	".ls": true, ".lh": true, ".lani": true, ".lav": true, ".lsani": true, ".ltc": true,
	".csv": true, ".scene": true, ".prefab": true, ".lml": true, ".lmani": true, ".ktx": true,
	".dds": true, ".xml": true, ".aac": true, ".pkm": true, ".skel": true, ".cur": true,
	".ico": true, ".wasm": true, ".br": true, ".gltf": true, ".glb": true, ".astc": true,
	".dat": true, ".tt": true,
}

// UploadWhitelisted reports whether WeChat uploads a file with this extension
// (".png"; compared case-sensitively, as WeChat does).
func UploadWhitelisted(ext string) bool { return uploadWhitelist[ext] }

// UploadFile is a file WeChat uploads.
type UploadFile struct {
	// MP is the mini program path as uploaded (".ts" → ".js";
	// ".less"/".scss"/".sass" → ".wxss").
	MP string
	// Source is the mini program path of the source file.
	Source string
	// Package is the subpackage (nil: the main package).
	Package *Subpackage
	// Bytes is the raw size of the source file.
	Bytes int64
	// Compiled is "typescript", "less" or "sass" for a compiled source, ""
	// when the file is uploaded as is.
	Compiled string
}

// SkippedFile is a file under the mini program root that is not uploaded.
type SkippedFile struct {
	// MP is the mini program path.
	MP string
	// Bytes is the size of the file (0 for a folder, which is not walked).
	Bytes int64
	// Reason says why, for people.
	Reason string
	// Entry is the packOptions item that decided, or nil.
	Entry *jsonc.Value
	// Folder is true when the entry stands for a whole folder that was not
	// entered (node_modules, .git, .svn, a symlinked folder).
	Folder bool
}

// PackOptionProblem is a packOptions item this model cannot evaluate as
// WeChat does. It is treated as matching nothing, or (a glob past the
// file's budget: GlobMaxPatterns) as matching some of what it matches for
// WeChat. A finding about it points at Entry's "value".
type PackOptionProblem struct {
	Entry   *jsonc.Value
	Message string
}

// Upload is what WeChat uploads of the mini program: its files, and the
// files under the mini program root it leaves out. The rules are those of
// Tencent's compiler (miniprogram-ci 2.1.42, the compile step of ci.upload,
// run offline on fixture projects with shared/bench/mpci-oracle.js --files;
// every statement below was checked that way, and upload_test.go keeps the
// cases):
//
//   - The file list is every file under the mini program root except folders
//     named node_modules, .git and .svn at any depth, and .DS_Store files
//     (miniprogram-ci's default ignores). Other dot-folders and dotfiles ARE
//     uploaded: .hidden/x/h.js, .vscode/s.json and .dotfile.js all came out.
//     A name that is only an extension has none (Node's path.extname): ".js"
//     and ".png" are not uploaded, "..js" is.
//     Symlinked files are read (the compiler stats through them, even to a
//     file outside the project); symlinked folders are not entered. This model
//     never reads outside the project root: a symlink that leaves it is listed
//     as skipped.
//   - Code files go through the compiler's resolver: each output extension
//     (json, wxml, wxss, js, wxs) has a list of source extensions, "js" first
//     and then "ts" when setting.useCompilerPlugins names "typescript", "wxss"
//     and then "less" (plugin "less") and "sass", "scss" (plugin "sass"), in
//     plugin order. When several sources map to one output, the later
//     extension in that list wins: with the typescript plugin, ts/u.ts is
//     compiled into ts/u.js and the ts/u.js beside it is dropped; st/l.less
//     beats st/l.wxss. ".d.ts" files are never compiled. Without the plugin a
//     .ts (or .less, .scss, .sass) file is simply not uploaded: its extension
//     is not whitelisted. A .sass file is compiled as SCSS syntax.
//   - Every other file is uploaded when its extension is in the whitelist
//     (uploadWhitelist), compared case-sensitively: b/X.PNG, sub/pic.Jpg and
//     sub/song.MP3 are not uploaded; a.webp, README, docs/a.md neither.
//   - packOptions.ignore and packOptions.include then apply to the SOURCE path,
//     relative to miniprogramRoot ("docs" matched mp/docs/z.js with
//     miniprogramRoot "mp/"; "mp/docs" matched nothing). A file any include
//     item matches is uploaded whatever the ignore items say; include never
//     brings back a file that is not whitelisted (docs/a.md, a.webp, b/X.PNG
//     stayed out) nor one the resolver dropped. Ignoring ts/u.ts removes
//     ts/u.js from the package altogether (the .js beside it does not come
//     back); ignoring the source ts/u.js does nothing. Ignoring app.json or
//     ext.json (at the top of the mini program root) does nothing: the
//     compiler always writes them; page files, sitemap.json and theme.json
//     can be ignored.
//   - The compiler always writes its own project.config.json (about 64 bytes:
//     {"miniprogramRoot":"","__compileDebugInfo__":{"useSummer":true}}) into
//     the main package, so a project.config.json at the top of the mini
//     program root is not uploaded as written. project.private.config.json
//     there is uploaded like any .json file.
//   - With setting.ignoreUploadUnusedFiles the compiler also drops code files
//     (.js, .json, .wxml, .wxss, .wxs, ...) that no page or component reaches
//     (unless an include item names them). This model does not follow
//     dependencies, so it keeps them: Upload.IgnoresUnusedFiles says when its
//     figures are an upper bound for that reason.
//
// The six packOptions item types (miniprogram-ci utils/filerules.js): the
// path P is the file's path relative to miniprogramRoot, and both P and the
// item's value V are lower-cased first, so every type is case-insensitive
// ("DOCS", "/C/D/E.JS", ".PNG", "TEST" all matched).
//
//   - folder: "/"+P starts with V with a "/" added on both sides when missing.
//     "docs", "/docs/", "DOCS" remove docs/** but not a/docs/d.js; "c/d"
//     works; "doc" matches nothing (whole names only); "./docs" nothing.
//   - file: "/"+P equals V with a leading "/" added. "c/d/e.js" and
//     "/C/D/E.JS" match; "e.js" and "./c/d/e.js" do not.
//   - suffix: the BASE NAME ends with V. ".png" removes every .png;
//     "X.png" matched a/test-x.png; "d/e.js" matches nothing (it has a slash).
//   - prefix: the BASE NAME starts with V. "test" removed a/test-x.png,
//     img/test.png, img/Test-Up.js, test-root.js; "a/test" and "img/" match
//     nothing.
//   - regexp: a JavaScript regular expression, flags "igm", tested (unanchored)
//     against P and against "/"+P. The value is lower-cased before it is
//     compiled, which changes escapes: \Wtest became \wtest and matched
//     nothing. An expression the JavaScript engine rejects matches nothing.
//     Here it runs on Go's regexp; an expression Go cannot compile
//     (look-around, back-references) is reported in Upload.Problems.
//   - glob: minimatch 3.0.4 with default options (ported below and checked
//     against minimatch itself, testdata/minimatch.json: brace expansion,
//     "**" across folders, "*" and "?" within one name, classes, extglobs
//     but "!(...)", which is reported in Upload.Problems, "!" negation, "#"
//     comments), tested against P and "/"+P.
//     "**/*.png" matches every .png, "*.png" only those at the top, "docs/**"
//     and "/docs/**" everything under docs, "docs/*" only its direct files,
//     "docs" nothing (a folder name is not its files), "**/docs/**" every
//     folder named docs, "./docs/**" nothing. Wildcards, "**" included, do
//     not match a name that starts with "." unless the pattern spells the
//     dot: "**/h.js" left .hidden/x/h.js and "*.js" left .dotfile.js
//     uploaded, ".hidden/*.json" removed .hidden/h.json.
//     The glob items of the file share one budget (GlobMaxPatterns patterns,
//     each alternative of a brace expansion counted, and GlobMaxWork bytes):
//     an item past it is reported in Upload.Problems and keeps the patterns
//     compiled before the cut (a negated one matches nothing), so that it
//     matches some of the files it matches for WeChat. Matching takes time
//     (names+1) × (parts+1) for each pattern, however many "**" it has.
//   - any other type matches nothing.
//
// Files and Skipped are sorted by MP. A folder that is not entered
// (node_modules, .git, .svn, a symlinked folder) is one SkippedFile with
// Folder set.
type Upload struct {
	Files   []*UploadFile  // sorted by MP
	Skipped []*SkippedFile // sorted by MP
	// Problems are packOptions items the model could not evaluate.
	Problems []PackOptionProblem
	// IgnoresUnusedFiles is true when setting.ignoreUploadUnusedFiles is on:
	// WeChat then also leaves out code files no page reaches, which Files
	// still lists (its sizes are an upper bound).
	IgnoresUnusedFiles bool

	// byPackage is made on the first call of Package (by sorted, from
	// analyzers that may run side by side).
	sorted    sync.Once
	byPackage map[*Subpackage][]*UploadFile
}

// Package returns the files of one package (nil: the main package), sorted
// by MP.
func (u *Upload) Package(sp *Subpackage) []*UploadFile {
	u.sorted.Do(u.packages)
	return u.byPackage[sp]
}

// packages sorts the files into their packages.
func (u *Upload) packages() {
	n := map[*Subpackage]int{}
	for _, f := range u.Files {
		n[f.Package]++
	}
	u.byPackage = make(map[*Subpackage][]*UploadFile, len(n))
	for sp, k := range n {
		if k == len(u.Files) {
			u.byPackage[sp] = u.Files // (every file in one package: Files itself)
			return
		}
		u.byPackage[sp] = make([]*UploadFile, 0, k)
	}
	for _, f := range u.Files {
		u.byPackage[f.Package] = append(u.byPackage[f.Package], f)
	}
}

// Upload computes which files WeChat uploads (see the type Upload for the
// rules and the evidence). It is computed once and cached.
// It never reads outside the project root and never follows a symlink out of
// it.
func (p *Project) Upload() *Upload {
	p.uploadMu.Lock()
	defer p.uploadMu.Unlock()
	if p.upload != nil {
		return p.upload
	}
	u := &Upload{}
	p.upload = u
	defer func() {
		// A list cut short by a panic is not kept: the next caller makes
		// it again (and fails where it is reported, as an analyzer's
		// failure), whoever made it first (size's listUpload).
		if r := recover(); r != nil {
			p.upload = nil
			panic(r)
		}
	}()

	var ignore, include []*packRule
	if p.Config != nil && p.Config.Root != nil {
		po := p.Config.Root.Get("packOptions")
		b := newGlobBudget() // one for the whole file
		ignore = compilePackRules(po.Get("ignore"), u, b)
		include = compilePackRules(po.Get("include"), u, b)
		u.IgnoresUnusedFiles = p.Config.Root.Get("setting").Get("ignoreUploadUnusedFiles").IsTrue()
	}

	// The resolver's source extensions per output extension, in priority
	// order (later wins), and the compiler plugin of each. A mini game
	// compiles its scripts and game.json («以下文件会经过编译：*.js、
	// game.json», code-package.html) and has no templates or styles.
	sources := map[string][]string{"js": {"js"}, "wxss": {"wxss"}, "json": {"json"}, "wxml": {"wxml"}, "wxs": {"wxs"}}
	compiler := map[string]string{}
	target := map[string]string{"js": "js", "wxss": "wxss", "json": "json", "wxml": "wxml", "wxs": "wxs"}
	game, whitelist := p.IsGame(), uploadWhitelist
	if game {
		sources = map[string][]string{"js": {"js"}, "json": {"json"}}
		target = map[string]string{"js": "js", "json": "json"}
		whitelist = gameUploadWhitelist
	}
	for _, name := range p.compilerPluginOrder() {
		var exts []string
		var out string
		switch name {
		case "typescript":
			exts, out = []string{"ts"}, "js"
		case "less":
			exts, out = []string{"less"}, "wxss"
		case "sass":
			exts, out = []string{"sass", "scss"}, "wxss"
		}
		for _, e := range exts {
			if _, dup := target[e]; dup || game && out != "js" {
				continue
			}
			sources[out] = append(sources[out], e)
			target[e] = out
			compiler[e] = name
		}
	}
	rank := func(ext string) int {
		for i, e := range sources[target[ext]] {
			if e == ext {
				return i
			}
		}
		return -1
	}

	entries := p.sizes()
	// Which source wins each output path that a compiled source (.ts,
	// .less, ...) is built into: a file of the output's own type comes
	// first of its sources (rank 0), and wins only where none is. (The
	// map holds those outputs alone: one of every file was a tenth of a
	// project's peak.)
	winner := map[string]string{}
	for _, e := range entries {
		if e.skip != "" {
			continue
		}
		mp, ok := p.InMP(e.rel)
		if !ok {
			continue
		}
		ext := strings.TrimPrefix(nodeExt(mp), ".")
		if t, code := target[ext]; !code || t == ext || strings.HasSuffix(mp, ".d.ts") {
			continue
		}
		out := outPath(mp, ext, target[ext])
		if w, ok := winner[out]; !ok || rank(ext) > rank(strings.TrimPrefix(nodeExt(w), ".")) {
			winner[out] = mp
		}
	}

	skip := func(mp string, size int64, reason string, entry *jsonc.Value) {
		u.Skipped = append(u.Skipped, &SkippedFile{MP: mp, Bytes: size, Reason: reason, Entry: entry})
	}
	// (The files in one array: one object for the collector to mark, not
	// one a file.)
	files := make([]UploadFile, 0, len(entries))
	for _, e := range entries {
		mp, ok := p.InMP(e.rel)
		if !ok {
			continue
		}
		if e.skip != "" {
			u.Skipped = append(u.Skipped, &SkippedFile{MP: mp, Reason: e.skip, Folder: e.folder})
			continue
		}
		ext := nodeExt(mp)
		bare := strings.TrimPrefix(ext, ".")
		out := mp
		comp := ""
		if strings.HasSuffix(mp, ".d.ts") {
			skip(mp, e.size, "TypeScript declaration (.d.ts): not uploaded", nil)
			continue
		}
		if t, code := target[bare]; code {
			out = outPath(mp, bare, t)
			if w, ok := winner[out]; ok && w != mp {
				skip(mp, e.size, fmt.Sprintf("replaced by %s, which the compiler builds into %s", w, out), nil)
				continue
			}
			comp = compiler[bare]
		} else if !whitelist[ext] {
			skip(mp, e.size, notWhitelisted(ext, p.Compilers, game), nil)
			continue
		}
		if mp == "project.config.json" {
			skip(mp, e.size, "the compiler uploads its own short project.config.json instead", nil)
			continue
		}
		if mp != "app.json" && mp != "ext.json" && len(ignore) > 0 {
			lower := strings.ToLower(mp)
			if r := firstMatch(ignore, lower); r != nil && firstMatch(include, lower) == nil {
				skip(mp, e.size, "ignored by packOptions.ignore "+r.describe(), r.entry)
				continue
			}
		}
		files = append(files, UploadFile{
			MP:       out,
			Source:   mp,
			Package:  p.PackageOf(out),
			Bytes:    e.size,
			Compiled: comp,
		})
	}
	if cap(files) > len(files)+len(files)/8 {
		files = slices.Clone(files)
	}
	u.Files = make([]*UploadFile, len(files))
	for i := range files {
		u.Files[i] = &files[i]
	}
	sort.Slice(u.Files, func(i, j int) bool { return u.Files[i].MP < u.Files[j].MP })
	sort.Slice(u.Skipped, func(i, j int) bool { return u.Skipped[i].MP < u.Skipped[j].MP })
	return u
}

// compilerPluginOrder returns setting.useCompilerPlugins names in order.
func (p *Project) compilerPluginOrder() []string {
	var names []string
	if p.Config == nil || p.Config.Root == nil {
		return nil
	}
	plugins := p.Config.Root.Get("setting").Get("useCompilerPlugins")
	if plugins == nil || plugins.Kind != jsonc.Array {
		return nil
	}
	for _, e := range plugins.Elems {
		if e.Kind == jsonc.Array && len(e.Elems) > 0 {
			e = e.Elems[0]
		}
		if s, ok := e.String(); ok {
			names = append(names, s)
		}
	}
	return names
}

// notWhitelisted says why a file with extension ext is not uploaded, in a
// mini game (game) or a mini program.
func notWhitelisted(ext string, compilers map[string]bool, game bool) string {
	whitelist := uploadWhitelist
	if game {
		whitelist = gameUploadWhitelist
	}
	switch {
	case game && ext == ".map":
		return "not a whitelisted file type of mini games (.map: miniprogram-ci's list leaves it out, the docs' list has it; check what the upload reports)"
	case game && uploadWhitelist[ext]:
		return fmt.Sprintf("not a whitelisted file type of mini games (%s)", ext)
	case ext == "":
		return "not a whitelisted file type (no extension)"
	case ext == ".ts" && !compilers["typescript"]:
		return `TypeScript, but setting.useCompilerPlugins does not name "typescript": not compiled, not uploaded`
	case ext == ".less" && !compilers["less"]:
		return `LESS, but setting.useCompilerPlugins does not name "less": not compiled, not uploaded`
	case (ext == ".scss" || ext == ".sass") && !compilers["sass"]:
		return `Sass, but setting.useCompilerPlugins does not name "sass": not compiled, not uploaded`
	case whitelist[strings.ToLower(ext)]:
		return fmt.Sprintf("not a whitelisted file type (%s: WeChat compares extensions case-sensitively)", ext)
	}
	return fmt.Sprintf("not a whitelisted file type (%s)", ext)
}

// outPath is the path the compiler writes mp, whose extension is ext
// (without its dot), to: with extension to instead. It is mp itself when
// the two are the same (no copy of the path).
func outPath(mp, ext, to string) string {
	if ext == to {
		return mp
	}
	return strings.TrimSuffix(mp, ext) + to
}

// nodeExt is Node's path.extname: the extension of the base name from its
// last dot, but "" for a name whose only dot leads it (".gitignore", ".js").
func nodeExt(p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	i := strings.LastIndexByte(base, '.')
	if i <= 0 || base == ".." {
		return ""
	}
	return base[i:]
}

// Kind is the kind of the uploaded file: "js", "wxss", "wxml", "wxs",
// "json", or "other" (images, audio, ...). (A method, not a field: the
// list holds every file of a project.)
func (f *UploadFile) Kind() string { return uploadKind(f.MP) }

func uploadKind(mp string) string {
	switch e := nodeExt(mp); e {
	case ".js", ".wxss", ".wxml", ".wxs", ".json":
		return e[1:]
	}
	return "other"
}

// packRule is a compiled packOptions item.
type packRule struct {
	entry *jsonc.Value
	typ   string
	value string // lower-cased
	re    *regexp.Regexp
	glob  *minimatch
}

func (r *packRule) describe() string {
	t, _ := json.Marshal(r.typ)
	v, _ := r.entry.Get("value").String()
	vs, _ := json.Marshal(v)
	return fmt.Sprintf(`{"type": %s, "value": %s}`, t, vs)
}

// compilePackRules compiles the items of packOptions.ignore or include. Their
// globs are compiled within b, the budget of the whole project.config.json;
// a glob it cuts is a problem, and keeps the patterns compiled before the
// cut, so that it matches some of the files WeChat's matches.
func compilePackRules(list *jsonc.Value, u *Upload, b *globBudget) []*packRule {
	if list == nil || list.Kind != jsonc.Array {
		return nil
	}
	var rules []*packRule
	for _, item := range list.Elems {
		typ, ok1 := item.Get("type").String()
		val, ok2 := item.Get("value").String()
		if !ok1 || !ok2 {
			continue
		}
		r := &packRule{entry: item, typ: typ, value: strings.ToLower(val)}
		switch typ {
		case "regexp":
			re, err := regexp.Compile("(?im)" + r.value)
			if err != nil {
				u.Problems = append(u.Problems, PackOptionProblem{Entry: item, Message: fmt.Sprintf(
					"packOptions regexp %q cannot be evaluated here (%v); it is treated as matching nothing (WeChat's compiler runs it as a JavaScript regular expression, and ignores it if that engine rejects it too)", val, unwrapRegexpError(err))})
				continue
			}
			r.re = re
		case "glob":
			m := compileMinimatch(r.value, b)
			if m.unsupported != "" {
				u.Problems = append(u.Problems, PackOptionProblem{Entry: item, Message: fmt.Sprintf(
					"packOptions glob %q uses %s, which this checker does not evaluate; it is treated as matching nothing", val, m.unsupported)})
				continue
			}
			if m.cut {
				u.Problems = append(u.Problems, PackOptionProblem{Entry: item, Message: fmt.Sprintf(
					"packOptions glob %q %s", val, m.cutMessage())})
			}
			r.glob = m
		}
		rules = append(rules, r)
	}
	return rules
}

func unwrapRegexpError(err error) string {
	var e *syntax.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s: %s", e.Code, e.Expr)
	}
	return err.Error()
}

func firstMatch(rules []*packRule, lowerPath string) *packRule {
	for _, r := range rules {
		if r.match(lowerPath) {
			return r
		}
	}
	return nil
}

// match is doRule of miniprogram-ci's utils/filerules.js; p is lower-cased.
func (r *packRule) match(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	switch r.typ {
	case "prefix":
		return strings.HasPrefix(base, r.value)
	case "suffix":
		return strings.HasSuffix(base, r.value)
	case "folder":
		v := r.value
		if !strings.HasPrefix(v, "/") {
			v = "/" + v
		}
		if !strings.HasSuffix(v, "/") {
			v += "/"
		}
		return strings.HasPrefix(leadingSlash(p), v)
	case "file":
		return leadingSlash(p) == leadingSlash(r.value)
	case "glob":
		return r.glob != nil && (r.glob.match(p) || r.glob.match(leadingSlash(p)))
	case "regexp":
		return r.re != nil && (r.re.MatchString(p) || r.re.MatchString(leadingSlash(p)))
	}
	return false
}

func leadingSlash(s string) string {
	if strings.HasPrefix(s, "/") {
		return s
	}
	return "/" + s
}
