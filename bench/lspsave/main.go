//go:build ignore

// Command lspsave drives a language server over standard input and output as
// an editor does, and times what a user waits for: the first diagnostics
// after opening a file, and on each save the diagnostics that answer it.
// bench/lsp-save.sh runs it against chattool-lint lsp on a copy of the
// official demo.
//
//	go run bench/lspsave/main.go -server chattool-lint -file DIR/PAGE.js -n 200
//
// (It builds only when named: go install ./... installs the command alone.)
//
// Each round changes the buffer (didChange: a new comment line at the end,
// another each round), writes it to the file and saves it (didSave), and
// waits for the publishDiagnostics of that version; it prints the median
// and 90th percentile of those times, the first didOpen's (and the
// server's processor time up to its diagnostics), and the server's
// resident memory (VmRSS, Linux) at the start, every -mem rounds,
// and at the end.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	server := flag.String("server", "chattool-lint", "the server's command (run with the argument lsp)")
	file := flag.String("file", "", "the file to open, change and save (it is written)")
	n := flag.Int("n", 100, "rounds of change and save")
	warm := flag.Int("warm", 5, "rounds before the measured ones")
	mem := flag.Int("mem", 0, "print the server's resident memory every N rounds (0: at the start and end only)")
	flag.Parse()
	if *file == "" {
		fmt.Fprintln(os.Stderr, "lspsave: -file is required")
		os.Exit(2)
	}
	if err := run(*server, *file, *n, *warm, *mem); err != nil {
		fmt.Fprintf(os.Stderr, "lspsave: %v\n", err)
		os.Exit(1)
	}
}

type conn struct {
	w    io.Writer
	r    *bufio.Reader
	next int
}

func (c *conn) send(msg map[string]any) error {
	msg["jsonrpc"] = "2.0"
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
	return err
}

func (c *conn) notify(method string, params any) error {
	return c.send(map[string]any{"method": method, "params": params})
}

func (c *conn) call(method string, params any) error {
	c.next++
	id := c.next
	if err := c.send(map[string]any{"id": id, "method": method, "params": params}); err != nil {
		return err
	}
	for {
		m, err := c.read()
		if err != nil {
			return err
		}
		if m.ID != nil && string(*m.ID) == strconv.Itoa(id) {
			if m.Error != nil {
				return fmt.Errorf("%s: %s", method, m.Error)
			}
			return nil
		}
	}
}

type message struct {
	ID     *json.RawMessage `json:"id"`
	Method string           `json:"method"`
	Params json.RawMessage  `json:"params"`
	Error  json.RawMessage  `json:"error"`
}

func (c *conn) read() (*message, error) {
	n := -1
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
			n, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if n < 0 {
		return nil, errors.New("a message without Content-Length")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(c.r, b); err != nil {
		return nil, err
	}
	m := &message{}
	return m, json.Unmarshal(b, m)
}

// diagnostics waits for the publishDiagnostics of uri at version (any
// version when version is 0) and returns how many it holds.
func (c *conn) diagnostics(uri string, version int) (int, error) {
	for {
		m, err := c.read()
		if err != nil {
			return 0, err
		}
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p struct {
			URI         string            `json:"uri"`
			Version     *int              `json:"version"`
			Diagnostics []json.RawMessage `json:"diagnostics"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return 0, err
		}
		if p.URI == uri && (version == 0 || p.Version != nil && *p.Version == version) {
			return len(p.Diagnostics), nil
		}
	}
}

func run(server, file string, rounds, warm, memEvery int) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	defer os.WriteFile(abs, text, 0o644) // (as it was)
	cmd := exec.Command(server, "lsp")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer cmd.Process.Kill()
	c := &conn{w: in, r: bufio.NewReaderSize(out, 1<<20)}
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	if err := c.call("initialize", map[string]any{"processId": os.Getpid(), "rootUri": nil, "capabilities": map[string]any{}}); err != nil {
		return err
	}
	if err := c.notify("initialized", map[string]any{}); err != nil {
		return err
	}
	rss := func(when string) {
		if kb, ok := vmRSS(cmd.Process.Pid); ok {
			fmt.Printf("resident memory %s: %.1f MiB\n", when, float64(kb)/1024)
		}
	}
	rss("before opening")
	cpuOpen, _ := cpuTime(cmd.Process.Pid)
	begin := time.Now()
	if err := c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "javascript", "version": 1, "text": string(text)}}); err != nil {
		return err
	}
	want, err := c.diagnostics(uri, 1)
	if err != nil {
		return err
	}
	open := time.Since(begin)
	fmt.Printf("first diagnostics after didOpen: %.1f ms (%d diagnostics)\n", ms(open), want)
	if cpu, ok := cpuTime(cmd.Process.Pid); ok {
		// (Less changed by the machine's other load than the wall time;
		// counted in ticks of 10 ms.)
		fmt.Printf("server processor time up to them: %.0f ms\n", ms(cpu-cpuOpen))
	}
	rss("after opening")
	var times []time.Duration
	var cpu0 time.Duration
	for i := range warm + rounds {
		if i == warm {
			cpu0, _ = cpuTime(cmd.Process.Pid)
		}
		version := i + 2
		edited := fmt.Sprintf("%s\n// edit %d\n", text, i)
		begin := time.Now()
		if err := c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"text": edited}}}); err != nil {
			return err
		}
		if err := os.WriteFile(abs, []byte(edited), 0o644); err != nil {
			return err
		}
		if err := c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}}); err != nil {
			return err
		}
		got, err := c.diagnostics(uri, version)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("round %d: %d diagnostics, %d at first", i, got, want)
		}
		if i >= warm {
			times = append(times, time.Since(begin))
			if memEvery > 0 && (i-warm+1)%memEvery == 0 {
				rss(fmt.Sprintf("after %d saves", i-warm+1))
			}
		}
	}
	rss("at the end")
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("save to publishDiagnostics, %d saves: median %.1f ms, p90 %.1f ms (min %.1f, max %.1f)\n",
		len(times), ms(times[len(times)/2]), ms(times[len(times)*9/10]), ms(times[0]), ms(times[len(times)-1]))
	if cpu1, ok := cpuTime(cmd.Process.Pid); ok {
		// The processor time the server spent, which the machine's other
		// load changes less than the wall time.
		fmt.Printf("server processor time per save: %.1f ms\n", ms(cpu1-cpu0)/float64(len(times)))
	}
	_ = c.call("shutdown", nil)
	_ = c.notify("exit", nil)
	return cmd.Wait()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime returns the processor time a process has spent, user and
// system, from /proc/PID/stat (Linux; 100 ticks a second).
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.Atoi(f[11])
	s, err2 := strconv.Atoi(f[12])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+s) * 10 * time.Millisecond, true
}

// vmRSS returns the resident memory of a process in KiB, from
// /proc/PID/status (Linux).
func vmRSS(pid int) (int, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb, err == nil
		}
	}
	return 0, false
}
