package wxml

import (
	"slices"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/jsparse"
)

// checkTree checks that the elements Elements makes are those of src: each
// name and value its span of the source (when spans is set: not for a
// Vue or JSX template, whose attributes are renamed), every child's parent
// its parent, in document order.
func checkTree(t *testing.T, what string, src []byte, d *Document, spans bool) {
	t.Helper()
	els := d.Elements()
	if len(els) != len(d.els) {
		t.Fatalf("%s: %d elements, %d kept", what, len(els), len(d.els))
	}
	if len(els) > 0 && &d.Elements()[0] != &els[0] {
		t.Errorf("%s: a second call made the elements again while the first are held", what)
	}
	kids := map[*Element][]*Element{}
	for i, e := range els {
		if i > 0 && e.Start < els[i-1].Start {
			t.Errorf("%s: <%s>@%d after <%s>@%d", what, e.Name, e.Start, els[i-1].Name, els[i-1].Start)
		}
		if spans && e.Name != string(src[e.Start+1:e.NameEnd]) {
			t.Errorf("%s: <%s>@%d spans %q", what, e.Name, e.Start, src[e.Start+1:e.NameEnd])
		}
		for _, a := range e.Attrs {
			if spans && (a.Name != string(src[a.Start:a.NameEnd]) || a.Value != string(src[a.ValueStart:a.ValueEnd])) {
				t.Errorf("%s: %s=%q@%d spans %q=%q", what, a.Name, a.Value, a.Start, src[a.Start:a.NameEnd], src[a.ValueStart:a.ValueEnd])
			}
			if e.Attr(a.Name) == nil {
				t.Errorf("%s: <%s>.Attr(%q) is nil", what, e.Name, a.Name)
			}
		}
		if cap(e.Attrs) != len(e.Attrs) || cap(e.Children) != len(e.Children) {
			t.Errorf("%s: <%s>@%d: a slice with room after it", what, e.Name, e.Start)
		}
		if e.Parent != nil {
			kids[e.Parent] = append(kids[e.Parent], e)
		}
		if !d.Has("no-such", e.Name) {
			t.Errorf("%s: Has(%q) is false", what, e.Name)
		}
	}
	if d.Has("no-such", "") {
		t.Errorf("%s: Has(no-such) is true", what)
	}
	checkNamed(t, what, d, els)
	for _, e := range els {
		if !slices.Equal(e.Children, kids[e]) && (d.order == nil || len(e.Children) != len(kids[e])) {
			t.Errorf("%s: <%s>@%d has children %d, its elements name it parent of %d", what, e.Name, e.Start, len(e.Children), len(kids[e]))
		}
	}
}

func TestElements(t *testing.T) {
	srcs := []string{
		"",
		"text only",
		`<view wx:if="{{a < b}}" class="{{ok ? "on" : 'off'}}"><text>{{x}}</text></view>`,
		"<view><text></view></block><x",
		"<view class=\"a>",
		"<view class=\n",
		"<wxs module=\"m\">var a = 1;</wxs><view><wxs module=\"n\">",
		"<a><b><c/><d x y=1 z='2'></d></b><e/></a><f>",
		"<" + strings.Repeat("x", 300) + " " + strings.Repeat("y", 70000) + "=\"" + strings.Repeat("v", 20000) + "\"/>",
		string(cardTemplate(7)),
	}
	for _, src := range srcs {
		checkTree(t, src[:min(len(src), 40)], []byte(src), Parse([]byte(src)), true)
	}
	files, _ := loadCorpus(t)
	for _, f := range files {
		d := Parse(f.Src)
		d.compact(false)
		checkTree(t, f.Path, f.Src, d, true)
	}
}

func TestElementsVue(t *testing.T) {
	long := strings.Repeat("n", 200)
	src := `<template><view :class="cls" @click.stop="go" v-if="ok" v-else-if="{{b}}" v-show="s" v-for="i in l" ` +
		long + `="` + strings.Repeat("v", 20000) + `" :` + long + `.prop="x" @tap="t"><input :value="v"><img src="a.png"></view></template>`
	d := parseVue([]byte(src))
	checkTree(t, "vue", []byte(src), d, false)
	var got []string
	for _, e := range d.Elements() {
		for _, a := range e.Attrs {
			v := a.Value
			if len(v) > 20 {
				v = v[:20]
			}
			got = append(got, e.Name+" "+a.Name[:min(len(a.Name), 10)]+"="+v)
		}
	}
	want := []string{
		"view class={{cls}}", "view catch:tap=go", "view wx:if={{ok}}", "view wx:elif={{b}}", "view hidden={{s}}",
		"view wx:for={{i in l}}", "view nnnnnnnnnn=vvvvvvvvvvvvvvvvvvvv", "view nnnnnnnnnn={{x}}", "view bind:tap=t",
		"input value={{v}}", "img src=a.png",
	}
	if !slices.Equal(got, want) {
		t.Errorf("vue attributes\n%q\nwant\n%q", got, want)
	}
}

func TestElementsJSX(t *testing.T) {
	src := `import { View, Button } from '@tarojs/components'
export default function Page() {
  const b = <Button openType="share" plain>share</Button>
  return (
    <View className="a" onClick={go}>
      {list.map((x) => <View key={x}>{x}</View>)}
      {b}
      <MyComp title={"t"} />
    </View>
  )
}
`
	jes := jsparse.JSXElements([]byte(src), jsparse.TSX)
	d := parseJSX([]byte(src), ".tsx")
	checkTree(t, "jsx", []byte(src), d, false)
	els := d.Elements()
	if len(els) != len(jes) || len(jes) == 0 {
		t.Fatalf("%d elements, JSXElements %d", len(els), len(jes))
	}
	byStart := map[int]*Element{}
	for _, e := range els {
		byStart[e.Start] = e
	}
	kids := map[*Element][]*Element{}
	for i, je := range jes {
		e := byStart[je.Start]
		if e == nil || e.Name != je.Name || e.NameEnd != je.NameEnd || e.End != max(je.End, je.NameEnd) || len(e.Attrs) != len(je.Attrs) {
			t.Fatalf("JSX element %d %+v: %+v", i, je, e)
		}
		for k, ja := range je.Attrs {
			a := e.Attrs[k]
			if a.Name != ja.Name || a.Value != ja.Value || a.Start != ja.Start || a.ValueEnd != ja.ValueEnd || a.HasValue != ja.HasValue {
				t.Errorf("JSX attribute %+v: %+v", ja, a)
			}
		}
		if je.Parent >= 0 && je.Parent < i {
			p := byStart[jes[je.Parent].Start]
			if e.Parent != p {
				t.Errorf("JSX element %d: parent %v", i, e.Parent)
			}
			kids[p] = append(kids[p], e)
		}
	}
	for _, e := range els {
		if !slices.Equal(e.Children, kids[e]) {
			t.Errorf("<%s>@%d: children not in the order of the calls", e.Name, e.Start)
		}
	}
}

// TestElementsOrder: elements kept out of the order of their starts (JSX
// elements in the order of their calls) are listed by their starts, and
// their children in the order kept.
func TestElementsOrder(t *testing.T) {
	b := builder{sized: true}
	b.els = append(b.els,
		elem{name: b.name("A-x"), start: 20, nameEnd: 22, end: 40},
		elem{name: b.name("view"), start: 0, nameEnd: 5, end: 10},
		elem{name: b.name("c"), start: 30, nameEnd: 32, end: 35, parent: 1},
		elem{name: b.name("d"), start: 25, nameEnd: 27, end: 29, parent: 1, attrs: 0})
	b.attrs = append(b.attrs, attr{name: b.name("k"), start: 27, nameEnd: 28, hasValue: true})
	b.add("v")
	d := &Document{order: []int32{1, 0, 3, 2}}
	b.finish(d)
	var got []string
	for _, e := range d.Elements() {
		s := e.Name + ":"
		for _, c := range e.Children {
			s += c.Name
		}
		for _, a := range e.Attrs {
			s += " " + a.Name + "=" + a.Value
		}
		got = append(got, s)
	}
	if want := []string{"view:", "A-x:cd", "d: k=v", "c:"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// checkNamed checks that Named gives the elements of els that have the
// names asked for, with their attributes and no tree, for the name of
// each element, two names, and one no element has.
func checkNamed(t *testing.T, what string, d *Document, els []*Element) {
	t.Helper()
	sets := [][]string{{"no-such"}}
	for i, e := range els {
		sets = append(sets, []string{e.Name})
		if i > 0 {
			sets = append(sets, []string{"no-such", e.Name, els[i-1].Name})
		}
	}
	for _, names := range sets {
		var want []*Element
		for _, e := range els {
			if slices.Contains(names, e.Name) {
				want = append(want, e)
			}
		}
		got := d.Named(names...)
		if len(got) != len(want) {
			t.Fatalf("%s: Named(%q): %d elements, want %d", what, names, len(got), len(want))
		}
		for i, g := range got {
			w := want[i]
			if g.Parent != nil || g.Children != nil || g.Name != w.Name || g.Start != w.Start || g.NameEnd != w.NameEnd ||
				g.TagEnd != w.TagEnd || g.End != w.End || g.SelfClosing != w.SelfClosing || g.Closed != w.Closed ||
				len(g.Attrs) != len(w.Attrs) || cap(g.Attrs) != len(g.Attrs) {
				t.Fatalf("%s: Named(%q)[%d] = %+v, want %+v", what, names, i, g, w)
			}
			for k, a := range g.Attrs {
				if *a != *w.Attrs[k] {
					t.Errorf("%s: Named(%q)[%d]: attribute %+v, want %+v", what, names, i, a, w.Attrs[k])
				}
			}
		}
	}
}
