package engine

import "fmt"

// UnknownKeyError names an unknown key and, when one is close enough to be a likely typo, the
// nearest valid key.
func UnknownKeyError(kind, key string, valid []string) error {
	if near := Nearest(key, valid); near != "" {
		return fmt.Errorf("unknown %s %q (did you mean %q?)", kind, key, near)
	}
	return fmt.Errorf("unknown %s %q", kind, key)
}

// Nearest returns the candidate with the smallest edit distance to s, or "" when even the best is
// too far to be a typo (more than a third of its length, and at least 3 edits).
func Nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || (bestD >= 3 && bestD*3 > len(best)) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance over bytes; keys are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
