package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// source gives the choices of an edit sequence: a random source in
// TestDifferential, the fuzzer's bytes in FuzzDifferential.
type source interface {
	// intn returns a number in [0, n); ok is false once the source is
	// spent.
	intn(n int) int
	spent() bool
}

// editor applies random edits to a project on disk and in an editor's
// buffers, and tells the Engine what a file watcher would.
type editor struct {
	dir string // the project folder
	mp  string // the mini program root in it ("" for dir itself)
	src source
	eng *Engine
	// watched: a Watcher tells eng of the changes on disk, not the editor.
	watched bool
	buffer  map[string][]byte // the editor's unsaved buffers, by path from dir
	n       int               // counts the files made
	log     []string          // the edits, for the failure message
}

// scripts, templates and styles put in files; each holds something a rule
// looks at.
var (
	scriptBits = []string{
		"wx.shareAppMessage({ title: 'x' })\n",
		"wx.navigateToMiniProgram({ appId: 'wx0123456789abcdef' })\n",
		"wx.updateShareMenu({ useForChatTool: true })\n",
		"wx.getGroupEnterInfo({})\n",
		"wx.enterChatToolMode({})\n",
		"wx.openChatTool({ path: 'pages/none' })\n",
		"wx.notifyGroupMembers({ title: 't', members: [], entrancePath: '/x', type: 'wrong' })\n",
		"const m = require('./missing.js')\n",
		"const u = require('../../utils/util.js')\n",
		"import x from '../index/index'\n",
		"require(name)\n",
		"const s = '/assets/a.png'\n",
		"const t = '/templates/footer.wxml'\n",
		"require.async('../../utils/util.js').then(() => {})\n",
		"require.async(name)\n",
		"// a comment\n",
		"// chattool-lint-disable-next-line chattool-disabled-api\n",
		"// chattool-lint-disable-next-line no-such-rule\n",
		"function (\n",
		"if (wx.apiCategory === 'chatTool') {}\n",
		"wx.setNavigationBarTitle({ title: 'ok' })\n",
		"Page({ data: {} })\n",
		"Component({})\n",
	}
	templateBits = []string{
		"<button open-type=\"share\">share</button>\n",
		"<button open-type=\"getUserInfo\">me</button>\n",
		"<view class=\"a\">{{x}}</view>\n",
		"<import src=\"/templates/footer.wxml\"/>\n",
		"<include src=\"./missing.wxml\"/>\n",
		"<wxs src=\"./tools.wxs\" module=\"t\"/>\n",
		"<wxs module=\"m\">module.exports = { a: 1 }</wxs>\n",
		"<open-data type=\"userNickName\"/>\n",
		"<web-view src=\"https://example.com\"/>\n",
		"<vote-card title=\"t\"/>\n",
		"<comp-a/>\n",
		"<!-- chattool-lint-disable-next-line chattool-disabled-component -->\n",
		"<view\n",
		"<template is=\"footer\"/>\n",
		"<image src=\"/assets/a.png\"/>\n",
		"<!-- <comp-a/> <vote-card/> -->\n",
		"<c-x/>\n",
	}
	styleBits = []string{
		".a[data-x] { color: red; }\n",
		".b { display: grid; }\n",
		"@import \"./missing.wxss\";\n",
		"@import \"/app.wxss\";\n",
		".c { color: red\n",
		"/* chattool-lint-disable-next-line skyline-support */\n",
		".d::before { content: 'x'; }\n",
		"page { position: sticky; }\n",
	}
)

// step makes one random edit.
func (ed *editor) step() {
	files := ed.files()
	ops := []func(files []string) bool{
		ed.editFile, ed.editFile, ed.editFile, ed.editFile,
		ed.editBuffer, ed.editBuffer, ed.saveBuffer, ed.closeBuffer,
		ed.cutFile,
		ed.addPage, ed.removePage,
		ed.addComponent, ed.useComponent,
		ed.renameFile, ed.removeFile, ed.replaceFile,
		ed.editJSON, ed.breakJSON,
		ed.addAsset, ed.editConfig, ed.nothing,
	}
	for range 8 { // an edit that finds nothing to do: another
		if ops[ed.src.intn(len(ops))](files) {
			return
		}
	}
}

// files lists the project's files, by path from the project folder,
// sorted, with the buffers not on disk.
func (ed *editor) files() []string {
	var out []string
	_ = filepath.WalkDir(ed.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(ed.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	for rel := range ed.buffer {
		if !slices.Contains(out, rel) {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

func (ed *editor) pick(files []string, exts ...string) string {
	var c []string
	for _, f := range files {
		if slices.Contains(exts, path.Ext(f)) {
			c = append(c, f)
		}
	}
	if len(c) == 0 {
		return ""
	}
	return c[ed.src.intn(len(c))]
}

func (ed *editor) logf(format string, args ...any) {
	ed.log = append(ed.log, fmt.Sprintf(format, args...))
}

// read returns what the editor shows of rel: its buffer, or the file.
func (ed *editor) read(rel string) []byte {
	if b, ok := ed.buffer[rel]; ok {
		return b
	}
	b, _ := os.ReadFile(filepath.Join(ed.dir, filepath.FromSlash(rel)))
	return b
}

// write writes rel on disk, and tells the Engine as a watcher would.
func (ed *editor) write(rel string, b []byte) {
	abs := filepath.Join(ed.dir, filepath.FromSlash(rel))
	op := Write
	if _, err := os.Stat(abs); err != nil {
		op = Move
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if _, err := os.Stat(filepath.Join(ed.dir, filepath.FromSlash(d))); err != nil {
				ed.changed(d, Move)
			}
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			panic(err)
		}
	}
	if err := os.WriteFile(abs, b, 0o644); err != nil {
		panic(err)
	}
	ed.changed(rel, op)
}

func (ed *editor) remove(rel string) {
	if err := os.Remove(filepath.Join(ed.dir, filepath.FromSlash(rel))); err == nil {
		ed.changed(rel, Move)
	}
}

// changed tells the Engine what a watcher would, unless one does.
func (ed *editor) changed(rel string, op Op) {
	if !ed.watched {
		ed.eng.Changed(rel, op)
	}
}

// insert puts bit at a random line of b.
func (ed *editor) insert(b []byte, bit string) []byte {
	lines := strings.SplitAfter(string(b), "\n")
	i := ed.src.intn(len(lines) + 1)
	return []byte(strings.Join(lines[:i], "") + bit + strings.Join(lines[i:], ""))
}

func (ed *editor) bitFor(rel string) string {
	switch path.Ext(rel) {
	case ".wxml":
		return templateBits[ed.src.intn(len(templateBits))]
	case ".wxss", ".less", ".scss":
		return styleBits[ed.src.intn(len(styleBits))]
	}
	return scriptBits[ed.src.intn(len(scriptBits))]
}

// editFile inserts a line in a script, template or style sheet on disk.
func (ed *editor) editFile(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxs", ".wxml", ".wxss")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	bit := ed.bitFor(rel)
	ed.logf("edit %s: + %q", rel, bit)
	ed.write(rel, ed.insert(ed.read(rel), bit))
	return true
}

// cutFile removes a line of a file on disk.
func (ed *editor) cutFile(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxs", ".wxml", ".wxss")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	lines := strings.SplitAfter(string(ed.read(rel)), "\n")
	i := ed.src.intn(len(lines))
	ed.logf("cut %s: line %d", rel, i+1)
	ed.write(rel, []byte(strings.Join(slices.Delete(lines, i, i+1), "")))
	return true
}

// editBuffer changes the editor's buffer of a file, not the file.
func (ed *editor) editBuffer(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxs", ".wxml", ".wxss", ".json")
	if rel == "" {
		return false
	}
	var b []byte
	if path.Ext(rel) == ".json" {
		b = ed.jsonEdit(rel, ed.read(rel))
	} else {
		b = ed.insert(ed.read(rel), ed.bitFor(rel))
	}
	ed.logf("buffer %s: %q", rel, b)
	ed.buffer[rel] = b
	return true
}

// saveBuffer writes a buffer to its file.
func (ed *editor) saveBuffer(files []string) bool {
	for rel, b := range ed.buffer {
		ed.logf("save %s", rel)
		ed.write(rel, b)
		return true
	}
	return false
}

// closeBuffer drops a buffer unsaved.
func (ed *editor) closeBuffer(files []string) bool {
	for rel := range ed.buffer {
		ed.logf("close %s", rel)
		delete(ed.buffer, rel)
		return true
	}
	return false
}

// appJSON returns app.json's path and content.
func (ed *editor) appJSON() (string, map[string]any) {
	rel := path.Join(ed.mp, "app.json")
	var app map[string]any
	if json.Unmarshal(ed.read(rel), &app) != nil {
		return rel, nil
	}
	return rel, app
}

func (ed *editor) writeJSON(rel string, v any) {
	b, _ := json.MarshalIndent(v, "", "  ")
	ed.write(rel, b)
}

// addPage makes a page (json, template, style, script) and lists it in
// app.json, in the main package or in a subpackage.
func (ed *editor) addPage(files []string) bool {
	rel, app := ed.appJSON()
	if app == nil {
		return false
	}
	ed.n++
	name := fmt.Sprintf("pages/gen%d/index", ed.n)
	subs, _ := app["subPackages"].([]any)
	var sub map[string]any
	if len(subs) > 0 && ed.src.intn(2) == 0 {
		sub, _ = subs[ed.src.intn(len(subs))].(map[string]any)
	}
	base := name
	if sub != nil {
		root, _ := sub["root"].(string)
		base = path.Join(root, name)
		pages, _ := sub["pages"].([]any)
		sub["pages"] = append(pages, name)
	} else {
		pages, _ := app["pages"].([]any)
		app["pages"] = append(pages, name)
	}
	ed.logf("add page %s", base)
	at := path.Join(ed.mp, base)
	ed.write(at+".json", []byte(`{"usingComponents": {}}`))
	ed.write(at+".wxml", []byte(ed.bitFor(".wxml")))
	ed.write(at+".wxss", []byte(ed.bitFor(".wxss")))
	ed.write(at+".js", []byte("Page({})\n"+ed.bitFor(".js")))
	ed.writeJSON(rel, app)
	return true
}

// removePage removes a page's files, and its entry in app.json or not.
func (ed *editor) removePage(files []string) bool {
	wxml := ed.pick(files, ".wxml")
	if wxml == "" {
		return false
	}
	base := strings.TrimSuffix(wxml, ".wxml")
	ed.logf("remove page %s", base)
	for _, ext := range []string{".json", ".wxml", ".wxss", ".js", ".ts"} {
		ed.remove(base + ext)
		delete(ed.buffer, base+ext)
	}
	if ed.src.intn(2) == 0 {
		return true // app.json still lists it
	}
	rel, app := ed.appJSON()
	if app == nil {
		return true
	}
	mp := strings.TrimPrefix(strings.TrimPrefix(base, ed.mp), "/")
	drop := func(list []any, prefix string) []any {
		return slices.DeleteFunc(list, func(v any) bool { s, _ := v.(string); return path.Join(prefix, s) == mp })
	}
	pages, _ := app["pages"].([]any)
	app["pages"] = drop(pages, "")
	subs, _ := app["subPackages"].([]any)
	for _, s := range subs {
		if sub, ok := s.(map[string]any); ok {
			root, _ := sub["root"].(string)
			ps, _ := sub["pages"].([]any)
			sub["pages"] = drop(ps, root)
		}
	}
	ed.writeJSON(rel, app)
	return true
}

// addComponent makes a component and uses it from a page or component json.
func (ed *editor) addComponent(files []string) bool {
	ed.n++
	dir := path.Join(ed.mp, fmt.Sprintf("components/c%d", ed.n))
	ed.logf("add component %s", dir)
	ed.write(dir+"/index.json", []byte(`{"component": true}`))
	ed.write(dir+"/index.wxml", []byte(ed.bitFor(".wxml")))
	ed.write(dir+"/index.js", []byte("Component({})\n"+ed.bitFor(".js")))
	if ed.src.intn(2) == 0 {
		ed.write(dir+"/index.wxss", []byte(ed.bitFor(".wxss")))
	}
	return ed.use(files, "/"+strings.TrimPrefix(strings.TrimPrefix(dir, ed.mp), "/")+"/index")
}

// useComponent adds a usingComponents entry that names a component, maybe
// one that does not exist.
func (ed *editor) useComponent(files []string) bool {
	targets := []string{"../../components/vote-card/index", "/components/none/index", "comp-a"}
	for _, f := range files {
		if strings.HasSuffix(f, "/index.json") && strings.Contains(f, "components/") {
			targets = append(targets, "/"+strings.TrimPrefix(strings.TrimPrefix(strings.TrimSuffix(f, ".json"), ed.mp), "/"))
		}
	}
	return ed.use(files, targets[ed.src.intn(len(targets))])
}

func (ed *editor) use(files []string, target string) bool {
	rel := ed.pick(files, ".json")
	if rel == "" || strings.HasSuffix(rel, "project.config.json") || strings.HasSuffix(rel, "sitemap.json") {
		return false
	}
	var v map[string]any
	if json.Unmarshal(ed.read(rel), &v) != nil {
		return false
	}
	uc, _ := v["usingComponents"].(map[string]any)
	if uc == nil {
		uc = map[string]any{}
	}
	tags := []string{"comp-a", "vote-card", "vote-chart", "c-x"}
	tag := tags[ed.src.intn(len(tags))]
	uc[tag] = target
	v["usingComponents"] = uc
	ed.logf("use %s as %s in %s", target, tag, rel)
	ed.writeJSON(rel, v)
	delete(ed.buffer, rel)
	return true
}

// renameFile renames a script, template or style sheet.
func (ed *editor) renameFile(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxml", ".wxss", ".wxs")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	ed.n++
	to := path.Join(path.Dir(rel), fmt.Sprintf("moved%d%s", ed.n, path.Ext(rel)))
	if ed.src.intn(3) == 0 {
		to = path.Join(path.Dir(rel), "tools.wxs") // (a template names it)
	}
	if _, err := os.Stat(filepath.Join(ed.dir, filepath.FromSlash(to))); err == nil {
		return false
	}
	ed.logf("rename %s %s", rel, to)
	if err := os.Rename(filepath.Join(ed.dir, filepath.FromSlash(rel)), filepath.Join(ed.dir, filepath.FromSlash(to))); err != nil {
		panic(err)
	}
	ed.changed(rel, Move)
	ed.changed(to, Move)
	return true
}

func (ed *editor) removeFile(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxml", ".wxss", ".wxs", ".png", ".json")
	if rel == "" || strings.HasSuffix(rel, "app.json") && ed.src.intn(4) != 0 {
		return false
	}
	ed.logf("remove %s", rel)
	ed.remove(rel)
	return true
}

// jsonEdit returns a json file changed: a renderer, a component flag, a
// key WeChat does not know.
func (ed *editor) jsonEdit(rel string, b []byte) []byte {
	var v map[string]any
	if json.Unmarshal(b, &v) != nil {
		return []byte("{}")
	}
	switch ed.src.intn(5) {
	case 0:
		v["renderer"] = []string{"skyline", "webview", "Skyline"}[ed.src.intn(3)]
	case 1:
		v["component"] = ed.src.intn(2) == 0
	case 2:
		v["navigationBarTitletext"] = "x"
	case 3:
		v["componentFramework"] = "glass-easel"
	default:
		delete(v, "usingComponents")
	}
	out, _ := json.MarshalIndent(v, "", "  ")
	return out
}

func (ed *editor) editJSON(files []string) bool {
	rel := ed.pick(files, ".json")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	b := ed.jsonEdit(rel, ed.read(rel))
	ed.logf("json %s: %s", rel, b)
	ed.write(rel, b)
	return true
}

// breakJSON writes a syntax error into a json file, or mends it.
func (ed *editor) breakJSON(files []string) bool {
	rel := ed.pick(files, ".json")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	b := ed.read(rel)
	var v any
	if json.Unmarshal(b, &v) != nil {
		b = []byte("{}")
	} else {
		b = append(b[:len(b):len(b)], ",}"...)
	}
	ed.logf("break %s: %s", rel, b)
	ed.write(rel, b)
	return true
}

// addAsset writes an image of random size, or grows one.
func (ed *editor) addAsset(files []string) bool {
	rel := path.Join(ed.mp, "assets/a.png")
	if ed.src.intn(2) == 0 {
		rel = path.Join(ed.mp, fmt.Sprintf("assets/big%d.png", ed.src.intn(3)))
	}
	n := []int{10, 300 << 10, 3 << 20}[ed.src.intn(3)]
	ed.logf("asset %s: %d bytes", rel, n)
	ed.write(rel, make([]byte, n))
	return true
}

// replaceFile saves a file as some editors do: a new file renamed over it.
func (ed *editor) replaceFile(files []string) bool {
	rel := ed.pick(files, ".js", ".ts", ".wxml", ".wxss", ".wxs", ".json")
	if rel == "" || ed.buffer[rel] != nil {
		return false
	}
	b := ed.read(rel)
	if path.Ext(rel) == ".json" {
		b = ed.jsonEdit(rel, b)
	} else {
		b = ed.insert(b, ed.bitFor(rel))
	}
	ed.logf("replace %s: %q", rel, b)
	tmp := rel + ".tmp~"
	ed.write(tmp, b)
	if err := os.Rename(filepath.Join(ed.dir, filepath.FromSlash(tmp)), filepath.Join(ed.dir, filepath.FromSlash(rel))); err != nil {
		panic(err)
	}
	ed.changed(tmp, Move)
	ed.changed(rel, Move)
	return true
}

// editConfig writes chattool-lint.json in the project folder, or removes it.
func (ed *editor) editConfig(files []string) bool {
	configs := []string{
		`{"rules": {"chattool-disabled-api": "off"}}`,
		`{"rules": {"skyline-support": "error"}, "ignore": ["**/templates/**"]}`,
		`{"assumeChatTool": true}`,
		`{"settings": {"package-size": {"chatTool": "1KB"}}}`,
		`{"overrides": [{"files": ["**/*.wxml"], "rules": {"chattool-disabled-component": "warning"}}]}`,
		"",
	}
	c := configs[ed.src.intn(len(configs))]
	ed.logf("config: %s", c)
	if c == "" {
		ed.remove("chattool-lint.json")
		return true
	}
	ed.write("chattool-lint.json", []byte(c))
	return true
}

// nothing changes nothing: the check after it must give what the last one
// gave.
func (ed *editor) nothing(files []string) bool {
	ed.logf("nothing")
	return true
}
