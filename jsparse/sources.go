package jsparse

import (
	"bytes"
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/uniapp"
)

// sourceLang returns the language of a file of a framework source that
// LangOf does not know: .tsx and .jsx (Taro with React), and .vue
// (uni-app, Taro with Vue), whose language is its script blocks' (see
// source).
func sourceLang(p *project.Project, rel string) (Lang, bool) {
	if p.Framework == nil {
		return 0, false
	}
	switch path.Ext(rel) {
	case ".vue":
		return JS, true
	case ".tsx":
		return TSX, true
	case ".jsx":
		return JSX, true
	}
	return 0, false
}

// source returns what the script front end reads of a file of a
// framework source, its language, and the mini program path of the script
// it compiles to. Of a .vue file it reads the <script> and <script setup>
// blocks, the rest of the file blanked (so that offsets are the .vue
// file's), in the language of their lang attribute; a .vue, .tsx or .jsx
// file compiles to the .js of the same name. In a uni-app source, what
// conditional compilation leaves out of the WeChat build is blanked too.
// A file read differently is a copy of pf, which is released.
func source(p *project.Project, pf *project.File, mp string, lang Lang) (*project.File, string, Lang) {
	if p.Framework == nil {
		return pf, mp, lang
	}
	src := pf.Src
	switch ext := path.Ext(mp); ext {
	case ".vue":
		var scripts []uniapp.Block
		ts, jsx := false, false
		for _, b := range uniapp.Blocks(src) {
			if b.Tag != "script" {
				continue
			}
			scripts = append(scripts, b)
			ts = ts || b.Lang == "ts" || b.Lang == "tsx"
			jsx = jsx || b.Lang == "jsx" || b.Lang == "tsx"
		}
		switch {
		case ts && jsx:
			lang = TSX
		case ts:
			lang = TS
		case jsx:
			lang = JSX
		default:
			lang = JS
		}
		src = uniapp.Keep(src, scripts...)
		mp = strings.TrimSuffix(mp, ext) + ".js"
	case ".tsx", ".jsx":
		mp = strings.TrimSuffix(mp, ext) + ".js"
	}
	if p.UniApp() {
		src = uniapp.Strip(src, uniapp.JS, p.Framework.Cond)
	}
	if len(src) == len(pf.Src) && (len(src) == 0 || &src[0] == &pf.Src[0] || bytes.Equal(src, pf.Src)) {
		return pf, mp, lang
	}
	c := pf.WithSrc(src)
	pf.Release(false)
	return c, mp, lang
}
