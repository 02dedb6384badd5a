package engine

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// cumRevenue is what the continuity checks watch: revenue summed over the horizon, $B.
func cumRevenue(r *Result) float64 {
	sum := 0.0
	for i := range r.Months {
		sum += r.Months[i].Revenue
	}
	return sum
}

// jumpAt runs s with lever l at a and at b and returns the change in cumulative revenue relative
// to the larger of the two (floored at $1B), with both results left in ra and rb.
func jumpAt(t interface{ Fatalf(string, ...any) }, s Scenario, l Lever, a, b float64, ra, rb *Result) float64 {
	s.Levers[l] = a
	mustRun(t, &s, ra)
	s.Levers[l] = b
	mustRun(t, &s, rb)
	fa, fb := cumRevenue(ra), cumRevenue(rb)
	return math.Abs(fb-fa) / math.Max(1, math.Max(fa, fb))
}

// cliffFloor is the smallest relative jump in cumulative revenue, for one UI step, that the
// continuity check examines: below it a jump is a steep slope or too small to matter.
const cliffFloor = 0.02

// findCliff bisects [a, b] toward its larger half until the jump falls below a quarter of the
// first one (a slope, however steep: it shrinks as the interval does) or the interval is 1e-13
// of the lever's range, a few hundred ulps of its values (a cliff: the jump stays). Where a tiny
// fleet earns billions, compounding makes slopes of 30% per 1e-6 of a lever: a floor of a
// billionth of the range took them for cliffs. It returns the last interval and its jump.
func findCliff(t interface{ Fatalf(string, ...any) }, s Scenario, l Lever, a, b, first float64) (lo, hi, jump float64, cliff bool) {
	var ra, rb Result
	width := (Levers[l].Max - Levers[l].Min) * 1e-13
	jump = first
	for b-a > width {
		mid := (a + b) / 2
		left := jumpAt(t, s, l, a, mid, &ra, &rb)
		right := jumpAt(t, s, l, mid, b, &ra, &rb)
		if left >= right {
			b, jump = mid, left
		} else {
			a, jump = mid, right
		}
		if jump < first/4 {
			return a, b, jump, false
		}
	}
	return a, b, jump, true
}

// rule says which rule of the model differs between two runs either side of a cliff.
func rule(a, b *Result) string {
	ha, hb := a.Headline, b.Headline
	switch {
	case ha.Restructurings != hb.Restructurings || ha.RestructuredAt != hb.RestructuredAt:
		return fmt.Sprintf("restructuring (%d at %s vs %d at %s)", ha.Restructurings, ha.RestructuredAt, hb.Restructurings, hb.RestructuredAt)
	case ha.WindingDownFrom != hb.WindingDownFrom:
		return fmt.Sprintf("wind-down (%s vs %s)", ha.WindingDownFrom, hb.WindingDownFrom)
	case ha.ArrearsFrom != hb.ArrearsFrom:
		return fmt.Sprintf("arrears (%s vs %s)", ha.ArrearsFrom, hb.ArrearsFrom)
	}
	for i := range a.Months {
		if a.Months[i].Bottleneck != b.Months[i].Bottleneck {
			return fmt.Sprintf("binding constraint from %s (%s vs %s)", a.Months[i].Date, a.Months[i].Bottleneck, b.Months[i].Bottleneck)
		}
	}
	return "none of the stages or labels differ"
}

// wide is a lever's plausible band widened by its own width on each side, within the range.
func wide(p Param) (lo, hi float64) {
	w := p.High - p.Low
	return math.Max(p.Min, p.Low-w), math.Min(p.Max, p.High+w)
}

// drawWide draws every lever from its widened band: far beyond what is plausible, yet short of
// the corners of the ranges where, say, revenue per GW grows ×1.6 a year for a decade and a few
// MW earn billions. There a month's delivery is a quarter of the fleet, the distress responses
// feed back hard, and results are chaotic (a 1e-12 nudge moves them by a percent after a decade
// of compounding) without any rule having a cliff.
func drawWide(t *rapid.T) Scenario {
	s := DefaultScenario()
	for i := range Levers {
		lo, hi := wide(Levers[i])
		s.Levers[i] = rapid.Float64Range(lo, hi).Draw(t, Levers[i].Key)
	}
	return s
}

// TestNoCliffs is MODEL.md's continuity invariant: random lever sets, one UI step of one lever;
// a jump in cumulative revenue above cliffFloor is bisected, and a jump that does not shrink is a
// cliff.
func TestNoCliffs(t *testing.T) {
	examined := 0
	var ra, rb Result
	rapid.Check(t, func(rt *rapid.T) {
		s := drawWide(rt)
		l := Lever(rapid.IntRange(0, int(NumLevers)-1).Draw(rt, "lever"))
		p := Levers[l]
		lo, hi := wide(p)
		a := rapid.Float64Range(lo, math.Min(hi, p.Max-p.Step)).Draw(rt, "value")
		first := jumpAt(rt, s, l, a, a+p.Step, &ra, &rb)
		if first < cliffFloor {
			return
		}
		examined++
		lo, hi, jump, cliff := findCliff(rt, s, l, a, a+p.Step, first)
		if cliff {
			jumpAt(rt, s, l, lo, hi, &ra, &rb)
			rt.Fatalf("cliff: %s %.6g → %.6g moves cumulative revenue %.1f%% (one step: %.1f%%); rule: %s",
				p.Key, lo, hi, jump*100, first*100, rule(&ra, &rb))
		}
	})
	t.Logf("%d steps moved cumulative revenue by more than %.0f%% and were bisected", examined, cliffFloor*100)
}

// TestReportedCliffsAreGone pins the two cliffs of issue 7: one step of opex_variable or
// rent_margin at the point where the old engine cancelled every contract now moves 2035 revenue
// by less than 5%.
func TestReportedCliffsAreGone(t *testing.T) {
	for _, c := range []struct {
		lever Lever
		a, b  float64
	}{{OpexVariable, 39.86, 39.87}, {RentMargin, 22.17, 22.18}} {
		s := DefaultScenario()
		var ra, rb Result
		s.Levers[c.lever] = c.a
		mustRun(t, &s, &ra)
		s.Levers[c.lever] = c.b
		mustRun(t, &s, &rb)
		ya, yb := ra.Years[ra.YearIndex(2035)].Revenue, rb.Years[rb.YearIndex(2035)].Revenue
		if math.Abs(yb-ya) > 0.05*ya {
			t.Errorf("%s %g → %g: 2035 revenue $%.0fB → $%.0fB", c.lever, c.a, c.b, ya, yb)
		}
	}
}
