package engine

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/options"
)

// TestReachAgain: an edit of a script that changes nothing Reach follows
// (a comment, a call) does not follow the code again, one that does (a
// require) does.
func TestReachAgain(t *testing.T) {
	dir := copyProject(t, "../testdata/example")
	res, err := (&options.Flags{NoCache: true}).Resolver()
	if err != nil {
		t.Fatal(err)
	}
	eng := New()
	eng.Trust(true)
	page := "miniprogram/pages/index/index.js"
	text, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu  sync.Mutex
		ran = map[string]bool{}
	)
	traceRun = func(name string, reused bool, _ time.Duration) {
		mu.Lock()
		ran[name] = !reused
		mu.Unlock()
	}
	defer func() { traceRun = nil }()
	check1 := func(src string) {
		t.Helper()
		clear(ran)
		o, _ := res.For(dir)
		j := &check.Job{Target: &discover.Target{Dir: dir, Overlay: map[string][]byte{page: []byte(src)}}, Options: o}
		eng.Check(j)
		if j.LoadErr != nil || j.Err != nil {
			t.Fatal(j.LoadErr, j.Err)
		}
	}
	check1(string(text))
	for _, c := range []struct {
		edit  string
		again bool
	}{
		{"// a comment\n", false},
		{"wx.setNavigationBarTitle({ title: 'ok' })\n", false},
		{"const u = require('../../app.js')\n", true},
		{"// after the require\n", false},
		{"const s = '/templates/footer.wxml'\n", true},
		{"require(name)\n", true},
	} {
		check1(string(text) + c.edit)
		if !ran["jsparse"] {
			t.Errorf("%q: jsparse did not run", c.edit)
		}
		if ran["reach"] != c.again {
			t.Errorf("%q: reach ran: %v, want %v", c.edit, ran["reach"], c.again)
		}
		text = append(text, c.edit...)
	}
}
