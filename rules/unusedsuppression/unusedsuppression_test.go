package unusedsuppression_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/lint/linttest"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
	"github.com/chattool-lint/chattool-lint/rules/unusedsuppression"
)

// The rule runs alone in the fixtures: a directive for another rule, which
// did not run, cannot be judged and is not reported; a directive for every
// rule, a name that is no rule (the rules package is linked in, so every
// rule is known) and a misspelled directive are. Suppression itself, with
// every rule, is tested here by TestWithEveryRule and in
// cmd/chattool-lint/testdata/script/suppress.txtar.
func Test(t *testing.T) {
	linttest.Run(t, unusedsuppression.Rule, "testdata/*.txtar")
}

// TestWithEveryRule runs every rule on the fixture: each directive that
// covers no finding is reported, the others suppress theirs.
func TestWithEveryRule(t *testing.T) {
	p, err := project.Load("testdata/every", project.Options{AssumeChatTool: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(p, rules.All())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		s := fmt.Sprintf("%s:%d: %s", f.Path, f.Start.Line, f.Rule)
		if f.Suppressed != nil {
			s += " suppressed: " + f.Suppressed.Justification
		}
		got = append(got, s)
	}
	want := []string{
		"pages/a/a.js:2: chattool-disabled-api suppressed: why",
		"pages/a/a.js:3: chattool-disabled-api suppressed: ",
		"pages/a/a.js:4: unused-suppression",
		"pages/a/a.js:6: chattool-disabled-api",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
