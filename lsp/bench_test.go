package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
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

// demoPage is the chat-tool page of the demo the benchmarks edit.
const demoPage = "miniprogram/packageChatTool/pages/activity_detail/index.js"

// copyDemo copies the demo (its project.config.json and mini program
// root) to a temporary folder: the benchmarks write the page they edit.
func copyDemo(b *testing.B) string {
	dir := b.TempDir()
	src := demoDir(b)
	for _, name := range []string{"project.config.json", "miniprogram"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(src, name))); err != nil {
			if name == "project.config.json" {
				// (CopyFS copies folders: a file by hand)
				data, err := os.ReadFile(filepath.Join(src, name))
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, name), data, 0o644)
				}
				if err != nil {
					b.Fatal(err)
				}
				continue
			}
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkSaveDemo measures what an editor waits for on save, as the
// editor does it: the buffer of one chat-tool page of the official demo
// (2,754 files) changed (didChange, a new line at its end, another each
// time), written to its file and saved (didSave); from didChange to the
// publishDiagnostics that answers, over the pipe, with the size estimates
// cached as the command's default is.
func BenchmarkSaveDemo(b *testing.B) {
	dir := copyDemo(b)
	benchSave(b, filepath.Join(dir, filepath.FromSlash(demoPage)))
}

// BenchmarkSaveFixture is the same on the small fixture project.
func BenchmarkSaveFixture(b *testing.B) {
	benchSave(b, filepath.Join(fixture(b), filepath.FromSlash(pollPage)))
}

// BenchmarkSaveAfterPauseDemo is BenchmarkSaveDemo with a pause between
// the change and the save, long enough for the diagnostics of the change
// to come (the server lints the buffer 150 ms after the last change, 20 ms
// here): from didSave to its publishDiagnostics, the case of a save after
// typing has stopped.
func BenchmarkSaveAfterPauseDemo(b *testing.B) {
	dir := copyDemo(b)
	benchSaveAfterPause(b, filepath.Join(dir, filepath.FromSlash(demoPage)))
}

func benchSaveAfterPause(b *testing.B, path string) {
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	c := start(b, Options{Log: discard{}}, nil)
	uri := fileURI(path)
	c.open(uri, string(text))
	c.wait(uri)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := fmt.Sprintf("%s\n// edit %d\n", text, i)
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"text": edited}},
		})
		c.wait(uri) // the debounced lint of the change
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		begin := time.Now()
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
		c.wait(uri)
		times = append(times, time.Since(begin))
	}
	b.StopTimer()
	reportTimes(b, times)
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
	cpu0 := testutil.CPUTime()
	b.ResetTimer()
	for i := range b.N {
		edited := fmt.Sprintf("%s\n// edit %d\n", text, i)
		begin := time.Now()
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"text": edited}},
		})
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
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
	b.ReportMetric(float64((testutil.CPUTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	reportTimes(b, times)
}

// BenchmarkOpenDemo measures the first diagnostics: from the didOpen of
// the demo's chat-tool page, the first in a new server, to its
// publishDiagnostics.
func BenchmarkOpenDemo(b *testing.B) {
	dir := demoDir(b)
	path := filepath.Join(dir, filepath.FromSlash(demoPage))
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	uri := fileURI(path)
	times := make([]time.Duration, 0, b.N)
	for range b.N {
		b.StopTimer()
		c := start(b, Options{Log: discard{}}, nil)
		b.StartTimer()
		begin := time.Now()
		c.open(uri, string(text))
		c.wait(uri)
		times = append(times, time.Since(begin))
		b.StopTimer()
		c.stop()
		b.StartTimer()
	}
	reportTimes(b, times)
}

func reportTimes(b *testing.B, times []time.Duration) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
}

// stop shuts the server down and waits for it to end.
func (c *client) stop() {
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	<-c.done
	c.done <- nil // (for the cleanup)
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
