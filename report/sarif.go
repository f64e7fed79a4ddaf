package report

// Notes on what consumers do with the SARIF written here.
//
// GitHub code scanning (docs: "SARIF support for code scanning"; uploader:
// github/codeql-action):
//
//   - It reads a subset of SARIF 2.1.0 and ignores the rest. Required:
//     $schema, version, runs[]; per run tool.driver.name and
//     tool.driver.rules[], each rule with id, shortDescription.text,
//     fullDescription.text and help.text; per result message.text,
//     locations[] and partialFingerprints; per location
//     artifactLocation.uri and region startLine, startColumn, endLine and
//     endColumn. "Required" values may not be empty strings, hence the
//     fallbacks below (rule without docs: its id; empty message: the rule's
//     summary).
//   - Rules: name is shown to filter by rule (at most 255 characters);
//     shortDescription and fullDescription are shown at the top of an alert
//     (at most 1,024 characters each), so fullDescription is the prose of the
//     rule's documentation cut to fit, not all of it; help.markdown, when
//     present, is shown instead of help.text, and is where the full text and
//     the Bad/Good examples go. GitHub renders that Markdown the way it
//     renders issue comments, where a line break is a hard break: lint.Doc's
//     Markdown keeps each paragraph on one line, which suits it.
//     defaultConfiguration.level (note, warning or error; "warning" when
//     absent) is overridden by each result's level, which is also what the
//     severity filter uses. properties["problem.severity"] (error, warning or
//     recommendation) is GitHub's recommended hint, with precision, for which
//     non-security alerts to show first. staticcheck (lintcmd/sarif.go)
//     observed that GitHub uses neither the tool's informationUri nor the
//     rules' helpUri; we set them for other viewers.
//   - Results: message.text is the alert's title, cut to its first sentence
//     where room is short; Markdown in it is not rendered (links aside), so
//     it is plain text. Only the first location is used; we give exactly
//     one. ruleId is what alerts are filtered and tracked by, and must stay
//     the same across analyses. ruleIndex points into tool.driver.rules and
//     SARIF requires it to agree with ruleId; Microsoft's validator doesn't
//     check that (an out-of-range ruleIndex passes), our tests do.
//   - Paths: a relative uri is taken relative to the repository root, so the
//     uri is relative to o.Cwd (which, in CI, is the checkout) with uriBaseId
//     "%SRCROOT%". Absolute file:// uris are made relative with the
//     action's checkout_path, the API's checkout_uri or, failing both,
//     invocations[0].workingDirectory.uri, which we set to o.Cwd; a file
//     outside o.Cwd gets such an absolute uri. The path of a result must be
//     the same from run to run or its alert is closed and reopened, and a
//     path through a symlink is not shown at all: the project loader should
//     give resolved paths. A uri is a URI reference: spaces and non-ASCII
//     characters are percent-encoded (the uploader decodes them with
//     decodeURIComponent; invalid ones only draw a warning from its schema
//     check, but then the file isn't found).
//   - Fingerprints: alerts are matched across commits and branches by
//     partialFingerprints.primaryLocationLineHash, the only fingerprint
//     GitHub uses. The upload-sarif action computes it when it is missing
//     (fingerprints.ts) and warns when a present one differs from what it
//     computes; the REST API computes nothing, so a file uploaded without
//     fingerprints duplicates its alerts. We compute it with the uploader's
//     algorithm (fingerprint.go) from result.Source, and omit it when the
//     source isn't available rather than invent one.
//   - columnKind "utf16CodeUnits", as CodeQL writes it: columns are 1-based
//     UTF-16 code units (lint.Position.ColumnUTF16), endColumn exclusive.
//     The region always has all four of startLine, startColumn, endLine and
//     endColumn; a finding without an End is an empty region at its Start.
//   - Limits per file: 20 runs; per run 25,000 results (more and the upload
//     is rejected; of those, only 5,000 are shown, the most severe first),
//     25,000 rules and 100 tool extensions; per result 1,000 locations (100
//     shown); per rule 20 tags (10 shown); and at most 10 MB gzip-compressed.
//     SARIF keeps the 25,000 most severe results of a run and says so in a
//     toolExecutionNotification.
//   - The upload-sarif action validates the file against the SARIF 2.1.0
//     JSON schema and rejects it on any error; GitHub points to Microsoft's
//     SARIF validator (sarif-multitool validate with the "Gh" rules) for the
//     rest, which .ci/validate-sarif.sh runs.
//   - One run is written whatever the number of PATH arguments: a run holds
//     the results of one tool, and uploading two files for the same tool
//     and commit needs a category each, or the second overwrites the first.
//
// VS Code (Microsoft's SARIF Viewer extension) and other viewers:
//
//   - A relative uri is resolved against run.originalUriBaseIds[uriBaseId];
//     without it the viewer asks the user to locate each file. That base uri
//     must end with "/" (SARIF §3.14.14): viewers resolve it as RFC 3986 does
//     and would drop its last segment (sarif-visualstudio-extension#127).
//   - The viewer lists message.text in a table with its line breaks removed,
//     and shows a rule's shortDescription/fullDescription rather than its
//     help (staticcheck's notes). A rule without a name shows as a dash, and
//     SARIF wants name and id to differ (a name is a "friendly" PascalCase
//     identifier), so name is the CamelCase of the id, omitted when it would
//     equal the id.
//   - invocations[0].executionSuccessful=false, with a
//     toolExecutionNotification at level error, is how a log says that the
//     tool failed and its results are incomplete.

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

const (
	sarifSchema       = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion      = "2.1.0"
	srcRoot           = "%SRCROOT%"
	maxSARIFResults   = 25000 // GitHub rejects a run with more
	maxDescription    = 1024  // GitHub's limit for short and full descriptions
	maxRuleName       = 255   // GitHub's limit for rule names
	fingerprintKey    = "primaryLocationLineHash"
	problemSeverityID = "problem.severity"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"` // never null
	// Properties.projects lists what the run checked (Options.Projects).
	Properties map[string]any `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"` // never null
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           map[string]any     `json:"properties,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"` // see sarif_fix.go
}

// sarifSuppression says a result was suppressed: GitHub code scanning
// shows such results as dismissed.
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                   `json:"executionSuccessful"`
	WorkingDirectory           *sarifArtifactLocation `json:"workingDirectory,omitempty"`
	ToolExecutionNotifications []sarifNotification    `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

// SARIF writes a SARIF 2.1.0 log with one run that GitHub code scanning
// accepts as is; see the notes at the top of this file.
func SARIF(w io.Writer, results []*lint.Result, o Options) error {
	cwd := o.cwd()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           ToolName,
			Version:        o.Version,
			InformationURI: InformationURI,
			Rules:          []sarifRule{},
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: o.Failure == nil}},
		ColumnKind:  "utf16CodeUnits",
		Results:     []sarifResult{},
	}
	if len(o.Projects) > 0 {
		run.Properties = map[string]any{"projects": o.Projects}
	}
	if cwd != "" {
		base := sarifArtifactLocation{URI: fileURI(cwd, true)}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: base}
		run.Invocations[0].WorkingDirectory = &base
	}
	if o.Failure != nil {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{Text: nonEmpty(o.Failure.Error(), "the tool failed")}})
	}

	// Rules: every documented rule of every result, by name; then any rule
	// a finding names that has no documentation, so that every result has a
	// ruleIndex.
	docs := map[string]*lint.Doc{}
	for _, r := range results {
		for _, d := range r.Rules {
			if d != nil && docs[d.Name] == nil {
				docs[d.Name] = d
			}
		}
	}
	for _, r := range results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if docs[f.Rule] == nil {
				docs[f.Rule] = &lint.Doc{Name: f.Rule, Severity: f.Severity}
			}
		}
	}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	slices.Sort(names)
	ruleIndex := make(map[string]int, len(names))
	for i, name := range names {
		ruleIndex[name] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(docs[name]))
	}

	// Results, at most maxSARIFResults of them: the most severe, in their
	// original order.
	type item struct {
		r *lint.Result
		f *lint.Finding
	}
	var items []item
	for _, r := range results {
		for i := range r.Findings {
			items = append(items, item{r, &r.Findings[i]})
		}
	}
	if len(items) > maxSARIFResults {
		kept := slices.Clone(items)
		// Findings that count first: unsuppressed, most severe.
		slices.SortStableFunc(kept, func(a, b item) int {
			if (a.f.Suppressed == nil) != (b.f.Suppressed == nil) {
				if a.f.Suppressed == nil {
					return -1
				}
				return 1
			}
			return cmp.Compare(b.f.Severity, a.f.Severity)
		})
		keep := map[*lint.Finding]bool{}
		for _, it := range kept[:maxSARIFResults] {
			keep[it.f] = true
		}
		items = slices.DeleteFunc(items, func(it item) bool { return !keep[it.f] })
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: fmt.Sprintf(
				"%d findings were left out: GitHub code scanning accepts at most %d results per run.",
				len(kept)-maxSARIFResults, maxSARIFResults)}})
	}

	hashes := map[*lint.Result]map[string][]string{}
	lineHash := func(r *lint.Result, path string, line int) string {
		if r.Source == nil {
			return ""
		}
		byPath := hashes[r]
		if byPath == nil {
			byPath = map[string][]string{}
			hashes[r] = byPath
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

	for _, it := range items {
		f := it.f
		s, e := start(f), end(f)
		region := sarifRegion{
			StartLine:   s.Line,
			StartColumn: columnUTF16(s),
			EndLine:     e.Line,
			EndColumn:   columnUTF16(e),
		}
		if region.EndLine < region.StartLine ||
			region.EndLine == region.StartLine && region.EndColumn < region.StartColumn {
			region.EndLine, region.EndColumn = region.StartLine, region.StartColumn
		}
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ruleIndex[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: nonEmpty(f.Message, nonEmpty(docs[f.Rule].Summary, f.Rule))},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: artifactLocation(locate(cwd, it.r.Dir, f.Path)),
				Region:           region,
			}}},
		}
		if h := lineHash(it.r, f.Path, s.Line); h != "" {
			res.PartialFingerprints = map[string]string{fingerprintKey: h}
		}
		if sp := f.Suppressed; sp != nil {
			res.Suppressions = []sarifSuppression{{Kind: sp.Kind, Justification: sp.Justification}}
		} else {
			res.Fixes = sarifFixes(cwd, it.r.Dir, f)
		}
		run.Results = append(run.Results, res)
	}

	return writeJSON(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifLevel is SARIF's level: error and warning as they are, info as note.
func sarifLevel(s lint.Severity) string {
	if s == lint.Info {
		return "note"
	}
	return s.String()
}

// problemSeverity is GitHub's problem.severity rule property: error and
// warning as they are, info as recommendation.
func problemSeverity(s lint.Severity) string {
	if s == lint.Info {
		return "recommendation"
	}
	return s.String()
}

func sarifRuleFor(d *lint.Doc) sarifRule {
	short := truncate(nonEmpty(d.Summary, d.Name), maxDescription)
	text, md := d.Text, d.Markdown
	if description(text, maxDescription) == "" {
		// Nothing but "Default severity: ..." (or nothing at all): start
		// the help with the summary.
		text = strings.TrimSpace(short + "\n\n" + text)
		md = strings.TrimSpace(short + "\n\n" + md)
	}
	rule := sarifRule{
		ID:               d.Name,
		ShortDescription: sarifMessage{Text: short},
		FullDescription:  sarifMessage{Text: nonEmpty(description(text, maxDescription), short)},
		Help: sarifMessage{
			Text:     nonEmpty(withExamplesText(text, d), short),
			Markdown: withExamplesMarkdown(md, d),
		},
		HelpURI:              d.URL,
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(d.Severity)},
		Properties:           map[string]any{problemSeverityID: problemSeverity(d.Severity)},
	}
	if name := truncate(camelCase(d.Name), maxRuleName); name != d.Name {
		rule.Name = name
	}
	return rule
}

// camelCase turns a rule id such as "app-json-pages" into "AppJsonPages".
func camelCase(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// indent prefixes every non-empty line of code with prefix, as
// go/doc/comment prints a code block, without the final newline.
func indent(code, prefix string) string {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func withExamplesText(text string, d *lint.Doc) string {
	// go/doc/comment ends the text with its link definitions; the examples
	// go before them.
	var links string
	if i := strings.LastIndex(text, "\n\n"); i >= 0 && isLinkDefs(text[i+2:]) {
		text, links = text[:i], text[i:]
	}
	return withExamples(text, d, func(title, code string) string {
		return title + ":\n\n" + indent(code, "\t")
	}) + links
}

func withExamplesMarkdown(md string, d *lint.Doc) string {
	return withExamples(md, d, func(title, code string) string {
		return "#### " + title + "\n\n" + fenced(code)
	})
}

// withExamples appends the rule's Bad and Good examples to doc, each as
// format renders it.
func withExamples(doc string, d *lint.Doc, format func(title, code string) string) string {
	var b strings.Builder
	b.WriteString(doc)
	for _, ex := range [...]struct{ title, code string }{{"Bad", d.Bad}, {"Good", d.Good}} {
		if strings.TrimSpace(ex.code) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(format(ex.title, ex.code))
	}
	return b.String()
}

func fenced(code string) string {
	longest, run := 0, 0
	for _, r := range code {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	lang := ""
	switch t := strings.TrimSpace(code); {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		lang = "json"
		if strings.Contains(t, "//") || strings.Contains(t, "/*") {
			lang = "jsonc"
		}
	case strings.HasPrefix(t, "<"):
		lang = "xml"
	}
	return fence + lang + "\n" + strings.TrimRight(code, "\n") + "\n" + fence
}

// description is the prose of a rule's documentation (Doc.Text without its
// examples) as one line per paragraph, as many whole paragraphs as fit in
// limit characters; code blocks, link definitions and the "Default severity"
// line are left out.
func description(text string, limit int) string {
	var out []string
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if p == "" || strings.HasPrefix(p, "\t") || strings.HasPrefix(p, "Default severity:") || isLinkDefs(p) {
			continue
		}
		p = strings.Join(strings.Fields(p), " ")
		l := utf8.RuneCountInString(p)
		if len(out) > 0 {
			l += 2
		}
		if n+l > limit {
			if len(out) == 0 {
				out = append(out, truncate(p, limit))
			}
			break
		}
		out = append(out, p)
		n += l
	}
	return strings.Join(out, "\n\n")
}

// isLinkDefs reports whether every line of p is a link definition, "[text]: url",
// which go/doc/comment prints at the end of the text.
func isLinkDefs(p string) bool {
	for l := range strings.SplitSeq(p, "\n") {
		if !strings.HasPrefix(l, "[") || !strings.Contains(l, "]: ") {
			return false
		}
	}
	return true
}

// truncate cuts s to at most limit characters, at a space if there is one
// in its second half, ending it with "…".
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)[:limit-1]
	if i := strings.LastIndexFunc(string(r), unicode.IsSpace); i > len(string(r))/2 {
		return strings.TrimRightFunc(string(r)[:i], unicode.IsSpace) + "…"
	}
	return string(r) + "…"
}

func nonEmpty(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// artifactLocation is a file's SARIF location: relative to %SRCROOT% (o.Cwd)
// when the file is inside it, else an absolute file uri.
func artifactLocation(l location) sarifArtifactLocation {
	if l.inside || l.abs == "" {
		return sarifArtifactLocation{URI: escapePath(filepath.ToSlash(l.rel), ":"), URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: fileURI(l.abs, false)}
}

// fileURI is the file: uri of an absolute path; dir adds the trailing slash
// that a directory's uri needs for relative references to resolve inside it.
func fileURI(abs string, dir bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return "file://" + escapePath(p, "")
}

// escapePath percent-encodes a slash-separated path for use as the path of a
// URI reference: RFC 3986's unreserved characters, sub-delimiters, "@", ":"
// and "/" are kept, everything else (spaces, non-ASCII characters as their
// UTF-8 bytes, "%", "#", "?", ...) is encoded, and so are the characters in
// also. A relative path is escaped with also ":", which in its first segment
// would read as a scheme.
func escapePath(p, also string) string {
	const keep = "-._~!$&'()*+,;=@:/"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0) &&
			strings.IndexByte(also, c) < 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
