package uniapp

import (
	"strings"
	"testing"
)

// TestStrip: the branches of conditional compilation the mp-weixin build
// leaves out are blanked, offsets and lines kept.
func TestStrip(t *testing.T) {
	in := `a
// #ifdef H5
h5()
// #endif
// #ifdef MP-WEIXIN || H5
wx()
// #else
other()
// #endif
// #ifndef MP
notmp()
// #endif
/* #ifdef APP-PLUS */ app() /* #endif */
// #ifdef VUE3
vue3()
// #endif
// #ifdef UNKNOWN || MP
unknownFirst()
// #endif
// #ifdef MP || UNKNOWN
mpFirst()
// #endif
// #ifdef H5
// #ifdef MP-WEIXIN
nested()
// #endif
// #endif
z`
	out := string(Strip([]byte(in), JS, Context{Vue3: true}))
	if len(out) != len(in) || strings.Count(out, "\n") != strings.Count(in, "\n") {
		t.Fatalf("offsets or lines changed:\n%s", out)
	}
	for _, kept := range []string{"a\n", "wx()", "vue3()", "mpFirst()", "z", "// #ifdef H5"} {
		if !strings.Contains(out, kept) {
			t.Errorf("%q left out:\n%s", kept, out)
		}
	}
	for _, gone := range []string{"h5()", "other()", "notmp()", "app()", "unknownFirst()", "nested()"} {
		if strings.Contains(out, gone) {
			t.Errorf("%q kept:\n%s", gone, out)
		}
	}
	if got := string(Strip([]byte(in), JS, Context{})); strings.Contains(got, "vue3()") {
		t.Errorf("VUE3 kept in a Vue 2 project")
	}
	html := "<view>\n<!-- #ifdef H5 -->\n<ad/>\n<!-- #endif -->\n<!-- #ifdef MP-WEIXIN -->\n<button/>\n<!-- #endif -->\n</view>"
	got := string(Strip([]byte(html), HTML, Context{}))
	if strings.Contains(got, "<ad/>") || !strings.Contains(got, "<button/>") || len(got) != len(html) {
		t.Errorf("HTML:\n%s", got)
	}
	if s := []byte("// #ifdef H5\nunclosed()"); string(Strip(s, JS, Context{})) != string(s) {
		t.Errorf("an #ifdef with no #endif changed the text")
	}
}
