package engine

import (
	"math"
	"testing"
)

// TestRestructuringByHand follows a company in full distress from its first month: no cash, no
// equity, no debt, $60B a year of fixed costs against $9B of revenue. The arrears clock adds 1 a
// month and keeps 90% of itself, so after k months it reads (1 − 0.9^k) ÷ 0.1; with
// arrears_months 6 it reaches its threshold in month 6 (index 5) with rho 0, and in month 7
// (2025-07) creditors restructure a share rho = 0.9^6 = 0.531441 of the arrears and cancel the same
// share of the backlog (distress is 1), against 6 months of its chip rent.
func TestRestructuringByHand(t *testing.T) {
	s := handScenario(t, "cash_start", "0", "equity_capacity", "0", "debt_cap", "0", "opex_fixed", "60",
		"investment", "0.1", "arrears_months", "6", "termination_fee", "6", "pipeline_start", "2")
	var r Result
	mustRun(t, &s, &r)
	checkConservation(t, &r) // the cancelled pipeline, including what is left of the start's
	for i := 0; i < 6; i++ { // month 6 meets the threshold to within rounding: rho ≈ 1e-13
		if m := r.Months[i]; m.Distress != 1 || m.Restructured > 1e-9 {
			t.Fatalf("%s: distress %g, restructured %g, stage %s: want full distress, no restructuring yet", m.Date, m.Distress, m.Restructured, m.Stage)
		}
	}
	m := r.Months[6]
	if m.Stage != Restructuring || r.Headline.RestructuredAt != (YearMonth{2025, 7}) {
		t.Fatalf("restructured at %s (stage %s in 2025-07), want 2025-07", r.Headline.RestructuredAt, m.Stage)
	}
	rho := math.Pow(0.9, 6)
	converted := m.Restructured - m.TerminationFee
	if got := converted / (converted + m.Arrears); math.Abs(got-rho) > 1e-9 {
		t.Errorf("share of the arrears turned into debt %.9f, want %.9f", got, rho)
	}
	if got := m.CancelledGW / (m.CancelledGW + m.Backlog); math.Abs(got-rho) > 1e-9 {
		t.Errorf("share of the backlog cancelled %.9f, want %.9f", got, rho)
	}
	if got := m.PowerCancelled / (m.PowerCancelled + m.PowerPipeline); math.Abs(got-rho) > 1e-9 {
		t.Errorf("share of the power pipeline cancelled %.9f, want %.9f", got, rho)
	}
	// What is left of the start pipeline completes at the cut rate: 2 GW over 24 months, less rho.
	if got, want := r.Months[7].PowerCompleted, 2.0/24*(1-rho); math.Abs(got-want) > 1e-9 {
		t.Errorf("the start pipeline completes %.9f GW a month after the cut, want %.9f", got, want)
	}
	crf := capitalRecovery(0.1, 5)
	if want := 6.0 / 12 * m.CancelledValue * 0.7 * crf; math.Abs(m.TerminationFee-want) > 1e-9 {
		t.Errorf("termination fee %.9f, want %.9f (six months of the cancelled chip rent)", m.TerminationFee, want)
	}
	// The company goes on with its fleet: nothing installed is cancelled, and while the
	// restructuring holds it signs, builds and takes delivery of nothing.
	if prev := r.Months[5]; m.Installed < prev.Installed-prev.Installed/12 {
		t.Errorf("installed fell from %g to %g", prev.Installed, m.Installed)
	}
	if n := r.Months[7]; n.Deliveries != 0 || n.NewContracts != 0 || n.PowerStarts != 0 {
		t.Errorf("%s: delivered %g, signed %g, started %g GW/yr in restructuring", n.Date, n.Deliveries, n.NewContracts, n.PowerStarts)
	}
}

// TestWindingDown: with revenue per GW falling every year (the demand-stall levers), the lab
// restructures in 2030 and winds down from 2034; every winding-down month is one of full
// restructuring with nothing left to cancel and a year of negative cash flow behind it.
func TestWindingDown(t *testing.T) {
	s := DefaultScenario()
	s.Levers[RevenueGrowth], s.Levers[PriceDecline], s.Levers[LongRunGrowth], s.Levers[GrowthHalfLife] = 60, 35, 5, 1
	var r Result
	mustRun(t, &s, &r)
	if h := r.Headline; h.RestructuredAt.Year != 2030 || h.WindingDownFrom.Year != 2034 {
		t.Fatalf("restructured %s, winding down from %s: want 2030 and 2034", h.RestructuredAt, h.WindingDownFrom)
	}
	for i := range r.Months {
		m := &r.Months[i]
		if m.Stage != WindingDown {
			continue
		}
		fcf := 0.0
		for j := max(0, i-11); j <= i; j++ {
			fcf += r.Months[j].FCF
		}
		if fcf >= 0 || m.Backlog > 0.02*max(m.Installed, 1e-9)+1e-12 || m.Restructured <= 0 {
			t.Fatalf("%s: winding down with 12-month FCF %g, backlog %g GW, restructured %g", m.Date, fcf, m.Backlog, m.Restructured)
		}
	}
	if last := r.Months[len(r.Months)-1]; last.Installed > 0.05 {
		t.Errorf("the fleet should retire without replacement: %g GW left", last.Installed)
	}
}

// TestCommitmentSchedule: the triangle of the signed commitments is zero outside its years,
// peaks in the middle of its peak year and sums to half its length in months, which is what
// turns the investment lever's dollars into exactly its tranches.
func TestCommitmentSchedule(t *testing.T) {
	for _, c := range [][3]int{{2025, 2028, 2033}, {2026, 2026, 2026}, {2025, 2033, 2033}} {
		from, peak, to := c[0], c[1], c[2]
		sum, top, topAt := 0.0, 0.0, 0
		for idx := (from - 1) * 12; idx < (to+2)*12; idx++ {
			w := commitmentWeight(idx, from, peak, to)
			if (idx < from*12 || idx >= (to+1)*12) && w != 0 || w < 0 || w > 1 {
				t.Fatalf("%v: weight %g in month %d", c, w, idx)
			}
			sum += w
			if w > top {
				top, topAt = w, idx
			}
		}
		if months := float64(to-from+1) * 12; math.Abs(sum-months/2) > 1e-9 {
			t.Errorf("%v: weights sum to %g, want %g", c, sum, months/2)
		}
		if topAt/12 != peak || topAt%12 != 5 && topAt%12 != 6 {
			t.Errorf("%v: peak in month %d of %d, want mid-%d", c, topAt%12+1, topAt/12, peak)
		}
	}
	// The whole schedule is committed, however far past a short horizon it runs.
	var r Result
	s := DefaultScenario()
	s.Settings[CommitTo], s.HorizonYears = 2040, 1
	mustRun(t, &s, &r)
	if math.Abs(r.CommittedValue-1400) > 1e-9 {
		t.Errorf("$1.4T schedules $%gB", r.CommittedValue)
	}
}
