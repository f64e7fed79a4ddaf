package project

import (
	"errors"
	"go/token"
	"io/fs"
	"slices"
	"strings"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/uniapp"
)

// Framework is what a project written for a framework that compiles to a
// mini program (uni-app, Taro) is read as. Its configuration is read as
// the app.json, page json files and project.config.json it compiles to,
// each value keeping its place in the file it was written in, so that the
// rules check the mini program the build makes and report in the sources.
type Framework struct {
	// Name is "uni-app" or "Taro".
	Name string
	// Cond is the conditional compilation context of a uni-app source.
	Cond uniapp.Context
	// Configs are the files the configuration was read from, by the
	// compiled file they stand for ("app.json", "project.config.json",
	// "pages/index/index.json"), as paths of the project.
	Configs map[string]string
}

// UniApp reports whether p is a uni-app source.
func (p *Project) UniApp() bool { return p.Framework != nil && p.Framework.Name == "uni-app" }

// Taro reports whether p is a Taro source.
func (p *Project) Taro() bool { return p.Framework != nil && p.Framework.Name == "Taro" }

// loadSource loads p as a uni-app or Taro source when its folder holds
// one, and reports whether it did.
func (p *Project) loadSource() bool {
	switch {
	case IsUniApp(p.root):
		p.loadUniApp()
	case IsTaro(p.root):
		p.loadTaro()
	default:
		return false
	}
	return true
}

// joined is a virtual file made of several files, one after the other with
// a line break between them: the app.json of a uni-app source, whose keys
// come from pages.json and from manifest.json. Its offsets map back to
// the file each byte comes from.
type joined struct {
	parts []*File
	at    []int // the offset of each part in the joined bytes
}

// join returns a File whose bytes are those of files, one after the other
// with a line break between them, and the offset of each in them. The
// File has the name and token.File of the first; its positions are those
// of the file each offset falls in.
func join(files ...*File) (*File, []int) {
	j := &joined{parts: files}
	var src []byte
	for i, f := range files {
		if i > 0 {
			src = append(src, '\n')
		}
		j.at = append(j.at, len(src))
		src = append(src, f.Src...)
	}
	return &File{Path: files[0].Path, Src: src, place: files[0].place, kept: true, join: j}, j.at
}

// pos is the position of an offset of the joined bytes.
func (j *joined) pos(off int) token.Pos {
	i := 0
	for k, at := range j.at {
		if off >= at {
			i = k
		}
	}
	return j.parts[i].Pos(max(off-j.at[i], 0))
}

// shift returns a deep copy of v with every offset moved by d.
func shift(v *jsonc.Value, d int) *jsonc.Value {
	if v == nil {
		return nil
	}
	c := &jsonc.Value{Kind: v.Kind, Start: v.Start + d, End: v.End + d, Str: v.Str, Num: v.Num, Bool: v.Bool}
	for _, e := range v.Elems {
		c.Elems = append(c.Elems, shift(e, d))
	}
	for _, m := range v.Members {
		c.Members = append(c.Members, &jsonc.Member{Key: m.Key, KeyStart: m.KeyStart + d, KeyEnd: m.KeyEnd + d, Value: shift(m.Value, d)})
	}
	return c
}

// object returns an object value spanning v whose members are v's, with
// those keep rejects left out. It is nil when v is not an object.
func object(v *jsonc.Value, keep func(key string) bool) *jsonc.Value {
	if v == nil || v.Kind != jsonc.Object {
		return nil
	}
	o := &jsonc.Value{Kind: jsonc.Object, Start: v.Start, End: v.End}
	for _, m := range v.Members {
		if keep == nil || keep(m.Key) {
			o.Members = append(o.Members, m)
		}
	}
	return o
}

// set adds a member to o, replacing any of the same key (a later layer of
// configuration wins, as the frameworks' extend and Object.assign do).
func set(o *jsonc.Value, m *jsonc.Member) {
	o.Members = slices.DeleteFunc(o.Members, func(x *jsonc.Member) bool { return x.Key == m.Key })
	o.Members = append(o.Members, m)
}

// addSynthetic registers a JSON file built from a framework's
// configuration as the compiled file at rel, which the loader then finds
// as if it were on disk.
func (p *Project) addSynthetic(rel, from string, f *File, schema string, root *jsonc.Value) *JSONFile {
	jf := &JSONFile{File: f, Schema: schema, Root: root}
	p.jsonFiles[rel] = jf
	p.JSONFiles = append(p.JSONFiles, jf)
	if p.Framework.Configs == nil {
		p.Framework.Configs = map[string]string{}
	}
	p.Framework.Configs[rel] = from
	return jf
}

// sourceJSON reads and parses a configuration file of a framework (JSON
// with comments), registering it as a JSON file without a schema, so that
// its syntax errors are reported. Comments, trailing commas and a byte
// order mark are no problem there: the frameworks' parsers take them.
// A missing file returns nil.
func (p *Project) sourceJSON(rel string, prep func([]byte) []byte) *JSONFile {
	f, err := p.ReadFile(rel)
	if err != nil {
		if !isNotExist(err) {
			p.loadError(rel, err)
		}
		return nil
	}
	f.kept = true
	jf := &JSONFile{File: f}
	src := f.Src
	if prep != nil {
		src = prep(src)
	}
	var probs []jsonc.Problem
	jf.Root, probs, jf.Err = jsonc.Parse(src)
	for _, pr := range probs {
		if pr.Kind == jsonc.DuplicateKey {
			jf.Problems = append(jf.Problems, pr)
		}
	}
	p.jsonFiles[rel] = jf
	p.JSONFiles = append(p.JSONFiles, jf)
	return jf
}

// platformKey reports whether a key of a uni-app style or tabBar is the
// settings of one platform ("mp-weixin", "app-plus", "h5"), which uni-app
// removes (removePlatformStyle), merging in those of mp-weixin.
func platformKey(k string) bool {
	for _, p := range []string{"h5", "app", "mp-", "quickapp", "web"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, errOutside)
}

// elems returns the elements of an array, nil for anything else.
func elems(v *jsonc.Value) []*jsonc.Value {
	if v == nil || v.Kind != jsonc.Array {
		return nil
	}
	return v.Elems
}
