// Package insight owns the dashboard's insight line: one plain sentence, in English or Simplified
// Chinese, computed from an engine.Result, that tells which link of the loop binds, from when, by
// how much and what that does to break-even, and, after the user moves a lever, what changed.
//
// It reads results only and writes text only. It must not import any UI package (tui, lipgloss,
// bubbletea, …): colour, truncation and glyph fallbacks are the UI's business. Its only non-ASCII
// characters are ▲ ▼ → – in English (the UI may swap them), and in Chinese ▲ ▼, the Han
// characters and the full-width punctuation （）：；，。.
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
// Capital binds in two ways (engine.Capital), and the sentence says which. While the company pays
// its bills, contracts that demand wants are beyond what it can afford to sign: the size is those
// GW at their peak. Once bills go unpaid it is in arrears: the size is the arrears at their worst,
// then, when they happen within the wall, the creditors' restructuring and the wind-down. The
// wall, an event, is dated to the month. After a restructuring, revenue at the horizon's end
// comes before break-even: it tells whether the company recovers.
//
// Change clause, aiming under 80 characters: "After <lever> <delta>: " and the one to three figures
// that moved most relative to their size among the main wall (kind and first year), break-even
// year, revenue 2030, peak funding need, stranded peak and peak arrears, or "no change in the
// headline figures". When none moved and the UI says the lever's own link does not bind
// (Change.Unbound), the clause says that instead: "More GPU supply changes nothing here: energy
// binds".
//
// # Languages
//
// The analysis is one: the wall, its size, which figures moved and in what order, which clauses
// fit. A language is only a wording: a table of templates whose numbered slots (%1, %2, …) take
// the figures in whatever order its grammar wants, formatted in its units, and the measure the
// limits are counted in. English counts characters (runes); Chinese counts terminal cells as
// ansi.StringWidth does, a Han character being two, writes money in 亿美元 and 万亿美元 to the
// precision of the English $B and $T, dates as 2030年 and 2029年8月, and keeps GW as it is.
// Sentence and Parts are English; PartsIn takes the language.
package insight

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/engine"
)

const (
	minWallMonths = 6   // a wall shorter than this is a blip, not the story
	maxMain       = 110 // the main sentence stays under this many runes (cells in Chinese): the UI truncates narrow screens
	maxChange     = 80  // the change clause stays under this many runes (cells in Chinese)
)

// Language selects the language of the sentences.
type Language int

// The languages of the sentences.
const (
	English Language = iota
	Chinese          // Simplified Chinese
)

// ParseLanguage maps "en" / "zh" (case-insensitive) to a Language; ok false otherwise.
func ParseLanguage(code string) (Language, bool) {
	switch {
	case strings.EqualFold(code, "en"):
		return English, true
	case strings.EqualFold(code, "zh"):
		return Chinese, true
	}
	return English, false
}

// words is the wording of lang; English for an unknown value.
func (lang Language) words() *wording {
	if lang == Chinese {
		return &zh
	}
	return &en
}

// Change describes the user's last move for the change clause; zero value = no move.
type Change struct {
	Label string // the lever's name as the UI shows it, in the sentence's language: "GPU supply", "GPU 供应"
	Delta string // the move with its unit, e.g. "+1 GW/yr", "+1 GW/年"; "" for an action (undo, reset)
	// Unbound is set when the moved lever acts on one link of the loop (analysis.Link) and that
	// link does not bind at the new value (outside analysis.BindingSpan); Instead is what binds
	// there (Span.Instead). When no headline figure moved, the change clause then says so:
	// "More GPU supply changes nothing here: energy binds."
	Unbound bool
	Instead engine.Bottleneck
}

// Story is the main wall of a run, with its start, peak magnitude and the month of the peak: what
// the insight line is about, kept apart from the wording so the UI and tests can read it.
type Story struct {
	Kind  engine.Bottleneck // the link that binds
	Start engine.YearMonth  // first month of the wall's run; before NowMonth when it already binds then
	End   engine.YearMonth  // last month of the run (demand: its last month in the horizon)
	Now   bool              // the wall already binds at Headline.NowMonth: say "now", not "from <start>"
	// Peak is the wall's size at its worst, in the unit of its kind: GW of GPUs waiting for power
	// (energy), GW due but undelivered (supply), share of capacity idle 0–1 (demand), $B/yr of
	// demand above what the fleet can serve (compute); for capital, $B of arrears when Stage is
	// past Solvent, else GW of contracts demand wants that the company cannot afford to sign
	// (Month.Unaffordable).
	Peak   float64
	PeakAt engine.YearMonth // month of the peak
	// Stage is, for a capital wall, the furthest its months went: Solvent when the bills are paid
	// but the money to sign more binds, else InArrears, Restructuring or WindingDown. Solvent for
	// the other kinds.
	Stage engine.Stage
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
	if k == engine.Capital {
		for i := a; i <= b; i++ {
			s.Stage = max(s.Stage, ms[i].Stage)
		}
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
		case engine.Capital:
			v = m.Unaffordable
			if s.Stage != engine.Solvent {
				v = m.Arrears
			}
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
	b, _ := build(buf[:0], &en, r, prev, ch, " ")
	return string(b)
}

// Parts returns the main sentence and the change clause ("" without a move) apart, for screens
// that show them on two lines or the change first.
func Parts(r, prev *engine.Result, ch Change) (main, clause string) {
	return PartsIn(English, r, prev, ch)
}

// PartsIn is Parts in the given language: the main sentence and the change clause. The change's
// label and delta are written as given, so they should be in that language too. The Chinese
// sentences end in 。 and need no space between them. A Language out of range reads as English.
func PartsIn(lang Language, r, prev *engine.Result, ch Change) (main, clause string) {
	var buf [768]byte
	b, n := build(buf[:0], lang.words(), r, prev, ch, "")
	str := string(b)
	return str[:n], str[n:]
}

// build writes the main sentence in wording w, then sep and the change clause when there is a
// move; n is where the main sentence ends.
func build(b []byte, w *wording, r, prev *engine.Result, ch Change, sep string) (_ []byte, n int) {
	if r == nil || len(r.Months) == 0 {
		return b, 0
	}
	s := Analyse(r)
	b = appendMain(b, w, r, &s)
	n = len(b)
	if prev != nil && len(prev.Months) > 0 && ch != (Change{}) {
		p := Analyse(prev)
		b = append(b, sep...)
		b = appendChange(b, w, r, prev, &s, &p, ch)
	}
	return b, n
}

// appendMain writes the main sentence: the wall, its size, then what fits of break-even and one
// more figure.
func appendMain(b []byte, w *wording, r *engine.Result, s *Story) []byte {
	h := &r.Headline
	base := len(b)
	b = appendWhen(b, w, r, s)
	switch s.Kind {
	case engine.Energy:
		b = appendSized(b, w, w.energy, gw(s.Peak), r, s)
	case engine.Supply:
		b = appendSized(b, w, w.supply, gw(s.Peak), r, s)
	case engine.Capital:
		b = appendCapital(b, w, r, s, base)
	case engine.Demand:
		if s.Peak < 0.005 {
			b = w.put(b, w.justMeets)
		} else {
			b = w.put(b, w.idle, percent(s.Peak), year(s.PeakAt.Year))
		}
	default: // compute
		b = appendSized(b, w, w.unserved, money(s.Peak), r, s)
	}

	// Optional clauses, most important first, each kept whole only if the sentence still fits.
	restructured := s.Kind == engine.Capital && s.Stage >= engine.Restructuring
	if restructured {
		mark := len(b)
		b = w.keep(appendRevenueEnd(b, w, r), base, mark, maxMain)
	}
	mark := len(b)
	if h.BreakEvenYear > 0 {
		b = w.put(b, w.breakEven, year(h.BreakEvenYear))
	} else {
		b = w.put(b, w.noBreakEven, year(r.Months[len(r.Months)-1].Date.Year))
	}
	b = w.keep(b, base, mark, maxMain)
	mark = len(b)
	switch {
	case s.Kind == engine.Compute:
		b = w.keep(w.put(b, w.advice), base, mark, maxMain)
	case !restructured:
		if h.HasYear2030 {
			b = w.keep(w.put(b, w.revenue2030, money(h.Revenue2030)), base, mark, maxMain)
		}
	}
	return append(b, w.stop...)
}

// appendWhen names the link and says when it binds: "through 2031" when it already binds now,
// "from 2031" when it lasts to the horizon's end, "2027–2030" or "in 2028" otherwise. Capital, an
// event, is dated to the month.
func appendWhen(b []byte, w *wording, r *engine.Result, s *Story) []byte {
	toEnd := s.End == r.Months[len(r.Months)-1].Date
	from := year(s.Start.Year)
	var t string
	switch {
	case s.Now && s.End.Year <= r.Headline.NowMonth.Year:
		t = w.now
	case s.Now:
		t = w.through
	case s.Kind == engine.Capital:
		from = month(s.Start)
		t = w.fromMonthTo
		if toEnd {
			t = w.fromMonth
		}
	case toEnd:
		t = w.from
	case s.Start.Year == s.End.Year:
		t = w.in
	default:
		t = w.span
	}
	return w.put(b, t, text(w.titles[s.Kind]), from, year(s.End.Year))
}

// appendSized writes a wall's size with template t, its figure v, and the date of its peak where
// t has its hole %_: " at the peak (2029)", " by 2035" when the peak is the horizon's last month
// (still growing), or, when the wall peaks the month it starts, the wording's peakStart.
func appendSized(b []byte, w *wording, t string, v arg, r *engine.Result, s *Story) []byte {
	head, tail, _ := strings.Cut(t, "%_")
	b = w.put(b, head, v)
	switch {
	case s.PeakAt == r.Months[len(r.Months)-1].Date:
		b = w.put(b, w.peakEnd, year(s.PeakAt.Year))
	case s.PeakAt == s.Start:
		b = w.put(b, w.peakStart)
	default:
		b = w.put(b, w.peakAt, year(s.PeakAt.Year))
	}
	return w.put(b, tail, v)
}

// keep returns b if the sentence that starts at base, with its final full stop, stays under
// limit (runes or cells, as w measures), and otherwise b cut back to mark, dropping the clause
// appended after it whole.
func (w *wording) keep(b []byte, base, mark, limit int) []byte {
	if w.width(b[base:])+w.stopWidth < limit {
		return b
	}
	return b[:mark]
}

// width measures text against the limits: runes in English, terminal cells in Chinese. The cells
// are counted on a copy: ansi.StringWidth lets its argument escape, and a view of b would move
// every caller's buffer to the heap, English ones included.
func (w *wording) width(b []byte) int {
	if w.cells {
		return ansi.StringWidth(string(b))
	}
	return runes(b)
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

// appendCapital says which capital wall s is and sizes it: the contracts demand wants that the
// company cannot afford, or its arrears at their worst, dated to the month they began when the
// head of the sentence does not already say it, then the restructuring and the wind-down that
// happened within the wall. The restructuring is dropped first when the sentence would not fit.
func appendCapital(b []byte, w *wording, r *engine.Result, s *Story, base int) []byte {
	if s.Stage == engine.Solvent {
		return appendSized(b, w, w.unaffordable, gw(s.Peak), r, s)
	}
	var since, restructured, windingDown engine.YearMonth
	for i := r.MonthIndex(s.Start); i <= r.MonthIndex(s.End); i++ {
		m := &r.Months[i]
		if since.IsZero() && m.Stage != engine.Solvent {
			since = m.Date
		}
		if restructured.IsZero() && m.Restructured > 0 {
			restructured = m.Date
		}
		if windingDown.IsZero() && m.Stage == engine.WindingDown {
			windingDown = m.Date
		}
	}
	peak, peakYear := money(s.Peak), year(s.PeakAt.Year)
	switch s.Stage {
	case engine.InArrears:
		t := w.arrears
		if s.Now || since != s.Start {
			t = w.arrearsFrom
		}
		return w.put(b, t, peak, peakYear, month(since))
	case engine.Restructuring:
		return w.put(b, w.restructure, peak, year(restructured.Year))
	}
	mark := len(b)
	b = w.keep(w.put(b, w.windingDown, peak, year(restructured.Year), year(windingDown.Year)), base, mark, maxMain)
	if len(b) == mark {
		b = w.put(b, w.windingDownShort, peak, year(restructured.Year), year(windingDown.Year))
	}
	return b
}

// titles name the links at the start of an English sentence.
var titles = [engine.NumBottlenecks]string{
	engine.Demand:  "Demand",
	engine.Energy:  "Energy",
	engine.Supply:  "Supply",
	engine.Capital: "Capital",
	engine.Compute: "Compute",
}

// appendRevenueEnd says where revenue ends up after a restructuring, whether the company
// recovers: "; revenue $670B by 2035" when it ends within a tenth of its peak, else "; revenue
// falls to $60B by 2035".
func appendRevenueEnd(b []byte, w *wording, r *engine.Result) []byte {
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
	t := w.revenueFalls
	if end >= 0.9*peak {
		t = w.revenueHolds
	}
	amount := money(end)
	if end < 0.05 {
		amount = text(w.zero)
	}
	return w.put(b, t, amount, year(ys[last].Year))
}

// The figures the change clause compares, in the order that breaks ties.
const (
	figWall = iota
	figBreakEven
	figRevenue2030
	figPeakFunding
	figStranded
	figArrears
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

// moves lists the figures that moved from prev to r, the largest relative move first.
func moves(r, prev *engine.Result, s, p *Story) (ms [numFigures]move, n int) {
	h, ph := &r.Headline, &prev.Headline
	nowYear := h.NowMonth.Year
	add := func(fig int, score float64) {
		if score >= minScore {
			ms[n] = move{fig, score}
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
	if moneyMoved(h.PeakArrears, ph.PeakArrears) {
		add(figArrears, relative(h.PeakArrears, ph.PeakArrears, moneyFloor))
	}
	// Insertion sort, stable: the arrays are tiny and sort.Slice would allocate.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && ms[j].score > ms[j-1].score; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	return ms, n
}

// appendChange writes "After <label> <delta>: <what moved most>." for r against prev, or, when
// nothing moved because the lever's own link does not bind, "More <label> changes nothing here:
// <link> binds."
func appendChange(b []byte, w *wording, r, prev *engine.Result, s, p *Story, ch Change) []byte {
	ms, n := moves(r, prev, s, p)
	if n == 0 && ch.Unbound {
		switch {
		case strings.HasPrefix(ch.Delta, "+"):
			b = w.put(b, w.more, lowered(ch.Label))
		case strings.HasPrefix(ch.Delta, "-"), strings.HasPrefix(ch.Delta, "−"):
			b = w.put(b, w.less, lowered(ch.Label))
		default:
			b = append(b, ch.Label...)
		}
		return append(w.put(b, w.unbound, text(w.names[ch.Instead])), w.stop...)
	}
	base := len(b)
	if ch.Delta != "" {
		b = w.put(b, w.after, text(ch.Label), text(ch.Delta))
	} else {
		b = w.put(b, w.afterAction, text(ch.Label))
	}
	if n == 0 {
		return append(w.put(b, w.noChange), w.stop...)
	}
	shown := 0
	for i := 0; i < n && shown < 3; i++ {
		if i > 0 && ms[i].score < minSecond {
			break
		}
		mark := len(b)
		if shown > 0 {
			b = append(b, w.and...)
		}
		b = appendMove(b, w, ms[i].fig, r, prev, s, p)
		if shown > 0 {
			if b = w.keep(b, base, mark, maxChange); len(b) == mark {
				continue
			}
		}
		shown++
	}
	return append(b, w.stop...)
}

// appendMove words one figure's change.
func appendMove(b []byte, w *wording, fig int, r, prev *engine.Result, s, p *Story) []byte {
	h, ph := &r.Headline, &prev.Headline
	switch fig {
	case figWall:
		if s.Kind != p.Kind { // the main sentence says from when
			return w.put(b, w.wallKind, text(w.names[s.Kind]), text(w.names[p.Kind]))
		}
		nowYear := h.NowMonth.Year
		a, c := wallYear(s, nowYear), wallYear(p, nowYear)
		t := w.wallLater
		switch {
		case a == nowYear:
			t = w.wallNow
		case c == nowYear:
			t = w.wallWasNow
		case a < c:
			t = w.wallEarlier
		}
		return w.put(b, t, text(w.names[s.Kind]), year(a), year(c))
	case figBreakEven:
		a, c := h.BreakEvenYear, ph.BreakEvenYear
		t := w.breakEvenImproves
		switch {
		case a == 0:
			t = w.breakEvenLost
		case c == 0:
			t = w.breakEvenFound
		case a > c:
			t = w.breakEvenSlips
		}
		return w.put(b, t, year(c), year(a))
	case figRevenue2030:
		return w.put(b, w.revenue2030Moved, moneyDelta(h.Revenue2030-ph.Revenue2030))
	case figPeakFunding:
		return w.put(b, w.peakFundingMoved, moneyDelta(h.PeakFundingNeed-ph.PeakFundingNeed))
	case figStranded:
		return w.put(b, w.strandedMoved, gwDelta(h.StrandedPeak-ph.StrandedPeak))
	default: // arrears
		switch {
		case ph.PeakArrears == 0:
			return w.put(b, w.arrearsAppear, money(h.PeakArrears))
		case h.PeakArrears == 0:
			return w.put(b, w.arrearsGone, money(ph.PeakArrears))
		}
		return w.put(b, w.arrearsMoved, moneyDelta(h.PeakArrears-ph.PeakArrears))
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

// appendMoney writes $B compactly: $1.2T from $1,000B, $40B, $4.5B.
func appendMoney(b []byte, v float64) []byte {
	v = max(0, v)
	b = append(b, '$')
	switch {
	case v >= 999.5:
		return append(appendTrillions(b, v), 'T')
	case v >= 9.95:
		b = strconv.AppendFloat(b, v, 'f', 0, 64)
	default:
		b = appendTrimmed(b, v, 1)
	}
	return append(b, 'B')
}

// appendTrillions writes $B as trillions to the precision every language shows them: 12 from
// $12,000B, 1.2 from $1,200B.
func appendTrillions(b []byte, v float64) []byte {
	if v >= 9995 {
		return strconv.AppendFloat(b, v/1000, 'f', 0, 64)
	}
	return appendTrimmed(b, v/1000, 1)
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
