package engine

import (
	"fmt"
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
	cash0 := r.Opening.Cash
	buffer := s.Levers[CashBuffer]
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
		// + Σ debt − Σ repayments + Σ restructured (arrears and fees the creditors took as debt).
		flows += m.Revenue - m.Costs + m.VendorFinanced + m.Equity + m.DebtDrawn - m.DebtRepaid + m.Restructured
		scale += m.Revenue + m.Costs + m.VendorFinanced + m.Equity + m.DebtDrawn + m.DebtRepaid + m.Restructured
		if diff := math.Abs(m.Cash - (cash0 + flows)); diff > 1e-9*(math.Abs(cash0)+scale) {
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
		if m.Debt < 0 || m.Debt > s.Settings[DebtCap]*(1+1e-12) || m.RestructuredDebt < 0 || m.Capability < 1 {
			t.Fatalf("%s: debt %g (cap %g), restructured %g, capability %g", m.Date, m.Debt, s.Settings[DebtCap], m.RestructuredDebt, m.Capability)
		}
		if m.Arrears != math.Max(0, -m.Cash) || m.Distress < 0 || m.Distress > 1 || (m.Arrears > 0) != (m.Distress > 0) {
			t.Fatalf("%s: cash %g, arrears %g, distress %g", m.Date, m.Cash, m.Arrears, m.Distress)
		}
		window := 0.0 // equity raised over the 12 months to this one
		for j := max(0, i-11); j <= i; j++ {
			window += r.Months[j].Equity
		}
		if window > s.Levers[EquityCapacity]*(1+1e-12)+1e-12 {
			t.Fatalf("%s: $%g of equity raised over 12 months, capacity $%g", m.Date, window, s.Levers[EquityCapacity])
		}
		if m.Bottleneck == Capital && m.Cash > 2*buffer {
			t.Fatalf("%s: capital binds with cash %g above twice the buffer %g", m.Date, m.Cash, buffer)
		}
		if (m.Stage == Solvent) != (m.Arrears <= eps && m.Restructured == 0) {
			t.Fatalf("%s: stage %s with arrears %g, restructured %g", m.Date, m.Stage, m.Arrears, m.Restructured)
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
// they hold exactly where no feedback can reverse them and rarely fail where one can (see
// "Monotone responses" in doc.go): both are checked.
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

// checkMonotone draws lever sets, lets regime adjust them, raises the response's lever and
// compares the two runs month by month where neither has arrears and both pass compare. It
// returns the worst reversal relative to the measure, where it happened, how many pairs were
// compared and how many of them reversed by more than 1%.
func checkMonotone(t *testing.T, resp response, regime func(s *Scenario), compare func(lo, hi *Result) bool) (worst float64, where string, n, over int) {
	var lo, hi Result
	var a, b []float64
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		s.Settings[DebtCap] = Settings[DebtCap].Max // arrears void the property: make them rare
		regime(&s)
		up := s
		p := Levers[resp.lever]
		up.Levers[resp.lever] = rapid.Float64Range(s.Levers[resp.lever], p.Max).Draw(t, "raised")
		mustRun(t, &s, &lo)
		mustRun(t, &up, &hi)
		if lo.Headline.PeakArrears > 0 || hi.Headline.PeakArrears > 0 || !compare(&lo, &hi) {
			return
		}
		n++
		a, b = resize(a, len(lo.Months)), resize(b, len(hi.Months))
		resp.measure(&lo, a)
		resp.measure(&hi, b)
		pair := 0.0
		for i := range a {
			if r := (a[i] - b[i]) / (1 + math.Abs(a[i])); r > pair {
				pair = r
				if r > worst {
					worst = r
					where = fmt.Sprintf("%s: raising %s from %g to %g lowered it from %g to %g",
						lo.Months[i].Date, p.Key, s.Levers[resp.lever], up.Levers[resp.lever], a[i], b[i])
				}
			}
		}
		if pair > 0.01 {
			over++
		}
	})
	return worst, where, n, over
}

// signsNothing: neither run signs a new contract, so no revenue or cash feeds back into compute.
func signsNothing(lo, hi *Result) bool {
	for i := range lo.Months {
		if lo.Months[i].NewContracts > 0 || hi.Months[i].NewContracts > 0 {
			return false
		}
	}
	return true
}

// affordsAll: neither run ever wanted a contract its capital could not pay for — the funding
// shortfall of MODEL.md's monotone properties is not only arrears but contracts cut for money.
func affordsAll(lo, hi *Result) bool {
	for i := range lo.Months {
		if lo.Months[i].Unaffordable > eps || hi.Months[i].Unaffordable > eps {
			return false
		}
	}
	return true
}

// Without the flywheel (no reinvestment, and a cash buffer so high that surplus cash never signs
// contracts) nothing feeds revenue or cash back into compute: every response is exactly monotone
// over the whole horizon.
func TestMonotoneWithoutTheFlywheel(t *testing.T) {
	for _, resp := range responses {
		t.Run(resp.lever.String(), func(t *testing.T) {
			worst, where, n, _ := checkMonotone(t, resp, func(s *Scenario) {
				s.Levers[ReinvestShare], s.Levers[CashBuffer] = 0, Levers[CashBuffer].Max
			}, signsNothing)
			if n < minChecks/3 {
				t.Fatalf("only %d pairs compared", n)
			}
			if worst > 1e-9 {
				t.Fatalf("%s", where)
			}
		})
	}
}

// With the flywheel turning, two real feedbacks can reverse a response even where no contract was
// cut for money (doc.go, "Monotone responses"): the retirement echo and raised expectations (R2).
// They are rare: at most 1% of random pairs reverse by more than 1%.
func TestMonotoneReversalsWithTheFlywheelAreRare(t *testing.T) {
	for _, resp := range responses {
		t.Run(resp.lever.String(), func(t *testing.T) {
			worst, where, n, over := checkMonotone(t, resp, func(*Scenario) {}, affordsAll)
			if n < minChecks/3 {
				t.Fatalf("only %d pairs compared", n)
			}
			t.Logf("%d of %d pairs reverse by more than 1%%; worst %.3f%% (%s)", over, n, worst*100, where)
			if over*100 > n {
				t.Fatalf("%d of %d pairs reverse by more than 1%%, worst: %s", over, n, where)
			}
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
