package engine

import (
	"math"
	"testing"
)

// handScenario is a small company whose first months can be worked out by hand: 1 GW installed
// and powered, 0.2 GW of old contracts due at start, no new commitments, flat demand of $9B/yr
// below what the fleet could serve, no legacy discount, no growth anywhere.
func handScenario(t *testing.T, extra ...string) Scenario {
	t.Helper()
	s := DefaultScenario()
	set := []string{
		"investment", "0", "cost_per_gw", "50", "cost_decline", "12", "useful_life", "5",
		"rent_margin", "10", "electricity_price", "80", "pue", "1.25", "training_share", "40",
		"price_decline", "0", "efficiency_gain", "0", "capability_elasticity", "0",
		"reinvest_share", "0", "vendor_financing", "10", "equity_capacity", "40", "debt_rate", "12",
		"cash_buffer", "10", "revenue_share_to_partner", "20", "opex_fixed", "6", "opex_variable", "15",
		"installed_start", "1", "power_online_start", "1", "pipeline_start", "0", "backlog_start", "0.2",
		"supply_2025", "1.2", "demand_start", "9", "demand_growth_2025", "0", "revenue_per_gw_start", "20",
		"cash_start", "10", "legacy_rent_discount", "0", "shell_share", "30", "shell_life", "15",
		"revenue_share_2030", "8",
	}
	set = append(set, extra...)
	for i := 0; i < len(set); i += 2 {
		if err := s.Set(set[i], set[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestOneMonthByHand checks every cost and financing line of the first months against numbers
// worked out here.
//
// Capital recovery: chips at 10% over 5 years, crf5 = 0.1 ÷ (1 − 1.1^−5) = 0.263797481; shells at
// 10% over 15 years, crf15 = 0.1 ÷ (1 − 1.1^−15) = 0.131473777.
//
// January 2025 (month 0):
//   - start fleet: 1 GW × $50B × 70% chips × crf5 = $9.232911828B/yr, of which 1/60 retires in
//     the month (a 60-month life), leaving 9.232911828 × 59/60 = 9.079030131.
//   - deliveries: min(0.2 due, 1.2 GW/yr ÷ 12) = 0.1 GW at the $50B/GW they were signed at:
//     0.1 × 50 × 0.7 × crf5 = $0.923291183B/yr of chip rent.
//   - chip rent 10.002321147/yr → $0.833526762B in the month.
//   - shell rent on the 1 GW online: 50 × 30% × crf15 = $1.972106653B/yr → 0.164342221.
//   - energy on 1 GW effective (installed 1.083 GW, 1 GW powered): 1 × 8.76 × 1.25 × 80 ÷ 1000
//     = $0.876B/yr → 0.073.
//   - revenue: 60% of 1 GW serves at $20B/GW-yr = $12B/yr of capacity, demand $9B/yr → 0.75.
//   - partner share 20% of revenue → 0.15; opex (6 + 15% × 9) ÷ 12 = 0.6125; no debt, no arrears.
//   - costs 1.833368983, FCF −1.083368983: cash 10 → 8.916631017, under the $10B buffer, so
//     equity of 1.083368983 brings it back to 10.
//
// February 2025 (month 1): another 0.1 GW delivered, still at its $50B signing price although the
// month's price is 50 × 0.88^(1/12) = 49.47: chip rent 10.002321147 + 0.923291183 − 9.232911828
// ÷ 60 = 10.771730466/yr → 0.897644205. Partner share falls linearly to 8% in 2030: 20% − 12% ÷ 60
// = 19.8% → 0.1485.
func TestOneMonthByHand(t *testing.T) {
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-8 {
			t.Errorf("%s = %.10f, want %.10f", name, got, want)
		}
	}
	run := func(s Scenario) *Result {
		var r Result
		mustRun(t, &s, &r)
		return &r
	}

	r := run(handScenario(t))
	m := r.Months[0]
	near("deliveries", m.Deliveries, 0.1)
	near("delivered value", m.DeliveredValue, 5)
	near("chip rent", m.ChipRent, 0.8335267622)
	near("shell rent", m.ShellRent, 0.1643422211)
	near("energy", m.EnergyCost, 0.073)
	near("revenue", m.Revenue, 0.75)
	near("partner share", m.PartnerShare, 0.15)
	near("opex", m.Opex, 0.6125)
	near("interest", m.Interest, 0)
	near("costs", m.Costs, 1.8333689833)
	near("FCF", m.FCF, -1.0833689833)
	near("equity", m.Equity, 1.0833689833)
	near("cash", m.Cash, 10)
	near("vendor financed (2025: none)", m.VendorFinanced, 0)

	m = r.Months[1]
	near("Feb chip rent at the signing price", m.ChipRent, 0.8976442055)
	near("Feb partner share", m.PartnerShare, 0.1485)

	// Debt: no equity to be had, so January's gap is borrowed; February pays 12% a year on it:
	// 1.083368983 × 0.12 ÷ 12 = 0.010833690.
	r = run(handScenario(t, "equity_capacity", "0"))
	near("debt drawn", r.Months[0].DebtDrawn, 1.0833689833)
	near("interest", r.Months[1].Interest, 0.0108336898)
	near("debt", r.Months[1].Debt, 1.0833689833-r.Months[1].FCF)

	// Arrears: no equity, no debt, $0.5B of cash: January leaves 0.5 − 1.083368983 = −0.583368983
	// unpaid, arrears that cost 12% a year: 0.005833690 in February.
	r = run(handScenario(t, "equity_capacity", "0", "cash_start", "0.5", "debt_cap", "0"))
	near("arrears", r.Months[0].Arrears, 0.5833689833)
	near("arrears interest", r.Months[1].ArrearsInterest, 0.0058336898)
	near("distress (arrears ÷ 3 months of $9B/yr)", r.Months[0].Distress, 0.5833689833/2.25)

	// Repayment: a cheap fleet ($20B/GW), no opex, no partner share, $5B of cash under a $10B
	// buffer. January: chips 1 × 20 × 0.7 × crf5 × 59/60 + 0.1 × 20 × 0.7 × crf5 = 4.000928459/yr
	// → 0.333410705; shells 20 × 0.3 × crf15 = 0.788842661/yr → 0.065736888; energy 0.073; FCF
	// 0.75 − 0.472147593 = 0.277852407; debt 10 − 5.277852407 = 4.722147593. February: chips
	// 4.000928459 + 0.369316473 − 3.693164731 ÷ 60 = 4.308692186/yr → 0.359057682, interest
	// 4.722147593 × 1% = 0.047221476, FCF 0.75 − 0.545016047 = 0.204983953, all of it above the
	// buffer repays debt.
	r = run(handScenario(t, "cost_per_gw", "20", "opex_fixed", "0", "opex_variable", "0",
		"revenue_share_to_partner", "0", "equity_capacity", "0", "cash_start", "5"))
	near("Jan FCF", r.Months[0].FCF, 0.2778524067)
	near("Jan debt drawn", r.Months[0].DebtDrawn, 4.7221475933)
	near("Feb interest", r.Months[1].Interest, 0.0472214759)
	near("Feb FCF", r.Months[1].FCF, 0.2049839534)
	near("Feb repaid", r.Months[1].DebtRepaid, 0.2049839534)
	near("Feb debt", r.Months[1].Debt, 4.7221475933-0.2049839534)
	near("Feb cash", r.Months[1].Cash, 10)
}

// TestContractsByHand works out the flywheel's first signing. Demand $30B/yr with no growth
// needs 30 ÷ ($20B/GW-yr × 60% serving) = 2.5 GW a GPU lead time (12 months) on. The company will
// have 1 GW installed + 0.2 due − 12/60 GW retiring = 1.0 GW: it wants 1.5 GW. It may sign the
// 1/60 GW retiring in month 12 (replacement is never capped), 30% of its first month's revenue
// (min(30, 12) × 0.3 ÷ 12 = $0.3B) and a third of the cash above twice the $10B buffer, each
// dollar buying 1/50 GW at January's price.
func TestContractsByHand(t *testing.T) {
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.10f, want %.10f", name, got, want)
		}
	}
	for _, c := range []struct {
		name            string
		extra           []string
		signed, unpaid  float64 // GW signed in January; GW wanted but unaffordable
		deliveredMonth0 float64
	}{
		{"replacement only", []string{"demand_start", "30"}, 1.0 / 60, 1.5 - 1.0/60, 0.1},
		{"with reinvestment", []string{"demand_start", "30", "reinvest_share", "30"}, 1.0/60 + 0.3/50, 1.5 - 1.0/60 - 0.3/50, 0.1},
		{"with surplus cash", []string{"demand_start", "30", "cash_start", "100"}, 1.0/60 + 80.0/3/50, 1.5 - 1.0/60 - 80.0/3/50, 0.1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := handScenario(t, c.extra...)
			var r Result
			mustRun(t, &s, &r)
			m := r.Months[0]
			near("signed GW", m.NewContracts, c.signed)
			near("signed value", m.SignedValue, c.signed*50)
			near("unaffordable GW", m.Unaffordable, c.unpaid)
			near("January deliveries", m.Deliveries, c.deliveredMonth0)
			// The old 0.2 GW are delivered in January and February; January's contracts fall due
			// twelve months later, and nothing else comes due in between.
			for i := 2; i < 12; i++ {
				if r.Months[i].Deliveries > 1e-12 { // a few ulps of the old tranches may trail
					t.Errorf("%s: %g GW delivered before January's contracts fall due", r.Months[i].Date, r.Months[i].Deliveries)
				}
			}
			if d := r.Months[12].Deliveries; d < 1e-3 || d > 4.0/12+1e-12 {
				t.Errorf("2026-01 delivers %g GW, want January's contracts at up to 2026's supply cap", d)
			}
		})
	}
}

// TestLegacyDiscountAndShellsByHand: the legacy discount halves the rent of the chips and shells
// in service before 2026, and a shell completed in January is rented from January at January's
// price. With half off: start chips 9.232911828 × 59/60 × 0.5 + January's delivery 0.923291183 ×
// 0.5 = 5.001160573/yr → 0.416763381; shells (1 GW at start + 0.1 GW from the start pipeline of
// 1.2 GW over 12 months) 1.972106653 × 1.1 × 0.5 = 1.084658659/yr → 0.090388222.
func TestLegacyDiscountAndShellsByHand(t *testing.T) {
	s := handScenario(t, "legacy_rent_discount", "50", "pipeline_start", "1.2", "pipeline_months", "12")
	var r Result
	mustRun(t, &s, &r)
	m := r.Months[0]
	for _, c := range [][3]float64{{m.ChipRent, 0.4167633811}, {m.ShellRent, 0.0903882216}, {m.PowerCompleted, 0.1}, {m.PowerOnline, 1.1}} {
		if math.Abs(c[0]-c[1]) > 1e-9 {
			t.Errorf("got %.10f, want %.10f", c[0], c[1])
		}
	}
	// The arrears interest is a cost like any other: February's costs are the sum of its lines.
	s = handScenario(t, "equity_capacity", "0", "cash_start", "0.5", "debt_cap", "0")
	mustRun(t, &s, &r)
	m = r.Months[1]
	if sum := m.ComputeRent + m.EnergyCost + m.PartnerShare + m.Opex + m.Interest + m.ArrearsInterest + m.TerminationFee; math.Abs(m.Costs-sum) > 1e-12 || m.ArrearsInterest <= 0 {
		t.Errorf("costs %g, lines %g (arrears interest %g)", m.Costs, sum, m.ArrearsInterest)
	}
}

// TestPowerAndCapabilityByHand: January's power and capability. Power is started for the GPUs
// installed (1 + 0.1 − 1/60 = 1.083333 GW) and due within the 24-month lead time (the 0.1 GW
// left of the old contracts, and the GW signed in January, due in January 2026: the 1/60 GW that
// replace January's retirement, or with $100B of cash 0.55 GW): 1.2 GW, or 1.733333 GW. With a
// 10% margin less the 1 GW online, 0.32 or 0.906667 GW are started in the month, as the build cap
// (50 GW/yr) allows: 3.84 or 10.88 GW/yr.
// Capability: 40% of the 1 GW powered trains; ln(cumulative ÷ 0.5 GW-yr) grows by 0.4 ÷ 12 ÷
// (0.5 + 0.4 ÷ 24) = 0.064516129 in the month, so capability = 1 + 0.5 × that = 1.032258065.
func TestPowerAndCapabilityByHand(t *testing.T) {
	for _, c := range []struct {
		cash string
		need float64
	}{{"10", 1.0 + 0.1 - 1.0/60 + 0.1 + 1.0/60}, {"100", 1.0 + 0.1 - 1.0/60 + 0.1 + 0.55}} {
		s := handScenario(t, "power_build_2025", "50", "demand_start", "30", "cash_start", c.cash)
		var r Result
		mustRun(t, &s, &r)
		m := r.Months[0]
		want := []float64{c.need, (c.need*1.1 - 1) * 12, 1 + 0.5*0.4/12/(0.5+0.4/24)}
		for i, got := range []float64{m.PowerNeed, m.PowerStarts, m.Capability} {
			if math.Abs(got-want[i]) > 1e-9 {
				t.Errorf("cash %s: got %.9f, want %.9f (need, starts, capability)", c.cash, got, want[i])
			}
		}
	}
}

// TestPathsStepAtTheirAnchors: the supply cap is 2025's until December 2025 and the lever's from
// January 2026, growing by supply growth a year from then; a scenario that starts later is the
// same history (opening month included).
func TestPathsStepAtTheirAnchors(t *testing.T) {
	s := DefaultScenario()
	s.Levers[GPUSupply], s.Levers[SupplyGrowth] = 6, 50
	var r Result
	mustRun(t, &s, &r)
	for ym, want := range map[YearMonth]float64{{2025, 12}: 1.4, {2026, 1}: 6, {2026, 12}: 6 * math.Pow(1.5, 11.0/12), {2027, 1}: 9} {
		if got := r.Months[r.MonthIndex(ym)].SupplyCap; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: supply cap %g GW/yr, want %g", ym, got, want)
		}
	}
	if r.Opening.Date != (YearMonth{2024, 12}) || r.Opening.Cash != s.Settings[CashStart] {
		t.Errorf("opening %s with $%g: want 2024-12 with the cash at start", r.Opening.Date, r.Opening.Cash)
	}
}

// TestEquityRefillsAfterTwelveMonths: equity capacity counts over any 12 months, so what was
// raised in January can be raised again the next January, not before.
func TestEquityRefillsAfterTwelveMonths(t *testing.T) {
	s := handScenario(t, "equity_capacity", "3", "debt_cap", "0", "opex_fixed", "40")
	var r Result
	mustRun(t, &s, &r)
	if e := r.Months[0].Equity; math.Abs(e-3) > 1e-9 {
		t.Fatalf("January raises $%g, want the whole $3B capacity", e)
	}
	for i := 1; i < 12; i++ {
		if e := r.Months[i].Equity; e != 0 {
			t.Errorf("%s raises $%g within the year", r.Months[i].Date, e)
		}
	}
	if e := r.Months[12].Equity; math.Abs(e-3) > 1e-9 {
		t.Errorf("January 2026 raises $%g, want $3B again", e)
	}
}

// TestFractionalLeadBringsEveryContractDue: with a GPU lead time of 12.5 months, each month's
// contracts fall due half after 12 months and half after 13 — all of them.
func TestFractionalLeadBringsEveryContractDue(t *testing.T) {
	s := handScenario(t, "demand_start", "30", "cash_start", "100", "gpu_lead_time", "12.5")
	var r Result
	mustRun(t, &s, &r)
	// With no schedule, the backlog not yet due is what was signed in the last 12.5 months:
	// all of the last 12 months' contracts and half of the 13th's.
	for _, t1 := range []int{12, 13, 40, len(r.Months) - 1} {
		pending := 0.5 * r.Months[t1-12].NewContracts
		for k := t1 - 11; k <= t1; k++ {
			pending += r.Months[k].NewContracts
		}
		if m := r.Months[t1]; math.Abs(m.Backlog-m.Due-pending) > 1e-9 {
			t.Errorf("%s: %.6f GW signed and not yet due, want %.6f", m.Date, m.Backlog-m.Due, pending)
		}
	}
	if a, b := r.Months[12].Due+r.Months[12].Deliveries, r.Months[13].Deliveries; a <= 0 || b <= 0 {
		t.Errorf("January's contracts due in 2026-01 (%g) and 2026-02 (%g): want both", a, b)
	}
	// February's capability: cumulative training 0.5 + 0.4/12 + training in February.
	m0, m1 := r.Months[0], r.Months[1]
	cum0 := 0.5 + m0.Training/12
	want := m0.Capability + 0.5*m1.Training/12/(cum0+m1.Training/24)
	if math.Abs(m1.Capability-want) > 1e-12 {
		t.Errorf("February capability %.12f, want %.12f", m1.Capability, want)
	}
}

// TestStartsAllowForThePipeline: power under construction counts against the power needed.
// With 1.2 GW in the start pipeline (0.1 GW completing in January), January's target of
// 1.2 GW × 1.1 is already met by the 1.1 GW online and 1.1 GW under way: nothing is started.
func TestStartsAllowForThePipeline(t *testing.T) {
	s := handScenario(t, "power_build_2025", "50", "pipeline_start", "1.2", "pipeline_months", "12")
	var r Result
	mustRun(t, &s, &r)
	if m := r.Months[0]; m.PowerStarts != 0 || math.Abs(m.PowerPipeline-1.1) > 1e-12 {
		t.Errorf("January starts %g GW/yr with %g GW under way: want none", m.PowerStarts, m.PowerPipeline)
	}
}
