package wxml

import "testing"

func TestMentions(t *testing.T) {
	d := Parse([]byte(`<view class="a"><button open-type="share" data-x="plugin://p/c">x</button><my-comp foo="bar"/></view>`))
	for _, s := range []string{"plugin", "plugin://p/c", "share", "my-comp", "foo", "bar", "button", "open-type", "class", "utto"} {
		if !d.Mentions(s) {
			t.Errorf("Mentions(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"zzz", "plugin://q", "your-comp"} {
		if d.Mentions(s) {
			t.Errorf("Mentions(%q) = true, want false", s)
		}
	}
}
