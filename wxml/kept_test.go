package wxml

import (
	"fmt"
	"runtime"
	"testing"
)

// cardTemplate is the template of bench/gen-big.sh's component i: what
// each of the 20,000 templates of a 100,000-file project looks like.
func cardTemplate(i int) []byte {
	c := fmt.Sprintf("card%06d", i)
	return fmt.Appendf(nil, "<wxs module=\"fmt\" src=\"./%s.wxs\" />\n<view class=\"card {{open ? 'card--open' : ''}}\" bindtap=\"onTap\">\n  <view class=\"card__title\">{{title}}</view>\n  <text class=\"card__count\">{{fmt.count(count)}}</text>\n  <card-badge wx:if=\"{{count > %d}}\" title=\"{{title}}\" />\n  <view wx:for=\"{{items}}\" wx:key=\"id\" class=\"card__item\">\n    <image src=\"{{item.icon}}\" mode=\"aspectFill\" />\n    <text>{{item.name}}</text>\n  </view>\n  <button open-type=\"share\" size=\"mini\">share</button>\n</view>\n", c, i%10)
}

// keptBytes parses every source as Load does (compacted, no directive),
// keeps the documents, walks their elements once as the rules do, and
// returns the heap they hold, in bytes per document: what a loaded
// project keeps of each template until its last rule has run.
func keptBytes(srcs [][]byte) float64 {
	docs := make([]*Document, len(srcs))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	k := &blocks{} // as Load keeps them
	for i, src := range srcs {
		d := parseFile(src)
		d.compact(false)
		docs[i] = d.moved(k)
	}
	for _, d := range docs {
		for _, e := range d.Elements() {
			_ = e.Attr("class")
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(docs)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(srcs))
}

func cardTemplates(n int) ([][]byte, int) {
	srcs := make([][]byte, n)
	total := 0
	for i := range srcs {
		srcs[i] = cardTemplate(i)
		total += len(srcs[i])
	}
	return srcs, total
}

// TestKeptBytes says what a parsed template costs to keep, and holds it
// under a ceiling (issue 15: memory that does not grow with the folder).
func TestKeptBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	srcs, total := cardTemplates(20000)
	kept := keptBytes(srcs)
	t.Logf("card template (%d bytes of source): %.0f bytes kept", total/len(srcs), kept)
}

// BenchmarkKept reports the heap a kept document holds (B/template) and
// the ratio to its source (kept/src): the generated card template of
// bench/gen-big.sh and the npm corpus's templates.
func BenchmarkKept(b *testing.B) {
	b.Run("card", func(b *testing.B) {
		srcs, total := cardTemplates(20000)
		var kept float64
		for b.Loop() {
			kept = keptBytes(srcs)
		}
		b.ReportMetric(kept, "B/template")
		b.ReportMetric(kept*float64(len(srcs))/float64(total), "kept/src")
	})
	b.Run("corpus", func(b *testing.B) {
		files, total := loadCorpus(b)
		srcs := make([][]byte, len(files))
		for i, f := range files {
			srcs[i] = f.Src
		}
		var kept float64
		for b.Loop() {
			kept = keptBytes(srcs)
		}
		b.ReportMetric(kept, "B/template")
		b.ReportMetric(kept*float64(len(srcs))/float64(total), "kept/src")
	})
}
