package jsonc

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// linearDeadline is the time any one of the large inputs may take: each
// needs a second or two on a quiet machine (5 MB parsed, every key looked
// up), a few more on one shared by several builds, and a quadratic look-up
// (a scan of the members per key) many minutes.
const linearDeadline = 30 * time.Second

// manyKeys returns an object of n distinct keys, k0000000 to k(n-1), each
// mapped to its number.
func manyKeys(n int) []byte {
	var b strings.Builder
	b.Grow(n * 14)
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\"k%07d\":%d", i, i)
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// TestLinear parses large files and looks up every key of them: an object
// of 400,000 keys (5.6 MB, under the loader's 16 MB limit), the same key
// 400,000 times, 1,000,000 array elements, 2,000 objects nested to the
// deepest legal level, and many comments and trailing commas. Each must be
// done within linearDeadline: the look-ups of an object must not scan its
// members.
func TestLinear(t *testing.T) {
	const n = 400_000
	testutil.Within(t, linearDeadline, "400,000 keys", func() {
		v, probs, err := Parse(manyKeys(n))
		if err != nil || len(probs) != 0 {
			t.Errorf("%d keys: error %v, problems %d", n, err, len(probs))
			return
		}
		for i := range n {
			k := fmt.Sprintf("k%07d", i)
			if got := v.Get(k); got == nil || string(got.Num) != strconv.Itoa(i) {
				t.Errorf("Get(%q) = %+v", k, got)
				return
			}
			if got, m := v.Lookup([]string{k}); got == nil || m == nil || m.Key != k {
				t.Errorf("Lookup(%q) = %+v, %+v", k, got, m)
				return
			}
			if v.Get("x"+k) != nil || v.Member(k+"x") != nil {
				t.Errorf("Get finds a key that is not there")
				return
			}
		}
		if m := v.Interface().(map[string]any); len(m) != n {
			t.Errorf("Interface has %d keys, want %d", len(m), n)
		}
	})

	testutil.Within(t, linearDeadline, "one key 400,000 times", func() {
		var b strings.Builder
		b.WriteByte('{')
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"a":%d`, i)
		}
		b.WriteByte('}')
		v, probs, err := Parse([]byte(b.String()))
		if err != nil || len(probs) != n-1 {
			t.Errorf("duplicates: error %v, %d problems, want %d", err, len(probs), n-1)
			return
		}
		for range n {
			if got := v.Get("a"); got == nil || string(got.Num) != strconv.Itoa(n-1) {
				t.Errorf(`Get("a") = %+v, want the last value`, got)
				return
			}
		}
	})

	testutil.Within(t, linearDeadline, "1,000,000 array elements", func() {
		const elems = 1_000_000
		src := "[" + strings.Repeat("1,", elems-1) + "1]"
		v, _, err := Parse([]byte(src))
		if err != nil || len(v.Elems) != elems {
			t.Errorf("array: error %v", err)
			return
		}
		for i := 0; i < elems; i += 1000 {
			if e, _ := v.Lookup([]string{strconv.Itoa(i)}); e == nil {
				t.Errorf("Lookup(%d) = nil", i)
				return
			}
		}
	})

	testutil.Within(t, linearDeadline, "2,000 objects nested 512 deep", func() {
		// MaxDepth levels in all: the outer array and 511 objects.
		one := strings.Repeat(`{"a":`, MaxDepth-1) + "1" + strings.Repeat("}", MaxDepth-1)
		src := "[" + strings.Repeat(one+",", 1_999) + one + "]"
		v, _, err := Parse([]byte(src))
		if err != nil || len(v.Elems) != 2_000 {
			t.Errorf("nested: error %v", err)
			return
		}
		path := make([]string, MaxDepth-1)
		for i := range path {
			path[i] = "a"
		}
		if e, _ := v.Elems[1_999].Lookup(path); e == nil || e.Kind != Number {
			t.Errorf("Lookup 511 deep = %+v", e)
		}
	})

	testutil.Within(t, linearDeadline, "comments and trailing commas", func() {
		src := "[" + strings.Repeat("[1,/* c */],// d\n", 100_000) + "1]"
		_, probs, err := Parse([]byte(src))
		if err != nil || len(probs) != 300_000 {
			t.Errorf("comments: error %v, %d problems, want 300,000", err, len(probs))
		}
	})
}
