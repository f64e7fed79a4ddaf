package chattoolnavigation

import (
	"go/token"
	"sort"
	"strconv"

	"github.com/chattool-lint/chattool-lint/lint"
)

// maxStack is the most pages a mini program's page stack holds (wx.navigateTo:
// «小程序中页面栈最多十层»): at most nine chat-tool pages lie below one.
const maxStack = 10

// stack works out, for each page of the chat tool, how many chat-tool pages
// can lie below it on the page stack, from the navigations the chat tool's
// code makes: a page opened by wx.navigateTo from page S has up to one more
// than S below it, one opened by wx.redirectTo as many as S, and a page
// nothing opens none (the chat tool was opened at it: the stack's first
// chat-tool page). Navigation whose target is not known, from code whose
// page is not known, or through something else than wx (Skyline's
// this.pageRouter, a wrapper) makes every depth unknown, and then no
// navigateBack is judged.
type stack struct {
	pages   map[string]bool
	edges   []edge
	unknown bool
	backs   []back
}

// edge is a navigation from page from ("" when not known: any chat-tool
// page) to page to, adding add pages below it.
type edge struct {
	from, to string
	add      int
}

// back is a navigateBack of delta pages from a chat-tool page.
type back struct {
	page, what string
	delta      int
	start, end token.Pos
}

func newStack(pages map[string]bool) *stack { return &stack{pages: pages} }

func (s *stack) edge(from, to string, add int) {
	s.edges = append(s.edges, edge{from, to, add})
}

// depths returns, for each chat-tool page, the most chat-tool pages that can
// lie below it (at most maxStack-1).
func (s *stack) depths() map[string]int {
	d := map[string]int{}
	for pg := range s.pages {
		d[pg] = 0
	}
	deepest := func() int {
		m := 0
		for _, v := range d {
			m = max(m, v)
		}
		return m
	}
	for changed := true; changed; {
		changed = false
		for _, e := range s.edges {
			below := 0
			if e.from == "" {
				below = deepest()
			} else {
				below = d[e.from]
			}
			if n := min(below+e.add, maxStack-1); n > d[e.to] {
				d[e.to], changed = n, true
			}
		}
	}
	return d
}

// report reports each navigateBack that goes back past the chat tool's
// pages: it leaves chat-tool mode. Going back one page from a page nothing
// opens is the documented way to close the chat tool
// (framework/open-ability/chatTool.html), so that is an info.
func (s *stack) report(c *checker) {
	if s.unknown || len(s.backs) == 0 {
		return
	}
	d := s.depths()
	sort.SliceStable(s.backs, func(i, j int) bool { return s.backs[i].start < s.backs[j].start })
	for _, b := range s.backs {
		below := d[b.page]
		if b.delta <= below {
			continue
		}
		if below == 0 {
			sev := lint.Warning
			if b.delta == 1 {
				sev = lint.Info
			}
			lint.Report(c.pass, sev, b.start, b.end,
				"%s from %s leaves chat-tool mode: no chat-tool page opens %s with wx.navigateTo, so it is the first page of the chat tool on the stack and going back %s leaves the subpackage %s",
				b.what, b.page, b.page, pagesWord(b.delta), c.ct.Root)
			continue
		}
		lint.Report(c.pass, lint.Warning, b.start, b.end,
			"%s back %s from %s leaves chat-tool mode: at most %s of the chat tool lie below it, as its wx.navigateTo and wx.redirectTo calls open it",
			b.what, pagesWord(b.delta), b.page, pagesWord(below))
	}
}

func pagesWord(n int) string {
	if n == 1 {
		return "1 page"
	}
	return strconv.Itoa(n) + " pages"
}
