package wxml

import (
	"fmt"
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/uniapp"
)

// sourceTemplate reports whether the file at rel is the template of a
// framework source: a .vue file (its <template>), a .tsx or .jsx file of
// a Taro source (its JSX elements).
func sourceTemplate(p *project.Project, rel string) bool {
	switch path.Ext(rel) {
	case ".vue":
		return p.Framework != nil
	case ".tsx", ".jsx":
		return p.Taro()
	}
	return false
}

// source returns what the template front end reads of a file of a
// framework source (see sourceTemplate), the mini program path of the
// template it compiles to, and how to parse it (with the kind of the
// parse, for project.Derive). Of a .vue file it reads the <template>, the
// rest of the file blanked, and what uni-app's conditional compilation
// leaves out of the WeChat build blanked too; of a .tsx or .jsx file, the
// elements its JSX makes. A file read differently is a copy of pf, which
// is released. Any other file comes back as it is.
func source(p *project.Project, pf *project.File, mp string) (*project.File, string, string, func([]byte) *Document) {
	ext := path.Ext(mp)
	base := strings.TrimSuffix(mp, ext)
	switch {
	case ext == ".vue":
		var keep []uniapp.Block
		for _, b := range uniapp.Blocks(pf.Src) {
			if b.Tag == "template" && (b.Lang == "" || b.Lang == "html") {
				keep = append(keep, b)
				break // one template per component
			}
		}
		src := uniapp.Keep(pf.Src, keep...)
		if p.UniApp() {
			src = uniapp.Strip(src, uniapp.HTML, p.Framework.Cond)
		}
		c := pf.WithSrc(src)
		pf.Release(false)
		return c, base + ".wxml", "wxml.vue", parseVue
	case (ext == ".tsx" || ext == ".jsx") && p.Taro():
		parse := func(src []byte) *Document { return parseJSX(src, ext) }
		return pf, base + ".wxml", "wxml" + ext, parse
	}
	return pf, mp, "wxml", parseFile
}

// voidElements are HTML's elements without content, which a Vue template
// may leave unclosed (<input>, <img>): Vue's parser closes them.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// parseVue parses the template of a .vue file (the rest blanked) as the
// WXML uni-app compiles it to, as far as the rules read it: void elements
// need no end tag; a bound attribute (:name, v-bind:name) is the
// attribute with a data binding; an event (@name, v-on:name, .stop for
// catch) the bind:name or catch:name attribute; the v-if family wx:if's.
func parseVue(src []byte) (d *Document) {
	defer func() {
		if r := recover(); r != nil {
			d = &Document{Src: src, Errors: []Error{{Offset: 0, Msg: fmt.Sprintf("internal scanner failure (please report it): %v", r)}}}
		}
	}()
	s := &scanner{d: &Document{Src: src}, src: src, void: voidElements, vue: true}
	s.b.sized = true
	s.run()
	s.b.finish(s.d)
	return s.d
}

// vueAttr returns the WXML attribute a Vue directive compiles to: its name
// and value.
func vueAttr(name, value string, hasValue bool) (string, string) {
	switch {
	case strings.HasPrefix(name, ":") || strings.HasPrefix(name, "v-bind:"):
		name = strings.TrimPrefix(strings.TrimPrefix(name, ":"), "v-bind:")
		name, _, _ = strings.Cut(name, ".") // .prop, .camel
		if hasValue && !strings.Contains(value, "{{") {
			value = "{{" + value + "}}"
		}
	case strings.HasPrefix(name, "@") || strings.HasPrefix(name, "v-on:"):
		name = strings.TrimPrefix(strings.TrimPrefix(name, "@"), "v-on:")
		event, mods, _ := strings.Cut(name, ".")
		bind := "bind:"
		if strings.Contains("."+mods+".", ".stop.") {
			bind = "catch:"
		}
		if event == "click" {
			event = "tap" // uni-app compiles @click to the tap event
		}
		name = bind + event
	case name == "v-if" || name == "v-else-if" || name == "v-else" || name == "v-for" || name == "v-show":
		name = map[string]string{"v-if": "wx:if", "v-else-if": "wx:elif", "v-else": "wx:else", "v-for": "wx:for", "v-show": "hidden"}[name]
		if hasValue && !strings.Contains(value, "{{") {
			value = "{{" + value + "}}"
		}
	}
	return name, value
}
