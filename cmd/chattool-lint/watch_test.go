package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatch: --watch prints the report, then a new one when an edit on
// disk changes the findings, and nothing when an edit changes none; each
// with the time the check took; it stops with status 0 when interrupted.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/example")); err != nil {
		t.Fatal(err)
	}
	rounds := make(chan bool, 100)
	watchRound = func(printed bool) { rounds <- printed }
	defer func() { watchRound = nil }()
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- watchPaths(ctx, []string{"--watch", "--color", "never", "--no-cache", dir}, &stdout, &stderr)
	}()
	next := func(what string) bool {
		t.Helper()
		select {
		case printed := <-rounds:
			return printed
		case code := <-done:
			t.Fatalf("%s: the watch ended with status %d: %s", what, code, stderr.String())
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no check after 30 s; standard error:\n%s", what, stderr.String())
		}
		return false
	}
	if !next("first check") {
		t.Fatal("the first check printed nothing")
	}
	first := stdout.String()
	if !strings.Contains(first, "navigateToMiniProgram") || !strings.Contains(stderr.String(), "checked in ") {
		t.Fatalf("first report:\n%s\nstandard error:\n%s", first, stderr.String())
	}

	// An edit that removes a finding: a new report, without it.
	page := filepath.Join(dir, "miniprogram", "packageChatTool", "pages", "vote", "index.ts")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(src), "wx.navigateToMiniProgram({ appId: 'wx0123456789abcdef' })", "wx.showToast({ title: 'x' })", 1)
	if fixed == string(src) {
		t.Fatal("the example changed: no call to remove")
	}
	if err := os.WriteFile(page, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	for !next("after the edit") {
	}
	second := strings.TrimPrefix(stdout.String(), first)
	if second == "" || strings.Contains(second, "navigateToMiniProgram") {
		t.Fatalf("after the edit, the report:\n%s", second)
	}
	if n := strings.Count(stderr.String(), "checked in "); n != 2 {
		t.Errorf("%d times \"checked in\" on standard error, want 2:\n%s", n, stderr.String())
	}

	// An edit that changes no finding: checked, nothing printed.
	if err := os.WriteFile(page, []byte(fixed+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if next("after the second edit") {
		t.Errorf("an edit that changes no finding printed a report:\n%s", strings.TrimPrefix(stdout.String(), first+second))
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("status %d after the interrupt", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not stop")
	}
}

func TestWatchRequested(t *testing.T) {
	for args, want := range map[string]bool{
		"--watch .": true, ". -watch": true, "--watch=true": true, "-- --watch": false, ".": false, "--watchers": false,
	} {
		if got := watchRequested(strings.Fields(args)); got != want {
			t.Errorf("watchRequested(%q) = %v, want %v", args, got, want)
		}
	}
}
