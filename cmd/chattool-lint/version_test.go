package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestStampedVersion: the version a release build stamps (-X
// main.stampedVersion=...) is what --version, version and the JSON report
// say. .ci/npm-test.sh checks the real -ldflags build.
func TestStampedVersion(t *testing.T) {
	defer func(v string) { stampedVersion = v }(stampedVersion)
	stampedVersion = "v1.2.3"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitOK {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
		if got := out.String(); got != "chattool-lint v1.2.3\n" {
			t.Errorf("%v: %q, want %q", args, got, "chattool-lint v1.2.3\n")
		}
	}
	var out, errOut bytes.Buffer
	run([]string{"--format", "json", "../../testdata/example"}, &out, &errOut)
	var rep struct {
		Tool struct{ Version string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("json report: %v\n%s", err, errOut.String())
	}
	if rep.Tool.Version != "v1.2.3" {
		t.Errorf("json tool version %q, want v1.2.3", rep.Tool.Version)
	}

	stampedVersion = ""
	out.Reset()
	run([]string{"--version"}, &out, &errOut)
	if got := strings.TrimSpace(out.String()); got != "chattool-lint "+moduleVersion() {
		t.Errorf("unstamped: %q, want the module version %q", got, moduleVersion())
	}
}
