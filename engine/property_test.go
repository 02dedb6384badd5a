package engine

import (
	"math"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// drawLevers returns the default scenario with every lever drawn inside its range.
func drawLevers(t *rapid.T) Scenario {
	s := DefaultScenario()
	for i := range Levers {
		p := Levers[i]
		s.Levers[i] = rapid.Float64Range(p.Min, p.Max).Draw(t, p.Key)
	}
	return s
}

func mustRun(t interface{ Fatalf(string, ...any) }, s *Scenario, r *Result) {
	if err := Run(s, r); err != nil {
		t.Fatalf("valid scenario rejected: %v", err)
	}
}

// checkInvariants asserts MODEL.md's invariants on one result.
func checkInvariants(t *rapid.T, r *Result) {
	s := &r.Scenario
	cash0 := s.Settings[CashStart]
	var flows, scale float64
	for i := range r.Months {
		m := &r.Months[i]
		v := reflect.ValueOf(*m)
		for f := 0; f < v.NumField(); f++ {
			if x, ok := v.Field(f).Interface().(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
				t.Fatalf("%s: %s = %v", m.Date, v.Type().Field(f).Name, x)
			}
		}
		// Cash identity: cash(t) = cash(0) + Σ revenue − Σ costs + Σ vendor financing + Σ equity
		// + Σ debt − Σ repayments.
		flows += m.Revenue - m.Costs + m.VendorFinanced + m.Equity + m.DebtDrawn - m.DebtRepaid
		scale += m.Revenue + m.Costs + m.VendorFinanced + m.Equity + m.DebtDrawn + m.DebtRepaid
		if diff := math.Abs(m.Cash - (cash0 + flows)); diff > 1e-9*(cash0+scale) {
			t.Fatalf("%s: cash identity off by %g (cash %g)", m.Date, diff, m.Cash)
		}
		if m.Effective < 0 || m.Effective > min(m.Installed, m.PowerOnline) {
			t.Fatalf("%s: effective %g outside [0, min(installed %g, power %g)]", m.Date, m.Effective, m.Installed, m.PowerOnline)
		}
		if m.Utilisation < 0 || m.Utilisation > 1 {
			t.Fatalf("%s: utilisation %g outside [0, 1]", m.Date, m.Utilisation)
		}
		if m.Backlog < 0 || m.Due < 0 || m.Due > m.Backlog+1e-9*(1+m.Backlog) {
			t.Fatalf("%s: backlog %g, due %g", m.Date, m.Backlog, m.Due)
		}
		if m.Installed < 0 || m.Stranded < 0 || m.PowerOnline < 0 || m.PowerPipeline < 0 || m.Deliveries < 0 {
			t.Fatalf("%s: negative stock: %+v", m.Date, m)
		}
		if m.Deliveries > m.SupplyCap*dt*(1+1e-12) {
			t.Fatalf("%s: deliveries %g exceed the supply cap %g/12", m.Date, m.Deliveries, m.SupplyCap)
		}
		if m.RevenueRate > m.Demand || m.RevenueRate > m.CapacityRevenue {
			t.Fatalf("%s: revenue %g above demand %g or capacity %g", m.Date, m.RevenueRate, m.Demand, m.CapacityRevenue)
		}
		if m.Debt < 0 || m.Debt > s.Settings[DebtCap]*(1+1e-12) || m.Capability < 1 {
			t.Fatalf("%s: debt %g (cap %g), capability %g", m.Date, m.Debt, s.Settings[DebtCap], m.Capability)
		}
	}
}

func TestInvariants(t *testing.T) {
	n := 0
	var r Result
	rapid.Check(t, func(t *rapid.T) {
		n++
		s := drawLevers(t)
		mustRun(t, &s, &r)
		checkInvariants(t, &r)
	})
	if n < minChecks {
		t.Fatalf("only %d lever sets checked, want ≥ %d", n, minChecks)
	}
}

// TestInvariantsWithSettings draws the settings, start and horizon too: no valid scenario may
// produce NaN, Inf or a broken identity.
func TestInvariantsWithSettings(t *testing.T) {
	var r Result
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		for i := range Settings {
			p := Settings[i]
			s.Settings[i] = rapid.Float64Range(p.Min, p.Max).Draw(t, p.Key)
		}
		from := rapid.IntRange(2020, 2040).Draw(t, "commit_from")
		peak := rapid.IntRange(from, 2040).Draw(t, "commit_peak")
		to := rapid.IntRange(peak, 2040).Draw(t, "commit_to")
		s.Settings[CommitFrom], s.Settings[CommitPeak], s.Settings[CommitTo] = float64(from), float64(peak), float64(to)
		s.Start = YearMonth{rapid.IntRange(EarliestStart.Year, LatestStart.Year).Draw(t, "start_year"), rapid.IntRange(1, 12).Draw(t, "start_month")}
		s.HorizonYears = rapid.IntRange(MinHorizonYears, MaxHorizonYears).Draw(t, "horizon_years")
		mustRun(t, &s, &r)
		checkInvariants(t, &r)
	})
}

// A monotone response: raising lever must never lower measure's series. MODEL.md states three;
// they hold exactly only where the engine's feedback cannot reverse them (see "Monotone responses"
// in doc.go), so each is checked in two exact regimes and the reversals are pinned by examples.
type response struct {
	lever   Lever
	measure func(r *Result, into []float64)
}

var responses = []response{
	{GPUSupply, func(r *Result, into []float64) { // cumulative GW delivered
		sum := 0.0
		for i := range r.Months {
			sum += r.Months[i].Deliveries
			into[i] = sum
		}
	}},
	{EnergyBuild, func(r *Result, into []float64) { // effective GW
		for i := range r.Months {
			into[i] = r.Months[i].Effective
		}
	}},
	{Investment, func(r *Result, into []float64) { // GW contracted: backlog + cumulative delivered
		sum := 0.0
		for i := range r.Months {
			sum += r.Months[i].Deliveries
			into[i] = r.Months[i].Backlog + sum
		}
	}},
}

// checkMonotone draws lever sets, lets regime adjust them and say how many months to compare,
// raises the response's lever and compares, skipping pairs where either run has a shortfall.
func checkMonotone(t *testing.T, resp response, regime func(t *rapid.T, s *Scenario) (months int)) {
	n := 0
	var lo, hi Result
	var a, b []float64
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		s.Settings[DebtCap] = Settings[DebtCap].Max // a shortfall voids the property: make it rare
		months := regime(t, &s)
		up := s
		p := Levers[resp.lever]
		up.Levers[resp.lever] = rapid.Float64Range(s.Levers[resp.lever], p.Max).Draw(t, "raised")
		mustRun(t, &s, &lo)
		mustRun(t, &up, &hi)
		if lo.Headline.PeakArrears > 0 || hi.Headline.PeakArrears > 0 {
			return
		}
		n++
		a, b = resize(a, len(lo.Months)), resize(b, len(hi.Months))
		resp.measure(&lo, a)
		resp.measure(&hi, b)
		for i := range min(months, len(a)) {
			if b[i] < a[i]-1e-9*(1+math.Abs(a[i])) {
				t.Fatalf("%s: raising %s from %g to %g lowered it from %g to %g",
					lo.Months[i].Date, p.Key, s.Levers[resp.lever], up.Levers[resp.lever], a[i], b[i])
			}
		}
	})
	if n < minChecks*9/10 {
		t.Fatalf("only %d pairs without a shortfall were compared", n)
	}
}

// With no reinvestment, nothing feeds revenue back into contracts: every response is monotone
// over the whole horizon.
func TestMonotoneWithoutReinvestment(t *testing.T) {
	for _, resp := range responses {
		t.Run(resp.lever.String(), func(t *testing.T) {
			checkMonotone(t, resp, func(_ *rapid.T, s *Scenario) int {
				s.Levers[ReinvestShare] = 0
				return s.Months()
			})
		})
	}
}

// With the flywheel (R1) turning but demand independent of the fleet (no capability elasticity,
// no unmet-demand penalty), every response is monotone until the first delivered vintage retires.
func TestMonotoneWithFlywheelUntilFirstRetirement(t *testing.T) {
	for _, resp := range responses {
		t.Run(resp.lever.String(), func(t *testing.T) {
			checkMonotone(t, resp, func(_ *rapid.T, s *Scenario) int {
				s.Levers[CapabilityElasticity], s.Levers[UnmetDemandPenalty] = 0, 0
				return int(math.Round(s.Levers[UsefulLife] * 12))
			})
		})
	}
}

func TestDeterministic(t *testing.T) {
	var a, b Result
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		mustRun(t, &s, &a)
		mustRun(t, &s, &b)
		if !reflect.DeepEqual(a.Months, b.Months) || !reflect.DeepEqual(a.Years, b.Years) || a.Headline != b.Headline {
			t.Fatalf("two runs of the same scenario differ")
		}
	})
}

// TestRetirementEchoCanReverseSupply pins the documented reversal: with cheap GPUs and lasting
// demand growth, a faster supply chain delivers the backlog before power is there; those GPUs
// retire before they earn much, so less revenue signs new contracts and, by 2035, fewer GW have
// been delivered than with the slower chain. Until the first vintage retires it is monotone.
func TestRetirementEchoCanReverseSupply(t *testing.T) {
	s := DefaultScenario()
	s.Levers[CostPerGW], s.Levers[GrowthHalfLife] = 31, 7
	fast := s
	fast.Levers[GPUSupply] = 15.25
	var lo, hi Result
	mustRun(t, &s, &lo)
	mustRun(t, &fast, &hi)
	if lo.Headline.PeakArrears > 0 || hi.Headline.PeakArrears > 0 {
		t.Fatal("the example must have no shortfall")
	}
	life := int(math.Round(s.Levers[UsefulLife] * 12))
	var cumLo, cumHi, worst float64
	for i := range lo.Months {
		cumLo += lo.Months[i].Deliveries
		cumHi += hi.Months[i].Deliveries
		if i < life && cumHi < cumLo {
			t.Fatalf("%s: reversed before the first retirement", lo.Months[i].Date)
		}
		worst = max(worst, (cumLo-cumHi)/cumLo)
	}
	if worst < 0.01 {
		t.Fatalf("faster supply never delivered ≥1%% less (worst %.2f%%): update doc.go's account", worst*100)
	}
	if hi.Headline.StrandedPeak <= lo.Headline.StrandedPeak {
		t.Fatalf("the faster chain should strand more GPUs: %.1f vs %.1f GW", hi.Headline.StrandedPeak, lo.Headline.StrandedPeak)
	}
}
