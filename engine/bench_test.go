package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/internal/testutil"
	"github.com/chattool-lint/chattool-lint/options"
)

// BenchmarkEditDemo measures a check through an Engine after an edit of
// the buffer of one chat-tool page of the official demo (CHATTOOL_LSP_DEMO,
// as for the language server's benchmarks), a new line at its end each
// time, the Engine trusting the files on disk as a watcher lets it.
func BenchmarkEditDemo(b *testing.B) {
	dir := os.Getenv("CHATTOOL_LSP_DEMO")
	if dir == "" {
		dir = "/tmp/demo"
	}
	if _, err := os.Stat(filepath.Join(dir, "project.config.json")); err != nil {
		b.Skipf("no demo project at %s (CHATTOOL_LSP_DEMO)", dir)
	}
	page := "miniprogram/packageChatTool/pages/activity_detail/index.js"
	if p := os.Getenv("CHATTOOL_EDIT"); p != "" {
		page = p
	}
	text, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		b.Fatal(err)
	}
	res, err := (&options.Flags{}).Resolver()
	if err != nil {
		b.Fatal(err)
	}
	eng := New()
	eng.Trust(true)
	check1 := func(overlay map[string][]byte) *check.Job {
		o, _ := res.For(dir)
		j := &check.Job{Target: &discover.Target{Dir: dir, Overlay: overlay}, Options: o}
		eng.Check(j)
		if j.LoadErr != nil || j.Err != nil {
			b.Fatal(j.LoadErr, j.Err)
		}
		return j
	}
	first := check1(map[string][]byte{page: text})
	times := make([]time.Duration, 0, b.N)
	spent := map[string]time.Duration{}
	var mu sync.Mutex // (the rules run side by side)
	if os.Getenv("CHATTOOL_TRACE") != "" {
		traceRun = func(name string, reused bool, d time.Duration) {
			if reused {
				name += " (reused)"
			}
			mu.Lock()
			spent[name] += d
			mu.Unlock()
		}
		defer func() { traceRun = nil }()
	}
	cpu0 := testutil.CPUTime()
	b.ResetTimer()
	for i := range b.N {
		edited := fmt.Appendf(nil, "%s\n// edit %d\n", text, i)
		begin := time.Now()
		j := check1(map[string][]byte{page: edited})
		times = append(times, time.Since(begin))
		if len(j.Result.Findings) != len(first.Result.Findings) {
			b.Fatalf("%d findings, then %d", len(first.Result.Findings), len(j.Result.Findings))
		}
	}
	b.StopTimer()
	// The processor time of the checks (both cores), which the machine's
	// other load changes less than the wall time.
	b.ReportMetric(float64((testutil.CPUTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	if len(spent) > 0 {
		var names []string
		for n := range spent {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return spent[names[i]] > spent[names[j]] })
		for _, n := range names {
			b.Logf("%-40s %7.2f ms/check", n, float64(spent[n].Microseconds())/1000/float64(b.N))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	st := eng.Stats()
	b.ReportMetric(float64(st.Derived)/float64(st.Loads+st.Derived), "derived/check")
	b.ReportMetric(float64(st.Reused)/float64(st.Ran+st.Reused), "reused/analyzer")
}
