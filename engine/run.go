package engine

import "math"

const (
	dt = 1.0 / 12 // years per step

	// Calendar anchors (absolute month indices, year*12 + month − 1) for levers quoted "in 2025"
	// or "in 2026": moving the start of a scenario does not move what a lever means.
	costAnchor   = 2025 * 12 // cost_per_gw is the 2025 price
	leverAnchor  = 2026 * 12 // gpu_supply, revenue_growth and energy_build are 2026 figures
	legacyBefore = 2026 * 12 // vintages delivered before this carry the legacy rent discount
	shareFrom    = 2025 * 12 // the partner revenue share falls linearly from here …
	shareTo      = 2030 * 12 // … to its 2030 setting here

	gwYearEnergy = 8.76e-3 // $B per (IT GW × $/MWh × PUE) per year: 1000 MW × 8760 h ÷ 1e9

	eps = 1e-9 // GW or $B below which a quantity counts as zero for labels
)

// path is a quantity that is flat before an anchor month and compounds from it, stepped by one
// multiplication a month: a math.Pow per month would dominate the run time.
type path struct {
	anchor int     // absolute month index from which it compounds
	before float64 // value before the anchor
	value  float64 // value at the current month, once at or after the anchor
	factor float64 // monthly factor
}

// newPath starts a path at absolute month now: flat `before` until anchor, then atAnchor growing
// by yearly factor g. With anchor = math.MinInt it compounds at every month, valued atAnchor at
// month base.
func newPath(now, anchor int, before, atAnchor, g float64) path {
	return path{anchor: anchor, before: before, value: atAnchor * math.Pow(g, float64(max(0, now-anchor))/12),
		factor: math.Pow(g, 1.0/12)}
}

// newCompound is a path compounding at all months, worth base at month baseIdx.
func newCompound(now, baseIdx int, base, g float64) path {
	return path{anchor: math.MinInt, value: base * math.Pow(g, float64(now-baseIdx)/12), factor: math.Pow(g, 1.0/12)}
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

// Run computes the scenario into r, reusing r's buffers. It validates s first and returns the
// validation error, leaving r untouched, if any value is out of range.
func Run(s *Scenario, r *Result) error {
	if err := s.Validate(); err != nil {
		return err
	}
	n := s.Months()
	r.Scenario = *s
	r.Months = resize(r.Months, n)
	r.tranche = resize(r.tranche, n)
	r.vintageRent = resize(r.vintageRent, n)

	lv, st := &s.Levers, &s.Settings
	pct := func(v float64) float64 { return v / 100 }
	idx0 := s.Start.Year*12 + s.Start.Month - 1

	lifeM := int(math.Round(lv[UsefulLife] * 12))
	gpuLeadM := int(math.Round(lv[GPULeadTime]))
	powerLeadM := int(math.Round(lv[PowerLeadTime]))
	crf := capitalRecovery(pct(lv[RentMargin]), lv[UsefulLife])
	legacy := 1 - pct(st[LegacyRentDiscount])
	trainShare := pct(lv[TrainingShare])
	vendorShare := pct(lv[VendorFinancing])
	reinvest := pct(lv[ReinvestShare])
	energyPerGW := gwYearEnergy * lv[PUE] * lv[ElectricityPrice]
	share25 := pct(lv[RevenueShareToPartner])
	share30 := min(share25, pct(st[RevenueShare2030]))
	// Monthly demand growth factors: the 2026 factor's excess over the long-run one decays with
	// the half-life, so each month costs a multiply-add rather than an exp.
	monthlyLongRun := math.Pow(1+pct(lv[LongRunGrowth]), dt)
	monthlyExcess := math.Pow(1+pct(lv[RevenueGrowth]), dt) - monthlyLongRun
	monthly2025 := math.Pow(1+pct(st[DemandGrowth2025]), dt)
	debtRate := pct(lv[DebtRate])

	cost := newCompound(idx0, costAnchor, lv[CostPerGW], 1-pct(lv[CostDecline]))
	perCost := newCompound(idx0, costAnchor, 1/lv[CostPerGW], 1/(1-pct(lv[CostDecline]))) // GW per $B
	supply := newPath(idx0, leverAnchor, st[Supply2025], lv[GPUSupply], 1+pct(lv[SupplyGrowth]))
	power := newPath(idx0, leverAnchor, st[PowerBuild2025], lv[EnergyBuild], 1+pct(lv[EnergyGrowth]))
	decay := newPath(idx0, leverAnchor, 1, 1, math.Pow(0.5, 1/lv[GrowthHalfLife])) // excess growth left
	revPerGW := newCompound(idx0, idx0, st[RevenuePerGWStart], (1+pct(lv[EfficiencyGain]))*(1-pct(lv[PriceDecline])))
	price := newCompound(idx0, idx0, 1, 1-pct(lv[PriceDecline]))
	perPrice := newCompound(idx0, idx0, 1, 1/(1-pct(lv[PriceDecline])))

	// Signed commitments: dollars spread over the schedule, each month's tranche converted to GW at
	// that month's cost. Tranches before the start are taken as delivered (in installed_start).
	from, peak, to := int(st[CommitFrom]), int(st[CommitPeak]), int(st[CommitTo])
	dollarsPerWeight := lv[Investment] * 1000 / (float64(to-from+1) * 6) // $B per unit weight
	backlog := st[BacklogStart]
	{
		pc := perCost
		for m := idx0; m < max(idx0+n, (to+1)*12); m++ {
			gw := dollarsPerWeight * commitmentWeight(m, from, peak, to) * pc.at(m)
			if m-idx0 < n {
				r.tranche[m-idx0] = gw
			}
			backlog += gw
			pc.next(m)
		}
	}

	// Start stocks.
	installed := st[InstalledStart]
	powerOnline := st[PowerOnlineStart]
	startRate := func(idx int) float64 { // power starts (GW/yr) at any absolute month
		if idx < leverAnchor {
			return st[PowerBuild2025]
		}
		return lv[EnergyBuild] * math.Pow(1+pct(lv[EnergyGrowth]), float64(idx-leverAnchor)/12)
	}
	pipeline := 0.0
	for k := 1; k <= powerLeadM; k++ {
		pipeline += startRate(idx0-k) * dt
	}
	legacyRent0 := installed * cost.at(idx0) * crf * legacy
	rent := legacyRent0
	demand := st[DemandStart]
	cash := st[CashStart]
	debt := 0.0
	due := st[BacklogStart]
	cumTrain := st[TrainingHistory]
	logTrain := 0.0 // ln(cumTrain ÷ training_history)
	capability := 1.0
	prevRevRate := min(demand, (1-trainShare)*min(installed, powerOnline)*revPerGW.at(idx0))
	stopped := false // a shortfall stopped all contracts
	equityYear := 0.0
	cumRevenue, cumRent := 0.0, 0.0

	for t := 0; t < n; t++ {
		idx := idx0 + t
		if idx%12 == 0 {
			equityYear = 0
		}
		c := cost.at(idx)

		// 1. Contracts: reinvested revenue signs new GW due after the GPU lead time (R1).
		newGW := 0.0
		if !stopped {
			newGW = reinvest * prevRevRate * dt * perCost.at(idx)
			backlog += newGW
			due += r.tranche[t]
			if t >= gpuLeadM {
				due += r.Months[t-gpuLeadM].NewContracts
			}
		}

		// 2. Deliveries are capped by the supply chain (B2).
		capRate := supply.at(idx)
		deliveries := min(due, capRate*dt)
		due = max(0, due-deliveries)
		backlog = max(0, backlog-deliveries)
		supplyBound := due > eps

		// 3. Retirements: each vintage after its useful life; the start fleet evenly over one life.
		retired := 0.0
		if t < lifeM {
			retired += st[InstalledStart] / float64(lifeM)
			rent -= legacyRent0 / float64(lifeM)
		} else {
			retired += r.Months[t-lifeM].Deliveries
			rent -= r.vintageRent[t-lifeM]
		}
		vr := deliveries * c * crf
		if idx < legacyBefore {
			vr *= legacy
		}
		r.vintageRent[t] = vr
		rent = max(0, rent+vr)
		installed = max(0, installed+deliveries-retired)

		// 4. Power: starts complete after the lead time.
		starts := power.at(idx)
		var completed float64
		if t >= powerLeadM {
			completed = r.Months[t-powerLeadM].PowerStarts * dt
		} else {
			completed = startRate(idx-powerLeadM) * dt
		}
		pipeline = max(0, pipeline+starts*dt-completed)
		powerOnline += completed

		// 5–7. Effective compute, its split, and capability (R2).
		effective := min(installed, powerOnline)
		stranded := installed - effective
		training := trainShare * effective
		inference := effective - training
		// d ln(cum) = d cum ÷ cum, integrated at mid-month: exact to O(x³) for a monthly gain x.
		logTrain += training * dt / (cumTrain + training*dt/2)
		cumTrain += training * dt
		prevCapability := capability
		capability = 1 + st[CapabilityScale]*logTrain

		// 8–10. Revenue: the smaller of demand and what the inference fleet can serve.
		rpg := revPerGW.at(idx)
		capRev := inference * rpg
		revRate := min(demand, capRev)
		util, unmet := 0.0, 0.0
		if capRev > 0 {
			util = revRate / capRev
		}
		if demand > 0 {
			unmet = (demand - revRate) / demand
		}

		// 11. Costs, as annual rates.
		frac := min(1, max(0, float64(idx-shareFrom)*(1.0/(shareTo-shareFrom))))
		partnerRate := (share25 + (share30-share25)*frac) * revRate
		energyRate := effective * energyPerGW
		opexRate := lv[OpexFixed] + pct(lv[OpexVariable])*revRate
		interestRate := debt * debtRate

		m := &r.Months[t]
		// Assigned field by field: a composite literal would build the month on the stack and copy it.
		m.Date, m.Loops = s.Start.Add(t), 0
		m.NewContracts, m.Deliveries, m.SupplyCap, m.Retirements = newGW, deliveries, capRate, retired
		m.Installed, m.Effective, m.Stranded = installed, effective, stranded
		m.Training, m.Inference = training, inference
		m.PowerStarts, m.PowerPipeline, m.PowerOnline = starts, pipeline, powerOnline
		m.Demand, m.CapacityRevenue, m.RevenueRate, m.Utilisation = demand, capRev, revRate, util
		m.RevenuePerGW, m.PriceIndex, m.Capability = rpg, price.at(idx), capability
		m.Revenue, m.ComputeRent, m.EnergyCost = revRate*dt, rent*dt, energyRate*dt
		m.PartnerShare, m.Opex, m.Interest = partnerRate*dt, opexRate*dt, interestRate*dt
		m.VendorFinanced = vendorShare * rent * dt
		m.Equity, m.DebtDrawn, m.DebtRepaid = 0, 0, 0
		m.Usage = revRate * perPrice.at(idx)
		m.Costs = m.ComputeRent + m.EnergyCost + m.PartnerShare + m.Opex + m.Interest
		m.CashCosts = m.Costs - m.VendorFinanced
		m.FCF = m.Revenue - m.CashCosts

		// 12. Financing (B3): keep cash at the buffer with equity up to the yearly capacity, then
		// debt up to its cap; what is left unfunded is a shortfall and stops all contracts.
		cash += m.FCF
		buffer := lv[CashBuffer]
		if cash < buffer {
			need := buffer - cash
			m.Equity = min(need, max(0, lv[EquityCapacity]-equityYear))
			m.DebtDrawn = min(need-m.Equity, max(0, st[DebtCap]-debt))
			equityYear += m.Equity
			debt += m.DebtDrawn
			cash += m.Equity + m.DebtDrawn
		} else if debt > 0 {
			m.DebtRepaid = min(debt, cash-buffer)
			debt -= m.DebtRepaid
			cash -= m.DebtRepaid
		}
		m.Cash, m.Debt = cash, debt
		m.Shortfall = max(0, -cash)
		if m.Shortfall > eps && !stopped {
			stopped = true
			backlog, due = 0, 0
		}
		m.Backlog, m.Due = backlog, due
		cumRevenue += m.Revenue
		cumRent += m.ComputeRent
		if cumRent > 0 {
			m.Coverage = cumRevenue / cumRent
		}

		// Binding constraint, first match wins (MODEL.md).
		switch {
		case capRev >= demand:
			m.Bottleneck = Demand
		case stranded > eps:
			m.Bottleneck = Energy
		case supplyBound:
			m.Bottleneck = Supply
		case stopped || backlog <= eps:
			m.Bottleneck = Capital
		default:
			m.Bottleneck = Compute
		}

		// Demand grows at the month's rate: the 2026 lever fading to the long-run rate, plus
		// capability growth (R2), minus the penalty on demand left unserved.
		growth := monthly2025
		if idx >= leverAnchor {
			growth = monthlyLongRun + monthlyExcess*decay.at(idx)
		}
		capGain := lv[CapabilityElasticity] * (capability - prevCapability) / prevCapability
		demand *= growth * (1 + capGain) * (1 - lv[UnmetDemandPenalty]*unmet*dt)

		m.Loops.set(R1, newGW > 0 && m.Bottleneck != Demand)
		m.Loops.set(R2, capGain/dt >= 0.01)
		m.Loops.set(B1, stranded > eps)
		m.Loops.set(B2, supplyBound)
		m.Loops.set(B3, m.Equity+m.DebtDrawn > 0 || debt > eps || m.Shortfall > 0)
		m.Loops.set(B4, lv[PriceDecline] > 0 && (revPerGW.factor < 1 || m.Bottleneck == Demand))

		prevRevRate = revRate
		cost.next(idx)
		supply.next(idx)
		power.next(idx)
		decay.next(idx)
		revPerGW.next(idx)
		price.next(idx)
		perPrice.next(idx)
		perCost.next(idx)
	}
	r.aggregate()
	return nil
}

// resize returns a slice of length n, reusing buf's array when it is large enough.
func resize[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]T, n)
}
