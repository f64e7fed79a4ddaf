package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/chattool-lint/chattool-lint/size"
)

// The HTML size report (chattool-lint size --format html): one page, with
// its script, style and data inline (it loads nothing), that shows each
// package as webpack-bundle-analyzer and source-map-explorer show a
// bundle: a treemap of its files by built size, drawn in a box whose area
// is the package's limit, so the free space is what is left; the largest
// files, the share of each file type, what the compiler adds, and what is
// not uploaded, with why. The page is sizehtml.html; the data, one JSON
// document, is written into it by writeSizeHTML (json.Marshal escapes <, >
// and &, and the page's script sets every text with textContent).

//go:embed sizehtml.html
var sizeHTMLPage string

// htmlReport is the data of the page.
type htmlReport struct {
	Projects []htmlProject `json:"projects"`
}

type htmlProject struct {
	Path     string        `json:"path"`
	Measure  string        `json:"measure"`
	Packages []htmlPackage `json:"packages"`
	Total    htmlPackage   `json:"total"`
	Types    []typeJSON    `json:"types"`
	Largest  []fileJSON    `json:"largest"`
	Skipped  []htmlSkip    `json:"skipped"`
}

type htmlPackage struct {
	Name     string      `json:"name"`
	Root     string      `json:"root"`
	ChatTool bool        `json:"chatTool,omitempty"`
	Bounded  bool        `json:"bounded,omitempty"`
	Raw      int64       `json:"raw"`
	Uploaded int64       `json:"uploaded"`
	Built    int64       `json:"built"`
	Budget   int64       `json:"budget"`
	Files    []htmlFile  `json:"files,omitempty"`
	Added    []addedJSON `json:"added,omitempty"`
	Count    int         `json:"count"`
}

// htmlFile is a file of a package: its path inside the package (the
// treemap's folders), source when another file is built into it, bytes
// of source and built.
type htmlFile struct {
	Path   string `json:"p"`
	Source string `json:"s,omitempty"`
	Bytes  int64  `json:"b"`
	Built  int64  `json:"n"`
}

// htmlSkip is a reason files are not uploaded, with them.
type htmlSkip struct {
	Reason string     `json:"reason"`
	Bytes  int64      `json:"bytes"`
	Files  []skipJSON `json:"files"`
}

func htmlProjectOf(dir string, r *size.Report, top int) htmlProject {
	j := sizeJSONOf(r, top)
	hp := htmlProject{Path: dir, Measure: j.Measure, Types: j.Types, Largest: j.Largest}
	name := func(pkg *size.Package) string {
		switch {
		case pkg.Sub == nil:
			return "main package"
		case pkg.ChatTool:
			return pkg.Root + " (chat tool)"
		}
		return pkg.Root
	}
	groups := map[string]*htmlSkip{}
	var order []string
	for _, pkg := range r.Packages {
		p := htmlPackage{Name: name(pkg), Root: pkg.Root, ChatTool: pkg.ChatTool, Bounded: pkg.Bounded, Raw: pkg.RawBytes,
			Uploaded: pkg.UploadedBytes, Built: pkg.BuiltBytes, Budget: pkg.BudgetBytes, Count: len(pkg.Files)}
		for _, f := range pkg.Files {
			rel := strings.TrimPrefix(f.MP, pkg.Root+"/")
			if pkg.Root == "" {
				rel = f.MP
			}
			src := ""
			if f.Source != f.MP {
				src = path.Base(f.Source)
			}
			p.Files = append(p.Files, htmlFile{Path: rel, Source: src, Bytes: f.Bytes, Built: f.Built})
		}
		for _, h := range pkg.Helpers {
			p.Added = append(p.Added, addedJSON{Path: h.Path, Bytes: h.Bytes})
		}
		if pkg.Overhead > 0 && len(pkg.Helpers) == 0 {
			// Bounded: every helper its scripts could need.
			p.Added = append(p.Added, addedJSON{Path: "(runtime helpers, at most)", Bytes: pkg.Overhead})
		}
		hp.Packages = append(hp.Packages, p)
		for _, sk := range pkg.Skipped {
			key := reasonKind(sk.Reason)
			g := groups[key]
			if g == nil {
				g = &htmlSkip{Reason: key}
				groups[key] = g
				order = append(order, key)
			}
			g.Bytes += sk.Bytes
			g.Files = append(g.Files, skipJSON{Path: sk.MP, Bytes: sk.Bytes, Reason: sk.Reason})
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return groups[order[a]].Bytes > groups[order[b]].Bytes })
	for _, k := range order {
		hp.Skipped = append(hp.Skipped, *groups[k])
	}
	files := 0
	for _, p := range hp.Packages {
		files += p.Count
	}
	hp.Total = htmlPackage{Name: "all packages", Raw: r.Total.RawBytes, Uploaded: r.Total.UploadedBytes, Built: r.Total.BuiltBytes,
		Budget: r.Total.BudgetBytes, Bounded: r.Total.Bounded, Count: files}
	return hp
}

// writeSizeHTML writes the page of the reports.
func writeSizeHTML(w io.Writer, rep htmlReport) error {
	data, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	// (json.Marshal escapes <, > and & in strings, so the data cannot end
	// the script element that holds it.)
	page := strings.Replace(sizeHTMLPage, "/*DATA*/null", string(data), 1)
	title := "chattool-lint size"
	if len(rep.Projects) == 1 {
		title += ": " + rep.Projects[0].Path
	}
	var esc bytes.Buffer
	for _, r := range title {
		switch r {
		case '<':
			esc.WriteString("&lt;")
		case '>':
			esc.WriteString("&gt;")
		case '&':
			esc.WriteString("&amp;")
		default:
			esc.WriteRune(r)
		}
	}
	page = strings.Replace(page, "<title>chattool-lint size</title>", "<title>"+esc.String()+"</title>", 1)
	_, err = io.WriteString(w, page)
	return err
}
