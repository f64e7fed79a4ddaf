package jsparse

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/arena"
)

// bigScripts returns n scripts like those of bench/gen-big.sh (issue 15's
// 100,000-file project): half a component's .js, half its .wxs, every one
// different.
func bigScripts(n int) (srcs [][]byte, langs []Lang) {
	for i := range n / 2 {
		c := fmt.Sprintf("card%06d", i)
		srcs = append(srcs, fmt.Appendf(nil, `const util = require("./%s.wxs")

Component({
  options: { multipleSlots: true },
  properties: {
    title: { type: String, value: "%s" },
    count: { type: Number, value: %d }
  },
  data: { open: false, items: [] },
  methods: {
    onTap(e) {
      this.setData({ open: !this.data.open })
      this.triggerEvent("toggle", { id: %d })
    },
    load() {
      wx.request({
        url: "https://example.com/api/cards/%d",
        success: (res) => this.setData({ items: res.data.items || [] })
      })
    },
    share() {
      if (wx.canIUse("shareAppMessageToGroup")) {
        wx.shareAppMessageToGroup({ title: "%s", path: "/pages/index/index?id=%d" })
      }
    }
  }
})
`, c, c, i%97, i, i, c, i), fmt.Appendf(nil, `var LIMIT = %d
function count(n) {
  return n > LIMIT ? LIMIT + '+' : '' + n
}
module.exports = { count: count }
`, 90+i%10))
		langs = append(langs, JS, WXS)
	}
	return srcs, langs
}

// keptPerScript parses and compacts every script, as Load does, and
// returns the bytes the compacted sources keep live, per script, after a
// collection: what a loaded project holds of its scripts. The shared
// intern table starts empty, so that its share is counted.
func keptPerScript(srcs [][]byte, langs []Lang) float64 {
	interned.Lock()
	interned.m, interned.strs = nil, arena.Arena{}
	interned.Unlock()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := make([]*Source, len(srcs))
	k := &blocks{} // as Load keeps them
	for i, src := range srcs {
		s := Parse(src, langs[i])
		s.compactIn(k)
		kept[i] = k.source.New(*s)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(srcs))
}

// BenchmarkKept reports the bytes a compacted script keeps (B/script, heap
// live after a collection, the sources' bytes excluded): for 20,000 small
// component scripts like bench/gen-big.sh's, and for the npm corpus's
// scripts (real library code).
func BenchmarkKept(b *testing.B) {
	b.Run("big", func(b *testing.B) {
		srcs, langs := bigScripts(20000)
		var kept float64
		for b.Loop() {
			kept = keptPerScript(srcs, langs)
		}
		b.ReportMetric(kept, "B/script")
	})
	b.Run("corpus", func(b *testing.B) {
		files, _ := loadCorpus(b)
		srcs, langs := make([][]byte, len(files)), make([]Lang, len(files))
		for i, f := range files {
			srcs[i], langs[i] = f.Src, f.lang
		}
		var kept float64
		for b.Loop() {
			kept = keptPerScript(srcs, langs)
		}
		b.ReportMetric(kept, "B/script")
	})
}

// TestKept logs what a compacted script keeps (see BenchmarkKept) and
// holds it under a ceiling well above what it is, so that a change that
// makes Compact keep the syntax tree or the source again fails.
func TestKept(t *testing.T) {
	srcs, langs := bigScripts(4000)
	kept := keptPerScript(srcs, langs)
	t.Logf("%.0f B/script kept (%d scripts like bench/gen-big.sh's)", kept, len(srcs))
	if kept > keptCeiling {
		t.Errorf("a compacted script keeps %.0f bytes, more than %d", kept, keptCeiling)
	}
}

// keptCeiling is TestKept's ceiling: about 1,150 bytes are kept (64-bit),
// 1,900 were before the facts kept only what the rules read (issue 15).
const keptCeiling = 1600
