package uniapp

import "testing"

// TestBlocks: the top-level blocks of a .vue file, nested templates and
// comments included.
func TestBlocks(t *testing.T) {
	src := `<!-- a comment <template> -->
<template>
	<view>
		<template v-if="a"><text>x</text></template>
		<template v-slot:default />
	</view>
</template>
<script>export default {}</script>
<script setup lang="ts">const a = '</scr' + 'ipt>'</script>
<style lang="scss" scoped>.a { b: c }</style>
<i18n>{}</i18n>`
	bs := Blocks([]byte(src))
	want := []struct {
		tag, lang string
		setup     bool
		text      string
	}{
		{"template", "", false, "\n\t<view>\n\t\t<template v-if=\"a\"><text>x</text></template>\n\t\t<template v-slot:default />\n\t</view>\n"},
		{"script", "", false, "export default {}"},
		{"script", "ts", true, "const a = '</scr' + 'ipt>'"},
		{"style", "scss", false, ".a { b: c }"},
		{"i18n", "", false, "{}"},
	}
	if len(bs) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(bs), len(want), bs)
	}
	for i, w := range want {
		b := bs[i]
		if b.Tag != w.tag || b.Lang != w.lang || b.Setup != w.setup || src[b.Start:b.End] != w.text {
			t.Errorf("block %d: %s %q setup=%v %q, want %s %q setup=%v %q", i, b.Tag, b.Lang, b.Setup, src[b.Start:b.End], w.tag, w.lang, w.setup, w.text)
		}
	}
	kept := string(Keep([]byte(src), bs[1]))
	if len(kept) != len(src) || kept[bs[1].Start:bs[1].End] != "export default {}" {
		t.Errorf("Keep: %q", kept)
	}
}
