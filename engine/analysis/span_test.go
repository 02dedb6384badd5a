package analysis

import (
	"math"
	"testing"

	"github.com/flywheel-dev/flywheel/engine"
)

// noticeable reports whether a user would see a and b differ: a headline figure at the precision
// the screens print it, or the binding constraint of any month.
func noticeable(a, b *engine.Result) bool {
	ha, hb := &a.Headline, &b.Headline
	round := func(x, unit float64) float64 { return math.Round(x / unit) }
	for _, f := range [][3]float64{
		{ha.Revenue2030, hb.Revenue2030, 1},
		{ha.PeakFundingNeed, hb.PeakFundingNeed, 1},
		{ha.FundingRaised2030, hb.FundingRaised2030, 1},
		{ha.PeakArrears, hb.PeakArrears, 1},
		{ha.StrandedPeak, hb.StrandedPeak, 0.1},
		{ha.Installed2030, hb.Installed2030, 0.1},
	} {
		if round(f[0], f[2]) != round(f[1], f[2]) {
			return true
		}
	}
	if ha.BreakEvenYear != hb.BreakEvenYear || ha.ArrearsFrom != hb.ArrearsFrom || ha.RestructuredAt != hb.RestructuredAt {
		return true
	}
	for i := range a.Months {
		if a.Months[i].Bottleneck != b.Months[i].Bottleneck {
			return true
		}
	}
	return false
}

// biting counts the steps of lever l between lo and hi, in scenario s, after which a user sees a
// difference, and all steps.
func biting(t *testing.T, s engine.Scenario, l engine.Lever, lo, hi float64) (bite, steps int, dead []float64) {
	t.Helper()
	var a, b engine.Result
	p := l.Param()
	for v := lo; v+p.Step <= hi+1e-9; v += p.Step {
		s.Levers[l] = v
		if err := engine.Run(&s, &a); err != nil {
			t.Fatal(err)
		}
		s.Levers[l] = v + p.Step
		if err := engine.Run(&s, &b); err != nil {
			t.Fatal(err)
		}
		steps++
		if noticeable(&a, &b) {
			bite++
		} else {
			dead = append(dead, v)
		}
	}
	return bite, steps, dead
}

// TestHeadlineSlidersBite is MODEL.md's rule for the headline sliders in the base case:
// investment and revenue growth change a headline figure or the timeline after a step anywhere
// on at least 80% of their range; GPU supply does over the span its track marks, where its link
// binds.
func TestHeadlineSlidersBite(t *testing.T) {
	s := engine.DefaultScenario()
	for _, l := range []engine.Lever{engine.Investment, engine.RevenueGrowth} {
		p := l.Param()
		bite, steps, dead := biting(t, s, l, p.Min, p.Max)
		t.Logf("%s bites on %d of %d steps", p.Key, bite, steps)
		if bite*5 < steps*4 {
			t.Errorf("%s bites on %d of %d steps; dead from %v", p.Key, bite, steps, dead)
		}
	}
	var scratch engine.Result
	span, _, err := BindingSpan(s, engine.GPUSupply, &scratch)
	if err != nil || !span.Found {
		t.Fatalf("no binding span for gpu_supply: %v", err)
	}
	bite, steps, dead := biting(t, s, engine.GPUSupply, span.Lo, span.Hi)
	t.Logf("gpu_supply binds on %g–%g and bites on %d of %d steps there", span.Lo, span.Hi, bite, steps)
	if steps == 0 || bite*5 < steps*4 {
		t.Errorf("gpu_supply bites on %d of %d steps of its span %g–%g; dead from %v", bite, steps, span.Lo, span.Hi, dead)
	}
}

// TestGPUSupplySpanInTheBaseCase pins what the GPU-supply track says in the base case: it binds
// from the bottom of its range to about the 4 GW/yr of the base case, and beyond that power does.
func TestGPUSupplySpanInTheBaseCase(t *testing.T) {
	s := engine.DefaultScenario()
	var scratch engine.Result
	span, ok, err := BindingSpan(s, engine.GPUSupply, &scratch)
	if !ok || err != nil {
		t.Fatalf("BindingSpan: ok %v, %v", ok, err)
	}
	if span.Link != engine.Supply || span.Lo != 0.5 || span.Hi < 3 || span.Hi > 6 || !span.Binds {
		t.Errorf("span %+v: want supply binding from 0.5 to 3–6 GW/yr, at 4 too", span)
	}
	s.Levers[engine.GPUSupply] = 8
	if span, _, _ = BindingSpan(s, engine.GPUSupply, &scratch); span.Binds || span.Instead != engine.Energy {
		t.Errorf("at 8 GW/yr: %+v, want no binding and energy instead", span)
	}
	if _, ok, _ := BindingSpan(s, engine.Investment, &scratch); ok {
		t.Errorf("investment has no single link; BindingSpan should say so")
	}
	s.Levers[engine.RentMargin] = -1
	if _, _, err := BindingSpan(s, engine.GPUSupply, &scratch); err == nil {
		t.Errorf("an invalid scenario must be refused")
	}
}

func TestBindingSpanAllocatesNothing(t *testing.T) {
	s := engine.DefaultScenario()
	var scratch engine.Result
	if _, _, err := BindingSpan(s, engine.GPUSupply, &scratch); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { _, _, _ = BindingSpan(s, engine.GPUSupply, &scratch) }); n != 0 {
		t.Fatalf("a sweep allocated %.0f times", n)
	}
}

// BenchmarkBindingSpan is the sweep the GPU-supply slider runs after every change: 39 runs.
func BenchmarkBindingSpan(b *testing.B) {
	s := engine.DefaultScenario()
	var scratch engine.Result
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := BindingSpan(s, engine.GPUSupply, &scratch); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpanEdges pins the sweep's grid: the span of a lever that binds everywhere runs from its
// minimum to its maximum; a link binds from its second month from January 2026 on.
func TestSpanEdges(t *testing.T) {
	var scratch engine.Result
	s := engine.DefaultScenario()
	span, _, _ := BindingSpan(s, engine.GPUSupply, &scratch)
	if span.Lo != 0.5 || span.Hi != 4 || !span.Contains(4) || span.Contains(4.25) || span.Contains(0.49) {
		t.Errorf("base span %g–%g: want exactly 0.5–4 (two supply months at 4, one at 4.25)", span.Lo, span.Hi)
	}
	s.Levers[engine.GPUSupply] = 4
	if err := engine.Run(&s, &scratch); err != nil {
		t.Fatal(err)
	}
	if n := monthsBound(&scratch, engine.Supply); n != 2 {
		t.Errorf("base: supply binds %d months from 2026, want 2 (January and February)", n)
	}
	// Eight times the GW, power for all of them and demand to use them: supply binds at any supply.
	for l, v := range map[engine.Lever]float64{engine.Investment: 4, engine.CostPerGW: 20, engine.EnergyBuild: 20,
		engine.EnergyGrowth: 100, engine.PowerLeadTime: 6, engine.RevenueGrowth: 300} {
		s.Levers[l] = v
	}
	span, _, _ = BindingSpan(s, engine.GPUSupply, &scratch)
	if span.Lo != engine.Levers[engine.GPUSupply].Min || span.Hi != engine.Levers[engine.GPUSupply].Max || !span.Binds {
		t.Errorf("span %+v: want the whole range", span)
	}
	if (Span{}).Contains(0) {
		t.Errorf("an empty span contains nothing")
	}
}
