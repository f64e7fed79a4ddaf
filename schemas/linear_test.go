package schemas

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/internal/suggest"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// linearDeadline is the time one validation of a large document may take:
// each below needs a second or two on a quiet machine, a few more on a
// loaded one; a "did you mean" that computes the edit distance to every
// known key in full for each unknown one took a minute for 400,000 keys.
const linearDeadline = 30 * time.Second

// TestValidateLinear validates documents with hundreds of thousands of
// keys: unknown keys at the top of a page and in app.json's window (each
// looked up in the known keys for "did you mean"), keys one or two edits
// from a known one (each gets a suggestion), case variants of one key, and
// long keys. Each must be done within linearDeadline, with one error per
// unknown key.
func TestValidateLinear(t *testing.T) {
	const n = 400_000
	obj := func(n int, key func(i int) string) map[string]any {
		m := make(map[string]any, n)
		for i := range n {
			m[key(i)] = json.Number("1")
		}
		return m
	}
	unknown := func(what, schema string, doc any, want int, suggested func(Error) bool) {
		t.Helper()
		testutil.Within(t, linearDeadline, what, func() {
			errs, err := Validate(schema, doc)
			if err != nil {
				t.Errorf("%s: %v", what, err)
				return
			}
			got := 0
			for _, e := range errs {
				if e.Kind != Unknown {
					t.Errorf("%s: %s", what, e.Message)
					return
				}
				if !suggested(e) {
					t.Errorf("%s: %s", what, e.Message)
					return
				}
				got++
			}
			if got != want {
				t.Errorf("%s: %d unknown keys reported, want %d", what, got, want)
			}
		})
	}
	none := func(e Error) bool { return !strings.Contains(e.Message, "did you mean") }
	some := func(e Error) bool { return strings.Contains(e.Message, "did you mean") }

	keys := obj(n, func(i int) string { return fmt.Sprintf("k%07d", i) })
	unknown("400,000 unknown keys in a page", "page", keys, n, none)
	unknown("400,000 unknown keys in app.json's window", "app",
		map[string]any{"pages": []any{"pages/a/a"}, "window": keys}, n, none)

	// Two characters appended to a known key: within the edit distance
	// that gets a suggestion, all different.
	once.Do(load)
	var near []string
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	for _, w := range vocab {
		for _, a := range alnum {
			for _, b := range alnum {
				if k := w + string(a) + string(b); len(near) < 200_000 && !containsFold(vocab, k) {
					near = append(near, k)
				}
			}
		}
	}
	unknown("200,000 keys near known ones", "page", obj(len(near), func(i int) string { return near[i] }), len(near), some)

	// Case variants of a known key: each is a case-only typo.
	const word = "navigationBarTitleText"
	variant := func(i int) string {
		b := []byte(word)
		for j := range b {
			if i&(1<<j) != 0 {
				b[j] ^= 'a' - 'A'
			}
		}
		return string(b)
	}
	unknown("100,000 case variants", "page", obj(100_000, func(i int) string { return variant(i + 1) }), 100_000, some)

	unknown("1,000 keys of 10 KB", "page", obj(1000, func(i int) string { return fmt.Sprintf("%010000d", i) }), 1000, none)
}

func containsFold(words []string, w string) bool {
	for _, v := range words {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// TestClosest holds the package's closest to what suggest.Closest gives
// with the known keys: for every known key, the same with random edits,
// case changes, letters that fold to ASCII ones (the Kelvin sign, the long
// s), invalid UTF-8 and short and long words.
func TestClosest(t *testing.T) {
	once.Do(load)
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "e", "s", "S", "k", "K", "T", "x", "_", ".", "\u212a", "\u017f", "标", "\xff", "é", "É"}
	mutate := func(w string) string {
		rs := strings.Split(w, "")
		for range 1 + r.IntN(3) {
			switch i := r.IntN(len(rs) + 1); r.IntN(4) {
			case 0: // insert
				rs = append(rs[:i], append([]string{alphabet[r.IntN(len(alphabet))]}, rs[i:]...)...)
			case 1: // delete
				if i < len(rs) {
					rs = append(rs[:i], rs[i+1:]...)
				}
			case 2: // substitute
				if i < len(rs) {
					rs[i] = alphabet[r.IntN(len(alphabet))]
				}
			case 3: // change case
				if i < len(rs) {
					rs[i] = strings.ToUpper(rs[i])
				}
			}
		}
		return strings.Join(rs, "")
	}
	words := []string{"", "a", "ab", "abc", "PAGES", "page", "\u212aey", "\u017fcope", strings.Repeat("x", 100)}
	for _, w := range vocab {
		words = append(words, w, strings.ToUpper(w), strings.ReplaceAll(w, "k", "\u212a"), strings.ReplaceAll(w, "s", "\u017f"))
		for range 8 {
			words = append(words, mutate(w))
		}
	}
	for range 1000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		words = append(words, b.String())
	}
	l := newLexicon(vocab)
	for _, w := range words {
		if got, want := l.closest(w), suggest.Closest(w, vocab); got != want {
			t.Errorf("closest(%q) = %q, suggest.Closest says %q", w, got, want)
		}
	}
}

// TestWithinDistance holds the bounded edit distance to suggest.Distance.
func TestWithinDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func() []rune {
		rs := make([]rune, r.IntN(9))
		for i := range rs {
			rs[i] = rune('a' + r.IntN(3))
		}
		return rs
	}
	var buf distBuf
	for range 100_000 {
		a, b := word(), word()
		k := r.IntN(4)
		want := min(suggest.Distance(string(a), string(b)), k+1)
		if got := buf.within(a, b, k); got != want {
			t.Fatalf("within(%q, %q, %d) = %d, want %d", string(a), string(b), k, got, want)
		}
	}
}
