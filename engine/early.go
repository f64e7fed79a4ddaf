package engine

import (
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// The Reach (size.ReachAnalyzer) follows the scripts, templates and style
// sheets as their parsers give them, and nothing of the views it requires
// but the templates and style sheets they hold. The driver runs it after
// the views, at the end of a check, where it and the rule on it
// (unused-file) run alone once the other rules are done: the first check
// of a language server waits for them. So a check that loads the project
// (the Reach's inputs change with the model: it runs) starts the Reach as
// soon as the three parsers have given their results, beside the views
// and the rules on them, and the Reach's run takes it when the views hold
// the same parses (see cached.run).

// early is the Reach a check started early, of project p from those
// parses; r is nil when making it panicked (the run makes it again).
type early struct {
	done    chan struct{}
	p       *project.Project
	scripts *jsparse.Result
	wr      *wxml.Result
	sr      *wxss.Result
	r       *size.Reach
}

// parsers are the analyzers whose results the Reach follows.
var parsers = map[*analysis.Analyzer]bool{jsparse.Analyzer: true, wxml.Analyzer: true, wxss.Analyzer: true}

// earlyState is what a check knows of its early Reach.
type earlyState struct {
	mu     sync.Mutex
	want   bool // the check loaded the project, and a rule needs the Reach
	parsed map[*analysis.Analyzer]any
	early  *early
	taken  int // Reaches taken (for tests)
}

// reset readies s for a check whose rules are rs and options o.
func (s *earlyState) reset(rs []*lint.Rule, disabled map[string]bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.want, s.parsed, s.early = false, map[*analysis.Analyzer]any{}, nil
	seen := map[*analysis.Analyzer]bool{}
	var needs func(a *analysis.Analyzer) bool
	needs = func(a *analysis.Analyzer) bool {
		if a == size.ReachAnalyzer {
			return true
		}
		if seen[a] {
			return false
		}
		seen[a] = true
		for _, req := range a.Requires {
			if needs(req) {
				return true
			}
		}
		return false
	}
	for _, r := range rs {
		if !disabled[r.Doc.Name] && needs(r.Analyzer) {
			s.want = true // (until load says whether it loaded)
			return
		}
	}
}

// loaded says whether the check loaded its project, rather than derived it.
func (s *earlyState) loaded(yes bool) {
	s.mu.Lock()
	s.want = s.want && yes
	s.mu.Unlock()
}

// parsed records the result of a parser, and starts the Reach once the
// three have given theirs, when the check wants it early.
func (s *earlyState) record(a *analysis.Analyzer, pass *analysis.Pass, res any) {
	if !parsers[a] {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.want || s.early != nil {
		return
	}
	s.parsed[a] = res
	scripts, _ := s.parsed[jsparse.Analyzer].(*jsparse.Result)
	wr, _ := s.parsed[wxml.Analyzer].(*wxml.Result)
	sr, _ := s.parsed[wxss.Analyzer].(*wxss.Result)
	if scripts == nil || wr == nil || sr == nil {
		return
	}
	e := &early{done: make(chan struct{}), p: project.Of(pass), scripts: scripts, wr: wr, sr: sr}
	s.early = e
	go func() {
		defer close(e.done)
		defer func() {
			if recover() != nil {
				e.r = nil
			}
		}()
		e.r = size.NewReach(e.p, e.scripts, e.wr, e.sr)
	}()
}

// take returns the Reach started early for the Reach's pass, once made,
// when it follows the parses the pass's views hold; nil otherwise.
func (s *earlyState) take(pass *analysis.Pass) *size.Reach {
	s.mu.Lock()
	e := s.early
	s.mu.Unlock()
	if e == nil {
		return nil
	}
	v, _ := pass.ResultOf[views.Analyzer].(*views.Result)
	scripts, _ := pass.ResultOf[jsparse.Analyzer].(*jsparse.Result)
	if v == nil || project.Of(pass) != e.p || scripts != e.scripts || v.WXML != e.wr || v.WXSS != e.sr {
		return nil
	}
	<-e.done
	if e.r != nil {
		s.mu.Lock()
		s.taken++
		s.mu.Unlock()
	}
	return e.r
}
