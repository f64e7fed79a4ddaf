package main

// Tests of the files that run chattool-lint where users work: the pre-commit
// hooks (.pre-commit-hooks.yaml; .ci/precommit-test.sh runs them with
// pre-commit itself) and the GitHub Action (action.yml), whose shell steps
// TestActionRun runs as the runner would.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// decodeStrict decodes a YAML file into v, rejecting keys v has no field
// for (a misspelt key is ignored by pre-commit and GitHub alike, or worse).
func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// preCommitHook is a hook of .pre-commit-hooks.yaml, with the keys of
// pre-commit's manifest schema that a hook here may use.
type preCommitHook struct {
	ID                      string   `yaml:"id"`
	Name                    string   `yaml:"name"`
	Description             string   `yaml:"description"`
	Entry                   string   `yaml:"entry"`
	Language                string   `yaml:"language"`
	Files                   string   `yaml:"files"`
	Exclude                 string   `yaml:"exclude"`
	Types                   []string `yaml:"types"`
	Args                    []string `yaml:"args"`
	PassFilenames           *bool    `yaml:"pass_filenames"`
	AlwaysRun               bool     `yaml:"always_run"`
	RequireSerial           bool     `yaml:"require_serial"`
	Stages                  []string `yaml:"stages"`
	MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version"`
	AdditionalDependencies  []string `yaml:"additional_dependencies"`
	LanguageVersion         string   `yaml:"language_version"`
	Verbose                 bool     `yaml:"verbose"`
	FailFast                bool     `yaml:"fail_fast"`
	LogFile                 string   `yaml:"log_file"`
	TypesOr                 []string `yaml:"types_or"`
	ExcludeTypes            []string `yaml:"exclude_types"`
}

func TestPreCommitHooksFile(t *testing.T) {
	var hooks []preCommitHook
	decodeStrict(t, "../../.pre-commit-hooks.yaml", &hooks)
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v: id, name, entry and language are required", h)
		}
		if _, dup := byID[h.ID]; dup {
			t.Errorf("hook %s defined twice", h.ID)
		}
		byID[h.ID] = h
		// pre-commit builds a golang hook with `go install ./...` and runs
		// the entry from the PATH: it must be the command this module
		// installs. The system hooks need no Go: -system runs the
		// chattool-lint on the PATH, -npm the repository's npm install.
		want := "chattool-lint"
		switch {
		case strings.HasPrefix(h.ID, "chattool-lint-npm"):
			want = "npx --no -- chattool-lint"
			fallthrough
		case strings.HasPrefix(h.ID, "chattool-lint-system"):
			if h.Language != "system" {
				t.Errorf("%s: language %q, want system", h.ID, h.Language)
			}
		default:
			if h.Language != "golang" {
				t.Errorf("%s: language %q, want golang", h.ID, h.Language)
			}
		}
		if h.Entry != want {
			t.Errorf("%s: entry %q, want %q", h.ID, h.Entry, want)
		}
	}
	if _, err := os.Stat("../chattool-lint/main.go"); err != nil {
		t.Errorf("the entry's command is not at cmd/chattool-lint: %v", err)
	}

	staged, ok := byID["chattool-lint"]
	if !ok {
		t.Fatal("no chattool-lint hook")
	}
	if staged.PassFilenames == nil || !*staged.PassFilenames || staged.AlwaysRun {
		t.Errorf("chattool-lint: pass_filenames %v, always_run %v; want the staged files passed, and no run without them",
			staged.PassFilenames, staged.AlwaysRun)
	}
	if len(staged.Args) != 0 {
		t.Errorf("chattool-lint: args %q: a path there would be linted with the staged files", staged.Args)
	}
	// pre-commit matches `files` with Python's re.search; this pattern uses
	// only syntax that Go's regexp reads the same way.
	files, err := regexp.Compile(staged.Files)
	if err != nil {
		t.Fatalf("chattool-lint: files: %v", err)
	}
	for _, name := range []string{
		"app.json", "miniprogram/app.json", "project.config.json", "pages/index/index.js",
		"pages/index/index.ts", "pages/index/index.wxml", "pages/index/index.wxss", "utils/format.wxs",
		"styles/theme.less", "styles/theme.scss", "styles/theme.sass", "typings/wx.d.ts",
		"src/pages/index/index.vue", "src/app.tsx", "src/app.jsx",
	} {
		if !files.MatchString(name) {
			t.Errorf("chattool-lint: files %q does not match %s", staged.Files, name)
		}
	}
	for _, name := range []string{"README.md", "images/logo.png", "app.vuex", "data.jsonl", "app.json.bak", "wxml/notes.txt"} {
		if files.MatchString(name) {
			t.Errorf("chattool-lint: files %q matches %s", staged.Files, name)
		}
	}

	full, ok := byID["chattool-lint-full"]
	if !ok {
		t.Fatal("no chattool-lint-full hook")
	}
	if full.PassFilenames == nil || *full.PassFilenames || !full.AlwaysRun {
		t.Errorf("chattool-lint-full: pass_filenames %v, always_run %v; want false and true", full.PassFilenames, full.AlwaysRun)
	}
	if !slices.Equal(full.Args, []string{"."}) {
		t.Errorf("chattool-lint-full: args %q, want [.] (the repository root)", full.Args)
	}

	// The hooks without Go are the same two, but for language and entry.
	for _, variant := range []string{"npm", "system"} {
		for id, golang := range map[string]preCommitHook{"chattool-lint-" + variant: staged, "chattool-lint-" + variant + "-full": full} {
			h, ok := byID[id]
			if !ok {
				t.Errorf("no %s hook", id)
				continue
			}
			h.ID, h.Entry, h.Language, h.Description = golang.ID, golang.Entry, golang.Language, golang.Description
			if !reflect.DeepEqual(h, golang) {
				t.Errorf("%s differs from %s in more than id, entry, language and description:\n%+v\n%+v", id, golang.ID, h, golang)
			}
		}
	}
}

// action is action.yml, with the keys of GitHub's action metadata syntax
// that a composite action may use.
type action struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description        string  `yaml:"description"`
		Required           bool    `yaml:"required"`
		Default            *string `yaml:"default"`
		DeprecationMessage string  `yaml:"deprecationMessage"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  bool              `yaml:"continue-on-error"`
}

var (
	expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	// contextRef is a reference to a context in an expression or an if.
	contextRef = regexp.MustCompile(`\b(inputs|steps|github|env|runner|job|matrix|secrets)\.([A-Za-z0-9_.-]+)`)
)

func loadAction(t *testing.T) *action {
	t.Helper()
	var a action
	decodeStrict(t, "../../action.yml", &a)
	return &a
}

func TestActionFile(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml: name and description are required")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for _, want := range []string{"path", "format", "output", "fail-on", "args"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("no input %s", want)
		}
	}
	if d := a.Inputs["format"].Default; d == nil || *d != "sarif" {
		t.Errorf("input format defaults to %v, want sarif", d)
	}
	if _, ok := a.Outputs["sarif"]; !ok {
		t.Error("no output sarif")
	}

	usedInputs := map[string]bool{}
	// check looks at every context reference in text (an expression's
	// inside, or an if): inputs must be declared, steps must come before.
	check := func(where, text string, before map[string]*actionStep) {
		for _, m := range contextRef.FindAllStringSubmatch(text, -1) {
			switch m[1] {
			case "inputs":
				if _, ok := a.Inputs[m[2]]; !ok {
					t.Errorf("%s: inputs.%s is not declared", where, m[2])
				}
				usedInputs[m[2]] = true
			case "steps":
				id, output, ok := strings.Cut(m[2], ".outputs.")
				step := before[id]
				if !ok || step == nil {
					t.Errorf("%s: %s.%s is not an earlier step's output", where, m[1], m[2])
				} else if !strings.Contains(step.Run, fmt.Sprintf(`"%s=`, output)) {
					t.Errorf("%s: step %s does not write output %s to $GITHUB_OUTPUT", where, id, output)
				}
			case "github":
				// github.action_path is fine in run steps; nothing here
				// needs another github context value.
				if m[2] != "action_path" {
					t.Errorf("%s: github.%s", where, m[2])
				}
			default:
				t.Errorf("%s: %s.%s: a context the action does not mean to read", where, m[1], m[2])
			}
		}
	}
	exprs := func(where, s string, before map[string]*actionStep) {
		for _, m := range expression.FindAllStringSubmatch(s, -1) {
			check(where, m[1], before)
		}
	}

	steps := map[string]*actionStep{}
	for i := range a.Runs.Steps {
		s := &a.Runs.Steps[i]
		where := fmt.Sprintf("step %d (%s)", i+1, s.Name)
		if (s.Run == "") == (s.Uses == "") {
			t.Errorf("%s: a step has run or uses, exactly one", where)
		}
		if s.Run != "" {
			if s.Shell != "bash" {
				t.Errorf("%s: shell %q, want bash (a composite run step must name its shell)", where, s.Shell)
			}
			// Inputs reach scripts through env, never pasted into the
			// script, where a value could inject shell code.
			if strings.Contains(s.Run, "${{") {
				t.Errorf("%s: an expression in the script; pass it through env", where)
			}
		}
		if s.Uses != "" {
			if strings.HasPrefix(s.Uses, "./") || !regexp.MustCompile(`^[\w.-]+/[\w.-]+(/[\w./-]+)?@\S+$`).MatchString(s.Uses) {
				t.Errorf("%s: uses %q: want owner/repo@ref (a local path resolves against the caller's workspace)", where, s.Uses)
			}
			for k, v := range s.With {
				// The with of a step that uses another action: keep
				// github.action_path out of it (see action.yml).
				if strings.Contains(v, "github.action_path") {
					t.Errorf("%s: with.%s uses github.action_path", where, k)
				}
				exprs(where+" with."+k, v, steps)
			}
		}
		for k, v := range s.Env {
			exprs(where+" env."+k, v, steps)
		}
		exprs(where+" working-directory", s.WorkingDirectory, steps)
		check(where+" if", s.If, steps)
		if s.ID != "" {
			if steps[s.ID] != nil {
				t.Errorf("%s: id %s used twice", where, s.ID)
			}
			steps[s.ID] = s
		}
	}
	for name, out := range a.Outputs {
		if !expression.MatchString(out.Value) {
			t.Errorf("output %s: value %q is not an expression", name, out.Value)
		}
		exprs("output "+name, out.Value, steps)
	}
	for name := range a.Inputs {
		if !usedInputs[name] {
			t.Errorf("input %s is never used", name)
		}
	}
}

// TestActionRun runs action.yml's shell steps as GitHub's runner would
// (bash --noprofile --norc -eo pipefail, inputs through env, outputs through
// $GITHUB_OUTPUT), skipping the steps that use other actions: this machine's
// Go stands for actions/setup-go's. It builds the command from this checkout,
// as the action does from its own.
func TestActionRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds chattool-lint with go install")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	a := loadAction(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	runnerTemp := t.TempDir()

	cases := []struct {
		name       string
		inputs     map[string]string
		wantStatus int
		wantSARIF  string   // the sarif output, and a file there with results
		wantLog    []string // in the steps' output
	}{
		{
			name:       "defaults",
			wantStatus: 1,
			wantSARIF:  "chattool-lint.sarif",
		},
		{
			name:       "upload job",
			inputs:     map[string]string{"fail-on": "never", "output": "reports/lint.sarif", "args": "--min-base-library 3.7.8"},
			wantStatus: 0,
			wantSARIF:  "reports/lint.sarif",
		},
		{
			name:       "annotations",
			inputs:     map[string]string{"format": "github", "path": "project"},
			wantStatus: 1,
			wantLog:    []string{"::error file=project/miniprogram/app.json,line=27,", "title=skyline-config::"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := t.TempDir()
			project := "."
			if tc.inputs["path"] != "" {
				project = tc.inputs["path"]
			}
			if err := os.CopyFS(filepath.Join(ws, project), os.DirFS(filepath.Join(root, "testdata/example"))); err != nil {
				t.Fatal(err)
			}
			ghPath := filepath.Join(runnerTemp, tc.name+".path")
			inputs := map[string]string{}
			for name, in := range a.Inputs {
				if in.Default != nil {
					inputs[name] = *in.Default
				}
			}
			for name, v := range tc.inputs {
				inputs[name] = v
			}
			outputs := map[string]map[string]string{}
			eval := func(s string) string {
				return expression.ReplaceAllStringFunc(s, func(e string) string {
					ref := expression.FindStringSubmatch(e)[1]
					if name, ok := strings.CutPrefix(ref, "inputs."); ok {
						return inputs[name]
					}
					if id, out, ok := strings.Cut(strings.TrimPrefix(ref, "steps."), ".outputs."); ok {
						return outputs[id][out]
					}
					if ref == "github.action_path" {
						return root
					}
					t.Fatalf("cannot evaluate %s", e)
					return ""
				})
			}

			var log bytes.Buffer
			status := 0
			for i, s := range a.Runs.Steps {
				if s.Run == "" {
					continue
				}
				script := filepath.Join(runnerTemp, fmt.Sprintf("%s-step%d.sh", tc.name, i))
				ghOutput := filepath.Join(runnerTemp, fmt.Sprintf("%s-step%d.output", tc.name, i))
				if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
				cmd.Dir = ws
				if s.WorkingDirectory != "" {
					cmd.Dir = filepath.Join(ws, eval(s.WorkingDirectory))
				}
				cmd.Env = append(os.Environ(),
					"GITHUB_ACTION_PATH="+root, "GITHUB_WORKSPACE="+ws, "RUNNER_TEMP="+runnerTemp,
					"GITHUB_OUTPUT="+ghOutput, "GITHUB_PATH="+ghPath)
				for k, v := range s.Env {
					cmd.Env = append(cmd.Env, k+"="+eval(v))
				}
				cmd.Stdout, cmd.Stderr = &log, &log
				err := cmd.Run()
				if ee, ok := err.(*exec.ExitError); ok {
					status = ee.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				outputs[s.ID] = readOutputs(t, ghOutput)
				if status != 0 {
					break // a failed step ends the job
				}
			}
			if status != tc.wantStatus {
				t.Fatalf("exit status %d, want %d; output:\n%s", status, tc.wantStatus, log.String())
			}
			actionOut := map[string]string{}
			for name, out := range a.Outputs {
				actionOut[name] = eval(out.Value)
			}
			if got := actionOut["exit-code"]; got != fmt.Sprint(tc.wantStatus) {
				t.Errorf("output exit-code %q, want %d", got, tc.wantStatus)
			}
			if got := actionOut["sarif"]; got != tc.wantSARIF {
				t.Errorf("output sarif %q, want %q", got, tc.wantSARIF)
			}
			if tc.wantSARIF != "" {
				var sarif struct {
					Runs []struct {
						Results []json.RawMessage `json:"results"`
					} `json:"runs"`
				}
				b, err := os.ReadFile(filepath.Join(ws, tc.wantSARIF))
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, &sarif); err != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
					t.Errorf("%s: want SARIF with one run and results (%v)", tc.wantSARIF, err)
				}
			}
			for _, want := range tc.wantLog {
				if !strings.Contains(log.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, log.String())
				}
			}
			// Later steps of the job may run the command as chattool-lint.
			b, err := os.ReadFile(ghPath)
			if err != nil {
				t.Fatal(err)
			}
			dir := strings.TrimSpace(string(b))
			if _, err := os.Stat(filepath.Join(dir, "chattool-lint")); err != nil {
				t.Errorf("$GITHUB_PATH %q: %v", dir, err)
			}
		})
	}
}

// readOutputs reads the name=value lines a step wrote to $GITHUB_OUTPUT.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Fatalf("%s: %q is not name=value", path, sc.Text())
		}
		out[name] = value
	}
	return out
}
