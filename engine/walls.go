package engine

// WallMateriality is the least impact a wall needs to be told, as a share of the run's cumulative
// revenue: a wall that cost less than 1% of everything the run earned is a blip, not the story.
const WallMateriality = 0.01

// Wall is one run of consecutive months with the same binding label (Month.Bottleneck), measured
// in dollars so that walls of different kinds can be ranked against each other.
type Wall struct {
	Kind     Bottleneck
	From, To YearMonth // first and last month of the run
	// Peak is the wall's size at its worst, in the unit of its kind: GW of GPUs waiting for power
	// (energy), GW due but undelivered (supply), share of capacity idle 0–1 (demand), $B/yr of
	// demand above what the fleet can serve (compute); for capital, $B of arrears when Stage is
	// past Solvent, else GW of contracts demand wants that the company cannot afford
	// (Month.Unaffordable).
	Peak   float64
	PeakAt YearMonth // first month of the peak
	// Impact is what the wall cost, in $B. For demand, the revenue the fleet could have earned
	// but customers did not want: Σ (CapacityRevenue − RevenueRate) × dt, rent paid for idle
	// GPUs. For every other kind, the demand the fleet could not serve: Σ (Demand − RevenueRate)
	// × dt. Revenue lost is the one measure every limiting wall has: GPUs waiting for power also
	// cost their chip rent, but that rent is owed whatever binds, and counting it would rank an
	// energy wall by the size of the order book rather than by what the lab forgoes.
	Impact float64
	// Stage is the furthest stage of a shortfall among the wall's months: past Solvent only for a
	// capital wall whose months include arrears.
	Stage Stage
}

// Runs lists every run of consecutive months with one label, in time order, into buf (reused, so
// a buffer as long as the horizon makes it allocation-free). Together the runs cover every month
// exactly once.
func Runs(r *Result, buf []Wall) []Wall {
	buf = buf[:0]
	ms := r.Months
	for i := 0; i < len(ms); {
		w := Wall{Kind: ms[i].Bottleneck, From: ms[i].Date, PeakAt: ms[i].Date}
		j := i
		for ; j < len(ms) && ms[j].Bottleneck == w.Kind; j++ {
			w.Stage = max(w.Stage, ms[j].Stage)
		}
		w.To = ms[j-1].Date
		w.Peak = -1
		for k := i; k < j; k++ {
			m := &ms[k]
			if v := wallSize(m, w.Kind, w.Stage); v > w.Peak {
				w.Peak, w.PeakAt = v, m.Date
			}
			if w.Kind == Demand {
				w.Impact += (m.CapacityRevenue - m.RevenueRate) * dt
			} else {
				w.Impact += (m.Demand - m.RevenueRate) * dt
			}
		}
		w.Peak, w.Impact = fmax(0, w.Peak), fmax(0, w.Impact)
		buf = append(buf, w)
		i = j
	}
	return buf
}

// wallSize is a month's size in the unit of a wall of kind k that went as far as stage.
func wallSize(m *Month, k Bottleneck, stage Stage) float64 {
	switch k {
	case Energy:
		return m.Stranded
	case Supply:
		return m.Due
	case Demand:
		return 1 - m.Utilisation
	case Capital:
		if stage != Solvent {
			return m.Arrears
		}
		return m.Unaffordable
	default: // compute
		return m.Demand - m.CapacityRevenue
	}
}

// Walls lists the runs (Runs) whose impact is material, at least WallMateriality of the run's
// cumulative revenue, the largest impact first (ties: the earlier first). The header, timeline,
// year table and insight line take their walls from here, so they cannot tell different stories.
func Walls(r *Result, buf []Wall) []Wall {
	buf = Runs(r, buf)
	floor := WallMateriality * r.CumulativeRevenue()
	n := 0
	for _, w := range buf {
		if w.Impact >= floor {
			buf[n] = w
			n++
		}
	}
	buf = buf[:n]
	// Insertion sort, stable: a run has a few dozen walls at most and sort.Slice would allocate.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && buf[j].Impact > buf[j-1].Impact; j-- {
			buf[j], buf[j-1] = buf[j-1], buf[j]
		}
	}
	return buf
}

// CumulativeRevenue is the revenue of the whole run, $B.
func (r *Result) CumulativeRevenue() float64 {
	var sum float64
	for i := range r.Years {
		sum += r.Years[i].Revenue
	}
	return sum
}

// Shortfall is the course of a funding shortfall over a run, taken from Month.Stage and the
// headline: the one place the header, timeline and insight read the stages from. Every date is
// zero when that stage never happens.
type Shortfall struct {
	ArrearsFrom YearMonth // first month past Solvent (Headline.ArrearsFrom)
	// ArrearsTo is the last month past Solvent; before the horizon's last month when the company
	// paid its way out.
	ArrearsTo       YearMonth
	PeakArrears     float64   // $B, Headline.PeakArrears
	PeakArrearsAt   YearMonth // first month at that peak
	RestructuredAt  YearMonth // Headline.RestructuredAt
	Restructurings  int       // Headline.Restructurings
	WindingDownFrom YearMonth // Headline.WindingDownFrom
}

// Shortfall returns the stages of r's funding shortfall; its zero value when the bills were
// always paid.
func (r *Result) Shortfall() Shortfall {
	h := &r.Headline
	s := Shortfall{ArrearsFrom: h.ArrearsFrom, PeakArrears: h.PeakArrears, RestructuredAt: h.RestructuredAt,
		Restructurings: h.Restructurings, WindingDownFrom: h.WindingDownFrom}
	if s.ArrearsFrom.IsZero() {
		return s
	}
	for i := range r.Months {
		m := &r.Months[i]
		if m.Stage != Solvent {
			s.ArrearsTo = m.Date
		}
		if s.PeakArrearsAt.IsZero() && m.Arrears == h.PeakArrears {
			s.PeakArrearsAt = m.Date
		}
	}
	return s
}

// Has reports whether the run ever fell into arrears.
func (s *Shortfall) Has() bool { return !s.ArrearsFrom.IsZero() }
