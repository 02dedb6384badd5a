package engine

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// handMade is a two-year result from a timeline, one letter a month from 2025-01 (d E S $ c).
// Revenue is $12B/yr; each limiting month leaves unserved[i] $B/yr of demand, each demand month
// idles idle $B/yr of capacity.
func handMade(timeline string, unserved []float64, idle float64) *Result {
	r := &Result{}
	for i, c := range timeline {
		var k Bottleneck
		for k = 0; k < NumBottlenecks && rune(k.Letter()) != c; k++ {
		}
		m := Month{Date: YearMonth{2025, 1}.Add(i), Bottleneck: k, RevenueRate: 12, Revenue: 1, Installed: 10}
		m.Demand, m.CapacityRevenue = 12, 12
		if k == Demand {
			m.CapacityRevenue = 12 + idle
		} else {
			m.Demand = 12 + unserved[i]
		}
		m.Stranded, m.Due = float64(i), float64(i)
		m.Utilisation = m.RevenueRate / m.CapacityRevenue
		r.Months = append(r.Months, m)
	}
	r.aggregate()
	return r
}

// Walls are measured by what they cost and ranked by it: the long energy wall first though the
// supply wall comes first, the demand wall by its idle capacity, a blip under 1% of revenue
// dropped.
func TestWallsHandMade(t *testing.T) {
	//            2025-01…        …2026-12
	timeline := "SSSSSSddddEEEEEEEEEEcddd"
	unserved := make([]float64, len(timeline))
	for i := range unserved {
		unserved[i] = 6 // $0.5B a month
	}
	unserved[13] = 30  // the energy wall's worst month: $2.5B
	unserved[20] = 0.6 // the compute blip: $0.05B, under 1% of the $24B earned
	r := handMade(timeline, unserved, 3)
	runs := Runs(r, nil)
	if len(runs) != 5 {
		t.Fatalf("%d runs, want 5: %+v", len(runs), runs)
	}
	walls := Walls(r, nil)
	want := []struct {
		kind     Bottleneck
		from, to YearMonth
		impact   float64
	}{
		{Energy, YearMonth{2025, 11}, YearMonth{2026, 8}, 9*0.5 + 2.5},
		{Supply, YearMonth{2025, 1}, YearMonth{2025, 6}, 3},
		{Demand, YearMonth{2025, 7}, YearMonth{2025, 10}, 1}, // 4 months of $3B/yr idle
		{Demand, YearMonth{2026, 10}, YearMonth{2026, 12}, 0.75},
	}
	if len(walls) != len(want) {
		t.Fatalf("%d walls, want %d (the compute blip dropped): %+v", len(walls), len(want), walls)
	}
	for i, w := range want {
		g := walls[i]
		if g.Kind != w.kind || g.From != w.from || g.To != w.to || math.Abs(g.Impact-w.impact) > 1e-9 {
			t.Errorf("wall %d: %v %v–%v $%gB, want %v %v–%v $%gB", i, g.Kind, g.From, g.To, g.Impact, w.kind, w.from, w.to, w.impact)
		}
	}
	// The energy wall's peak is its most stranded GW (the last month here); supply's its most due.
	if e := walls[0]; e.Peak != 19 || e.PeakAt != (YearMonth{2026, 8}) {
		t.Errorf("energy peak %g GW at %v, want 19 at 2026-08", e.Peak, e.PeakAt)
	}
	if d := walls[2]; math.Abs(d.Peak-0.2) > 1e-12 {
		t.Errorf("demand wall idles %g at its worst, want 20%%", d.Peak)
	}
	if blip := runs[3]; blip.Kind != Compute || blip.Impact >= WallMateriality*r.CumulativeRevenue() {
		t.Errorf("compute blip %+v is not under the threshold $%gB", blip, WallMateriality*r.CumulativeRevenue())
	}
	if n := testing.AllocsPerRun(50, func() { walls = Walls(r, walls) }); n != 0 {
		t.Errorf("Walls into a buffer allocated %.1f times", n)
	}
}

// In the base case the energy wall (Oct 2026–Sep 2031) costs most, and its impact is the demand
// the fleet could not serve over its months, summed by hand.
func TestWallsBaseCase(t *testing.T) {
	s := DefaultScenario()
	var r Result
	mustRun(t, &s, &r)
	walls := Walls(&r, nil)
	if len(walls) == 0 {
		t.Fatal("no walls in the base case")
	}
	w := walls[0]
	if w.Kind != Energy || w.From != (YearMonth{2026, 10}) || w.To != (YearMonth{2031, 9}) {
		t.Fatalf("largest wall %v %v–%v, want energy 2026-10–2031-09", w.Kind, w.From, w.To)
	}
	var lost float64
	for i := r.MonthIndex(w.From); i <= r.MonthIndex(w.To); i++ {
		lost += (r.Months[i].Demand - r.Months[i].RevenueRate) / 12
	}
	if math.Abs(w.Impact-lost) > 1e-9*lost || w.Peak != r.Headline.StrandedPeak {
		t.Fatalf("energy wall $%gB lost, %g GW at its peak; by hand $%gB, stranded peak %g GW", w.Impact, w.Peak, lost, r.Headline.StrandedPeak)
	}
	t.Logf("base case: %d walls, the largest energy $%.0fB of demand unserved", len(walls), w.Impact)
}

// Over random lever sets the runs tile the horizon: every month lies in exactly one run, of its
// own label, so every month labelled X other than demand is inside exactly one wall of kind X.
// Impacts are never negative; Walls keeps exactly the material runs, largest first; Shortfall
// reads the stages as the months have them.
func TestWallsTileTheTimeline(t *testing.T) {
	var r Result
	var buf, walls []Wall
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		mustRun(t, &s, &r)
		buf = Runs(&r, buf)
		i := 0
		for k, w := range buf {
			if k > 0 && buf[k-1].Kind == w.Kind {
				t.Fatalf("runs %d and %d are both %v: one run split in two", k-1, k, w.Kind)
			}
			if r.MonthIndex(w.From) != i || w.Impact < 0 || w.Peak < 0 {
				t.Fatalf("run %+v starts at month %d, want %d, with impact and peak ≥ 0", w, r.MonthIndex(w.From), i)
			}
			for ; i <= r.MonthIndex(w.To); i++ {
				if m := &r.Months[i]; m.Bottleneck != w.Kind || m.Stage > w.Stage {
					t.Fatalf("%v is %v at stage %v, inside a %v run at stage %v", m.Date, m.Bottleneck, m.Stage, w.Kind, w.Stage)
				}
			}
		}
		if i != len(r.Months) {
			t.Fatalf("the runs cover %d of %d months", i, len(r.Months))
		}
		floor := WallMateriality * r.CumulativeRevenue()
		material := 0
		for _, w := range buf {
			if w.Impact >= floor {
				material++
			}
		}
		walls = Walls(&r, walls)
		if len(walls) != material {
			t.Fatalf("%d walls, %d runs are material", len(walls), material)
		}
		for k := 1; k < len(walls); k++ {
			if walls[k].Impact > walls[k-1].Impact {
				t.Fatalf("walls out of order: $%gB after $%gB", walls[k].Impact, walls[k-1].Impact)
			}
		}

		sf := r.Shortfall()
		var from, to, peakAt YearMonth
		for k := range r.Months {
			m := &r.Months[k]
			if m.Stage != Solvent {
				if from.IsZero() {
					from = m.Date
				}
				to = m.Date
			}
			if peakAt.IsZero() && m.Arrears == r.Headline.PeakArrears && m.Arrears > 0 {
				peakAt = m.Date
			}
		}
		if sf.Has() != !from.IsZero() || sf.ArrearsFrom != from || sf.ArrearsTo != to || (sf.Has() && sf.PeakArrearsAt != peakAt) {
			t.Fatalf("shortfall %+v; the months say arrears %v–%v, peak at %v", sf, from, to, peakAt)
		}
	})
}
