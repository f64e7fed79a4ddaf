package report

// Notes on what GitLab does with the Code Quality report written here
// (docs: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format;
// parser: gitlab-org/gitlab lib/gitlab/ci/parsers/codequality/code_climate.rb
// and lib/gitlab/ci/reports/codequality_reports.rb):
//
//   - The artifact (artifacts:reports:codequality) is one JSON array of
//     issues, each with description, check_name, fingerprint, severity,
//     location.path and location.lines.begin (or positions.begin.line). No
//     byte order mark: the parser rejects it.
//   - Each issue is checked against app/validators/json_schemas/codeclimate.json
//     (description, fingerprint, severity and location required), and the
//     parser stops at the first issue that fails it: one bad issue hides
//     every one after it. report/testdata/gitlab-codeclimate.schema.json is
//     that schema; the tests also check the documented requirements, which
//     are stricter (report/testdata/gitlab-code-quality.schema.json).
//   - Issues are kept in a map by fingerprint, so two issues with the same
//     fingerprint are one: a fingerprint must be unique in the report. The
//     merge request widget compares the fingerprints of the source and the
//     target branch to tell new issues from fixed ones, so a fingerprint
//     must also stay the same while the code it points at does, even when
//     lines above it are added or removed.
//   - Severity is one of info, minor, major, critical, blocker, and orders
//     the issues (blocker first).
//   - location.path is relative to the repository root, with forward
//     slashes: the current folder of the CI job, which is the checkout.
//   - GitLab does not show check_name in the widget (ruff's gitlab.rs notes
//     it), so the rule is also in the description, as the text report puts
//     it: "message (rule)".

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"slices"

	"github.com/chattool-lint/chattool-lint/lint"
)

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

// gitlabLines are 1-based lines; end is Code Climate's (GitLab reads begin).
type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// GitLab writes a GitLab Code Quality report: a JSON array of issues, one
// per finding, sorted by path, line, column and rule; "[]" when there are
// none. See the notes at the top of this file.
//
// Severities follow ESLint's GitLab formatter (eslint-formatter-gitlab,
// through eslint-formatter-codeclimate), which mini program teams run in
// the same pipelines, so that both tools' findings rank alike in the merge
// request: error is major, warning minor, info info; and a file that cannot
// be parsed (an error-level parse-error, whose file no other rule could
// check) is critical, as ESLint's fatal parse errors are. golangci-lint
// gives every issue "critical" unless configured; blocker is left to
// nothing, since a GitLab report cannot block a merge anyway.
//
// The fingerprint is the SHA-256 (first 32 hex digits) of the rule, the
// path and the SARIF primaryLocationLineHash of the finding's line
// (fingerprint.go): it follows the line's content and its next hundred
// characters, not its number, so it survives edits elsewhere in the file,
// and it already tells apart identical lines of one file. Without the
// file's source the message stands in for the line hash. Two findings that
// would still share one (the same rule twice on a line) are made distinct
// by hashing again with the previous value, in report order, as ESLint's
// formatter does.
func GitLab(w io.Writer, results []*lint.Result, o Options) error {
	issues := []gitlabIssue{}
	hashes := lineHashCache{}
	seen := map[string]bool{}
	for _, lf := range locatedFindings(results, o.cwd()) {
		f := lf.f
		path := filepath.ToSlash(lf.l.rel)
		s, e := start(f), end(f)
		basis := f.Message
		if h := hashes.get(lf.r, f.Path, s.Line); h != "" {
			basis = h
		}
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + path + "\x00" + basis))
		fp := hex.EncodeToString(sum[:16])
		for seen[fp] {
			sum = sha256.Sum256([]byte(fp + "\x00" + f.Rule + "\x00" + path + "\x00" + basis))
			fp = hex.EncodeToString(sum[:16])
		}
		seen[fp] = true
		issues = append(issues, gitlabIssue{
			Description: nonEmpty(f.Message, f.Rule) + " (" + f.Rule + ")",
			CheckName:   f.Rule,
			Fingerprint: fp,
			Severity:    gitlabSeverity(f),
			Location: gitlabLocation{
				Path:  path,
				Lines: gitlabLines{Begin: s.Line, End: max(e.Line, s.Line)},
			},
		})
	}
	return writeJSON(w, issues)
}

// gitlabSeverity maps a finding's severity onto GitLab's scale; see GitLab.
func gitlabSeverity(f *lint.Finding) string {
	switch f.Severity {
	case lint.Error:
		if f.Rule == "parse-error" {
			return "critical"
		}
		return "major"
	case lint.Warning:
		return "minor"
	}
	return "info"
}

// locatedFinding is an unsuppressed finding with its file resolved, as the
// GitLab, JUnit and Checkstyle reports list them.
type locatedFinding struct {
	r *lint.Result
	f *lint.Finding
	l location
}

// locatedFindings are the unsuppressed findings of all results, sorted by
// file (relative to cwd), line, column, rule and message.
func locatedFindings(results []*lint.Result, cwd string) []locatedFinding {
	var out []locatedFinding
	for _, r := range results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed != nil {
				continue
			}
			out = append(out, locatedFinding{r, f, locate(cwd, r.Dir, f.Path)})
		}
	}
	slices.SortStableFunc(out, func(a, b locatedFinding) int {
		as, bs := start(a.f), start(b.f)
		return cmp.Or(
			cmp.Compare(filepath.ToSlash(a.l.rel), filepath.ToSlash(b.l.rel)),
			cmp.Compare(as.Line, bs.Line),
			cmp.Compare(column(as), column(bs)),
			cmp.Compare(a.f.Rule, b.f.Rule),
			cmp.Compare(a.f.Message, b.f.Message),
		)
	})
	return out
}

// lineHashCache computes each file's line hashes (fingerprint.go) once.
type lineHashCache map[*lint.Result]map[string][]string

// get is the primaryLocationLineHash of a line of a result's file, or ""
// when its source is not available.
func (c lineHashCache) get(r *lint.Result, path string, line int) string {
	if r.Source == nil {
		return ""
	}
	byPath := c[r]
	if byPath == nil {
		byPath = map[string][]string{}
		c[r] = byPath
	}
	h, ok := byPath[path]
	if !ok {
		if src := r.Source(path); src != nil {
			h = lineHashes(src)
		}
		byPath[path] = h
	}
	if line < 1 || line > len(h) {
		return ""
	}
	return h[line-1]
}
