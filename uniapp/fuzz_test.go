package uniapp

import (
	"bytes"
	"testing"
)

// FuzzStrip: any input, either syntax; the offsets and line breaks of the
// input are kept, and only spaces are written.
func FuzzStrip(f *testing.F) {
	for _, s := range []string{"// #ifdef H5\nx\n// #endif\n", "<!-- #ifndef MP -->a<!-- #else -->b<!-- #endif -->",
		"/* #if (MP || H5) && !APP */ y /* #endif */", "// #ifdef\n// #else\n// #endif"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, html bool) {
		syntax := JS
		if html {
			syntax = HTML
		}
		out := Strip(src, syntax, Context{})
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range src {
			if out[i] != src[i] && (out[i] != ' ' || src[i] == '\n' || src[i] == '\r') {
				t.Fatalf("byte %d: %q became %q", i, src[i], out[i])
			}
		}
	})
}

// FuzzBlocks: the blocks of any input lie inside it, in order.
func FuzzBlocks(f *testing.F) {
	for _, s := range []string{"<template><view/></template><script setup lang=\"ts\">x</script>",
		"<template><template v-if='a'></template>", "<style lang=scss>a{}</style><!--", "<script>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		last := 0
		for _, b := range Blocks(src) {
			if b.Start < last || b.End < b.Start || b.End > len(src) {
				t.Fatalf("block %+v out of place (last end %d, length %d)", b, last, len(src))
			}
			last = b.End
		}
		if k := Keep(src, Blocks(src)...); len(k) != len(src) || bytes.Count(k, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatalf("Keep changed the length or the lines")
		}
	})
}
