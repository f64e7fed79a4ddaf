package lint

import (
	"go/token"
	"math/rand/v2"
	"testing"
)

// TestPositionCache checks that resolving positions from the last one in
// the same line gives what resolving each from scratch gives, in any order.
func TestPositionCache(t *testing.T) {
	src := []byte("\uFEFFa { b: 1 }\r\n.标题 { c: '😀' } .d{e:f}\n\nlast line 🎉 end\n")
	fset := token.NewFileSet()
	tf := fset.AddFile("x.wxss", -1, len(src))
	tf.SetLinesForContent(src)
	d := &driver{}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		off := r.IntN(len(src) + 1)
		for off < len(src) && off > 0 && src[off]&0xC0 == 0x80 {
			off-- // a rune boundary
		}
		if got, want := d.position(tf, src, off), position(tf, src, off); got != want {
			t.Fatalf("offset %d: cached %+v, fresh %+v", off, got, want)
		}
	}
}
