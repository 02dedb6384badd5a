package engine

import "math"

const (
	dt = 1.0 / 12 // years per step

	// Calendar anchors (absolute month indices, year*12 + month − 1). Every run starts at
	// calStart, the month the settings are calibrated at; a later scenario start only moves the
	// first month reported. Levers quoted "in 2026" stay anchored there.
	calStart     = 2025 * 12   // January 2025
	leverAnchor  = 2026 * 12   // gpu_supply, revenue_growth and energy_build are 2026 figures
	decayFrom    = 2027 * 12   // revenue_growth holds through 2026; its excess fades from here
	legacyBefore = 2026 * 12   // chips and shells in service before this carry the legacy rent discount
	vendorFrom   = 2026*12 + 6 // in-kind deals (Nvidia, AMD) pay as their GW deploy: from H2 2026
	shareFrom    = 2025 * 12   // the partner revenue share falls linearly from here …
	shareTo      = 2030 * 12   // … to its 2030 setting here
	gwYearEnergy = 8.76e-3     // $B per (IT GW × $/MWh × PUE) per year: 1000 MW × 8760 h ÷ 1e9
	eps          = 1e-9        // GW or $B below which a quantity counts as zero

	material       = 0.02 // stranded or undelivered GW bind only above this share of installed GW
	distressMonths = 3    // distress = arrears ÷ this many months of revenue
	surplusMonths  = 3    // cash above twice the buffer is committed over this many months
	powerCeiling   = 1.5  // power online above this × (installed + due within the lead time) is released
	arrearsMemory  = 0.9  // the arrears clock keeps this share of itself each month (doc.go)
)

// path is a quantity that is flat before an anchor month and compounds from it, stepped by one
// multiplication a month: a math.Pow per month would dominate the run time.
type path struct {
	anchor int     // absolute month index from which it compounds
	before float64 // value before the anchor
	value  float64 // value at the current month, once at or after the anchor
	factor float64 // monthly factor
}

// newPath is flat `before` until the anchor month, then atAnchor growing by yearly factor g. Runs
// start before every anchor, so the path is worth atAnchor when it gets there.
func newPath(anchor int, before, atAnchor, g float64) path {
	return path{anchor: anchor, before: before, value: atAnchor, factor: math.Pow(g, 1.0/12)}
}

// newCompound is a path compounding from the first month of a run, where it is worth base.
func newCompound(base, g float64) path {
	return path{anchor: math.MinInt, value: base, factor: math.Pow(g, 1.0/12)}
}

func (p *path) at(idx int) float64 {
	if idx < p.anchor {
		return p.before
	}
	return p.value
}

// next moves the path from month idx to idx+1.
func (p *path) next(idx int) {
	if idx >= p.anchor {
		p.value *= p.factor
	}
}

// capitalRecovery is the yearly payment per dollar of capital that repays it over life years at
// rate r: r ÷ (1 − (1+r)^−life), or 1/life at r = 0.
func capitalRecovery(r, life float64) float64 {
	if r < 1e-12 {
		return 1 / life
	}
	return r / (1 - math.Pow(1+r, -life))
}

// commitmentWeight is the triangular delivery schedule of the signed commitments: zero outside
// [from, to], rising linearly to the middle of the peak year and falling to the end of `to`.
// It is evaluated at the middle of absolute month idx. Its sum over the schedule is exactly half
// the schedule's length in months (a triangle of height 1), which is how Run normalises it.
func commitmentWeight(idx int, from, peak, to int) float64 {
	if idx < from*12 || idx >= (to+1)*12 {
		return 0
	}
	x := float64(idx-from*12) + 0.5
	c := (float64(peak-from) + 0.5) * 12
	b := float64(to-from+1) * 12
	if x < c {
		return x / c
	}
	return (b - x) / (b - c)
}

// lag is a delay of a fractional number of months: what starts in month k arrives (1−w) in
// month k+n and w in month k+n+1, so a lead time or a useful life moves results smoothly.
type lag struct {
	n int
	w float64
}

func newLag(months float64) lag {
	n := math.Floor(months)
	return lag{int(n), months - n}
}

// arriving is what of series xs, started in earlier months, arrives in month t.
func (l lag) arriving(xs []float64, t int) float64 {
	v := 0.0
	if k := t - l.n; k >= 0 {
		v += (1 - l.w) * xs[k]
	}
	if k := t - l.n - 1; k >= 0 {
		v += l.w * xs[k]
	}
	return v
}

// cumAt reads prefix sums cum (cum[k] = Σ xs[:k]) at fractional position x, interpolating inside
// month floor(x) and clipping to [0, known]: how much of xs arrived before time x.
func cumAt(cum, xs []float64, x float64, known int) float64 {
	if x <= 0 {
		return 0
	}
	if x >= float64(known) {
		return cum[known]
	}
	k := int(x)
	return cum[k] + (x-float64(k))*xs[k]
}

// release gives back power online beyond powerCeiling × what the fleet will need (leases not
// renewed, sites sublet at their rent), with its share of the shell rent. Need is never below
// the GW installed, so no installed GPU loses its power.
func release(online, shellRent, need float64) (float64, float64, float64) {
	kept := powerCeiling * need
	if kept >= online {
		return online, shellRent, 0
	}
	return kept, shellRent * kept / online, online - kept
}

// distressOf is arrears ÷ three months of revenue (of $1B a year at least, so that a company
// with no revenue left is not in full distress over a cent), clipped to [0, 1].
func distressOf(arrears, revRate float64) float64 {
	return fmin(1, fmax(0, arrears)/(fmax(1, revRate)*distressMonths*dt))
}

// retiredBefore is the GW retired before time x (months from 2025-01) as far as the deliveries
// before month t tell: the start fleet evenly over one life, each delivery a life later.
func retiredBefore(x, installed0, invLife, lifeM float64, w *workspace, t int) float64 {
	return installed0*fmin(1, fmax(0, x)*invLife) + cumAt(w.cumDel, w.del, x-lifeM, t)
}

// Run computes the scenario into r, reusing r's buffers. It validates s first and returns the
// validation error, leaving r untouched, if any value is out of range.
func Run(s *Scenario, r *Result) error {
	if err := s.Validate(); err != nil {
		return err
	}
	off := s.Start.Year*12 + s.Start.Month - 1 - calStart // months of history before the start
	n := off + s.Months()
	lv, st := &s.Levers, &s.Settings
	pct := func(v float64) float64 { return v / 100 }

	// Lags, in months.
	life := newLag(lv[UsefulLife] * 12)
	gpuLead := newLag(lv[GPULeadTime])
	powerLead := newLag(lv[PowerLeadTime])
	lifeM, gpuLeadM, powerLeadM := lv[UsefulLife]*12, lv[GPULeadTime], lv[PowerLeadTime]

	from, peak, to := int(st[CommitFrom]), int(st[CommitPeak]), int(st[CommitTo])
	ahead := n + int(fmax(gpuLeadM, powerLeadM)) + 2 // months the windows may look past the horizon
	nTranche := max(ahead, (to+1)*12-calStart)

	w := &r.w
	w.resize(n, ahead, nTranche)
	r.Scenario = *s

	shellShare := pct(st[ShellShare])
	chipShare := 1 - shellShare
	crfChip := capitalRecovery(pct(lv[RentMargin]), lv[UsefulLife])
	crfShell := capitalRecovery(pct(lv[RentMargin]), st[ShellLife])
	legacy := 1 - pct(st[LegacyRentDiscount])
	trainShare := pct(lv[TrainingShare])
	vendorShare := pct(lv[VendorFinancing])
	reinvest := pct(lv[ReinvestShare])
	energyPerGW := gwYearEnergy * lv[PUE] * lv[ElectricityPrice]
	share25 := pct(lv[RevenueShareToPartner])
	share30 := fmin(share25, pct(st[RevenueShare2030]))
	debtRate := pct(lv[DebtRate])
	buffer := lv[CashBuffer]
	ceiling := st[DemandCeiling] * 1000 // $B/yr
	margin := 1 + pct(st[PowerMargin])
	feeMonths := st[TerminationFee]

	cost := newCompound(lv[CostPerGW], 1-pct(lv[CostDecline]))
	supply := newPath(leverAnchor, st[Supply2025], lv[GPUSupply], 1+pct(lv[SupplyGrowth]))
	build := newPath(leverAnchor, st[PowerBuild2025], lv[EnergyBuild], 1+pct(lv[EnergyGrowth]))
	revFactor := (1 + pct(lv[EfficiencyGain])) * (1 - pct(lv[PriceDecline]))
	revPerGW := newCompound(st[RevenuePerGWStart], revFactor)
	perRPG := newCompound(1/st[RevenuePerGWStart], 1/revFactor)
	// GW of compute per $B/yr of demand a GPU lead time on, per unit of 1 ÷ revenue per GW now.
	needPerRevenue := 1 / (math.Pow(revFactor, gpuLeadM/12) * (1 - trainShare))
	invCeiling := 1 / ceiling
	price := newCompound(1, 1-pct(lv[PriceDecline]))
	perPrice := newCompound(1, 1/(1-pct(lv[PriceDecline])))

	// Demand growth factor of every month the run or its look-ahead reaches: the 2025 setting,
	// then revenue_growth through 2026, then its excess over the long-run rate fading.
	{
		g25 := math.Pow(1+pct(st[DemandGrowth2025]), dt)
		longRun := math.Pow(1+pct(lv[LongRunGrowth]), dt)
		excess := math.Pow(1+pct(lv[RevenueGrowth]), dt) - longRun
		fade := math.Pow(0.5, 1/(lv[GrowthHalfLife]*12))
		left := 1.0
		for t := range w.growth {
			switch idx := calStart + t; {
			case idx < leverAnchor:
				w.growth[t] = g25
			case idx < decayFrom:
				w.growth[t] = longRun + excess
			default:
				w.growth[t] = longRun + excess*left
				left *= fade
			}
		}
	}

	// Signed commitments: dollars spread over the schedule, each month's tranche converted to GW
	// at that month's cost, which stays its price (tranches before 2025 are in installed_start).
	dollarsPerWeight := lv[Investment] * 1000 / (float64(to-from+1) * 6) // $B per unit weight
	var futureGW, futureValue float64
	{
		c := cost
		for t := range w.tranche {
			idx := calStart + t
			d := dollarsPerWeight * commitmentWeight(idx, from, peak, to)
			w.tranche[t] = d / c.at(idx)
			w.cumTranche[t+1] = w.cumTranche[t] + w.tranche[t]
			futureGW += w.tranche[t]
			futureValue += d
			c.next(idx)
		}
	}
	r.CommittedValue = futureValue

	// Start stocks.
	installed0 := st[InstalledStart]
	invLife := 1 / lifeM
	cumRetired := 0.0 // GW retired before the month
	installed := installed0
	powerOnline := st[PowerOnlineStart]
	pipeline := st[PipelineStart]
	initLeft, initRate := pipeline, pipeline/st[PipelineMonths] // the start pipeline, completing evenly
	c0 := cost.at(calStart)
	legacyChip0 := installed0 * c0 * chipShare * crfChip * legacy
	chipRent, vendorRent := legacyChip0, 0.0
	shellRent := powerOnline * c0 * shellShare * crfShell * legacy
	demand := st[DemandStart]
	cash, debt, rdebt := st[CashStart], 0.0, 0.0
	q := &w.queue
	q.reset()
	q.push(st[BacklogStart], c0)
	var pendingGW, pendingValue float64 // new contracts signed, not yet due
	cumTrain := st[TrainingHistory]
	logTrain := 0.0 // ln(cumTrain ÷ training_history)
	capability := 1.0
	prevRev := fmin(demand, (1-trainShare)*fmin(installed, powerOnline)*revPerGW.at(calStart))
	distress, restraint, clock := 0.0, 0.0, 0.0
	// The clock reaches clockAt after arrears_months at full distress.
	clockAt := (1 - math.Pow(arrearsMemory, st[ArrearsMonths])) / (1 - arrearsMemory)
	equityWindow := 0.0 // equity raised in the 11 months before this one
	fcfWindow := 0.0    // FCF of the 12 months to this one
	cumRevenue, cumRent := 0.0, 0.0
	// Product of the demand growth factors over the GPU lead time from month t.
	aheadInt := 1.0
	for j := 0; j < gpuLead.n; j++ {
		aheadInt *= w.growth[j]
	}

	for t := 0; t < n; t++ {
		idx := calStart + t
		c := cost.at(idx)
		keep := (1 - distress) * (1 - restraint)
		m := &w.all[t]
		// Fields are assigned one by one (a composite literal would build the month on the stack
		// and copy it); those set only in some months are cleared here.
		m.Date, m.Loops, m.Stage = YearMonth{idx / 12, idx%12 + 1}, 0, Solvent
		m.Equity, m.DebtDrawn, m.DebtRepaid, m.PowerReleased = 0, 0, 0, 0
		m.CancelledGW, m.CancelledValue, m.TerminationFee, m.Restructured = 0, 0, 0, 0
		m.PowerCancelled = 0

		// 1. Contracts (R1): sign the GW that demand a GPU lead time ahead needs beyond the fleet
		// the company will have then, within what capital allows.
		tf := float64(t)
		aheadG := aheadInt * (1 + gpuLead.w*(w.growth[t+gpuLead.n]-1))
		demandAhead := fmin(ceiling, demand*aheadG)
		rpg := revPerGW.at(idx)
		needGW := demandAhead * perRPG.at(idx) * needPerRevenue
		// The fleet a lead time on: installed, plus all that is due or signed (new contracts come
		// due within the lead time) and the scheduled tranches falling due by then, less
		// retirements. Tranches due later do not meet demand then.
		retiredAtLead := retiredBefore(tf+gpuLeadM, installed0, invLife, lifeM, w, t)
		trancheSoon := cumAt(w.cumTranche, w.tranche, tf+gpuLeadM, len(w.tranche)) - w.cumTranche[t]
		haveGW := installed + q.gw + pendingGW + trancheSoon - (retiredAtLead - cumRetired)
		wanted := fmax(0, needGW-haveGW)
		replace := retiredAtLead - retiredBefore(tf+gpuLeadM-1, installed0, invLife, lifeM, w, t)
		allowance := reinvest*prevRev*dt + fmax(0, cash-2*buffer)*(1.0/surplusMonths)
		signed := fmin(wanted, replace+allowance/c)
		m.Unaffordable = wanted - signed
		newGW := signed * keep
		w.newGW[t], w.newPrice[t] = newGW, c
		w.cumNew[t+1] = w.cumNew[t] + newGW
		pendingGW += newGW
		pendingValue += newGW * c
		m.NewContracts, m.SignedValue = newGW, newGW*c

		// 2. Deliveries: this month's tranche and the new contracts now due join the queue; the
		// supply chain delivers first in, first out, less what distress defers (B2).
		q.push(w.tranche[t], c)
		futureGW -= w.tranche[t]
		futureValue -= w.tranche[t] * c
		if k := t - gpuLead.n; k >= 0 {
			x := (1 - gpuLead.w) * w.newGW[k]
			q.push(x, w.newPrice[k])
			pendingGW -= x
			pendingValue -= x * w.newPrice[k]
		}
		if k := t - gpuLead.n - 1; k >= 0 {
			x := gpuLead.w * w.newGW[k]
			q.push(x, w.newPrice[k])
			pendingGW -= x
			pendingValue -= x * w.newPrice[k]
		}
		capRate := supply.at(idx)
		deliveries := fmin(q.gw, capRate*dt) * keep
		value := q.pop(deliveries)
		m.Deliveries, m.DeliveredValue, m.SupplyCap = deliveries, value, capRate
		w.del[t] = deliveries
		w.cumDel[t+1] = w.cumDel[t] + deliveries

		// 3. Retirements by vintage after the useful life; the start fleet evenly over one life.
		// Chip rent: each vintage at its signing price, leaving with its GPUs.
		startOut := 0.0
		if tf < lifeM {
			startOut = installed0 * (fmin(tf+1, lifeM) - tf) * invLife
		}
		retired := startOut + life.arriving(w.del, t)
		cumRetired += retired
		vr := value * chipShare * crfChip
		if idx < legacyBefore {
			vr *= legacy
		}
		w.chipV[t] = vr
		chipRent += vr - life.arriving(w.chipV, t)
		if installed0 > 0 {
			chipRent -= legacyChip0 * startOut / installed0
		}
		if idx >= vendorFrom {
			vendorRent += vr
		}
		if k := t - life.n; k >= 0 && calStart+k >= vendorFrom {
			vendorRent -= (1 - life.w) * w.chipV[k]
		}
		if k := t - life.n - 1; k >= 0 && calStart+k >= vendorFrom {
			vendorRent -= life.w * w.chipV[k]
		}
		chipRent, vendorRent = fmax(0, chipRent), fmax(0, vendorRent)
		installed = fmax(0, installed+deliveries-retired)
		m.Retirements = retired

		// 4. Power: completions after the lead time, then starts for the GPUs installed and due
		// within the lead time (less what is online or under way), capped by the build rate.
		// Shells are rented once online; power beyond what the fleet will need is released.
		completed := powerLead.arriving(w.startGW, t) + fmin(initLeft, initRate)
		m.PowerCompleted = completed
		initLeft = fmax(0, initLeft-initRate)
		pipeline = fmax(0, pipeline-completed)
		powerOnline += completed
		sr := completed * c * shellShare * crfShell
		if idx < legacyBefore {
			sr *= legacy
		}
		shellRent += sr
		x := tf + 1
		newSoon := pendingGW       // every pending contract falls due within a power lead time as long …
		if powerLeadM < gpuLeadM { // … as that is no shorter than the GPU lead time
			newSoon = cumAt(w.cumNew, w.newGW, x+powerLeadM-gpuLeadM, t+1) - cumAt(w.cumNew, w.newGW, x-gpuLeadM, t+1)
		}
		dueSoon := q.gw + cumAt(w.cumTranche, w.tranche, x+powerLeadM, len(w.tranche)) - w.cumTranche[t+1] + newSoon
		needPower := installed + fmax(0, dueSoon)
		buildRate := build.at(idx)
		starts := fmin(fmax(0, needPower*margin-powerOnline-pipeline), buildRate*dt) * keep
		w.startGW[t] = starts
		pipeline += starts
		powerOnline, shellRent, m.PowerReleased = release(powerOnline, shellRent, needPower)
		m.PowerStarts, m.PowerPipeline, m.PowerOnline, m.PowerNeed = starts/dt, pipeline, powerOnline, needPower

		// 5–7. Effective compute, its split (distress moves training to serving) and capability (R2).
		effective := fmin(installed, powerOnline)
		stranded := installed - effective
		training := trainShare * keep * effective
		inference := effective - training
		// d ln(cum) = d cum ÷ cum, integrated at mid-month: exact to O(x³) for a monthly gain x.
		logTrain += training * dt / (cumTrain + training*dt/2)
		cumTrain += training * dt
		prevCapability := capability
		capability = 1 + st[CapabilityScale]*logTrain

		// 8–10. Revenue: the smaller of demand and what the inference fleet can serve.
		capRev := inference * rpg
		revRate := fmin(demand, capRev)
		util, unmet := 0.0, 0.0
		if capRev > 0 {
			util = revRate / capRev
		}
		if demand > 0 {
			unmet = (demand - revRate) / demand
		}

		// 11. Costs. Rates are $B/yr; the month's amounts are rate × dt.
		frac := fmin(1, fmax(0, float64(idx-shareFrom)*(1.0/(shareTo-shareFrom))))
		m.Installed, m.Effective, m.Stranded = installed, effective, stranded
		m.Training, m.Inference = training, inference
		m.Demand, m.CapacityRevenue, m.RevenueRate, m.Utilisation = demand, capRev, revRate, util
		m.RevenuePerGW, m.PriceIndex, m.Capability = rpg, price.at(idx), capability
		m.Usage = revRate * perPrice.at(idx)
		m.Revenue = revRate * dt
		m.ChipRent, m.ShellRent = chipRent*dt, shellRent*dt
		m.ComputeRent = m.ChipRent + m.ShellRent
		m.EnergyCost = effective * energyPerGW * dt
		m.PartnerShare = (share25 + (share30-share25)*frac) * revRate * dt
		m.Opex = (lv[OpexFixed] + pct(lv[OpexVariable])*revRate) * dt
		m.Interest = (debt + rdebt) * debtRate * dt
		m.ArrearsInterest = fmax(0, -cash) * debtRate * dt
		m.VendorFinanced = vendorShare * vendorRent * dt
		m.Costs = m.ComputeRent + m.EnergyCost + m.PartnerShare + m.Opex + m.Interest + m.ArrearsInterest
		m.CashCosts = m.Costs - m.VendorFinanced
		m.FCF = m.Revenue - m.CashCosts

		// 12. Financing (B3): keep cash at the buffer with equity up to its capacity over any
		// 12 months, then debt up to its cap; cash above the buffer repays debt. What is left
		// unpaid is arrears, and distress makes every response yield in proportion.
		cash += m.FCF
		if cash < buffer {
			need := buffer - cash
			m.Equity = fmin(need, fmax(0, lv[EquityCapacity]-equityWindow))
			m.DebtDrawn = fmin(need-m.Equity, fmax(0, st[DebtCap]-debt))
			debt += m.DebtDrawn
			cash += m.Equity + m.DebtDrawn
		} else if surplus := cash - buffer; surplus > 0 && debt+rdebt > 0 {
			repay := fmin(debt, surplus)
			repayR := fmin(rdebt, surplus-repay)
			debt, rdebt = debt-repay, rdebt-repayR
			m.DebtRepaid = repay + repayR
			cash -= m.DebtRepaid
		}
		arrears := fmax(0, -cash)
		distress = distressOf(arrears, revRate)
		if arrears > eps {
			m.Stage = InArrears
		}
		// Restructuring: the arrears clock sums distress with a memory of about ten months; once
		// it has run arrears_months at full distress, creditors turn a share rho of the arrears
		// into restructured debt and cancel rho × distress of the undelivered backlog and of the
		// power being built for it, against a fee in months of its chip rent. Rho rises with the
		// clock over one more month and, while it holds, restrains new contracts, power starts,
		// deliveries and training as distress does; the company goes on with its fleet.
		clock = clock*arrearsMemory + distress
		// (The clock meets its threshold to within rounding in the month it gets there: a rho
		// below 1e-9 is that rounding, not a restructuring.)
		rho := fmin(1, fmax(0, clock-clockAt))
		if rho < 1e-9 {
			rho = 0
		}
		restraint = rho
		if rho > 0 && arrears > eps {
			cut := rho * distress
			cancelled := cut * (q.value + futureValue + pendingValue)
			m.CancelledGW = cut * (q.gw + futureGW + pendingGW)
			m.CancelledValue = cancelled
			q.scale(1 - cut)
			futureGW, futureValue = futureGW*(1-cut), futureValue*(1-cut)
			for k := t + 1; k < len(w.tranche); k++ {
				w.tranche[k] *= 1 - cut
				w.cumTranche[k+1] = w.cumTranche[k] + w.tranche[k]
			}
			pendingGW, pendingValue = pendingGW*(1-cut), pendingValue*(1-cut)
			for k := max(0, t-gpuLead.n-1); k <= t; k++ {
				w.newGW[k] *= 1 - cut
				w.cumNew[k+1] = w.cumNew[k] + w.newGW[k]
			}
			for k := max(0, t-powerLead.n-1); k <= t; k++ {
				w.startGW[k] *= 1 - cut
			}
			m.PowerCancelled = cut * pipeline
			pipeline, initLeft, initRate = pipeline*(1-cut), initLeft*(1-cut), initRate*(1-cut)
			// The cancelled GW no longer need power: what was kept for them is given back.
			needPower = installed + (needPower-installed)*(1-cut)
			var released float64
			powerOnline, shellRent, released = release(powerOnline, shellRent, needPower)
			m.PowerReleased += released
			m.PowerPipeline, m.PowerOnline, m.PowerNeed = pipeline, powerOnline, needPower
			// The fee is a cost of the month that the creditors carry as restructured debt at
			// once: routed through arrears it would feed the distress that sets it.
			m.TerminationFee = feeMonths / 12 * cancelled * chipShare * crfChip
			m.Costs += m.TerminationFee
			m.CashCosts += m.TerminationFee
			m.FCF -= m.TerminationFee
			m.Restructured = m.TerminationFee + rho*arrears
			rdebt += m.Restructured
			cash += rho * arrears
			arrears = fmax(0, -cash)
			distress = distressOf(arrears, revRate)
			m.Stage = Restructuring
		}
		fcfWindow += m.FCF
		if t >= 12 {
			fcfWindow -= w.all[t-12].FCF
		}
		if m.Stage != Solvent && rho >= 1 && fcfWindow < 0 && q.gw+futureGW+pendingGW <= material*fmax(installed, eps) {
			m.Stage = WindingDown
		}
		equityWindow += m.Equity
		if t >= 11 {
			equityWindow -= w.all[t-11].Equity
		}
		m.Debt, m.RestructuredDebt, m.Cash, m.Arrears, m.Distress = debt, rdebt, cash, arrears, distress
		// Running sums lose a few ulps as tranches come due: what is left is never below zero.
		pendingGW, pendingValue = fmax(0, pendingGW), fmax(0, pendingValue)
		futureGW, futureValue = fmax(0, futureGW), fmax(0, futureValue)
		m.Backlog, m.BacklogValue, m.Due = q.gw+pendingGW+futureGW, q.value+pendingValue+futureValue, q.gw
		cumRevenue += m.Revenue
		cumRent += m.ComputeRent
		if cumRent > 0 {
			m.Coverage = cumRevenue / cumRent
		}

		// Binding constraint: one label, first match wins (doc.go).
		floor := material * fmax(installed, eps)
		switch {
		case m.Stage != Solvent:
			m.Bottleneck = Capital
		case capRev >= demand:
			m.Bottleneck = Demand
		case stranded > floor:
			m.Bottleneck = Energy
		case q.gw > floor:
			m.Bottleneck = Supply
		case m.Unaffordable > floor && cash <= 2*buffer:
			m.Bottleneck = Capital
		default:
			m.Bottleneck = Compute
		}

		// Demand grows at the month's rate, raised by capability growth (R2), lowered by the
		// penalty on demand left unserved, and saturating toward the ceiling.
		capGain := lv[CapabilityElasticity] * (capability - prevCapability) / prevCapability
		g := w.growth[t]*(1+capGain)*(1-lv[UnmetDemandPenalty]*unmet*dt) - 1
		if g > 0 {
			g *= fmax(0, 1-demand*invCeiling)
		}
		demand *= 1 + g

		m.Loops.set(R1, newGW > 0 && m.Bottleneck != Demand)
		m.Loops.set(R2, capGain/dt >= 0.01)
		m.Loops.set(B1, stranded > floor)
		m.Loops.set(B2, q.gw > floor)
		m.Loops.set(B3, m.Equity+m.DebtDrawn > 0 || debt+rdebt > eps || arrears > 0)
		m.Loops.set(B4, lv[PriceDecline] > 0 && (revFactor < 1 || m.Bottleneck == Demand))

		prevRev = revRate
		aheadInt = aheadInt / w.growth[t] * w.growth[t+gpuLead.n]
		cost.next(idx)
		supply.next(idx)
		build.next(idx)
		revPerGW.next(idx)
		price.next(idx)
		perPrice.next(idx)
		perRPG.next(idx)
	}
	r.Months = w.all[off:n]
	r.Opening = r.opening(off)
	r.aggregate()
	return nil
}

// opening is the month before the first reported one: the last month of the history run before
// a later start, or the calibrated start values.
func (r *Result) opening(off int) Month {
	if off > 0 {
		return r.w.all[off-1]
	}
	st := &r.Scenario.Settings
	return Month{Date: r.Scenario.Start.Add(-1), Cash: st[CashStart], Installed: st[InstalledStart],
		Effective: fmin(st[InstalledStart], st[PowerOnlineStart]), PowerOnline: st[PowerOnlineStart],
		PowerPipeline: st[PipelineStart], Demand: st[DemandStart], Capability: 1}
}

// resize returns a slice of length n, reusing buf's array when it is large enough.
func resize[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]T, n)
}
