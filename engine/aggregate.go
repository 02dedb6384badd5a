package engine

// aggregate fills Years and Headline from Months.
func (r *Result) aggregate() {
	ms := r.Months
	first, last := ms[0].Date.Year, ms[len(ms)-1].Date.Year
	r.Years = resize(r.Years, last-first+1)
	h := Headline{}
	var cash, vendorAll, cumFCF float64
	// One pass a year, its flows summed in locals: each month's figures are read once.
	for i := 0; i < len(ms); {
		y := &r.Years[ms[i].Date.Year-first]
		*y = Year{Year: ms[i].Date.Year}
		var rev, costs, rent, energy, vendor, fcf, equity, debt, del, raised, capRev float64
		for ; i < len(ms) && ms[i].Date.Year == y.Year; i++ {
			m := &ms[i]
			y.Months++
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
			capRev += m.CapacityRevenue
			y.BottleneckMonths[m.Bottleneck]++
			if y.BottleneckMonths[m.Bottleneck] >= y.BottleneckMonths[y.Bottleneck] { // ties: the one held last
				y.Bottleneck = m.Bottleneck
			}

			cumFCF += m.FCF
			h.PeakFundingNeed = fmax(h.PeakFundingNeed, -cumFCF)
			h.StrandedPeak = fmax(h.StrandedPeak, m.Stranded)
			h.PeakArrears = fmax(h.PeakArrears, m.Arrears)
			if m.Stage != Solvent {
				if h.ArrearsFrom.IsZero() {
					h.ArrearsFrom = m.Date
				}
				if m.Stage == WindingDown && h.WindingDownFrom.IsZero() {
					h.WindingDownFrom = m.Date
				}
			}
			if m.Restructured > 0 { // a restructuring may phase in over months: count runs
				if h.RestructuredAt.IsZero() {
					h.RestructuredAt = m.Date
				}
				if i == 0 || ms[i-1].Restructured <= 0 {
					h.Restructurings++
				}
			}
		}
		cash += equity + debt
		vendorAll += vendor
		y.Revenue, y.Costs, y.ComputeRent, y.EnergyCost, y.VendorFinanced = rev, costs, rent, energy, vendor
		y.FCF, y.Equity, y.DebtDrawn, y.Deliveries, y.FundingRaised = fcf, equity, debt, del, raised
		if capRev > 0 {
			y.Utilisation = rev / (capRev * dt)
		}
		// The year's stocks are those of its last month.
		m := &ms[i-1]
		y.CashRaisedToDate, y.VendorFinancedToDate = cash, vendorAll
		y.CashEnd, y.DebtEnd, y.CoverageEnd = m.Cash, m.Debt, m.Coverage
		y.ArrearsEnd, y.RestructuredDebtEnd = m.Arrears, m.RestructuredDebt
		y.RunRateEnd, y.DemandEnd = m.RevenueRate, m.Demand
		y.CapabilityEnd, y.PriceIndexEnd, y.UsageEnd = m.Capability, m.PriceIndex, m.Usage
		y.SupplyCapEnd, y.BacklogEnd = m.SupplyCap, m.Backlog
		y.InstalledEnd, y.EffectiveEnd, y.StrandedEnd = m.Installed, m.Effective, m.Stranded
		y.PowerOnlineEnd, y.PowerPipelineEnd = m.PowerOnline, m.PowerPipeline
	}
	for i := range r.Years {
		if r.Years[i].FCF > 0 {
			h.BreakEvenYear = r.Years[i].Year
			break
		}
	}
	if i := r.YearIndex(2030); i >= 0 && r.Years[i].Months == 12 {
		y := &r.Years[i]
		h.HasYear2030 = true
		h.Revenue2030, h.Installed2030 = y.Revenue, y.InstalledEnd
		h.CashRaised2030, h.VendorFinanced2030 = y.CashRaisedToDate, y.VendorFinancedToDate
		h.FundingRaised2030 = y.CashRaisedToDate + y.VendorFinancedToDate
	}
	now := min(len(ms)-1, 12-ms[0].Date.Month)
	h.NowMonth, h.BottleneckNow = ms[now].Date, ms[now].Bottleneck
	h.CashRaisedEnd, h.VendorFinancedEnd = cash, vendorAll
	r.Headline = h
}
