package engine

// aggregate fills Years and Headline from Months.
func (r *Result) aggregate() {
	ms := r.Months
	first, last := ms[0].Date.Year, ms[len(ms)-1].Date.Year
	r.Years = resize(r.Years, last-first+1)
	h := Headline{}
	var funding, cumFCF, capRev float64
	var y *Year
	for i := range ms {
		m := &ms[i]
		if y == nil || y.Year != m.Date.Year {
			y = &r.Years[m.Date.Year-first]
			*y = Year{Year: m.Date.Year}
			capRev = 0
		}
		y.Months++
		y.Revenue += m.Revenue
		y.Costs += m.CashCosts
		y.ComputeRent += m.ComputeRent
		y.EnergyCost += m.EnergyCost
		y.VendorFinanced += m.VendorFinanced
		y.FCF += m.FCF
		y.Equity += m.Equity
		y.DebtDrawn += m.DebtDrawn
		y.Deliveries += m.Deliveries
		y.BottleneckMonths[m.Bottleneck]++
		if n := y.BottleneckMonths[m.Bottleneck]; n >= y.BottleneckMonths[y.Bottleneck] {
			y.Bottleneck = m.Bottleneck
		}
		capRev += m.CapacityRevenue * dt
		raised := m.Equity + m.VendorFinanced + m.DebtDrawn
		y.FundingRaised += raised
		funding += raised
		if i == len(ms)-1 || ms[i+1].Date.Year != m.Date.Year { // the year's last month: its stocks
			if capRev > 0 {
				y.Utilisation = y.Revenue / capRev
			}
			y.FundingRaisedToDate = funding
			y.CashEnd, y.DebtEnd, y.CoverageEnd = m.Cash, m.Debt, m.Coverage
			y.ArrearsEnd, y.RestructuredDebtEnd = m.Arrears, m.RestructuredDebt
			y.RunRateEnd, y.DemandEnd = m.RevenueRate, m.Demand
			y.CapabilityEnd, y.PriceIndexEnd, y.UsageEnd = m.Capability, m.PriceIndex, m.Usage
			y.SupplyCapEnd, y.BacklogEnd = m.SupplyCap, m.Backlog
			y.InstalledEnd, y.EffectiveEnd, y.StrandedEnd = m.Installed, m.Effective, m.Stranded
			y.PowerOnlineEnd, y.PowerPipelineEnd = m.PowerOnline, m.PowerPipeline
		}

		cumFCF += m.FCF
		h.PeakFundingNeed = fmax(h.PeakFundingNeed, -cumFCF)
		h.StrandedPeak = fmax(h.StrandedPeak, m.Stranded)
		h.PeakArrears = fmax(h.PeakArrears, m.Arrears)
		if m.Stage != Solvent && h.ArrearsFrom.IsZero() {
			h.ArrearsFrom = m.Date
		}
		if m.Restructured > 0 { // a restructuring may phase in over months: count runs
			if h.RestructuredAt.IsZero() {
				h.RestructuredAt = m.Date
			}
			if i == 0 || ms[i-1].Restructured <= 0 {
				h.Restructurings++
			}
		}
		if m.Stage == WindingDown && h.WindingDownFrom.IsZero() {
			h.WindingDownFrom = m.Date
		}
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
		h.Revenue2030, h.FundingRaised2030, h.Installed2030 = y.Revenue, y.FundingRaisedToDate, y.InstalledEnd
	}
	now := min(len(ms)-1, 12-ms[0].Date.Month)
	h.NowMonth, h.BottleneckNow = ms[now].Date, ms[now].Bottleneck
	h.FundingRaisedEnd = funding
	r.Headline = h
}
