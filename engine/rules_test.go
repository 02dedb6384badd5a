package engine

import (
	"testing"

	"pgregory.net/rapid"
)

// TestBindingRuleAndLoops restates the binding-constraint rule and the loop marks from each
// month's own figures, over random lever sets: a label or loop the engine sets for any other
// reason (an order swapped, a threshold moved) fails here.
func TestBindingRuleAndLoops(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		var r Result
		mustRun(t, &s, &r)
		lv := &s.Levers
		buffer := lv[CashBuffer]
		revFactor := (1 + lv[EfficiencyGain]/100) * (1 - lv[PriceDecline]/100)
		prevCap := r.Opening.Capability
		for i := range r.Months {
			m := &r.Months[i]
			floor := 0.02 * max(m.Installed, 1e-9)
			var want Bottleneck
			switch {
			case m.Stage != Solvent:
				want = Capital
			case m.CapacityRevenue >= m.Demand:
				want = Demand
			case m.Stranded > floor:
				want = Energy
			case m.Due > floor:
				want = Supply
			case m.Unaffordable > floor && m.Cash <= 2*buffer:
				want = Capital
			default:
				want = Compute
			}
			if m.Bottleneck != want {
				t.Fatalf("%s: labelled %s, the rule gives %s (%+v)", m.Date, m.Bottleneck, want, *m)
			}
			capGrowth := lv[CapabilityElasticity] * (m.Capability - prevCap) / prevCap / dt
			prevCap = m.Capability
			loops := map[Loop]bool{
				R1: m.NewContracts > 0 && m.Bottleneck != Demand,
				R2: capGrowth >= 0.01,
				B1: m.Stranded > floor,
				B2: m.Due > floor,
				B3: m.Equity+m.DebtDrawn > 0 || m.Debt+m.RestructuredDebt > 1e-9 || m.Arrears > 0,
				B4: lv[PriceDecline] > 0 && (revFactor < 1 || m.Bottleneck == Demand),
			}
			for l, on := range loops {
				// R2's threshold is met to rounding: skip months within a hair of it.
				if l == R2 && capGrowth > 0.01-1e-12 && capGrowth < 0.01+1e-12 {
					continue
				}
				if m.Loops.Has(l) != on {
					t.Fatalf("%s: loop %s marked %v, its definition gives %v", m.Date, l, m.Loops.Has(l), on)
				}
			}
		}
	})
}
