package options_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/options"
)

// A project with a chattool-lint.json that loads a plugin and sets bans:
// the plugin's rules take part in severities, overrides, --select,
// --ignore, suppressions and the rules a result documents, as the built-in
// rules do.
var pluginProject = map[string]string{
	"chattool-lint.json": `{
  "plugins": ["./lint/team.js"],
  "rules": { "team/no-request": "error" },
  "settings": {
    "team/no-request": { "allow": ["utils/http.js"] },
    "forbid-components": { "forbid": [{ "tag": "web-view", "message": "no web pages" }] }
  },
  "overrides": [{ "files": ["pages/b/**"], "rules": { "team/no-request": "info", "team/image-mode": "off" } }]
}`,
	"lint/team.js": `module.exports = {
  meta: { name: 'team' },
  rules: {
    'no-request': {
      meta: { description: 'no wx.request outside the wrapper', severity: 'warning', url: 'https://example.com/no-request' },
      create(context) {
        if ((context.settings.allow || []).includes(context.file.mpPath)) return {}
        return { WxApi(u) { if (u.api === 'request') context.report({ node: u, message: 'wx.request' }) } }
      },
    },
    'image-mode': {
      meta: { description: 'images say their mode' },
      create(context) {
        return { Element(el) { if (el.name === 'image' && !el.attributes.mode) context.report({ node: el, message: 'image without mode' }) } }
      },
    },
  },
}
`,
	"app.json":       `{"pages": ["pages/a/a", "pages/b/b"]}`,
	"pages/a/a.js":   "wx.request({})\n// chattool-lint-disable-next-line team/no-request -- fine here\nwx.request({})\n// chattool-lint-disable-next-line team/image-mode\nwx.request({})\n",
	"pages/a/a.wxml": "<image src='a.png'/>\n<web-view src='https://x'/>\n",
	"pages/b/b.js":   "wx.request({})\n",
	"pages/b/b.wxml": "<image src='b.png'/>\n",
	"utils/http.js":  "wx.request({})\n",
}

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lintDir checks dir with flags as the command does.
func lintDir(t *testing.T, dir string, f options.Flags) ([]string, *lint.Result, error) {
	t.Helper()
	r, err := f.Resolver()
	if err != nil {
		return nil, nil, err
	}
	res, err := r.For(dir)
	if err != nil {
		return nil, nil, err
	}
	j := &check.Job{Target: &discover.Target{Dir: dir}, Options: res}
	check.Lint(j)
	if j.LoadErr != nil || j.Err != nil {
		t.Fatalf("load: %v; run: %v", j.LoadErr, j.Err)
	}
	var out []string
	for _, fd := range j.Result.Findings {
		s := fd.Path + ":" + itoa(fd.Start.Line) + ": " + fd.Severity.String() + ": " + fd.Message + " (" + fd.Rule + ")"
		if fd.Suppressed != nil {
			s += " suppressed"
		}
		out = append(out, s)
	}
	return out, j.Result, nil
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestPluginRules(t *testing.T) {
	dir := writeProject(t, pluginProject)
	got, res, err := lintDir(t, dir, options.Flags{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"pages/a/a.js:1: error: wx.request (team/no-request)",
		"pages/a/a.js:3: error: wx.request (team/no-request) suppressed",
		"pages/a/a.js:4: warning: chattool-lint-disable-next-line team/image-mode suppresses nothing here: remove it (unused-suppression)",
		"pages/a/a.js:5: error: wx.request (team/no-request)",
		"pages/a/a.wxml:1: warning: image without mode (team/image-mode)",
		"pages/a/a.wxml:2: error: <web-view> is forbidden in this project: no web pages (forbid-components)",
		"pages/b/b.js:1: info: wx.request (team/no-request)",
	}
	// (The built-in rules' findings on this tiny project are not the
	// point: keep the plugin's, the bans' and the suppressions'.)
	var kept []string
	for _, g := range got {
		if strings.Contains(g, "(team/") || strings.Contains(g, "(forbid-") || strings.Contains(g, "(unused-suppression)") {
			kept = append(kept, g)
		}
	}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(kept, "\n"), strings.Join(want, "\n"))
	}
	// The documentation of the rules that ran (SARIF's rules[]).
	docs := map[string]*lint.Doc{}
	for _, d := range res.Rules {
		docs[d.Name] = d
	}
	if d := docs["team/no-request"]; d == nil || d.Summary != "no wx.request outside the wrapper" || d.URL != "https://example.com/no-request" || d.Severity != lint.Warning {
		t.Errorf("team/no-request's documentation: %+v", d)
	}
	if docs["forbid-components"] == nil {
		t.Errorf("forbid-components is not documented in the result")
	}
}

func TestPluginSelect(t *testing.T) {
	dir := writeProject(t, pluginProject)
	for _, tc := range []struct {
		flags options.Flags
		rules []string // the rules with findings
		err   string
	}{
		{flags: options.Flags{Select: "team/image-mode"}, rules: []string{"team/image-mode"}},
		{flags: options.Flags{Select: "team/no-request,forbid-components"}, rules: []string{"forbid-components", "team/no-request"}},
		{flags: options.Flags{Ignore: "team/no-request,forbid-components,unused-suppression"}, rules: []string{"team/image-mode"}},
		{flags: options.Flags{Select: "team/no-such"}, err: `--select: no rule named "team/no-such" (the plugins of `},
		{flags: options.Flags{Ignore: "other/x"}, err: `--ignore: no rule named "other/x"`},
		{flags: options.Flags{Select: "forbid-apiss"}, err: `did you mean "forbid-apis"?`},
	} {
		t.Run(tc.flags.Select+tc.flags.Ignore, func(t *testing.T) {
			got, _, err := lintDir(t, dir, tc.flags)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, g := range got {
				rule := g[strings.LastIndex(g, "(")+1 : strings.LastIndex(g, ")")]
				if strings.HasPrefix(rule, "team/") || strings.HasPrefix(rule, "forbid-") || !strings.Contains(tc.flags.Select, "/") && tc.flags.Select != "" {
					seen[rule] = true
				}
			}
			var rules []string
			for _, r := range tc.rules {
				if !seen[r] {
					t.Errorf("no finding of %s: %v", r, got)
				}
				rules = append(rules, r)
			}
			for r := range seen {
				if !strings.Contains(","+strings.Join(rules, ",")+",", ","+r+",") {
					t.Errorf("a finding of %s, which the flags leave out: %v", r, got)
				}
			}
		})
	}
}

// A plugin that cannot be loaded is a configuration problem at its line,
// and a rule no plugin has one at its place in chattool-lint.json.
func TestPluginConfigErrors(t *testing.T) {
	files := map[string]string{
		"chattool-lint.json": `{
  "plugins": ["./bad.js", "./missing.js"],
  "rules": { "bad/x": "error" }
}`,
		"bad.js":   "module.exports = {\n  rules: {},\n}\nrequire('child_process')\n",
		"app.json": `{"pages": []}`,
	}
	dir := writeProject(t, files)
	_, _, err := lintDir(t, dir, options.Flags{})
	var ce *options.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a ConfigError", err)
	}
	msg := ce.Error()
	for _, want := range []string{
		`bad.js:4:8: Error: require("child_process"): plugins run in a sandbox`,
		`chattool-lint.json:2:27: plugin ./missing.js: no such file or directory`,
		`chattool-lint.json:3:14: unknown rule "bad/x" (no plugin is loaded)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s\ndoes not say %s", msg, want)
		}
	}
}

func TestExtraDocs(t *testing.T) {
	dir := writeProject(t, pluginProject)
	docs, err := options.ExtraDocs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	if got, want := strings.Join(names, " "), "forbid-apis forbid-components require-attributes team/image-mode team/no-request"; got != want {
		t.Errorf("docs of %s, want %s", got, want)
	}
	if d := options.ExtraDoc(dir, "team/image-mode"); d == nil || d.Severity != lint.Warning || !strings.Contains(d.Text, "team") {
		t.Errorf("team/image-mode: %+v", d)
	}
}
