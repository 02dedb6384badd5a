package engine

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// checkConservation asserts MODEL.md's conservation laws on a run that starts in 2025-01.
func checkConservation(t interface {
	Helper()
	Fatalf(string, ...any)
}, r *Result) {
	t.Helper()
	s := &r.Scenario
	lv, st := &s.Levers, &s.Settings
	buffer := lv[CashBuffer]
	prevInstalled := st[InstalledStart]
	c0 := lv[CostPerGW]
	signed := r.CommittedValue + st[BacklogStart]*c0 // $B: the schedule, the old backlog and …
	var delivered, cancelled, revenue, rent float64
	prev := r.Opening
	for i := range r.Months {
		m := &r.Months[i]
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9*(1+math.Abs(want)) {
				t.Fatalf("%s: %s %g, want %g", m.Date, what, got, want)
			}
		}
		// Power: the pipeline gains starts and loses completions and cancellations; power online
		// gains completions and loses what is released. A restructuring cancels the same share of
		// the pipeline as of the backlog.
		near("pipeline", m.PowerPipeline, prev.PowerPipeline+m.PowerStarts*dt-m.PowerCompleted-m.PowerCancelled)
		near("power online", m.PowerOnline, prev.PowerOnline+m.PowerCompleted-m.PowerReleased)
		if m.CancelledGW > 0 {
			near("share of the pipeline cancelled", m.PowerCancelled*(m.Backlog+m.CancelledGW), m.CancelledGW*(m.PowerPipeline+m.PowerCancelled))
		}
		// Debt: drawn and restructured add, repayments subtract, ordinary debt first, and only
		// from cash above the buffer.
		near("debt", m.Debt+m.RestructuredDebt, prev.Debt+prev.RestructuredDebt+m.DebtDrawn+m.Restructured-m.DebtRepaid)
		if m.RestructuredDebt < prev.RestructuredDebt+m.Restructured-1e-9 && m.Debt > 1e-9 {
			t.Fatalf("%s: restructured debt repaid before $%g of ordinary debt", m.Date, m.Debt)
		}
		if m.DebtRepaid > 0 && m.Cash < buffer-1e-9 {
			t.Fatalf("%s: $%g repaid out of cash below the buffer ($%g)", m.Date, m.DebtRepaid, m.Cash)
		}
		// Coverage and usage are what their names say.
		revenue += m.Revenue
		rent += m.ComputeRent
		if rent > 0 {
			near("coverage", m.Coverage, revenue/rent)
		}
		near("usage", m.Usage*m.PriceIndex, m.RevenueRate)
		prev = *m
		// Installed changes by what is delivered less what retires.
		if d := m.Installed - (prevInstalled + m.Deliveries - m.Retirements); math.Abs(d) > 1e-9*(1+m.Installed) {
			t.Fatalf("%s: installed moved by %g more than deliveries − retirements", m.Date, d)
		}
		prevInstalled = m.Installed
		signed += m.SignedValue // … every contract signed since
		delivered += m.DeliveredValue
		cancelled += m.CancelledValue
		// Capital is conserved at signing prices: signed = delivered + cancelled + still owed.
		if d := signed - (delivered + cancelled + m.BacklogValue); math.Abs(d) > 1e-9*signed {
			t.Fatalf("%s: signed $%g ≠ delivered $%g + cancelled $%g + backlog $%g", m.Date, signed, delivered, cancelled, m.BacklogValue)
		}
		// Cash above the buffer has repaid every debt.
		if m.Cash > buffer+1e-9 && m.Debt+m.RestructuredDebt > 1e-9 {
			t.Fatalf("%s: cash $%g above the $%g buffer with $%g of debt outstanding", m.Date, m.Cash, buffer, m.Debt+m.RestructuredDebt)
		}
	}
	checkRentOfVintages(t, r)
}

// checkRentOfVintages recomputes the chip rent and the vendor-financed part from the capital
// value of each month's deliveries, at its signing price, over its useful life: rent is the sum
// over live vintages, and a delivery delay changes when rent is paid, never how much.
func checkRentOfVintages(t interface {
	Helper()
	Fatalf(string, ...any)
}, r *Result) {
	t.Helper()
	lv, st := &r.Scenario.Levers, &r.Scenario.Settings
	chip := 1 - st[ShellShare]/100
	crf := capitalRecovery(lv[RentMargin]/100, lv[UsefulLife])
	legacy := 1 - st[LegacyRentDiscount]/100
	life := lv[UsefulLife] * 12
	n, w := math.Floor(life), life-math.Floor(life)
	alive := func(k, t int) float64 { // share of month k's vintage still installed in month t
		switch age := float64(t - k); {
		case age < n:
			return 1
		case age < n+1:
			return w
		}
		return 0
	}
	start := st[InstalledStart] * lv[CostPerGW] * chip * crf * legacy
	for t1 := range r.Months {
		startLeft := math.Max(0, 1-float64(t1+1)/life)
		want, vendor := start*startLeft, 0.0
		for k := 0; k <= t1; k++ {
			m := &r.Months[k]
			v := m.DeliveredValue * chip * crf * alive(k, t1)
			if m.Date.Year < 2026 {
				v *= legacy
			}
			want += v
			if m.Date.Year*12+m.Date.Month-1 >= vendorFrom {
				vendor += v
			}
		}
		m := &r.Months[t1]
		if math.Abs(m.ChipRent-want*dt) > 1e-9*(1+want) {
			t.Fatalf("%s: chip rent %g, the live vintages at their signing prices give %g", m.Date, m.ChipRent, want*dt)
		}
		if got := m.VendorFinanced; math.Abs(got-lv[VendorFinancing]/100*vendor*dt) > 1e-9*(1+vendor) {
			t.Fatalf("%s: vendor financed %g, want %g%% of the rent of GPUs delivered from H2 2026 (%g)", m.Date, got, lv[VendorFinancing], vendor*dt)
		}
	}
}

func TestConservation(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s := drawLevers(rt)
		// Schedules that end before, within and long after the horizon.
		from := rapid.IntRange(2020, 2040).Draw(rt, "commit_from")
		peak := rapid.IntRange(from, 2040).Draw(rt, "commit_peak")
		to := rapid.IntRange(peak, 2040).Draw(rt, "commit_to")
		s.Settings[CommitFrom], s.Settings[CommitPeak], s.Settings[CommitTo] = float64(from), float64(peak), float64(to)
		s.HorizonYears = rapid.IntRange(MinHorizonYears, MaxHorizonYears).Draw(rt, "horizon_years")
		var r Result
		mustRun(rt, &s, &r)
		checkConservation(rt, &r)
	})
}

// TestSupplyDelaysNeverMakeComputeCheaper is issue 7's case: with scarce supply and fast-falling
// prices the old engine rented only $335B of $1,460B committed, at the delivery month's price.
// Now every GW is rented at its signing price, and scarce supply lowers revenue.
func TestSupplyDelaysNeverMakeComputeCheaper(t *testing.T) {
	for _, supply := range []string{"1", "4"} {
		s := DefaultScenario()
		for _, kv := range [][2]string{{"gpu_supply", supply}, {"cost_decline", "30"}, {"horizon_years", "30"}, {"debt_cap", "10000"}} {
			if err := s.Set(kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		var r Result
		mustRun(t, &s, &r)
		checkConservation(t, &r)
	}
	base := baseResult(t)
	s := DefaultScenario()
	s.Levers[GPUSupply] = 1.5
	var scarce Result
	mustRun(t, &s, &scarce)
	if y := scarce.YearIndex(2035); scarce.Years[y].Revenue >= base.Years[y].Revenue {
		t.Errorf("2035 revenue $%.0fB with 1.5 GW/yr of supply, $%.0fB with 4: scarce supply must not pay",
			scarce.Years[y].Revenue, base.Years[y].Revenue)
	}
}

// TestPowerFollowsTheGPUs: power online never exceeds 1.5 × the GW installed plus due within the
// power lead time, at any horizon up to 30 years, and power is started only for GPUs that are
// installed or coming.
func TestPowerFollowsTheGPUs(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s := drawLevers(rt)
		s.HorizonYears = rapid.IntRange(MinHorizonYears, MaxHorizonYears).Draw(rt, "horizon_years")
		var r Result
		mustRun(rt, &s, &r)
		for i := range r.Months {
			m := &r.Months[i]
			if m.PowerNeed < m.Installed-1e-9 || m.PowerNeed > m.Installed+m.Backlog+1e-9*(1+m.Backlog) {
				rt.Fatalf("%s: power built for %g GW with %g installed and %g in the backlog", m.Date, m.PowerNeed, m.Installed, m.Backlog)
			}
			if m.PowerOnline > 1.5*m.PowerNeed+1e-9 {
				rt.Fatalf("%s: %g GW of power online for %g GW installed or due", m.Date, m.PowerOnline, m.PowerNeed)
			}
		}
	})
	// The case: a 30-year horizon no longer builds thousands of GW nor piles up cash.
	s := DefaultScenario()
	s.HorizonYears = 30
	var r Result
	mustRun(t, &s, &r)
	last := r.Months[len(r.Months)-1]
	if last.PowerOnline > 1.5*last.PowerNeed || last.PowerOnline > 1000 {
		t.Errorf("2054: %.0f GW online for %.0f GW needed", last.PowerOnline, last.PowerNeed)
	}
	if last.Demand > s.Settings[DemandCeiling]*1000 {
		t.Errorf("2054: demand $%.0fB/yr above the $%.1fT ceiling", last.Demand, s.Settings[DemandCeiling])
	}
}

// TestLaterStartReportsTheSameHistory: a later start runs the calibrated history from 2025 and
// reports from the start, so its months are the 2025 run's months, bit for bit.
func TestLaterStartReportsTheSameHistory(t *testing.T) {
	full := baseResult(t)
	s := DefaultScenario()
	s.Start, s.HorizonYears = YearMonth{2027, 3}, 8
	var late Result
	mustRun(t, &s, &late)
	off := full.MonthIndex(YearMonth{2027, 3})
	if len(late.Months) != 96 || late.Months[0].Date != (YearMonth{2027, 3}) {
		t.Fatalf("later start reports %d months from %s", len(late.Months), late.Months[0].Date)
	}
	for i := range late.Months {
		a, b := full.Months[off+i], late.Months[i]
		if a != b {
			t.Fatalf("%s differs between the 2025 and the 2027-03 start", a.Date)
		}
	}
	if late.Opening != full.Months[off-1] {
		t.Errorf("opening month is not the month before the start")
	}
	if late.Headline.NowMonth != (YearMonth{2027, 12}) || late.Years[0].Year != 2027 || late.Years[0].Months != 10 {
		t.Errorf("now %s, first year %d with %d months", late.Headline.NowMonth, late.Years[0].Year, late.Years[0].Months)
	}
	s.Start = YearMonth{2024, 12}
	if err := s.Validate(); err == nil {
		t.Errorf("a start before the calibrated 2025-01 must be refused")
	}
}
