package lsp

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// demoDir is a copy of the official demo (wechat-miniprogram/miniprogram-demo),
// when the machine has one; CHATTOOL_LSP_DEMO moves it.
func demoDir(b *testing.B) string {
	dir := os.Getenv("CHATTOOL_LSP_DEMO")
	if dir == "" {
		dir = "/tmp/demo"
	}
	if _, err := os.Stat(filepath.Join(dir, "project.config.json")); err != nil {
		b.Skipf("no demo project at %s (CHATTOOL_LSP_DEMO)", dir)
	}
	return dir
}

// BenchmarkSaveDemo measures what an editor waits for on save: the time
// from didSave of one open file of the official demo (a chat-tool page) to
// the publishDiagnostics that answers it, over the pipe, with the size
// estimates cached as the command's default is. The demo has 2,754 files.
func BenchmarkSaveDemo(b *testing.B) {
	dir := demoDir(b)
	benchSave(b, filepath.Join(dir, "miniprogram", "packageChatTool", "pages", "activity_detail", "index.js"))
}

// BenchmarkSaveFixture is the same on the small fixture project.
func BenchmarkSaveFixture(b *testing.B) {
	benchSave(b, filepath.Join(fixture(b), filepath.FromSlash(pollPage)))
}

func benchSave(b *testing.B, path string) {
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	c := start(b, Options{Log: discard{}}, nil)
	uri := fileURI(path)
	c.open(uri, string(text))
	first := c.wait(uri)
	times := make([]time.Duration, 0, b.N)
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		begin := time.Now()
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
		p := c.wait(uri)
		times = append(times, time.Since(begin))
		if len(p.Diagnostics) != len(first.Diagnostics) {
			b.Fatalf("%d diagnostics, then %d", len(first.Diagnostics), len(p.Diagnostics))
		}
	}
	b.StopTimer()
	// The processor time the process spent (both cores), which the
	// machine's other load changes less than the wall time.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
