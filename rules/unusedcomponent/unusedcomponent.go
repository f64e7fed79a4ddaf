package unusedcomponent

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

//go:embed doc.go
var doc string

// Rule is the unused-component rule.
var Rule = lint.NewRule(doc, "unusedcomponent", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, views.Analyzer},
	Run:      run,
})

// uses are the tags the templates of one page or component use, lower
// case.
type uses struct {
	tags map[string]bool
	// unknown is set when a generic:NAME attribute holds a data binding:
	// any tag may be passed.
	unknown bool
}

func (u *uses) add(tag string) {
	if u.tags == nil {
		u.tags = map[string]bool{}
	}
	u.tags[strings.ToLower(strings.TrimSpace(tag))] = true
}

type checker struct {
	p *project.Project
	r *views.Result
	// owner maps a page's or component's json to its path.
	owner map[*project.JSONFile]string
	// byOwner holds the uses of each page or component that has a
	// template; all the uses of every template of the project.
	byOwner map[string]*uses
	all     uses
	// orphan holds the uses of the templates no loaded page or component
	// owns: custom-tab-bar and app-bar, which WeChat loads from app.json's
	// tabBar and appBar, among them.
	orphan uses
	// slotted maps a component path to the tags written inside its
	// elements in other templates.
	slotted map[string]*uses
	// files are the templates of each page or component.
	files map[string][]*wxml.File
	// commented holds, by page or component, the tags written in the
	// comments of its templates (read when first asked for): the panel
	// counts them as uses.
	commented map[string]*uses
	// pageless is set when a page has no template: a global entry may be
	// used in the one it will have (a build step writes the pages of
	// tdesign-miniprogram's example).
	pageless bool
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil {
		return nil, nil
	}
	c := &checker{p: p, r: views.Of(pass), owner: map[*project.JSONFile]string{},
		byOwner: map[string]*uses{}, slotted: map[string]*uses{}, files: map[string][]*wxml.File{}, commented: map[string]*uses{}}
	for _, pg := range p.Pages {
		if pg.JSON != nil {
			c.owner[pg.JSON] = pg.Path
		}
	}
	for _, comp := range p.Components {
		if comp.JSON != nil {
			c.owner[comp.JSON] = comp.Path
		}
	}
	c.collect()
	for _, pg := range p.Pages {
		if c.r.WXML.ByMP(pg.Path+".wxml") == nil {
			c.pageless = true
		}
	}

	refs := p.ComponentRefs()
	used := make([]bool, len(refs))
	// The components the panel counts as used: the targets of used
	// entries and of every app.json entry.
	usedTarget := map[*project.Component]bool{}
	for i, ref := range refs {
		used[i] = c.used(ref)
		if ref.Target != nil && (used[i] || ref.From == p.App || c.inComment(ref)) {
			usedTarget[ref.Target] = true
		}
	}
	for i, ref := range refs {
		if !used[i] && !vendored(ref.From.Path) {
			c.report(pass, ref, usedTarget)
		}
	}
	return nil, nil
}

// report reports an unused entry: an error when the panel fails for it (no
// other entry uses its component), else a warning.
func (c *checker) report(pass *analysis.Pass, ref *project.ComponentRef, usedTarget map[*project.Component]bool) {
	m := ref.Member
	sev, msg := lint.Warning, ""
	if ref.From == c.p.App {
		msg = fmt.Sprintf("global component %q is used by no template", m.Key)
	} else {
		msg = fmt.Sprintf("component %q is used by no template of %s", m.Key, c.owner[ref.From])
		if ref.Target != nil && !usedTarget[ref.Target] && !c.orphan.tags[tagOf(ref)] {
			sev = lint.Error
		}
	}
	d := analysis.Diagnostic{Pos: ref.From.Pos(m.KeyStart), End: ref.From.Pos(m.KeyEnd),
		Category: sev.String(), Message: msg}
	if e, ok := c.removal(ref); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(ref.From.File,
			fmt.Sprintf("Remove %q from usingComponents", m.Key), e)}
	}
	pass.Report(d)
}

// collect records the tags every template uses, by the pages and
// components that own it, and the tags written inside custom components.
func (c *checker) collect() {
	for _, f := range c.r.WXML.Files {
		owners := c.r.Owners(f.MP)
		for _, o := range owners {
			c.files[o] = append(c.files[o], f)
		}
		for _, e := range f.Doc.Elements() {
			for _, u := range c.sinks(owners) {
				u.add(e.Name)
			}
			if len(owners) == 0 {
				c.orphan.add(e.Name)
			}
			for _, a := range e.Attrs {
				name, ok := strings.CutPrefix(a.Name, "generic:")
				if !ok || name == "" {
					continue
				}
				v, static := a.Static()
				for _, u := range c.sinks(owners) {
					if static {
						u.add(v)
					} else {
						u.unknown = true
					}
				}
			}
			for anc := e.Parent; anc != nil; anc = anc.Parent {
				if ref, _ := c.r.Tag(f.MP, anc); ref != nil && ref.Target != nil {
					s := c.slotted[ref.Target.Path]
					if s == nil {
						s = &uses{}
						c.slotted[ref.Target.Path] = s
					}
					s.add(e.Name)
				}
			}
		}
	}
	for jf, base := range c.owner {
		for _, v := range placeholders(jf) {
			if u := c.byOwner[base]; u != nil {
				u.add(v)
			}
			c.all.add(v)
		}
	}
}

// sinks returns where the uses of a template owned by owners go: each
// owner's, and the whole project's.
func (c *checker) sinks(owners []string) []*uses {
	out := []*uses{&c.all}
	for _, o := range owners {
		u := c.byOwner[o]
		if u == nil {
			u = &uses{}
			c.byOwner[o] = u
		}
		out = append(out, u)
	}
	return out
}

var (
	comment = regexp.MustCompile(`(?s)<!--(.*?)-->`)
	// commentTag finds the start tags in a comment ("<!-- <card/> -->").
	commentTag = regexp.MustCompile(`<([A-Za-z][A-Za-z0-9_.:\-]*)`)
)

func tagOf(ref *project.ComponentRef) string {
	return strings.ToLower(strings.TrimSpace(ref.Member.Key))
}

// inComment reports whether a comment of the templates of the entry's page
// or component has its tag: markup commented out, which the panel counts
// as a use (miniprogram-ci 2.1.42 passes such an entry).
// A loaded template keeps no comments: its file is read again, once.
func (c *checker) inComment(ref *project.ComponentRef) bool {
	base, ok := c.owner[ref.From]
	if !ok {
		return false
	}
	u := c.commented[base]
	if u == nil {
		u = &uses{}
		c.commented[base] = u
		for _, f := range c.files[base] {
			pf, err := c.p.ReadFile(f.File.Path)
			if err != nil {
				continue
			}
			for _, cm := range comment.FindAllSubmatch(pf.Src, -1) {
				for _, m := range commentTag.FindAllSubmatch(cm[1], -1) {
					u.add(string(m[1]))
				}
			}
		}
	}
	return u.tags[tagOf(ref)]
}

// used reports whether the entry is used, or cannot be known not to be.
func (c *checker) used(ref *project.ComponentRef) bool {
	tag := tagOf(ref)
	if ref.From == c.p.App {
		return c.pageless || c.all.unknown || c.all.tags[tag]
	}
	base, ok := c.owner[ref.From]
	if !ok {
		return true
	}
	u := c.byOwner[base]
	if u == nil || c.r.WXML.ByMP(base+".wxml") == nil {
		return true // no template: nothing to judge by
	}
	if u.unknown || u.tags[tag] {
		return true
	}
	if s := c.slotted[base]; s != nil && s.tags[tag] {
		return true
	}
	return false
}

// removal is the edit that removes the entry, when that is safe.
func (c *checker) removal(ref *project.ComponentRef) (jsonedit.Edit, bool) {
	root := ref.From.Root
	if root == nil {
		return jsonedit.Edit{}, false
	}
	if root.Get("componentPlaceholder").Get(ref.Member.Key) != nil {
		return jsonedit.Edit{}, false
	}
	return jsonedit.RemoveMember(ref.From.Src, root.Get("usingComponents"), ref.Member)
}

// placeholders returns the values of a json's componentPlaceholder.
func placeholders(jf *project.JSONFile) []string {
	var out []string
	if jf.Root == nil {
		return nil
	}
	ph := jf.Root.Get("componentPlaceholder")
	if ph == nil || ph.Kind != jsonc.Object {
		return nil
	}
	for _, m := range ph.Members {
		if s, ok := m.Value.String(); ok {
			out = append(out, s)
		}
	}
	return out
}

// vendored reports whether a file belongs to a built npm package.
func vendored(rel string) bool {
	return strings.HasPrefix(rel, "miniprogram_npm/") || strings.Contains(rel, "/miniprogram_npm/") ||
		strings.HasPrefix(rel, "node_modules/") || strings.Contains(rel, "/node_modules/")
}
