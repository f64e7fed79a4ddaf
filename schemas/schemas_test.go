package schemas

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFiles are the schema files this package embeds, by the name callers
// validate against.
var schemaFiles = map[string]string{
	"app":            "app.schema.json",
	"page":           "page.schema.json",
	"component":      "component.schema.json",
	"project.config": "project.config.schema.json",
	"sitemap":        "sitemap.schema.json",
	"chattool-lint":  "chattool-lint.schema.json",
}

// compileTestSchemas compiles every schema file on its own, as draft 2020-12,
// straight from disk, so that these tests hold whatever the Go API does.
func compileTestSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	out := map[string]*jsonschema.Schema{}
	for name, file := range schemaFiles {
		doc := readTestJSON(t, file)
		if err := c.AddResource(file, doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		s, err := c.Compile(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out[name] = s
	}
	return out
}

func readTestJSON(t *testing.T, file string) any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

// leafErrors lists the leaves of a validation error as "Kind /instance/path",
// the kind being the jsonschema/v6/kind type name.
func leafErrors(err error) []string {
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{"not a validation error: " + err.Error()}
	}
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			k := strings.TrimPrefix(fmt.Sprintf("%T", e.ErrorKind), "*kind.")
			out = append(out, k+" /"+strings.Join(e.InstanceLocation, "/"))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(out)
	return out
}

const demoApp = `{
  "pages": ["page/component/index", "page/API/index"],
  "usingComponents": {"mp-navigation-bar": "/component/navigation-bar/navigation-bar"},
  "chatTools": [{
    "root": "packageChatTool",
    "entryPagePath": "pages/activity_create/index",
    "desc": "群签到工具",
    "scopes": ["scope.userLocation"]
  }],
  "subpackages": [
    {"root": "packageChatTool", "pages": ["pages/activity_create/index"], "entry": "entry.js",
     "independent": true, "renderer": "skyline"},
    {"root": "packageSkyline", "renderer": "skyline", "componentFramework": "glass-easel",
     "pages": ["pages/worklet/animation/index"]}
  ],
  "preloadRule": {"page/API/index": {"network": "all", "packages": ["packageChatTool"]}},
  "window": {
    "navigationBarTextStyle": "@navigationBarTextStyle",
    "navigationBarTitleText": "演示",
    "navigationBarBackgroundColor": "@navigationBarBackgroundColor",
    "backgroundColor": "@backgroundColor"
  },
  "tabBar": {
    "color": "@tabBarColor", "selectedColor": "@tabBarSelectedColor",
    "borderStyle": "@tabBarBorderStyle", "backgroundColor": "@tabBarBackgroundColor",
    "list": [
      {"pagePath": "page/component/index", "iconPath": "@iconPathComponent", "text": "组件"},
      {"pagePath": "page/API/index", "iconPath": "@iconPathAPI", "text": "接口"}
    ]
  },
  "networkTimeout": {"request": 10000, "downloadFile": 10000},
  "workers": "workers",
  "style": "v2",
  "permission": {"scope.userLocation": {"desc": "你的位置信息将用于小程序位置接口的效果展示"}},
  "sitemapLocation": "sitemap.json",
  "themeLocation": "demo.theme.json",
  "darkmode": true,
  "useExtendedLib": {"weui": "latest"},
  "requiredBackgroundModes": ["audio", "location"],
  "requiredPrivateInfos": ["getLocation", "chooseLocation"],
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": {"skyline": {"defaultDisplayBlock": true, "defaultContentBox": true,
    "tagNameStyleIsolation": "legacy", "disableABTest": true,
    "sdkVersionBegin": "3.0.0", "sdkVersionEnd": "15.255.255"}},
  "componentFramework": "glass-easel",
  "appBar": {}
}`

var validationCases = []struct {
	name   string
	schema string
	doc    string
	want   []string // sorted "Kind /pointer"; nil means valid
}{
	// app.json
	{"app/demo", "app", demoApp, nil},
	{"app/minimal", "app", `{"pages": ["pages/index/index"]}`, nil},
	{"app/subPackages spelling", "app", `{"pages": ["a"], "subPackages": [{"root": "p", "pages": ["x"]}]}`, nil},
	{"app/workers object", "app", `{"pages": ["a"], "workers": {"path": "workers", "isSubpackage": true}}`, nil},
	{"app/passive event object", "app", `{"pages": ["a"], "enablePassiveEvent": {"touchmove": true}}`, nil},
	{"app/missing pages", "app", `{}`, []string{"Required /"}},
	{"app/empty pages", "app", `{"pages": []}`, []string{"MinItems /pages"}},
	{"app/unknown keys", "app", `{"pages": ["a"], "subPackage": [], "window": {"navigationBarTitle": "x"}}`,
		[]string{"AdditionalProperties /", "AdditionalProperties /window"}},
	{"app/bad enums", "app", `{"pages": ["a"], "renderer": "flutter", "componentFramework": "react",
		"window": {"navigationStyle": "none", "pageOrientation": "sideways"}}`,
		[]string{"Enum /componentFramework", "Enum /renderer", "Enum /window/navigationStyle", "Enum /window/pageOrientation"}},
	{"app/text style pattern", "app", `{"pages": ["a"], "window": {"navigationBarTextStyle": "blue"}}`,
		[]string{"Pattern /window/navigationBarTextStyle"}},
	{"app/types", "app", `{"pages": "a", "debug": "yes", "window": {"enablePullDownRefresh": 1}}`,
		[]string{"Type /debug", "Type /pages", "Type /window/enablePullDownRefresh"}},
	{"app/tabBar too many", "app", `{"pages": ["a"], "tabBar": {"list": [
		{"pagePath": "a"}, {"pagePath": "b"}, {"pagePath": "c"}, {"pagePath": "d"}, {"pagePath": "e"}, {"pagePath": "f"}]}}`,
		[]string{"MaxItems /tabBar/list"}},
	{"app/tabBar too few and no pagePath", "app", `{"pages": ["a"], "tabBar": {"list": [{"text": "x"}]}}`,
		[]string{"MinItems /tabBar/list", "Required /tabBar/list/0"}},
	{"app/subpackage", "app", `{"pages": ["a"], "subpackages": [{"pages": ["x"], "independent": "true", "renderer": "native"}]}`,
		[]string{"Enum /subpackages/0/renderer", "Required /subpackages/0", "Type /subpackages/0/independent"}},
	{"app/chatTools: no required keys, no max, but closed", "app", `{"pages": ["a"], "chatTools": [{}, {"root": "x", "icon": "y", "scopes": "scope.userLocation"}]}`,
		[]string{"AdditionalProperties /chatTools/1", "Type /chatTools/1/scopes"}},
	{"app/lazyCodeLoading any string", "app", `{"pages": ["a"], "lazyCodeLoading": "all"}`, nil},
	{"app/lazyCodeLoading not a string", "app", `{"pages": ["a"], "lazyCodeLoading": true}`, []string{"Type /lazyCodeLoading"}},
	{"app/skyline options", "app", `{"pages": ["a"], "rendererOptions": {"skyline": {"tagNameStyleIsolation": "global", "defaultBlock": true}}}`,
		[]string{"AdditionalProperties /rendererOptions/skyline", "Enum /rendererOptions/skyline/tagNameStyleIsolation"}},
	{"app/privacy infos", "app", `{"pages": ["a"], "requiredPrivateInfos": ["getLocation", "getUserInfo"]}`,
		[]string{"Enum /requiredPrivateInfos/1"}},
	{"app/preloadRule", "app", `{"pages": ["a"], "preloadRule": {"a": {"network": "4g"}}}`,
		[]string{"Enum /preloadRule/a/network", "Required /preloadRule/a"}},
	{"app/resolveAlias", "app", `{"pages": ["a"], "resolveAlias": {"~/*": "/*", "@utils/*": "utils"}}`,
		[]string{"Pattern /resolveAlias/@utils/*"}},

	// page json
	{"page/typical", "page", `{"usingComponents": {"t-button": "tdesign-miniprogram/button/button"},
		"navigationBarTitleText": "x", "navigationStyle": "custom", "disableScroll": true,
		"renderer": "skyline", "componentFramework": "glass-easel", "backgroundTextStyle": "@bgTextStyle",
		"rendererOptions": {"skyline": {"enableScrollViewAutoSize": true, "keyframeStyleIsolation": "legacy"}}}`, nil},
	{"page/xr-frame", "page", `{"renderer": "xr-frame", "usingComponents": {}}`, nil},
	{"page/window key is not a page key", "page", `{"window": {}, "pages": []}`, []string{"AdditionalProperties /"}},
	{"page/bad values", "page", `{"navigationStyle": "hidden", "onReachBottomDistance": "50", "usingComponents": {"a": 1}}`,
		[]string{"Enum /navigationStyle", "Type /onReachBottomDistance", "Type /usingComponents/a"}},

	// component json
	{"component/typical", "component", `{"component": true, "styleIsolation": "apply-shared",
		"usingComponents": {}, "componentGenerics": {"selectable": true, "item": {"default": "./item"}},
		"componentPlaceholder": {"comp-a": "view"}, "renderer": "webview"}`, nil},
	{"component/bad", "component", `{"component": "yes", "styleIsolation": "scoped", "componentGenerics": {"x": {"defaults": "y"}}}`,
		[]string{"AdditionalProperties /componentGenerics/x", "Enum /styleIsolation", "Type /component"}},
	{"component/unknown", "component", `{"component": true, "addGlobalClass": true, "options": {}}`, []string{"AdditionalProperties /"}},

	// project.config.json
	{"project/typical", "project.config", `{"miniprogramRoot": "miniprogram/", "compileType": "miniprogram",
		"libVersion": "3.7.6", "appid": "wx123",
		"setting": {"es6": true, "minified": true, "useCompilerPlugins": ["typescript", ["sass", {"outputMode": "x"}]],
		  "babelSetting": {"ignore": [], "disablePlugins": [], "outputPath": ""}, "condition": false},
		"packOptions": {"ignore": [{"type": "folder", "value": "test"}, {"type": "glob", "value": "**/*.md"}], "include": []},
		"editorSetting": {"tabIndent": "insertSpaces", "tabSize": 2},
		"condition": {"miniprogram": {"list": [{"name": "x", "pathName": "page/a", "query": "", "scene": null}]}}}`, nil},
	{"project/useCompilerPlugins false", "project.config", `{"setting": {"useCompilerPlugins": false}}`, nil},
	{"project/bad", "project.config", `{"compileType": "app", "libVersion": "newest",
		"setting": {"minify": true, "useCompilerPlugins": ["scss", ["less"], {"type": "sass"}]},
		"packOptions": {"ignore": [{"type": "extension", "value": ".md"}, {"type": "file"}]}}`,
		[]string{
			"AdditionalProperties /setting",
			"Enum /compileType",
			"Enum /packOptions/ignore/0/type",
			"MinItems /setting/useCompilerPlugins/1",
			"Pattern /libVersion",
			"Pattern /setting/useCompilerPlugins/0",
			"Required /packOptions/ignore/1",
			"Type /setting/useCompilerPlugins/2",
		}},

	// sitemap.json
	{"sitemap/typical", "sitemap", `{"desc": "x", "rules": [{"action": "allow", "page": "*"},
		{"action": "disallow", "page": "pages/a", "params": ["id"], "matching": "exact", "priority": 1}]}`, nil},
	{"sitemap/bad", "sitemap", `{"rules": [{"action": "deny", "matching": "fuzzy", "pages": "*"}]}`,
		[]string{"AdditionalProperties /rules/0", "Enum /rules/0/action", "Enum /rules/0/matching", "Required /rules/0"}},
	{"sitemap/missing rules", "sitemap", `{"desc": "x"}`, []string{"Required /"}},
}

func TestValidation(t *testing.T) {
	compiled := compileTestSchemas(t)
	for _, tc := range validationCases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
			if err != nil {
				t.Fatalf("bad test document: %v", err)
			}
			got := leafErrors(compiled[tc.schema].Validate(doc))
			want := slices.Clone(tc.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("errors:\n got  %q\n want %q", got, want)
			}
		})
	}
}

// TestSchemaShape checks the conventions callers rely on: each file declares
// draft 2020-12 and its $id, every object that lists properties closes itself
// with additionalProperties (so unknown keys are reported), every property is
// described (descriptions are shown to users), and anyOf/oneOf are not used
// (a plain type union gives better errors).
func TestSchemaShape(t *testing.T) {
	for _, file := range schemaFiles {
		doc, ok := readTestJSON(t, file).(map[string]any)
		if !ok {
			t.Fatalf("%s: not an object", file)
		}
		if got := doc["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v", file, got)
		}
		if got, want := doc["$id"], "https://chattool-lint.dev/schemas/"+file; got != want {
			t.Errorf("%s: $id is %v, want %s", file, got, want)
		}
		checkSchemaNode(t, file, "#", doc)
	}
}

func checkSchemaNode(t *testing.T, file, at string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range []string{"anyOf", "oneOf"} {
			if _, ok := v[k]; ok {
				t.Errorf("%s %s: uses %s", file, at, k)
			}
		}
		if props, ok := v["properties"].(map[string]any); ok {
			if _, ok := v["additionalProperties"]; !ok {
				t.Errorf("%s %s: lists properties without additionalProperties", file, at)
			}
			for name, p := range props {
				pm, _ := p.(map[string]any)
				d, _ := pm["description"].(string)
				_, isRef := pm["$ref"]
				if d == "" && !isRef {
					t.Errorf("%s %s/properties/%s: no description", file, at, name)
				}
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			checkSchemaNode(t, file, at+"/"+k, v[k])
		}
	case []any:
		for i, c := range v {
			checkSchemaNode(t, file, fmt.Sprintf("%s/%d", at, i), c)
		}
	}
}

// TestEverySchemaFileListed keeps schemaFiles in step with the directory.
func TestEverySchemaFileListed(t *testing.T) {
	files, err := filepath.Glob("*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, f := range schemaFiles {
		listed = append(listed, f)
	}
	sort.Strings(files)
	sort.Strings(listed)
	if !slices.Equal(files, listed) {
		t.Errorf("schema files %q, listed %q", files, listed)
	}
}
