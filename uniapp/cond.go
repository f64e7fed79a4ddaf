// Package uniapp holds what chattool-lint knows of uni-app sources, the
// parts that need no project: its conditional compilation, the blocks of a
// Vue single-file component, and how uni's APIs map to WeChat's.
//
// A uni-app source compiles to a WeChat mini program (the mp-weixin
// platform): pages.json and manifest.json become app.json, the page json
// files and project.config.json, and each .vue file a page's or
// component's .js, .wxml and .wxss. chattool-lint reads the sources as
// what they compile to, keeping every byte offset, so that findings point
// into the files the user writes.
package uniapp

import (
	"bytes"
	"regexp"
	"strings"
)

// Syntax is the comment syntax conditional compilation is written in.
type Syntax int

const (
	// JS is // and /* */ comments: scripts, JSON, style sheets.
	JS Syntax = iota
	// HTML is <!-- --> comments: templates.
	HTML
)

// Directives of conditional compilation, as uni-app's preprocess reads
// them (packages/uni-cli-shared/lib/preprocess/lib/regexrules.js: a
// directive sits in a comment, anywhere on its line).
var (
	jsDirective   = regexp.MustCompile(`(?://|/\*)[ \t]*#(ifdef|ifndef|if|else|endif)\b([^\n*]*)`)
	htmlDirective = regexp.MustCompile(`<!(?:--)?[ \t]*#(ifdef|ifndef|if|else|endif)\b(.*?)(?:-->|!>)`)
)

// Context is what a conditional compilation test may name: the platform
// flags of uni-app's preprocess context (packages/uni-cli-shared/src/
// preprocess/context.ts) for the mp-weixin build.
type Context struct {
	// Vue3 is set for a Vue 3 project (vite), which defines VUE3; a Vue 2
	// one defines VUE2.
	Vue3 bool
}

// known are uni-app's DEFAULT_KEYS with their values in the mp-weixin
// build (VUE2 and VUE3 depend on the project: see Context.flag). A name
// that is none of them makes the whole test false, as the ReferenceError
// it raises there does.
var known = map[string]bool{
	"UNI_APP_X": false, "APP": false, "APP_UVUE": false, "APP_NVUE": false, "APP_PLUS": false,
	"APP_PLUS_NVUE": false, "APP_VUE": false, "APP_ANDROID": false, "APP_IOS": false,
	"APP_HARMONY": false, "H5": false, "MP": true, "MP_360": false, "MP_ALIPAY": false,
	"MP_BAIDU": false, "MP_HARMONY": false, "MP_QQ": false, "MP_LARK": false,
	"MP_TOUTIAO": false, "MP_WEIXIN": true, "MP_KUAISHOU": false, "MP_JD": false,
	"MP_XHS": false, "QUICKAPP_NATIVE": false, "QUICKAPP_WEBVIEW": false,
	"QUICKAPP_WEBVIEW_HUAWEI": false, "QUICKAPP_WEBVIEW_UNION": false, "VUE2": false,
	"VUE3": false, "WEB": false, "VUE3_VAPOR": false,
}

func (c Context) flag(name string) (bool, bool) {
	switch name {
	case "VUE3":
		return c.Vue3, true
	case "VUE2":
		return !c.Vue3, true
	}
	v, ok := known[name]
	return v, ok
}

// Strip blanks out what the WeChat build of a uni-app source leaves out:
// the branches of conditional compilation (#ifdef, #ifndef, #if, #else,
// #endif) whose test fails for mp-weixin. Every byte of a branch left out
// becomes a space, line breaks excepted, so that offsets, lines and
// columns stay those of src; the directives themselves stay (they are
// comments). src itself is returned when nothing is left out.
func Strip(src []byte, syntax Syntax, c Context) []byte {
	re := jsDirective
	if syntax == HTML {
		re = htmlDirective
	}
	if !bytes.Contains(src, []byte("#if")) {
		return src
	}
	type frame struct {
		taken  bool // the branch being read is compiled
		parent bool // the enclosing branch is compiled
	}
	var stack []frame
	on := true // the text at this point is compiled
	var out []byte
	from := 0 // start of the text not yet decided
	blank := func(end int) {
		if on || end <= from {
			from = max(from, end)
			return
		}
		if out == nil {
			out = bytes.Clone(src)
		}
		for i := from; i < end; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
		from = end
	}
	for _, m := range re.FindAllSubmatchIndex(src, -1) {
		kind := string(src[m[2]:m[3]])
		test := strings.TrimSpace(string(src[m[4]:m[5]]))
		switch kind {
		case "ifdef", "if", "ifndef":
			blank(m[0])
			ok := c.eval(test)
			if kind == "ifndef" {
				ok = !ok
			}
			stack = append(stack, frame{taken: ok, parent: on})
			from = m[1]
			on = on && ok
		case "else":
			if len(stack) == 0 {
				continue
			}
			blank(m[0])
			f := &stack[len(stack)-1]
			f.taken = !f.taken
			from = m[1]
			on = f.parent && f.taken
		case "endif":
			if len(stack) == 0 {
				continue
			}
			blank(m[0])
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			from = m[1]
			on = f.parent
		}
	}
	if len(stack) > 0 {
		// An #ifdef with no #endif: uni-app's preprocess leaves the
		// text as it is.
		return src
	}
	if out == nil {
		return src
	}
	return out
}

// eval evaluates a test as uni-app's preprocess does (a JavaScript
// expression over the context, "-" read as "_"): names, !, &&, || and
// parentheses. Anything else, or a name the context lacks where it is
// evaluated (a ReferenceError there), makes the test false.
func (c Context) eval(test string) bool {
	test = strings.ReplaceAll(test, "-", "_")
	e := &expr{s: test, c: c}
	v := e.or()
	e.space()
	if e.bad || e.i != len(e.s) {
		return false
	}
	return v
}

type expr struct {
	s   string
	i   int
	c   Context
	bad bool
	// lazy counts the operands being read that short-circuiting leaves
	// unevaluated: a name the context lacks is no error there.
	lazy int
}

func (e *expr) space() {
	for e.i < len(e.s) && (e.s[e.i] == ' ' || e.s[e.i] == '\t') {
		e.i++
	}
}

func (e *expr) eat(tok string) bool {
	e.space()
	if strings.HasPrefix(e.s[e.i:], tok) {
		e.i += len(tok)
		return true
	}
	return false
}

func (e *expr) or() bool {
	v := e.and()
	for e.eat("||") {
		if v {
			e.lazy++
			e.and()
			e.lazy--
			continue
		}
		v = e.and()
	}
	return v
}

func (e *expr) and() bool {
	v := e.not()
	for e.eat("&&") {
		if !v {
			e.lazy++
			e.not()
			e.lazy--
			continue
		}
		v = e.not()
	}
	return v
}

func (e *expr) not() bool {
	if e.eat("!") {
		return !e.not()
	}
	if e.eat("(") {
		v := e.or()
		if !e.eat(")") {
			e.bad = true
		}
		return v
	}
	e.space()
	j := e.i
	for j < len(e.s) && (e.s[j] == '_' || e.s[j] == '$' || e.s[j] >= 'A' && e.s[j] <= 'Z' ||
		e.s[j] >= 'a' && e.s[j] <= 'z' || j > e.i && e.s[j] >= '0' && e.s[j] <= '9') {
		j++
	}
	if j == e.i {
		e.bad = true
		return false
	}
	name := e.s[e.i:j]
	e.i = j
	v, ok := e.c.flag(name)
	if !ok && e.lazy == 0 {
		e.bad = true
	}
	return v
}
