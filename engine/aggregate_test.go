package engine

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestYearsAndHeadlineFollowTheMonths recomputes every yearly figure and the headline from the
// monthly series, the way a reader of the CSV would, over random lever sets, starts and horizons.
func TestYearsAndHeadlineFollowTheMonths(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawLevers(t)
		s.Start = EarliestStart.Add(rapid.IntRange(0, 40).Draw(t, "start"))
		s.HorizonYears = rapid.IntRange(MinHorizonYears, 15).Draw(t, "horizon_years")
		var r Result
		mustRun(t, &s, &r)
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9*(1+math.Abs(want)) {
				t.Fatalf("%s = %g, want %g", what, got, want)
			}
		}
		ms := r.Months
		if got, want := len(r.Years), ms[len(ms)-1].Date.Year-ms[0].Date.Year+1; got != want {
			t.Fatalf("%d years for months %s–%s", got, ms[0].Date, ms[len(ms)-1].Date)
		}
		var cash, vendorAll, cumFCF, need, stranded, arrears float64
		var h Headline
		for yi := range r.Years {
			y := &r.Years[yi]
			var rev, costs, rent, energy, vendor, fcf, equity, debt, del, raised, capRev float64
			var count [NumBottlenecks]int
			var last *Month
			n := 0
			for i := range ms {
				m := &ms[i]
				if m.Date.Year != y.Year {
					continue
				}
				n++
				rev += m.Revenue
				costs += m.CashCosts
				rent += m.ComputeRent
				energy += m.EnergyCost
				vendor += m.VendorFinanced
				fcf += m.FCF
				equity += m.Equity
				debt += m.DebtDrawn
				del += m.Deliveries
				raised += m.Equity + m.VendorFinanced + m.DebtDrawn
				capRev += m.CapacityRevenue * dt
				count[m.Bottleneck]++
				last = m
				cumFCF += m.FCF
				need = math.Max(need, -cumFCF)
				stranded = math.Max(stranded, m.Stranded)
				arrears = math.Max(arrears, m.Arrears)
				if m.Stage != Solvent && h.ArrearsFrom.IsZero() {
					h.ArrearsFrom = m.Date
				}
				if m.Restructured > 0 && (i == 0 || ms[i-1].Restructured <= 0) {
					h.Restructurings++
					if h.RestructuredAt.IsZero() {
						h.RestructuredAt = m.Date
					}
				}
				if m.Stage == WindingDown && h.WindingDownFrom.IsZero() {
					h.WindingDownFrom = m.Date
				}
			}
			cash += equity + debt
			vendorAll += vendor
			if y.Months != n {
				t.Fatalf("%d: %d months, want %d", y.Year, y.Months, n)
			}
			near("revenue", y.Revenue, rev)
			near("cash costs", y.Costs, costs)
			near("compute rent", y.ComputeRent, rent)
			near("energy", y.EnergyCost, energy)
			near("vendor financed", y.VendorFinanced, vendor)
			near("FCF", y.FCF, fcf)
			near("equity", y.Equity, equity)
			near("debt drawn", y.DebtDrawn, debt)
			near("deliveries", y.Deliveries, del)
			near("funding raised", y.FundingRaised, raised)
			near("cash raised to date", y.CashRaisedToDate, cash)
			near("vendor financed to date", y.VendorFinancedToDate, vendorAll)
			// A share, not a sum: where a fleet of a few MW serves the year, revenue and capacity
			// revenue are both tiny and their quotient keeps only ~1e-9 of the sums' precision.
			if u := rev / capRev; capRev > 0 && math.Abs(y.Utilisation-u) > 1e-6 {
				t.Fatalf("utilisation = %g, want %g", y.Utilisation, u)
			}
			// Year-end stocks are the last month's.
			for _, f := range [][2]float64{
				{y.CashEnd, last.Cash}, {y.DebtEnd, last.Debt}, {y.ArrearsEnd, last.Arrears},
				{y.RestructuredDebtEnd, last.RestructuredDebt}, {y.CoverageEnd, last.Coverage},
				{y.RunRateEnd, last.RevenueRate}, {y.DemandEnd, last.Demand}, {y.CapabilityEnd, last.Capability},
				{y.PriceIndexEnd, last.PriceIndex}, {y.UsageEnd, last.Usage}, {y.SupplyCapEnd, last.SupplyCap},
				{y.BacklogEnd, last.Backlog}, {y.InstalledEnd, last.Installed}, {y.EffectiveEnd, last.Effective},
				{y.StrandedEnd, last.Stranded}, {y.PowerOnlineEnd, last.PowerOnline}, {y.PowerPipelineEnd, last.PowerPipeline},
			} {
				near("year-end stock", f[0], f[1])
			}
			// The year's label is the one held most months; a tie goes to the one held last.
			if count != y.BottleneckMonths {
				t.Fatalf("%d: months by label %v, want %v", y.Year, y.BottleneckMonths, count)
			}
			var lastHeld [NumBottlenecks]int // month index (in the year) a label was last held
			k := 0
			for i := range ms {
				if ms[i].Date.Year == y.Year {
					k++
					lastHeld[ms[i].Bottleneck] = k
				}
			}
			for b := range count {
				if count[b] > count[y.Bottleneck] || count[b] == count[y.Bottleneck] && lastHeld[b] > lastHeld[y.Bottleneck] {
					t.Fatalf("%d: labelled %s with %d months, %s has %d", y.Year, y.Bottleneck, count[y.Bottleneck], Bottleneck(b), count[b])
				}
			}
			if h.BreakEvenYear == 0 && y.FCF > 0 {
				h.BreakEvenYear = y.Year
			}
		}
		got := r.Headline
		near("peak funding need", got.PeakFundingNeed, need)
		near("stranded peak", got.StrandedPeak, stranded)
		near("peak arrears", got.PeakArrears, arrears)
		near("cash raised to the end", got.CashRaisedEnd, cash)
		near("vendor financed to the end", got.VendorFinancedEnd, vendorAll)
		if got.BreakEvenYear != h.BreakEvenYear || got.ArrearsFrom != h.ArrearsFrom || got.RestructuredAt != h.RestructuredAt ||
			got.Restructurings != h.Restructurings || got.WindingDownFrom != h.WindingDownFrom {
			t.Fatalf("headline %+v, from the months %+v", got, h)
		}
		now := YearMonth{s.Start.Year, 12}
		if i := r.MonthIndex(now); i >= 0 && (got.NowMonth != now || got.BottleneckNow != ms[i].Bottleneck) {
			t.Fatalf("now %s (%s), want %s", got.NowMonth, got.BottleneckNow, now)
		}
		if i := r.YearIndex(2030); i >= 0 && r.Years[i].Months == 12 {
			y := &r.Years[i]
			if !got.HasYear2030 || got.Revenue2030 != y.Revenue || got.CashRaised2030 != y.CashRaisedToDate ||
				got.VendorFinanced2030 != y.VendorFinancedToDate || got.Installed2030 != y.InstalledEnd {
				t.Fatalf("2030 headline %+v, year %+v", got, y)
			}
			// The split loses nothing: cash raised and vendor financing add up to the total raised.
			var total float64
			for _, z := range r.Years[:i+1] {
				total += z.FundingRaised
			}
			near("funding raised 2030", got.CashRaised2030+got.VendorFinanced2030, total)
			near("funding raised 2030, the total kept", got.FundingRaised2030, total)
		} else if got.HasYear2030 {
			t.Fatalf("a horizon without all of 2030 reports 2030 figures")
		}
	})
}

// TestCashRaisedByHand adds up, month by month, what the base case raised to the end of 2027: the
// equity and debt that came in as cash, apart from the chip rent suppliers took in equity.
func TestCashRaisedByHand(t *testing.T) {
	s := DefaultScenario()
	var r Result
	mustRun(t, &s, &r)
	var equity, debt, vendor float64
	for i := range r.Months {
		if m := &r.Months[i]; m.Date.Year <= 2027 {
			equity += m.Equity
			debt += m.DebtDrawn
			vendor += m.VendorFinanced
		}
	}
	y := &r.Years[r.YearIndex(2027)]
	if math.Abs(y.CashRaisedToDate-(equity+debt)) > 1e-9 || math.Abs(y.VendorFinancedToDate-vendor) > 1e-9 {
		t.Fatalf("2027: cash raised $%gB, vendor financed $%gB; by hand $%gB equity + $%gB debt, $%gB in kind",
			y.CashRaisedToDate, y.VendorFinancedToDate, equity, debt, vendor)
	}
	if vendor <= 0 || equity+debt <= 0 {
		t.Fatalf("the base case raised $%gB in cash and $%gB in kind by 2027: both should be positive", equity+debt, vendor)
	}
	h := &r.Headline
	if h.CashRaised2030 < y.CashRaisedToDate || h.VendorFinanced2030 < y.VendorFinancedToDate {
		t.Fatalf("raised by 2030 ($%gB cash, $%gB in kind) less than by 2027", h.CashRaised2030, h.VendorFinanced2030)
	}
	t.Logf("by 2030: $%.1fB cash raised, $%.1fB vendor financed; peak funding need $%.1fB", h.CashRaised2030, h.VendorFinanced2030, h.PeakFundingNeed)
}
