package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// UnknownKeyError names an unknown key and the valid keys it most likely meant, if any.
func UnknownKeyError(kind, key string, valid []string) error {
	if near := Suggest(key, valid); len(near) > 0 {
		return fmt.Errorf("unknown %s %s (did you mean %s?)", kind, Quote(key), orList(near))
	}
	return fmt.Errorf("unknown %s %s", kind, Quote(key))
}

// maxSuggestions keeps a suggestion short enough to read at a glance.
const maxSuggestions = 3

// Suggest returns the valid keys s most likely stands for, in their order in candidates. People
// abbreviate more often than they misspell, so the keys that s begins (gpu → gpu_supply,
// gpu_lead_time) come first, then the keys that contain it (supply → gpu_supply, …); only when
// neither exists does edit distance pick the nearest typo. At most three keys; none when even the
// nearest is too far to be a typo.
func Suggest(s string, candidates []string) []string {
	longest := 0
	for _, c := range candidates {
		longest = max(longest, len(c))
	}
	if len(s) > 3*longest { // lower-casing shrinks text at most threefold (K, the Kelvin sign, to k)
		return nil
	}
	low := strings.ToLower(s)
	for _, match := range []func(c string) bool{
		func(c string) bool { return len(low) >= 2 && strings.HasPrefix(c, low) },
		func(c string) bool { return len(low) >= 3 && strings.Contains(c, low) },
	} {
		var found []string
		for _, c := range candidates {
			if match(strings.ToLower(c)) && len(found) < maxSuggestions {
				found = append(found, c)
			}
		}
		if len(found) > 0 {
			return found
		}
	}
	if near := nearest(s, candidates); near != "" {
		return []string{near}
	}
	return nil
}

// orList quotes the names and joins them: "a", "a" or "b", "a", "b" or "c".
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// nearest returns, of the candidates near enough to s to be a typo of it (fewer than 3 edits, or
// at most a third of the candidate's length), the one with the fewest edits; "" when none is. The
// edit distance is at least the difference in length, so a candidate too short or too long to be
// near is not measured: a huge key costs a pass over the candidates, not a quadratic table.
func nearest(s string, candidates []string) string {
	near := func(d int, c string) bool { return d < 3 || d*3 <= len(c) }
	best, bestD := "", -1
	for _, c := range candidates {
		if !near(abs(len(s)-len(c)), c) {
			continue
		}
		if d := editDistance(s, c); near(d, c) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
