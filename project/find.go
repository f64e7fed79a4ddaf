package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// FindDir returns the project directory a file belongs to, for commands
// given files rather than a folder (a pre-commit hook passes the staged
// files; an editor the file it checks): the nearest folder above the file
// with a project.config.json whose mini program root holds the file, else
// the nearest with an app.json, else the file's own folder. It stats the
// folders on the way up and reads project.config.json files; it reads no
// other file. The file itself need not exist (an unsaved editor buffer).
func FindDir(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	start := filepath.Dir(abs)
	app := ""
	for dir := start; ; dir = filepath.Dir(dir) {
		if isFile(filepath.Join(dir, "project.config.json")) && holds(dir, abs) {
			return dir, nil
		}
		if app == "" && isFile(filepath.Join(dir, "app.json")) {
			app = dir
		}
		if parent := filepath.Dir(dir); parent == dir {
			break
		}
	}
	if app != "" {
		return app, nil
	}
	return start, nil
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// holds reports whether the project in dir has file inside its mini
// program root (project.config.json's miniprogramRoot), or in dir itself
// (project.config.json, the cloud functions, ...) when the file is one of
// the project's configuration files.
func holds(dir, file string) bool {
	rel, err := filepath.Rel(dir, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	b, err := os.ReadFile(filepath.Join(dir, "project.config.json"))
	if err != nil {
		return true
	}
	var cfg struct {
		MiniprogramRoot string `json:"miniprogramRoot"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return true // the loader reports the broken file
	}
	root := strings.Trim(filepath.ToSlash(filepath.Clean(cfg.MiniprogramRoot)), "/")
	if root == "" || root == "." {
		return true
	}
	slash := filepath.ToSlash(rel)
	return !strings.Contains(slash, "/") || slash == root || strings.HasPrefix(slash, root+"/")
}
