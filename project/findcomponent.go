package project

import (
	"path"
	"strings"
)

// FindComponent returns the mini program path (without extension) of the
// component that a usingComponents value names from a json file in folder
// dir of the mini program, resolved as the loader resolves the entries it
// follows (a path from the root or from dir, a folder's index, a built npm
// package in the miniprogram_npm folders from dir up), without adding the
// component to the project. It returns false for plugin components, paths
// that leave the root and values that name no file.
//
// The loader follows the usingComponents of app.json, pages and the
// components they reach; this is for the json files WeChat reads besides
// (custom-tab-bar/index.json, the defaults of componentGenerics).
func (p *Project) FindComponent(dir, target string) (string, bool) {
	t := strings.TrimSpace(target)
	if t == "" || strings.HasPrefix(t, "plugin://") || strings.HasPrefix(t, "plugin-private://") {
		return "", false
	}
	for _, ext := range componentExts {
		t = strings.TrimSuffix(t, ext)
	}
	if dir == "." {
		dir = ""
	}
	var mp string
	if strings.HasPrefix(t, "/") {
		mp = strings.TrimPrefix(path.Clean(t), "/")
	} else {
		mp = path.Join(dir, t)
		if mp == ".." || strings.HasPrefix(mp, "../") {
			return "", false
		}
	}
	if found, ok := p.componentFile(mp); ok {
		return found, true
	}
	if strings.HasPrefix(t, "/") || strings.HasPrefix(t, ".") {
		return "", false
	}
	for d := dir; ; d = path.Dir(d) {
		base := path.Join("miniprogram_npm", t)
		if d != "" && d != "." && d != "/" {
			base = path.Join(d, "miniprogram_npm", t)
		}
		if found, ok := p.componentFile(base); ok {
			return found, true
		}
		if d == "" || d == "." || d == "/" {
			return "", false
		}
	}
}
