package lint

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Doc is a rule's documentation, parsed from the package comment of the
// rule's doc.go. That one comment feeds `chattool-lint explain`, `chattool-lint
// rules`, SARIF tool.driver.rules[] and the README's rule table.
//
// The comment has this shape (see any rules/*/doc.go):
//
//	# Rule NAME
//
//	NAME: one-line summary
//
//	Full text, any number of paragraphs, lists and code blocks.
//
//	Default severity: error
//
//	# Bad
//
//	<code block>
//
//	# Good
//
//	<code block>
type Doc struct {
	Name     string
	Summary  string
	Severity Severity
	// Text is the full documentation as plain text, without the summary and
	// the examples.
	Text string
	// Markdown is the same text, as Markdown.
	Markdown string
	// Bad and Good are the example code blocks.
	Bad, Good string
	// URL is where the rule is documented on the web.
	URL string
	// MiniGames is set when the rule also checks mini games (a paragraph
	// "Applies to: mini programs and mini games."); a rule that does not
	// say so checks mini programs only.
	MiniGames bool
}

// DocBaseURL is where rule documentation is published: each rule's doc.go in
// the repository.
const DocBaseURL = "https://github.com/chattool-lint/chattool-lint/blob/main/rules/"

// ParseDoc parses the package comment of a rule's doc.go source. dir is the
// rule's directory name under rules/, used for the URL.
func ParseDoc(src, dir string) (*Doc, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	if f.Doc == nil {
		return nil, fmt.Errorf("doc.go of %s has no package comment", dir)
	}
	return parseDocComment(f.Doc, dir)
}

func parseDocComment(cg *ast.CommentGroup, dir string) (*Doc, error) {
	var p comment.Parser
	d := p.Parse(cg.Text())
	doc := &Doc{Severity: -1, URL: DocBaseURL + dir + "/doc.go"}
	var body []comment.Block
	section := ""
	for _, b := range d.Content {
		switch b := b.(type) {
		case *comment.Heading:
			h := plain(b.Text)
			if name, ok := strings.CutPrefix(h, "Rule "); ok && doc.Name == "" {
				doc.Name = strings.TrimSpace(name)
				continue
			}
			section = h
			if section == "Bad" || section == "Good" {
				continue
			}
		case *comment.Paragraph:
			if doc.Name == "" {
				continue // "Package x defines ...": for go doc only
			}
			t := plain(b.Text)
			if doc.Summary == "" {
				if s, ok := strings.CutPrefix(t, doc.Name+":"); ok {
					doc.Summary = strings.TrimSpace(s)
					continue
				}
			}
			if s, ok := strings.CutPrefix(t, "Applies to:"); ok {
				switch strings.TrimSuffix(strings.TrimSpace(s), ".") {
				case "mini programs and mini games":
					doc.MiniGames = true
				case "mini programs":
				default:
					return nil, fmt.Errorf("rule %s: \"Applies to:%s\": want \"mini programs\" or \"mini programs and mini games\"", dir, s)
				}
			}
			if s, ok := strings.CutPrefix(t, "Default severity:"); ok {
				sev, err := ParseSeverity(strings.TrimSuffix(strings.TrimSpace(s), "."))
				if err != nil {
					return nil, fmt.Errorf("rule %s: %v", dir, err)
				}
				doc.Severity = sev
			}
		case *comment.Code:
			switch section {
			case "Bad":
				doc.Bad = b.Text
				continue
			case "Good":
				doc.Good = b.Text
				continue
			}
		}
		body = append(body, b)
	}
	switch {
	case doc.Name == "":
		return nil, fmt.Errorf("doc.go of %s: no \"# Rule NAME\" heading", dir)
	case doc.Summary == "":
		return nil, fmt.Errorf("doc.go of %s: no %q summary paragraph", dir, doc.Name+": ...")
	case doc.Severity < 0:
		return nil, fmt.Errorf("doc.go of %s: no \"Default severity: ...\" paragraph", dir)
	}
	pr := comment.Printer{TextWidth: 100}
	rest := &comment.Doc{Content: body, Links: d.Links}
	doc.Text = strings.TrimSpace(string(pr.Text(rest)))
	doc.Markdown = strings.TrimSpace(string(pr.Markdown(rest)))
	return doc, nil
}

func plain(text []comment.Text) string {
	var sb strings.Builder
	for _, t := range text {
		switch t := t.(type) {
		case comment.Plain:
			sb.WriteString(string(t))
		case comment.Italic:
			sb.WriteString(string(t))
		case *comment.Link:
			sb.WriteString(plain(t.Text))
		case *comment.DocLink:
			sb.WriteString(plain(t.Text))
		}
	}
	return sb.String()
}

// NewRule builds a rule from its analyzer and the source of its doc.go. The
// analyzer's Name, Doc and URL are filled from the documentation, so that the
// one comment is the only place a rule is described. dir is the rule's
// directory under rules/. A malformed doc.go panics: it is a programming
// error, caught by every test of the rule.
func NewRule(docSrc, dir string, a *analysis.Analyzer) *Rule {
	doc, err := ParseDoc(docSrc, dir)
	if err != nil {
		panic(err)
	}
	a.Name = doc.Name
	a.Doc = doc.Summary + "\n\n" + doc.Text
	a.URL = doc.URL
	registered[doc.Name] = true
	return &Rule{Analyzer: a, Doc: doc}
}

// registered are the names of every rule made with NewRule: the rules of
// the program (package initialization makes them, before any run).
var registered = map[string]bool{}

// Known reports whether a rule of this name exists in the program, whether
// or not a run includes it.
func Known(name string) bool { return registered[name] }

// Names are the names of every rule of the program, sorted.
func Names() []string {
	names := make([]string, 0, len(registered))
	for n := range registered {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
