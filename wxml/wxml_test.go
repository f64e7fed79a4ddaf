package wxml

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/fuzzseed"
)

// outline renders the tree with offsets, one element a line.
func outline(d *Document) string {
	var b strings.Builder
	for _, e := range d.Elements() {
		depth := 0
		for p := e.Parent; p != nil; p = p.Parent {
			depth++
		}
		fmt.Fprintf(&b, "%s<%s>@%d", strings.Repeat("  ", depth), e.Name, e.Start)
		for _, a := range e.Attrs {
			if a.HasValue {
				fmt.Fprintf(&b, " %s@%d=%q@%d", a.Name, a.Start, a.Value, a.ValueStart)
			} else {
				fmt.Fprintf(&b, " %s@%d", a.Name, a.Start)
			}
		}
		if e.SelfClosing {
			b.WriteString(" /")
		}
		b.WriteString("\n")
	}
	for _, c := range d.Comments {
		fmt.Fprintf(&b, "comment@%d %q\n", c.Start, c.Text)
	}
	for _, w := range d.WXS {
		fmt.Fprintf(&b, "wxs@%d err=%v\n", w.Start, w.Source.Err != nil)
	}
	for _, e := range d.Errors {
		fmt.Fprintf(&b, "error@%d %s\n", e.Offset, e.Msg)
	}
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"case and bare attributes", `<Scroll-View enhanced scroll-y="{{true}}"></Scroll-View>`,
			"<Scroll-View>@0 enhanced@13 scroll-y@22=\"{{true}}\"@32\n"},
		{"lt inside binding in text", `<view>{{a < b ? 'x' : 'y'}}<text/></view>`,
			"<view>@0\n  <text>@27 /\n"},
		{"lt and quotes inside binding in attribute", `<view wx:if="{{a < b}}" class="{{ok ? "on" : 'off'}}"/>`,
			"<view>@0 wx:if@6=\"{{a < b}}\"@13 class@24=\"{{ok ? \\\"on\\\" : 'off'}}\"@31 /\n"},
		{"unquoted binding", `<view hidden={{a > b}}>x</view>`,
			"<view>@0 hidden@6=\"{{a > b}}\"@13\n"},
		{"self-closing custom tags and textarea", "<t-button/><textarea/><view>after</view>",
			"<t-button>@0 /\n<textarea>@11 /\n<view>@22\n"},
		{"comment", "<!-- <button open-type=\"share\"> -->\n<view/>",
			"<view>@36 /\ncomment@0 \" <button open-type=\\\"share\\\"> \"\n"},
		{"inline wxs", "<wxs module=\"m\">\nvar a = 1 < 2;\nmodule.exports = { a: a };\n</wxs><view/>",
			"<wxs>@0 module@5=\"m\"@13\n<view>@65 /\nwxs@16 err=false\n"},
		{"inline wxs syntax error", "<wxs module=\"m\">var = ;</wxs>",
			"<wxs>@0 module@5=\"m\"@13\nwxs@16 err=true\n"},
		{"wxs with src", `<wxs src="./a.wxs" module="a"/>`,
			"<wxs>@0 src@5=\"./a.wxs\"@10 module@19=\"a\"@27 /\n"},
		{"chinese text and BOM", "\uFEFF<view>你好 {{名字}}</view><image src=\"/a.png\"/>",
			"<view>@3\n<image>@33 src@40=\"/a.png\"@45 /\n"},
		{"CRLF", "<view\r\n  class=\"a\"\r\n>\r\n</view>\r\n",
			"<view>@0 class@9=\"a\"@16\n"},
		{"unclosed", "<view><text>a</view><view/>",
			"<view>@0\n  <text>@6\n<view>@20 /\nerror@6 <text> is not closed (</view> closes its parent first)\n"},
		{"stray end tag", "<view></text></view>",
			"<view>@0\nerror@6 end tag </text> has no start tag\n"},
		{"not closed at EOF", "<view>\n<block>",
			"<view>@0\n  <block>@7\nerror@0 <view> is not closed\nerror@7 <block> is not closed\n"},
		{"unterminated comment", "<view/><!-- x",
			"<view>@0 /\nerror@7 unterminated comment: <!-- has no closing -->\n"},
		{"unterminated binding", "<view>{{ a </view>",
			"<view>@0\nerror@6 unterminated {{: the data binding has no closing }}\n"},
		{"start tag without >", "<view class=\"a\"\n<text/>",
			"<view>@0 class@6=\"a\"@13\n<text>@16 /\nerror@0 start tag <view> has no closing >\n"},
		{"unterminated value", "<view class=\"a>",
			"<view>@0 class@6=\"a>\"@13\nerror@0 start tag <view> has no closing >\nerror@12 attribute class of <view>: unterminated \" string\n"},
		{"less-than in text", "<view>1 < 2</view>", "<view>@0\n"},
		{"object binding", `<template is="x" data="{{...item, a: {b: 1}}}"/>`,
			"<template>@0 is@10=\"x\"@14 data@17=\"{{...item, a: {b: 1}}}\"@23 /\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outline(Parse([]byte(tt.src))); got != tt.want {
				t.Errorf("Parse(%q) =\n%s\nwant\n%s", tt.src, got, tt.want)
			}
		})
	}
}

func TestLiterals(t *testing.T) {
	for _, tt := range []struct{ v, want string }{
		{"share", "[share]"},
		{"{{canShare ? 'share' : ''}}", "[share ]"},
		{`{{type}}`, "[]"},
		{`a{{"b"}}c`, "[a b c]"},
	} {
		a := &Attr{Value: tt.v, HasValue: true}
		if got := fmt.Sprint(a.Literals()); got != tt.want {
			t.Errorf("Literals(%q) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestRef(t *testing.T) {
	for _, tt := range []struct{ from, src, want string }{
		{"pages/a/a.wxml", "item.wxml", "pages/a/item.wxml"},
		{"pages/a/a.wxml", "./item.wxml", "pages/a/item.wxml"},
		{"pages/a/a.wxml", "../../t/item.wxml", "t/item.wxml"},
		{"pages/a/a.wxml", "../../../x.wxml", "../x.wxml"},
		{"pages/a/a.wxml", "/t/item.wxml", "t/item.wxml"},
		{"pages/a/a.wxml", "/img/a.png?v=1", "img/a.png"},
		{"pages/a/a.wxml", "https://x/a.png", ""},
		{"pages/a/a.wxml", "data:image/png;base64,xx", ""},
		{"pages/a/a.wxml", "cloud://env/a.png", ""},
		{"pages/a/a.wxml", "{{src}}", ""},
		{"pages/a/a.wxml", "/img/{{n}}.png", ""},
		{"pages/a/a.wxml", "//cdn/a.png", ""},
	} {
		got, _ := Ref(tt.from, tt.src)
		if got != tt.want {
			t.Errorf("Ref(%q, %q) = %q, want %q", tt.from, tt.src, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`<view wx:if="{{a < b}}" class="{{ok ? "on" : 'off'}}"><text>{{x}}</text></view>`))
	f.Add([]byte("<wxs module=\"m\">var a = 1;</wxs><!-- c --><image src=\"/a.png\"/>"))
	f.Add([]byte("<view><text></view></block><x"))
	f.Add([]byte("<view>\xff</view>"))
	for _, b := range fuzzseed.Files("..", ".wxml") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := Parse(src)
		n := len(src)
		for _, e := range d.Elements() {
			if e.Start < 0 || e.Start > e.NameEnd || e.NameEnd > e.TagEnd || e.TagEnd > e.End || e.End > n {
				t.Fatalf("element %q spans %d %d %d %d of %d", e.Name, e.Start, e.NameEnd, e.TagEnd, e.End, n)
			}
			if string(src[e.Start+1:e.NameEnd]) != e.Name {
				t.Fatalf("element name %q at %d", e.Name, e.Start)
			}
			for _, a := range e.Attrs {
				if a.Start > a.NameEnd || a.NameEnd > a.ValueStart || a.ValueStart > a.ValueEnd || a.ValueEnd > n {
					t.Fatalf("attribute %q spans %d %d %d %d", a.Name, a.Start, a.NameEnd, a.ValueStart, a.ValueEnd)
				}
				if string(src[a.Start:a.NameEnd]) != a.Name || string(src[a.ValueStart:a.ValueEnd]) != a.Value {
					t.Fatalf("attribute %q=%q does not match its span", a.Name, a.Value)
				}
			}
		}
		for _, e := range d.Errors {
			if e.Offset < 0 || e.Offset > n {
				t.Fatalf("error offset %d of %d", e.Offset, n)
			}
		}
	})
}

// Limits: a binary file is one error, invalid UTF-8 an error and the scan
// goes on, nesting past MaxDepth and errors past MaxErrors stop the scan,
// and a file of unclosed "{{" costs one search for "}}".
func TestLimits(t *testing.T) {
	d := Parse([]byte("<view>\x00</view>"))
	if len(d.Errors) != 1 || d.Errors[0].Offset != 6 || !strings.HasPrefix(d.Errors[0].Msg, "binary file") || len(d.Elements()) != 0 {
		t.Errorf("binary: %+v, %d elements", d.Errors, len(d.Elements()))
	}
	d = Parse([]byte("<view>\xFF</view><button open-type=\"share\"/>"))
	if len(d.Errors) != 1 || d.Errors[0].Offset != 6 || !strings.HasPrefix(d.Errors[0].Msg, "invalid UTF-8") || len(d.Elements()) != 2 {
		t.Errorf("invalid UTF-8: %+v, %d elements", d.Errors, len(d.Elements()))
	}
	d = Parse([]byte(strings.Repeat("<view>", 50_000) + strings.Repeat("</view>", 50_000)))
	if len(d.Errors) != 1 || d.Errors[0].Offset != MaxDepth*len("<view>") || !strings.Contains(d.Errors[0].Msg, "nested deeper") {
		t.Errorf("deep: %+v", d.Errors)
	}
	d = Parse([]byte(strings.Repeat("</x>", 50_000) + "<a/>"))
	if len(d.Errors) != MaxErrors+1 || !strings.HasPrefix(d.Errors[MaxErrors].Msg, "more than") || len(d.Elements()) != 0 {
		t.Errorf("many errors: %d errors, %d elements", len(d.Errors), len(d.Elements()))
	}
	// Not a timing: a quadratic scan of 8 MB would not finish.
	d = Parse([]byte("<a b=" + strings.Repeat("{{", 4<<20)))
	if len(d.Elements()) != 1 {
		t.Errorf("unclosed bindings: %d elements", len(d.Elements()))
	}
}
