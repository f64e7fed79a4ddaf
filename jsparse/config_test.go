package jsparse

import (
	"encoding/json"
	"testing"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// TestReadConfig: a Taro configuration's default export, evaluated
// statically, each value at its place in the file.
func TestReadConfig(t *testing.T) {
	src := `import { x } from './x'
const root = 'pkg'
const base = { a: 1 }
export default defineAppConfig({
  pages: ['pages/index/index', ...['pages/b/b']],
  subPackages: [{ root, pages: ['p/index'] }],
  window: { ...base, title: process.env.TARO_ENV === 'weapp' ? 'wx' : 'h5', unknown: x, n: -2, t: ` + "`tpl`" + ` },
  'quoted-key': true,
})
`
	v := ReadConfig([]byte(src), "app.config.ts")
	if v == nil {
		t.Fatal("no value")
	}
	got, _ := json.Marshal(v.Interface())
	want := `{"pages":["pages/index/index","pages/b/b"],"quoted-key":true,"subPackages":[{"pages":["p/index"],"root":"pkg"}],"window":{"a":1,"n":-2,"t":"tpl","title":"wx"}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	at := func(v *jsonc.Value) string { return src[v.Start:v.End] }
	if s := at(v.Get("pages").Elems[0]); s != "'pages/index/index'" {
		t.Errorf("pages[0] at %q", s)
	}
	if s := at(v.Get("subPackages").Elems[0].Get("root")); s != "root" {
		t.Errorf("root at %q, want the name where it is used", s)
	}
	if s := at(v.Get("window")); s[0] != '{' || s[len(s)-1] != '}' {
		t.Errorf("window at %q", s)
	}
	if m := v.Member("quoted-key"); src[m.KeyStart:m.KeyEnd] != "'quoted-key'" {
		t.Errorf("quoted key at %q", src[m.KeyStart:m.KeyEnd])
	}
	for _, bad := range []string{"export default foo()", "const x = 1", "export default {", "module.exports = [1]"} {
		if v := ReadConfig([]byte(bad), "a.config.js"); v != nil {
			t.Errorf("%q: %v, want nil", bad, v)
		}
	}
	if v := ReadConfig([]byte("module.exports = { navigationBarTitleText: 'x' }"), "index.config.js"); v == nil || v.Get("navigationBarTitleText") == nil {
		t.Errorf("module.exports: %v", v)
	}
}

// TestJSXElements: the elements of a .tsx file, Taro's components by
// their WXML names, props as attributes, at their places.
func TestJSXElements(t *testing.T) {
	src := `import { View, Button as B, AdCustom } from '@tarojs/components'
import * as C from '@tarojs/components'
export default function P({ ok }: { ok: boolean }) {
  return (
    <View className='a'>
      <B openType="share" plain onClick={() => go()}>x</B>
      <AdCustom unitId={ok ? 'u1' : 'u2'} />
      <C.Navigator target='miniProgram' />
      <>
        <view hoverClass="h" />
      </>
      <Mine openType='share' />
    </View>
  )
}
`
	els := JSXElements([]byte(src), TSX)
	var names []string
	for _, e := range els {
		names = append(names, e.Name)
	}
	want := []string{"view", "button", "ad-custom", "navigator", "view", "Mine"}
	if len(names) != len(want) {
		t.Fatalf("elements %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("elements %v, want %v", names, want)
		}
	}
	b := els[1]
	if src[b.Start:b.NameEnd] != "<B" || b.Parent != 0 {
		t.Errorf("button at %q, parent %d", src[b.Start:b.NameEnd], b.Parent)
	}
	attrs := map[string]JSXAttr{}
	for _, a := range b.Attrs {
		attrs[a.Name] = a
	}
	if a := attrs["open-type"]; a.Value != "share" || src[a.ValueStart:a.ValueEnd] != "share" || src[a.Start:a.NameEnd] != "openType" {
		t.Errorf("open-type: %+v", a)
	}
	if a, ok := attrs["plain"]; !ok || a.HasValue {
		t.Errorf("plain: %+v", a)
	}
	if _, ok := attrs["bind:tap"]; !ok {
		t.Errorf("onClick is not bind:tap: %+v", b.Attrs)
	}
	u := els[2].Attrs[0]
	if u.Name != "unit-id" || src[u.ValueStart:u.ValueEnd] != "ok ? 'u1' : 'u2'" || u.Value[:2] != "{{" {
		t.Errorf("unit-id: %+v %q", u, src[u.ValueStart:u.ValueEnd])
	}
}
