package tui

import (
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkNudge is one lever nudge at 200×60: engine re-run, Update and View.
func BenchmarkNudge(b *testing.B) {
	m := newModel(b, 200, 60)
	keys := []tea.KeyPressMsg{keyCodes["right"], keyCodes["left"]}
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}

// BenchmarkNudgeSweep is a nudge to a scenario not seen before: GPU supply's binding span is
// swept afresh (BenchmarkNudge steps back and forth, so its sweeps are remembered).
func BenchmarkNudgeSweep(b *testing.B) {
	benchmarkKeys(b, false, true, keyCodes["right"], keyCodes["left"])
}

// BenchmarkNudgeAllLevers is the same with all the levers on screen: five linked levers, five
// sweeps.
func BenchmarkNudgeAllLevers(b *testing.B) {
	benchmarkKeys(b, true, true, keyCodes["right"], keyCodes["left"])
}

// BenchmarkYearCursor is a keypress that changes no lever: it must sweep nothing.
func BenchmarkYearCursor(b *testing.B) {
	benchmarkKeys(b, false, false, tea.KeyPressMsg{Code: ']', Text: "]"}, tea.KeyPressMsg{Code: '[', Text: "["})
}

// benchmarkKeys alternates two keys at 200×60, each followed by a frame; forget empties the span
// memo before each key.
func benchmarkKeys(b *testing.B, all, forget bool, keys ...tea.KeyPressMsg) {
	m := newModel(b, 200, 60)
	if all {
		press(m, "a")
	}
	i := 0
	for b.Loop() {
		if forget {
			m.spanMemo.memo = nil
		}
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}

// nudgeBytes nudges the investment lever n times (right, left, …) through the real program at
// 120×40 and returns the bytes written to the terminal for each nudge.
func nudgeBytes(t testing.TB, n int) []int {
	s := startScreen(t, 120, 40, Options{})
	s.waitFor(t, "the first frame", func(text string) bool { return containsAll(text, "Levers", "Energy binds") })
	s.settle(t)
	sizes := make([]int, 0, n)
	for i := range n {
		before := s.out.count()
		key, want := tea.KeyRight, "$1.45T"
		if i%2 == 1 {
			key, want = tea.KeyLeft, "$1.4T "
		}
		s.pressKey(key)
		s.waitFor(t, want, func(text string) bool { return containsAll(text, want) })
		s.settle(t)
		sizes = append(sizes, s.out.count()-before)
	}
	return sizes
}

func median(xs []int) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestNudgeWritesLittle: the cell-diff renderer sends only what a nudge changed. The issue's
// bound is 3 KB per nudge at 120×40 (median of 100 nudges).
func TestNudgeWritesLittle(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 10
	}
	sizes := nudgeBytes(t, n)
	med := median(sizes)
	t.Logf("bytes per nudge at 120×40: median %d, min %d, max %d (%d nudges)", med, slices.Min(sizes), slices.Max(sizes), n)
	if med > 3*1024 {
		t.Fatalf("median %d bytes per nudge, want ≤ 3 KB", med)
	}
}

// TestIdleWritesNothing: with no input the dashboard sends no bytes — nothing ticks.
func TestIdleWritesNothing(t *testing.T) {
	s := startScreen(t, 120, 40, Options{})
	s.waitFor(t, "the first frame", func(text string) bool { return containsAll(text, "Levers") })
	s.settle(t)
	before := s.out.count()
	time.Sleep(700 * time.Millisecond)
	if after := s.out.count(); after != before {
		t.Fatalf("an idle dashboard wrote %d bytes", after-before)
	}
	s.typeText("=") // even the value entry's cursor must not blink
	s.settle(t)
	before = s.out.count()
	time.Sleep(700 * time.Millisecond)
	if after := s.out.count(); after != before {
		t.Fatalf("an idle value entry wrote %d bytes", after-before)
	}
}

// BenchmarkNudgeBytes reports the median bytes per nudge at 120×40 as a metric.
func BenchmarkNudgeBytes(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(float64(median(nudgeBytes(b, 100))), "bytes/nudge")
	}
}

// BenchmarkStartToFirstFrame is from building the model to the first full frame on the screen.
func BenchmarkStartToFirstFrame(b *testing.B) {
	for b.Loop() {
		s := startScreen(b, 120, 40, Options{})
		s.waitFor(b, "the first frame", func(text string) bool { return containsAll(text, "Levers", "Energy binds") })
		s.stop()
	}
}
