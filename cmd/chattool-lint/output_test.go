package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fullWriter fails every write, as /dev/full or a closed pipe does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestWriteFailure: a report that cannot be written is exit 2, whatever
// the command (it was 0 for size, rules and explain).
func TestWriteFailure(t *testing.T) {
	for _, args := range [][]string{
		{"rules"},
		{"explain", "parse-error"},
		{"size", "../../testdata/example"},
		{"size", "--format", "json", "../../testdata/example"},
		{"../../testdata/example"},
		{"--format", "sarif", "../../testdata/example"},
		{"help"},
	} {
		var stderr bytes.Buffer
		if code := run(args, fullWriter{}, &stderr); code != exitFailure {
			t.Errorf("chattool-lint %s > /dev/full: exit %d, want %d", strings.Join(args, " "), code, exitFailure)
		}
		if !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("chattool-lint %s > /dev/full: stderr %q does not say why", strings.Join(args, " "), stderr.String())
		}
	}
}
