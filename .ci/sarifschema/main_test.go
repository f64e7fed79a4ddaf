package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestTestdata checks report/testdata's SARIF files against the schema that
// SARIF_SCHEMA names (.ci/validate-sarif.sh prints where it found one); it is
// skipped without it.
func TestTestdata(t *testing.T) {
	schema := os.Getenv("SARIF_SCHEMA")
	if schema == "" {
		t.Skip("SARIF_SCHEMA is not set")
	}
	sch, err := compile(schema)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file  string
		wants []string // in the error; none: valid
	}{
		{"golden.sarif", nil},
		{"broken-github.sarif", nil}, // valid SARIF, rejected by GitHub's rules only
		{"broken.sarif", []string{"missing property 'name'", "missing property 'message'", "/runs/0/results/0/level", "minimum: got 0, want 1"}},
	}
	for _, tt := range tests {
		err := validate(sch, filepath.Join("..", "..", "testdata", tt.file))
		var ve *jsonschema.ValidationError
		switch {
		case tt.wants == nil && err != nil:
			t.Errorf("%s: %#v", tt.file, err)
		case tt.wants != nil && !errors.As(err, &ve):
			t.Errorf("%s: got %v, want a validation error", tt.file, err)
		case tt.wants != nil:
			msg := ve.GoString()
			for _, w := range tt.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("%s: %q not in\n%s", tt.file, w, msg)
				}
			}
		}
	}

	// Formats are asserted: a uri with a space is invalid.
	golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "space.sarif")
	os.WriteFile(bad, []byte(strings.Replace(string(golden), "my%20page.js", "my page.js", 1)), 0o644)
	if err := validate(sch, bad); err == nil || !strings.Contains(err.(*jsonschema.ValidationError).GoString(), "uri-reference") {
		t.Errorf("a uri with a space: %v", err)
	}
}

func TestCheckURI(t *testing.T) {
	tests := []struct {
		s      string
		abs    bool
		wantOK bool
	}{
		{"miniprogram/app.json", false, true},
		{"pages/%E8%81%8A%E5%A4%A9/my%20page.js", false, true},
		{"file:///home/dev/%E8%81%8A%E5%A4%A9%20tools/", true, true},
		{"https://json.schemastore.org/sarif-2.1.0.json", true, true},
		{"my page.js", false, false},
		{"pages/聊天/index.json", false, false},
		{"50%.json", false, false},
		{"%zz", false, false},
		{"app.json", true, false},
		{`a\b`, false, false},
	}
	for _, tt := range tests {
		if err := checkURI(tt.s, tt.abs); (err == nil) != tt.wantOK {
			t.Errorf("checkURI(%q, %v) = %v, want ok %v", tt.s, tt.abs, err, tt.wantOK)
		}
	}
}
