package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// collapseDraws is how many lever sets TestViabilityIsNotFragility draws within the plausible
// bands.
const collapseDraws = 10000

// collapsed reports whether a run ends below 10% of its peak revenue run-rate.
func collapsed(r *Result) bool {
	peak := 0.0
	for i := range r.Months {
		peak = max(peak, r.Months[i].RevenueRate)
	}
	return r.Months[len(r.Months)-1].RevenueRate < 0.1*peak
}

// cause names the stage of a shortfall that ended a collapsed run, for the log.
func cause(r *Result) string {
	h := &r.Headline
	switch {
	case !h.WindingDownFrom.IsZero():
		return fmt.Sprintf("winding down from %s after %d restructurings", h.WindingDownFrom, h.Restructurings)
	case h.Restructurings > 0:
		return fmt.Sprintf("%d restructurings from %s", h.Restructurings, h.RestructuredAt)
	case !h.ArrearsFrom.IsZero():
		return fmt.Sprintf("arrears from %s", h.ArrearsFrom)
	}
	return fmt.Sprintf("solvent; ends bound by %s", r.Months[len(r.Months)-1].Bottleneck)
}

// TestViabilityIsNotFragility is MODEL.md's rule: across lever sets drawn within the plausible
// bands, a run whose revenue per GW rises (or holds) rarely collapses — at most 5% end below a
// tenth of their peak revenue. Where revenue per GW falls every year ((1 + efficiency gain) ×
// (1 − price decline) < 1) collapse may be the right answer; those are counted apart.
func TestViabilityIsNotFragility(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2025))
	var r Result
	var viable, falling, collapsedViable, collapsedFalling int
	for range collapseDraws {
		s := DefaultScenario()
		for i := range Levers {
			p := Levers[i]
			s.Levers[i] = p.Low + rng.Float64()*(p.High-p.Low)
		}
		mustRun(t, &s, &r)
		perGW := (1 + s.Levers[EfficiencyGain]/100) * (1 - s.Levers[PriceDecline]/100)
		c := collapsed(&r)
		if perGW < 1 {
			falling++
			if c {
				collapsedFalling++
			}
			continue
		}
		viable++
		if c {
			collapsedViable++
			t.Logf("collapse: %s; levers %v", cause(&r), s.Levers)
		}
	}
	t.Logf("%d draws: %d with revenue per GW rising, %d collapse (%.1f%%); %d falling, %d collapse (%.1f%%)",
		collapseDraws, viable, collapsedViable, 100*float64(collapsedViable)/float64(viable),
		falling, collapsedFalling, 100*float64(collapsedFalling)/float64(falling))
	if collapsedViable*20 > viable {
		t.Errorf("%d of %d viable draws collapse: more than 5%%", collapsedViable, viable)
	}
}
