//go:build ignore

// gen.go writes table.go: the minimum base library version of every method
// of the wx object, and of the versioned fields of its option object, as the
// npm package miniprogram-api-typings declares them in its JSDoc comments.
// With -game it writes table_minigame.go, the same for mini games, from the
// npm package minigame-api-typings (whose JSDoc has the same shape).
//
// It downloads the pinned tarball from the npm registry and checks it
// against the pinned integrity hashes before reading it:
//
//	go run gen.go                  # download the pinned tarball
//	go run gen.go -game            # the mini-game typings
//	go run gen.go -tarball x.tgz   # read a local copy (still verified)
//
// Only the standard library is used.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"net/http"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// typings is a pinned release of an npm package of typings (MIT) with the
// hashes the npm registry gives for its tarball (dist.integrity and
// dist.shasum), and what the generated file names.
type typings struct {
	name, version, integrity, shasum string
	out                              string // the default output file
	versionConst, tableVar           string // the Go names of the version and the table
	what                             string // "mini programs" or "mini games", for comments
}

func (t typings) tarballURL() string {
	return "https://registry.npmjs.org/" + t.name + "/-/" + t.name + "-" + t.version + ".tgz"
}

var (
	miniProgram = typings{
		name:         "miniprogram-api-typings",
		version:      "5.2.3",
		integrity:    "sha512-KVcNSfR2VmRtz35rxkjLxE92HlsBnbT6NsKyTcDX3ebbTKAsAiTOFO1mRM82Xbe848dnEYqNGzaD48LMEvGytw==",
		shasum:       "df5b8ceadd8863a8cefdea2e02b40420f8126072",
		out:          "table.go",
		versionConst: "TypingsVersion",
		tableVar:     "table",
		what:         "mini programs",
	}
	miniGame = typings{
		name:         "minigame-api-typings",
		version:      "3.8.20",
		integrity:    "sha512-GUVY9v+JrTLKyGCwcps+pH2olKpWPlTCjZnHnIDF4vWq+D5Pn7UwPkLEDM+G95ImFSq8aQApoEVWVhxxdXW5Rw==",
		shasum:       "926bd2dbc2f6d860b9d529769dcc056771c52ebe",
		out:          "table_minigame.go",
		versionConst: "GameTypingsVersion",
		tableVar:     "gameTable",
		what:         "mini games",
	}
)

const docPrefix = "https://developers.weixin.qq.com/"

func main() {
	log.SetFlags(0)
	log.SetPrefix("wxapi/gen: ")
	game := flag.Bool("game", false, "generate the mini-game table from minigame-api-typings")
	tarball := flag.String("tarball", "", "read the tarball from this file instead of downloading it")
	out := flag.String("o", "", "output file (default table.go, or table_minigame.go with -game)")
	flag.Parse()
	t := miniProgram
	if *game {
		t = miniGame
	}
	if *out == "" {
		*out = t.out
	}

	data, err := readTarball(t, *tarball)
	if err != nil {
		log.Fatal(err)
	}
	if err := verify(t, data); err != nil {
		log.Fatal(err)
	}
	files, err := dtsFiles(data)
	if err != nil {
		log.Fatal(err)
	}
	apis, err := extract(files)
	if err != nil {
		log.Fatal(err)
	}
	src, err := render(t, apis)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	versioned, fields := 0, 0
	for _, a := range apis {
		if a.Since != "" {
			versioned++
		}
		fields += len(a.Fields)
	}
	log.Printf("%s@%s: %d APIs, %d with a version, %d option fields", t.name, t.version, len(apis), versioned, fields)
}

func readTarball(t typings, file string) ([]byte, error) {
	if file != "" {
		return os.ReadFile(file)
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	resp, err := client.Get(t.tarballURL())
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", t.tarballURL(), resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func verify(t typings, data []byte) error {
	sum512 := sha512.Sum512(data)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum512[:]); got != t.integrity {
		return fmt.Errorf("%s tarball integrity %s, want %s", t.name, got, t.integrity)
	}
	sum1 := sha1.Sum(data)
	if got := hex.EncodeToString(sum1[:]); got != t.shasum {
		return fmt.Errorf("%s tarball shasum %s, want %s", t.name, got, t.shasum)
	}
	return nil
}

// dtsFiles returns the .d.ts files under package/types/wx/ by base name.
func dtsFiles(data []byte) (map[string]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg || path.Dir(h.Name) != "package/types/wx" || !strings.HasSuffix(h.Name, ".d.ts") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[path.Base(h.Name)] = string(b)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no package/types/wx/*.d.ts in the tarball")
	}
	return files, nil
}

// api and field mirror the package's API and Field.
type api struct {
	Name, Since, URL string
	Fields           []field
}

type field struct{ Name, Since string }

func extract(files map[string]string) ([]*api, error) {
	var src string
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if regexp.MustCompile(`\binterface\s+Wx\s*\{`).MatchString(files[name]) {
			if src != "" {
				return nil, fmt.Errorf("interface Wx is declared in more than one file")
			}
			src = files[name]
		}
	}
	if src == "" {
		return nil, fmt.Errorf("no file declares interface Wx")
	}
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	ifaces := interfaces(toks)
	wx := ifaces["Wx"]
	if wx == nil {
		return nil, fmt.Errorf("interface Wx not found")
	}

	byName := map[string]*api{}
	var order []*api
	for _, m := range wx.members {
		if !m.method {
			continue // wx.cloud, wx.env, wx.router, wx.worklet: objects, not methods
		}
		a := byName[m.name]
		if a == nil {
			a = &api{Name: m.name}
			byName[m.name] = a
			order = append(order, a)
		}
		since := version(m.doc)
		switch {
		case a.Since == "":
			a.Since = since
		case since != "" && since != a.Since:
			return nil, fmt.Errorf("wx.%s: overloads need base library %s and %s", m.name, a.Since, since)
		}
		if a.URL == "" {
			a.URL = docURL(m.name, m.doc)
		}
		// The option object is the parameter whose type is an interface
		// of the file: the first parameter of most methods, the second of
		// createIntersectionObserver(component, options) and
		// createWorker(scriptPath, options).
		var opt *iface
		for _, t := range m.paramTypes {
			if in := ifaces[t]; in != nil {
				if opt != nil {
					return nil, fmt.Errorf("wx.%s: two option parameters, %s and %s", m.name, opt.name, t)
				}
				opt = in
			}
		}
		if opt == nil {
			continue // no option object: a string, a callback, a type alias
		}
		for _, f := range optionFields(opt, ifaces) {
			i := slices.IndexFunc(a.Fields, func(g field) bool { return g.Name == f.Name })
			switch {
			case i < 0:
				a.Fields = append(a.Fields, f)
			case a.Fields[i].Since != f.Since:
				return nil, fmt.Errorf("wx.%s: option field %s needs base library %s and %s", m.name, f.Name, a.Fields[i].Since, f.Since)
			}
		}
	}
	for _, a := range order {
		if a.URL == "" {
			log.Printf("note: wx.%s has no documentation link", a.Name)
		}
		slices.SortFunc(a.Fields, func(x, y field) int { return strings.Compare(x.Name, y.Name) })
	}
	slices.SortFunc(order, func(x, y *api) int { return strings.Compare(x.Name, y.Name) })
	return order, nil
}

// optionFields returns the fields of an option interface that carry their
// own base library version, and those of interfaces one level down, as
// dotted paths.
func optionFields(opt *iface, ifaces map[string]*iface) []field {
	var out []field
	for _, m := range allMembers(opt, ifaces) {
		if m.method {
			continue
		}
		if v := version(m.doc); v != "" {
			out = append(out, field{m.name, v})
		}
		sub := ifaces[m.typeName]
		if sub == nil {
			continue
		}
		for _, n := range allMembers(sub, ifaces) {
			if n.method {
				continue
			}
			if v := version(n.doc); v != "" {
				out = append(out, field{m.name + "." + n.name, v})
			}
		}
	}
	return out
}

// allMembers returns the members of an interface, its own first and then
// those it extends.
func allMembers(in *iface, ifaces map[string]*iface) []member {
	var out []member
	seen := map[string]bool{}
	var walk func(*iface)
	walk = func(in *iface) {
		if in == nil || seen[in.name] {
			return
		}
		seen[in.name] = true
		out = append(out, in.members...)
		for _, e := range in.extends {
			walk(ifaces[e])
		}
	}
	walk(in)
	return out
}

// version returns the x.y.z of a JSDoc line "需要基础库： `x.y.z`" (either
// colon), ignoring "在插件中使用：需要基础库 `x.y.z`", which is about plugins.
var versionRE = regexp.MustCompile("(?m)^[ \\t]*(?:/\\*\\*|\\*)?[ \\t]*需要基础库[：:][ \\t]*`([0-9]+\\.[0-9]+\\.[0-9]+)`")

func version(doc string) string {
	m := versionRE.FindAllStringSubmatch(doc, -1)
	if len(m) == 0 {
		return ""
	}
	return m[0][1]
}

var linkRE = regexp.MustCompile(`\]\((https://developers\.weixin\.qq\.com/[^)\s]+)\)`)

// docURL returns the link of a method's JSDoc to its own page: the last link
// of the first line when that line names wx.name (the link text may itself
// hold a link, as in "[[Animation](…) wx.createAnimation(…)](…)"), else the
// first link to a page named wx.name.html.
func docURL(name string, doc string) string {
	first, _, _ := strings.Cut(doc, "\n")
	nameRE := regexp.MustCompile(`(^|[^\w$.])wx\.` + regexp.QuoteMeta(name) + `\b`)
	if nameRE.MatchString(first) {
		if links := linkRE.FindAllStringSubmatch(first, -1); len(links) > 0 {
			return links[len(links)-1][1]
		}
	}
	for _, l := range linkRE.FindAllStringSubmatch(doc, -1) {
		if strings.HasSuffix(l[1], "/wx."+name+".html") {
			return l[1]
		}
	}
	return ""
}

// A tiny TypeScript declaration tokenizer and parser: enough to read the
// interfaces of a .d.ts file, their members, the JSDoc before each member,
// the parameter types of each method and the type name of each property.

type token struct {
	kind int // tIdent, tPunct, tString, tDoc
	text string
	nl   bool // a newline comes between this token and the one before
}

const (
	tIdent = iota
	tPunct
	tString
	tDoc
)

func tokenize(src string) ([]token, error) {
	var toks []token
	nl := false
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			nl = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case strings.HasPrefix(src[i:], "//"):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			i += j
			continue
		case strings.HasPrefix(src[i:], "/*"):
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("unterminated comment at offset %d", i)
			}
			text := src[i : i+2+j+2]
			if strings.HasPrefix(text, "/**") && !strings.HasPrefix(text, "/**/") {
				toks = append(toks, token{tDoc, text, nl})
				nl = false
			} else {
				nl = nl || strings.Contains(text, "\n")
			}
			i += len(text)
			continue
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated string at offset %d", i)
			}
			toks = append(toks, token{tString, src[i : j+1], nl})
			i = j + 1
		case isWord(c):
			j := i
			for j < len(src) && isWord(src[j]) {
				j++
			}
			toks = append(toks, token{tIdent, src[i:j], nl})
			i = j
		case strings.HasPrefix(src[i:], "=>"):
			toks = append(toks, token{tPunct, "=>", nl})
			i += 2
		case strings.HasPrefix(src[i:], "..."):
			toks = append(toks, token{tPunct, "...", nl})
			i += 3
		default:
			toks = append(toks, token{tPunct, string(c), nl})
			i++
		}
		nl = false
	}
	return toks, nil
}

func isWord(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

type iface struct {
	name    string
	extends []string
	members []member
}

type member struct {
	name       string
	doc        string
	method     bool
	paramTypes []string // method: the type of each parameter when that is a single named type
	typeName   string   // property: its type when that is a single named type
}

// interfaces parses every "interface Name [extends ...] { ... }" of the
// token stream; declarations of the same name merge, as in TypeScript.
func interfaces(toks []token) map[string]*iface {
	out := map[string]*iface{}
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind != tIdent || toks[i].text != "interface" || toks[i+1].kind != tIdent {
			continue
		}
		if i > 0 && toks[i-1].text == "." {
			continue
		}
		name := toks[i+1].text
		j := i + 2
		if toks[j].text == "<" {
			j = skipBalanced(toks, j)
		}
		var extends []string
		if toks[j].kind == tIdent && toks[j].text == "extends" {
			j++
			for j < len(toks) && toks[j].text != "{" {
				if toks[j].kind == tIdent {
					extends = append(extends, toks[j].text)
				}
				if j+1 < len(toks) && toks[j+1].text == "<" {
					j = skipBalanced(toks, j+1)
					continue
				}
				j++
			}
		}
		if j >= len(toks) || toks[j].text != "{" {
			continue
		}
		members, end := parseBody(toks, j+1)
		in := out[name]
		if in == nil {
			in = &iface{name: name}
			out[name] = in
		}
		in.extends = append(in.extends, extends...)
		in.members = append(in.members, members...)
		i = end
	}
	return out
}

// skipBalanced returns the index after the bracket that closes toks[i].
func skipBalanced(toks []token, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch toks[i].text {
		case "(", "[", "{", "<":
			depth++
		case ")", "]", "}", ">":
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

// Tokens that continue a type onto the next line.
var (
	continuesAfter  = map[string]bool{":": true, "|": true, "&": true, "=>": true, ",": true, "=": true, "?": true, "extends": true, "keyof": true, "typeof": true, "readonly": true, ".": true}
	continuesBefore = map[string]bool{"|": true, "&": true, "=>": true, ".": true, "?": true, ":": true, "extends": true, "=": true}
)

// parseBody parses interface members from toks[i] up to the closing brace,
// and returns them with the index of that brace.
func parseBody(toks []token, i int) ([]member, int) {
	var members []member
	doc := ""
	for i < len(toks) {
		t := toks[i]
		switch {
		case t.kind == tDoc:
			doc = t.text
			i++
			continue
		case t.text == "}":
			return members, i
		case t.text == ";" || t.text == ",":
			i++
			continue
		}
		start := i
		end := memberEnd(toks, i)
		if m, ok := parseMember(toks[start:end]); ok {
			m.doc = doc
			members = append(members, m)
		}
		doc = ""
		i = end
	}
	return members, i
}

// memberEnd returns the index just past the member that starts at toks[i].
func memberEnd(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if depth == 0 && j > i {
			if t.text == "}" || t.text == ";" || t.text == "," {
				return j
			}
			if t.nl && !continuesBefore[t.text] && !continuesAfter[toks[j-1].text] {
				return j
			}
		}
		switch t.text {
		case "(", "[", "{", "<":
			depth++
		case ")", "]", "}", ">":
			depth--
		}
	}
	return len(toks)
}

func parseMember(toks []token) (member, bool) {
	i := 0
	for i+1 < len(toks) && toks[i].kind == tIdent && (toks[i].text == "readonly") && toks[i+1].kind == tIdent {
		i++
	}
	if i >= len(toks) || (toks[i].kind != tIdent && toks[i].kind != tString) {
		return member{}, false // index or call signature
	}
	m := member{name: toks[i].text}
	if toks[i].kind == tString {
		m.name, _ = strconv.Unquote(`"` + m.name[1:len(m.name)-1] + `"`)
	}
	i++
	if i < len(toks) && toks[i].text == "?" {
		i++
	}
	if i >= len(toks) {
		return member{}, false
	}
	switch toks[i].text {
	case ":":
		m.typeName = singleType(toks[i+1:], nil)
		return m, true
	case "<", "(":
	default:
		return member{}, false
	}
	m.method = true
	// Type parameters: T extends X = Y stands for X (or Y).
	params := map[string]string{}
	if toks[i].text == "<" {
		end := skipBalanced(toks, i)
		for _, p := range splitTop(toks[i+1 : end-1]) {
			p = stripDocs(p)
			if len(p) == 0 || p[0].kind != tIdent {
				continue
			}
			for k := 1; k < len(p); k++ {
				if p[k].text == "extends" || p[k].text == "=" {
					params[p[0].text] = singleType(p[k+1:], nil)
					break
				}
			}
		}
		i = end
	}
	if i >= len(toks) || toks[i].text != "(" {
		return m, true
	}
	end := skipBalanced(toks, i)
	for _, arg := range splitTop(toks[i+1 : end-1]) {
		arg = stripDocs(arg)
		typ := ""
		for k := 0; k < len(arg); k++ {
			if arg[k].text == ":" {
				typ = singleType(arg[k+1:], params)
				break
			}
		}
		m.paramTypes = append(m.paramTypes, typ)
	}
	return m, true
}

// singleType returns the name of a type written as one name, with any type
// arguments dropped and type parameters resolved; "" for anything else.
func singleType(toks []token, params map[string]string) string {
	toks = stripDocs(toks)
	if len(toks) == 0 || toks[0].kind != tIdent {
		return ""
	}
	n := 1
	if n < len(toks) && toks[n].text == "<" {
		n = skipBalanced(toks, n)
	}
	// Stop at a default ("= Y") when reading "X = Y" of a type parameter.
	if n < len(toks) && toks[n].text != "=" {
		return ""
	}
	name := toks[0].text
	if p, ok := params[name]; ok {
		return p
	}
	return name
}

// splitTop splits a token list at its top-level commas.
func splitTop(toks []token) [][]token {
	var out [][]token
	depth, start := 0, 0
	for j, t := range toks {
		switch t.text {
		case "(", "[", "{", "<":
			depth++
		case ")", "]", "}", ">":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:j])
				start = j + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

func stripDocs(toks []token) []token {
	var out []token
	for _, t := range toks {
		if t.kind != tDoc {
			out = append(out, t)
		}
	}
	return out
}

func render(t typings, apis []*api) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen.go from %s@%s; DO NOT EDIT.\n\n", t.name, t.version)
	b.WriteString("package wxapi\n\n")
	fmt.Fprintf(&b, "// %s is the version of the npm package %s\n", t.versionConst, t.name)
	b.WriteString("// the table was generated from.\n")
	fmt.Fprintf(&b, "const %s = %q\n\n", t.versionConst, t.version)
	if t.tableVar == "table" {
		b.WriteString("// table holds every method of the wx object, sorted by name.\n")
	} else {
		fmt.Fprintf(&b, "// %s holds every method of the wx object of %s, sorted by name.\n", t.tableVar, t.what)
	}
	fmt.Fprintf(&b, "var %s = [...]API{\n", t.tableVar)
	for _, a := range apis {
		if a.URL != "" && !strings.HasPrefix(a.URL, docPrefix) {
			return nil, fmt.Errorf("wx.%s: unexpected link %s", a.Name, a.URL)
		}
		fmt.Fprintf(&b, "{%q, %q, %q, ", a.Name, a.Since, a.URL)
		if len(a.Fields) == 0 {
			b.WriteString("nil},\n")
			continue
		}
		b.WriteString("[]Field{")
		for _, f := range a.Fields {
			fmt.Fprintf(&b, "{%q, %q}, ", f.Name, f.Since)
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
