package chattoolapiargs_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules/chattoolapiargs"
)

func TestRealTmp(t *testing.T) {
	dir := os.Getenv("CTA_DIR")
	if dir == "" {
		t.Skip()
	}
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(p, []*lint.Rule{chattoolapiargs.Rule})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		fmt.Printf("%s:%d:%d: %s: %s\n", f.Path, f.Start.Line, f.Start.Column, f.Severity, f.Message)
	}
}
