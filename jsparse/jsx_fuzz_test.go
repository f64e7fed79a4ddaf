package jsparse

import "testing"

// FuzzJSX: JSXElements and ReadConfig take any input; what they return
// lies inside it.
func FuzzJSX(f *testing.F) {
	for _, s := range []string{
		"import { Button } from '@tarojs/components'\nexport default () => <Button openType='share' plain onClick={() => 1}>x</Button>",
		"export default defineAppConfig({ pages: ['a', ...b], window: { ...c, t: `x` }, n: -1 })",
		"const a = 'x'\nmodule.exports = { a, [a]: 1, b: a ? 1 : 2 }",
		"<><a.b c={{d: <e/>}} /></>",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, jsx bool) {
		lang := TSX
		if jsx {
			lang = JSX
		}
		for _, e := range JSXElements(src, lang) {
			if e.Start < 0 || e.NameEnd < e.Start || e.NameEnd > len(src) {
				t.Fatalf("element %+v outside the input (%d bytes)", e, len(src))
			}
			for _, a := range e.Attrs {
				if a.Start < 0 || a.NameEnd > len(src) || a.ValueStart > a.ValueEnd || a.ValueEnd > len(src) {
					t.Fatalf("attribute %+v outside the input (%d bytes)", a, len(src))
				}
			}
		}
		if v := ReadConfig(src, "app.config.ts"); v != nil && (v.Start < 0 || v.End > len(src)) {
			t.Fatalf("config %d-%d outside the input (%d bytes)", v.Start, v.End, len(src))
		}
	})
}
