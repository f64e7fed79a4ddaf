// Package suggest finds the known word a misspelled one was meant to be, for
// "did you mean" hints.
package suggest

import "strings"

// Closest returns the candidate closest to word when it is close enough to
// be a typo: equal but for case, or within an edit distance of 2 (1 for
// words of three letters or fewer). It returns "" when none is.
func Closest(word string, candidates []string) string {
	limit := 2
	if len([]rune(word)) <= 3 {
		limit = 1
	}
	best, bestD := "", limit+1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c
		}
		d := Distance(lw, strings.ToLower(c))
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
