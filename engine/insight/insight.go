// Package insight owns the dashboard's insight line: one plain English sentence, computed from an
// engine.Result, that tells which link of the loop binds, from when, by how much and what that
// does to break-even, and, after the user moves a lever, what changed.
//
// It reads results only and writes text only. It must not import any UI package (tui, lipgloss,
// bubbletea, …): colour, truncation and glyph fallbacks are the UI's business. Its only non-ASCII
// characters are ▲ ▼ → – (the UI may swap them).
//
// # The main wall
//
// Analyse scans the binding-constraint timeline from the scenario's "now" (Headline.NowMonth)
// on. The main wall is the first run of at least six consecutive months of one label other than
// demand; a run that already holds at "now" is counted from "now". Without such a run the story is
// demand (from its first month at or after "now"), and in a horizon too short even for that,
// whatever binds "now".
//
// # The sentence
//
// Main part, most important first, aiming under 110 characters: "<Link> binds <when>: <how
// much>", then "; break-even <year>", then one figure that fits (revenue 2030, revenue at the
// horizon's end, or advice). Clauses that do not fit are dropped whole, never cut.
//
// Change clause, aiming under 80 characters: "After <lever> <delta>: " and the one to three figures
// that moved most relative to their size among the main wall (kind and first year), break-even
// year, revenue 2030, peak funding need, stranded peak and shortfall, or "no change in the
// headline figures".
package insight

import (
	"math"
	"strconv"

	"github.com/flywheel-dev/flywheel/engine"
)

const (
	minWallMonths = 6   // a wall shorter than this is a blip, not the story
	maxMain       = 110 // the main sentence stays under this many runes: the UI truncates narrow screens
	maxChange     = 80  // the change clause stays under this many runes
)

// Change describes the user's last move for the change clause; zero value = no move.
type Change struct {
	Label string // the lever's name as the UI shows it, e.g. "GPU supply"
	Delta string // the move with its unit, e.g. "+1 GW/yr"
}

// Story is the main wall of a run, with its start, peak magnitude and the month of the peak: what
// the insight line is about, kept apart from the wording so the UI and tests can read it.
type Story struct {
	Kind  engine.Bottleneck // the link that binds
	Start engine.YearMonth  // first month of the wall's run; before NowMonth when it already binds then
	End   engine.YearMonth  // last month of the run (demand: its last month in the horizon)
	Now   bool              // the wall already binds at Headline.NowMonth: say "now", not "from <start>"
	// Peak is the wall's size at its worst, in the unit of its kind: GW of GPUs waiting for power
	// (energy), GW due but undelivered (supply), $B of the largest shortfall, 0 when contracts
	// simply ran out (capital), share of capacity idle 0–1 (demand), $B/yr of demand above what the
	// fleet can serve (compute).
	Peak   float64
	PeakAt engine.YearMonth // month of the peak
}

// Analyse finds the main wall of r: the first constraint other than demand that binds for at
// least 6 consecutive months from "now" (Headline.NowMonth) on, or demand if none. Exported so the
// UI can colour the line and mark the timeline with the same story the sentence tells.
func Analyse(r *engine.Result) Story {
	if r == nil || len(r.Months) == 0 {
		return Story{}
	}
	ms := r.Months
	n := len(ms)
	now := nowIndex(r)
	// Runs from now on; the first one may have started before now.
	start := now
	for start > 0 && ms[start-1].Bottleneck == ms[now].Bottleneck {
		start--
	}
	for i := now; i < n; {
		k := ms[i].Bottleneck
		j := i
		for j+1 < n && ms[j+1].Bottleneck == k {
			j++
		}
		if k != engine.Demand && j-i+1 >= minWallMonths {
			if i != now {
				start = i
			}
			return story(r, k, start, j, now)
		}
		i = j + 1
	}
	// No wall: demand, from its first month at or after now to its last.
	first, last := -1, -1
	for i := now; i < n; i++ {
		if ms[i].Bottleneck == engine.Demand {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		for first > 0 && ms[first-1].Bottleneck == engine.Demand {
			first--
		}
		return story(r, engine.Demand, first, last, now)
	}
	// A horizon too short for either: what binds now, over its run.
	end := now
	for end+1 < n && ms[end+1].Bottleneck == ms[now].Bottleneck {
		end++
	}
	return story(r, ms[now].Bottleneck, start, end, now)
}

// nowIndex is the month "now" refers to, inside the timeline.
func nowIndex(r *engine.Result) int {
	i := r.MonthIndex(r.Headline.NowMonth)
	if i < 0 {
		return 0
	}
	return i
}

// story measures the wall of kind k over months [a, b].
func story(r *engine.Result, k engine.Bottleneck, a, b, now int) Story {
	ms := r.Months
	s := Story{Kind: k, Start: ms[a].Date, End: ms[b].Date, Now: a <= now, PeakAt: ms[a].Date}
	if k == engine.Capital { // the shortfall that cancelled the contracts, wherever it peaked
		for i := range ms {
			if ms[i].Shortfall > s.Peak {
				s.Peak, s.PeakAt = ms[i].Shortfall, ms[i].Date
			}
		}
		return s
	}
	peak := math.Inf(-1)
	for i := a; i <= b; i++ {
		m := &ms[i]
		if m.Bottleneck != k {
			continue
		}
		var v float64
		switch k {
		case engine.Energy:
			v = m.Stranded
		case engine.Supply:
			v = m.Due
		case engine.Demand:
			v = 1 - m.Utilisation
		default: // compute
			v = m.Demand - m.CapacityRevenue
		}
		if v > peak {
			peak, s.PeakAt = v, m.Date
		}
	}
	s.Peak = max(0, peak)
	return s
}

// Sentence is the insight line for r; with prev != nil and ch non-zero it appends the change clause.
// It returns "" for a nil or empty result.
func Sentence(r, prev *engine.Result, ch Change) string {
	var buf [512]byte
	b, _ := build(buf[:0], r, prev, ch, " ")
	return string(b)
}

// Parts returns the main sentence and the change clause ("" without a move) apart, for screens
// that show them on two lines or the change first.
func Parts(r, prev *engine.Result, ch Change) (main, clause string) {
	var buf [512]byte
	b, n := build(buf[:0], r, prev, ch, "")
	str := string(b)
	return str[:n], str[n:]
}

// build writes the main sentence, then sep and the change clause when there is a move; n is
// where the main sentence ends.
func build(b []byte, r, prev *engine.Result, ch Change, sep string) (_ []byte, n int) {
	if r == nil || len(r.Months) == 0 {
		return b, 0
	}
	s := Analyse(r)
	b = appendMain(b, r, &s)
	n = len(b)
	if prev != nil && len(prev.Months) > 0 && ch != (Change{}) {
		p := Analyse(prev)
		b = append(b, sep...)
		b = appendChange(b, r, prev, &s, &p, ch)
	}
	return b, n
}

// appendMain writes the main sentence: the wall, its size, then what fits of break-even and one
// more figure.
func appendMain(b []byte, r *engine.Result, s *Story) []byte {
	h := &r.Headline
	base := len(b)
	b = append(b, titles[s.Kind]...)
	b = append(b, " binds "...)
	b = appendWhen(b, r, s)
	b = append(b, ": "...)
	switch s.Kind {
	case engine.Energy:
		b = appendGW(b, s.Peak)
		b = appendPeak(append(b, " of GPUs wait for power"...), r, s)
	case engine.Supply:
		b = appendGW(b, s.Peak)
		b = appendPeak(append(b, " contracted but undelivered"...), r, s)
	case engine.Capital:
		if h.Shortfall > 0 {
			b = append(b, "a "...)
			b = appendMoney(b, h.Shortfall)
			b = append(b, " shortfall"...)
			if h.ShortfallFrom.Year != s.Start.Year {
				b = append(appendYear(append(b, " in "...), h.ShortfallFrom.Year), " stopped"...)
			} else {
				b = append(b, " stops"...)
			}
			b = append(b, " all contracts"...)
		} else {
			b = append(b, "the signed contracts run out"...)
		}
	case engine.Demand:
		if s.Peak < 0.005 {
			b = append(b, "the fleet just meets demand"...)
			break
		}
		b = appendPercent(b, s.Peak)
		b = append(b, " of capacity idles in "...)
		b = appendYear(b, s.PeakAt.Year)
		b = append(b, " while take-or-pay rent runs on"...)
	default: // compute
		b = append(b, "demand outruns the fleet by "...)
		b = appendMoney(b, s.Peak)
		b = appendPeak(append(b, "/yr"...), r, s)
	}

	// Optional clauses, most important first, each kept whole only if the sentence still fits.
	if s.Kind == engine.Capital {
		mark := len(b)
		b = keep(appendRevenueEnd(b, r, true), base, mark, maxMain)
		if len(b) == mark {
			b = keep(appendRevenueEnd(b, r, false), base, mark, maxMain)
		}
	}
	mark := len(b)
	if h.BreakEvenYear > 0 {
		b = appendYear(append(b, "; break-even "...), h.BreakEvenYear)
	} else {
		b = appendYear(append(b, "; no break-even by "...), r.Months[len(r.Months)-1].Date.Year)
	}
	b = keep(b, base, mark, maxMain)
	mark = len(b)
	switch s.Kind {
	case engine.Compute:
		b = keep(append(b, "; raise reinvestment or sign more"...), base, mark, maxMain)
	case engine.Capital:
	default:
		if h.HasYear2030 {
			b = keep(appendMoney(append(b, "; revenue 2030 "...), h.Revenue2030), base, mark, maxMain)
		}
	}
	return append(b, '.')
}

// appendPeak dates the peak: " by 2035" when it is the horizon's last month (still growing),
// " at the peak (2029)" otherwise; nothing when the wall peaks the month it starts.
func appendPeak(b []byte, r *engine.Result, s *Story) []byte {
	switch {
	case s.PeakAt == r.Months[len(r.Months)-1].Date:
		return appendYear(append(b, " by "...), s.PeakAt.Year)
	case s.PeakAt == s.Start:
		return b
	}
	b = appendYear(append(b, " at the peak ("...), s.PeakAt.Year)
	return append(b, ')')
}

// keep returns b if the sentence that starts at base, with its final full stop, stays under
// limit runes, and otherwise b cut back to mark, dropping the clause appended after it whole.
func keep(b []byte, base, mark, limit int) []byte {
	if runes(b[base:])+1 < limit {
		return b
	}
	return b[:mark]
}

// runes counts the characters of UTF-8 text: the bytes that do not continue a character.
// (utf8.RuneCount copies non-ASCII text into a string, an allocation per call.)
func runes(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// titles name the links at the start of a sentence.
var titles = [engine.NumBottlenecks]string{
	engine.Demand:  "Demand",
	engine.Energy:  "Energy",
	engine.Supply:  "Supply",
	engine.Capital: "Capital",
	engine.Compute: "Compute",
}

// appendWhen says when the wall binds: "through 2031" when it already binds now, "from 2031"
// when it lasts to the horizon's end, "2027–2030" or "in 2028" otherwise. Capital, an event,
// is dated to the month.
func appendWhen(b []byte, r *engine.Result, s *Story) []byte {
	toEnd := s.End == r.Months[len(r.Months)-1].Date
	switch {
	case s.Now && s.End.Year <= r.Headline.NowMonth.Year:
		return append(b, "now"...)
	case s.Now:
		return appendYear(append(b, "through "...), s.End.Year)
	case s.Kind == engine.Capital:
		b = appendMonth(append(b, "from "...), s.Start)
		if !toEnd {
			b = appendYear(append(b, " to "...), s.End.Year)
		}
		return b
	case toEnd:
		return appendYear(append(b, "from "...), s.Start.Year)
	case s.Start.Year == s.End.Year:
		return appendYear(append(b, "in "...), s.Start.Year)
	}
	b = appendYear(b, s.Start.Year)
	b = append(b, "–"...)
	return appendYear(b, s.End.Year)
}

// appendRevenueEnd says where revenue ends up after a capital wall: "; the fleet retires and
// revenue falls to $60B by 2035" (long) or "; revenue falls to $60B by 2035".
func appendRevenueEnd(b []byte, r *engine.Result, long bool) []byte {
	ys := r.Years
	last := len(ys) - 1
	if last > 0 && ys[last].Months < 12 {
		last--
	}
	peak := 0.0
	for i := range ys[:last+1] {
		peak = max(peak, ys[i].Revenue)
	}
	end := ys[last].Revenue
	switch {
	case end >= 0.9*peak:
		b = append(b, "; revenue "...)
	case long:
		b = append(b, "; the fleet retires and revenue falls to "...)
	default:
		b = append(b, "; revenue falls to "...)
	}
	if end < 0.05 {
		b = append(b, "zero"...)
	} else {
		b = appendMoney(b, end)
	}
	b = append(b, " by "...)
	return appendYear(b, ys[last].Year)
}

// The figures the change clause compares, in the order that breaks ties.
const (
	figWall = iota
	figBreakEven
	figRevenue2030
	figPeakFunding
	figStranded
	figShortfall
	numFigures
)

// move is one figure that moved, scored by its change relative to its size.
type move struct {
	fig   int
	score float64
}

// Floors under the size a change is measured against, so that 0 → 0.01 GW is not a 100% move.
// GW are also measured against a fifth of the fleet at its largest: 0.7 GW newly stranded
// matters less in a 30 GW fleet than $120B more revenue.
const (
	moneyFloor = 10    // $B
	gwFloor    = 1     // GW
	fleetShare = 0.2   // of the largest installed fleet, a floor for GW
	minScore   = 0.005 // a move smaller than 0.5% of the figure is noise
	minSecond  = 0.02  // a second or third figure is named only if it moved at least 2%
)

// appendChange writes "After <label> <delta>: <what moved most>." for r against prev.
func appendChange(b []byte, r, prev *engine.Result, s, p *Story, ch Change) []byte {
	base := len(b)
	b = append(b, "After "...)
	b = append(b, ch.Label...)
	if ch.Delta != "" {
		b = append(b, ' ')
		b = append(b, ch.Delta...)
	}
	b = append(b, ": "...)

	h, ph := &r.Headline, &prev.Headline
	nowYear := h.NowMonth.Year
	var moves [numFigures]move
	n := 0
	add := func(fig int, score float64) {
		if score >= minScore {
			moves[n] = move{fig, score}
			n++
		}
	}
	if s.Kind != p.Kind {
		add(figWall, 2)
	} else if a, c := wallYear(s, nowYear), wallYear(p, nowYear); a != c {
		add(figWall, yearScore(a, c, nowYear))
	}
	if a, c := h.BreakEvenYear, ph.BreakEvenYear; a != c {
		if a == 0 || c == 0 {
			add(figBreakEven, 1)
		} else {
			add(figBreakEven, yearScore(a, c, nowYear))
		}
	}
	if h.HasYear2030 && ph.HasYear2030 && moneyMoved(h.Revenue2030, ph.Revenue2030) {
		add(figRevenue2030, relative(h.Revenue2030, ph.Revenue2030, moneyFloor))
	}
	if moneyMoved(h.PeakFundingNeed, ph.PeakFundingNeed) {
		add(figPeakFunding, relative(h.PeakFundingNeed, ph.PeakFundingNeed, moneyFloor))
	}
	if gwMoved(h.StrandedPeak, ph.StrandedPeak) {
		floor := float64(gwFloor)
		for i := range r.Months {
			floor = max(floor, fleetShare*r.Months[i].Installed)
		}
		add(figStranded, relative(h.StrandedPeak, ph.StrandedPeak, floor))
	}
	if moneyMoved(h.Shortfall, ph.Shortfall) {
		add(figShortfall, relative(h.Shortfall, ph.Shortfall, moneyFloor))
	}
	// Insertion sort, stable: the arrays are tiny and sort.Slice would allocate.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && moves[j].score > moves[j-1].score; j-- {
			moves[j], moves[j-1] = moves[j-1], moves[j]
		}
	}
	if n == 0 {
		return append(b, "no change in the headline figures."...)
	}
	shown := 0
	for i := 0; i < n && shown < 3; i++ {
		if i > 0 && moves[i].score < minSecond {
			break
		}
		mark := len(b)
		if shown > 0 {
			b = append(b, ", "...)
		}
		b = appendMove(b, moves[i].fig, r, prev, s, p)
		if shown > 0 {
			if b = keep(b, base, mark, maxChange); len(b) == mark {
				continue
			}
		}
		shown++
	}
	return append(b, '.')
}

// appendMove words one figure's change.
func appendMove(b []byte, fig int, r, prev *engine.Result, s, p *Story) []byte {
	h, ph := &r.Headline, &prev.Headline
	switch fig {
	case figWall:
		nowYear := h.NowMonth.Year
		if s.Kind != p.Kind { // the main sentence says from when
			b = append(b, s.Kind.String()...)
			b = append(b, " binds (was "...)
			b = append(b, p.Kind.String()...)
			return append(b, ')')
		}
		b = append(b, s.Kind.String()...)
		b = append(b, " binds "...)
		if y := wallYear(s, nowYear); y == nowYear {
			b = append(b, "now"...)
		} else {
			b = appendYear(append(b, "from "...), y)
		}
		b = append(b, " (was "...)
		if y := wallYear(p, nowYear); y == nowYear {
			b = append(b, "now"...)
		} else {
			b = appendYear(b, y)
		}
		return append(b, ')')
	case figBreakEven:
		a, c := h.BreakEvenYear, ph.BreakEvenYear
		switch {
		case a == 0:
			b = appendYear(append(b, "break-even lost (was "...), c)
			return append(b, ')')
		case c == 0:
			b = appendYear(append(b, "break-even "...), a)
			return append(b, " (was none)"...)
		case a > c:
			b = append(b, "break-even slips "...)
		default:
			b = append(b, "break-even improves "...)
		}
		b = appendYear(b, c)
		b = append(b, " → "...)
		return appendYear(b, a)
	case figRevenue2030:
		return appendMoneyDelta(append(b, "revenue 2030 "...), h.Revenue2030-ph.Revenue2030)
	case figPeakFunding:
		return appendMoneyDelta(append(b, "peak funding need "...), h.PeakFundingNeed-ph.PeakFundingNeed)
	case figStranded:
		b = append(b, "stranded peak "...)
		b = appendArrow(b, h.StrandedPeak-ph.StrandedPeak)
		return appendGW(b, math.Abs(h.StrandedPeak-ph.StrandedPeak))
	default: // shortfall
		switch {
		case ph.Shortfall == 0:
			b = appendMoney(append(b, "a "...), h.Shortfall)
			return append(b, " shortfall appears"...)
		case h.Shortfall == 0:
			b = appendMoney(append(b, "no shortfall (was "...), ph.Shortfall)
			return append(b, ')')
		}
		return appendMoneyDelta(append(b, "shortfall "...), h.Shortfall-ph.Shortfall)
	}
}

// wallYear is the year a wall binds from, the year of "now" if it already binds then.
func wallYear(s *Story, nowYear int) int {
	if s.Now {
		return nowYear
	}
	return s.Start.Year
}

// yearScore measures a shift between years a and c against how far the earlier lies from now:
// a year's slip matters more in 2027 than in 2034.
func yearScore(a, c, nowYear int) float64 {
	d := a - c
	if d < 0 {
		d = -d
	}
	return float64(d) / float64(max(1, min(a, c)-nowYear))
}

// relative is the change from c to a relative to the larger of them, at least floor.
func relative(a, c, floor float64) float64 {
	return math.Abs(a-c) / max(math.Abs(a), math.Abs(c), floor)
}

// moneyMoved reports whether two amounts print differently.
func moneyMoved(a, c float64) bool {
	var x, y [24]byte
	return string(appendMoney(x[:0], a)) != string(appendMoney(y[:0], c))
}

// gwMoved reports whether two GW figures print differently.
func gwMoved(a, c float64) bool {
	var x, y [24]byte
	return string(appendGW(x[:0], a)) != string(appendGW(y[:0], c))
}

// appendArrow marks the direction of a change.
func appendArrow(b []byte, d float64) []byte {
	if d < 0 {
		return append(b, "▼"...)
	}
	return append(b, "▲"...)
}

// appendMoneyDelta writes a change in $B as "▲$18B".
func appendMoneyDelta(b []byte, d float64) []byte {
	return appendMoney(appendArrow(b, d), math.Abs(d))
}

// appendMoney writes $B compactly: $1.2T from $1,000B, $40B, $4.5B.
func appendMoney(b []byte, v float64) []byte {
	v = max(0, v)
	b = append(b, '$')
	switch {
	case v >= 999.5:
		if v >= 9995 {
			b = strconv.AppendFloat(b, v/1000, 'f', 0, 64)
		} else {
			b = appendTrimmed(b, v/1000, 1)
		}
		return append(b, 'T')
	case v >= 9.95:
		b = strconv.AppendFloat(b, v, 'f', 0, 64)
	default:
		b = appendTrimmed(b, v, 1)
	}
	return append(b, 'B')
}

// appendGW writes GW compactly: 12 GW, 5.5 GW, 0.04 GW.
func appendGW(b []byte, v float64) []byte {
	v = max(0, v)
	switch {
	case v >= 9.95:
		b = strconv.AppendFloat(b, v, 'f', 0, 64)
	case v >= 0.095:
		b = appendTrimmed(b, v, 1)
	default:
		b = appendTrimmed(b, v, 2)
	}
	return append(b, " GW"...)
}

// appendPercent writes a share 0–1 as a whole percentage.
func appendPercent(b []byte, v float64) []byte {
	return append(strconv.AppendFloat(b, 100*max(0, v), 'f', 0, 64), '%')
}

// appendTrimmed writes v with up to prec decimals, without trailing zeros: 5, 5.5, 0.04.
func appendTrimmed(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	for len(b) > start && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > start && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// appendYear writes a calendar year.
func appendYear(b []byte, y int) []byte { return strconv.AppendInt(b, int64(y), 10) }

// appendMonth writes YYYY-MM.
func appendMonth(b []byte, ym engine.YearMonth) []byte {
	b = appendYear(b, ym.Year)
	b = append(b, '-')
	if ym.Month < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(ym.Month), 10)
}
