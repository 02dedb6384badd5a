// Package insight owns the dashboard's insight line: one plain sentence, in English or Simplified
// Chinese, computed from an engine.Result, that tells the run's shortfall, its costliest wall and,
// after the user moves a lever, what changed.
//
// It reads results only and writes text only. It must not import any UI package (tui, lipgloss,
// bubbletea, …): colour, truncation and glyph fallbacks are the UI's business. Its only non-ASCII
// characters are ▲ ▼ → – in English (the UI may swap them), and in Chinese ▲ ▼, the Han
// characters and the full-width punctuation （）：；，。.
//
// # One story
//
// The line takes its stages and walls from the engine (Result.Shortfall, engine.Walls), the
// same place the header, timeline and year table take theirs, so they cannot disagree: a run in
// arrears tells its arrears first, with their months and peak, the restructuring and the
// wind-down; then the wall of largest impact that is not the shortfall's own months, dated in
// years only where the year table (Year.Bottleneck) agrees, else in months as the timeline has
// them (docs/model.md, "Walls and stages").
//
// # The sentence
//
// Main part, aiming under 110 characters: the shortfall whole, then what fits, each clause kept
// whole or dropped whole: the wall ("<Link> binds <when>: <size>"), its impact in $B, where
// revenue ends up after a restructuring, break-even, and one figure that fits (revenue 2030, or
// advice).
//
// Change clause, aiming under 80 characters: "After <lever> <delta>: " and the one to three figures
// that moved most relative to their size, or "no change in the headline figures" only when no
// figure the header shows changed at the precision it shows it (ShownChanged). When none moved and
// the UI says the lever's own link does not bind (Change.Unbound), the clause says that instead:
// "More GPU supply changes nothing here: energy binds".
//
// # Languages
//
// The analysis is one: the story, which figures moved and in what order, which clauses fit. A
// language is only a wording: a table of templates whose numbered slots (%1, %2, …) take the
// figures in whatever order its grammar wants, formatted in its units, and the measure the limits
// are counted in. English counts characters (runes); Chinese counts terminal cells as
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
	maxMain   = 110 // the main sentence stays under this many runes (cells in Chinese): the UI truncates narrow screens
	maxChange = 80  // the change clause stays under this many runes (cells in Chinese)
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

// Change describes the user's last move for the change clause; zero value = no move. After a
// gesture (a burst of keys, a held key, a drag, a typed value) the UI passes as prev the result
// from where the gesture started, and Delta is the whole gesture ("+$2.0T").
type Change struct {
	Label string // the lever's name as the UI shows it, in the sentence's language: "GPU supply", "GPU 供应"
	Delta string // the move with its unit, e.g. "+1 GW/yr", "+1 GW/年"; "" for an action (undo, reset)
	// Unbound is set when the moved lever acts on one link of the loop (analysis.Link) and that
	// link does not bind at the new value (outside analysis.BindingSpan); Instead is what binds
	// there (Span.Instead). When no figure moved, the change clause then says so: "More GPU
	// supply changes nothing here: energy binds."
	Unbound bool
	Instead engine.Bottleneck
}

// Story is what the insight line tells, kept apart from the wording so the UI and tests can read
// it. The UI colours the line by Kind.
type Story struct {
	// Kind is the link the line is about: Capital when the run falls into arrears (the shortfall
	// is told first), else the main wall's kind, Demand when no wall is material.
	Kind engine.Bottleneck
	// Shortfall holds the stages (arrears, restructuring, winding down), told first when
	// Shortfall.Has().
	Shortfall engine.Shortfall
	// Wall is the main wall: of engine.Walls (the material ones, largest impact first), the
	// first that is not the shortfall's own months (a capital wall past Solvent). HasWall is
	// false when there is none.
	Wall    engine.Wall
	HasWall bool
}

// Analyse finds what r's insight line tells: the shortfall's stages, then the wall of largest
// impact. It allocates nothing for a horizon up to engine.MaxHorizonYears.
func Analyse(r *engine.Result) Story {
	if r == nil || len(r.Months) == 0 {
		return Story{}
	}
	s := Story{Kind: engine.Demand, Shortfall: r.Shortfall()}
	var buf [engine.MaxHorizonYears * 12]engine.Wall
	for _, w := range engine.Walls(r, buf[:0]) {
		if w.Kind != engine.Capital || w.Stage == engine.Solvent {
			s.Wall, s.HasWall, s.Kind = w, true, w.Kind
			break
		}
	}
	if s.Shortfall.Has() {
		s.Kind = engine.Capital
	}
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

// appendMain writes the main sentence: the shortfall's stages when the run has them, then the
// main wall, its size and impact, then what fits of break-even and one more figure.
func appendMain(b []byte, w *wording, r *engine.Result, s *Story) []byte {
	h := &r.Headline
	base := len(b)
	restructured := !s.Shortfall.RestructuredAt.IsZero()
	switch {
	case s.Shortfall.Has():
		// The stages, whole; then, as room allows, the wall and its impact, and after a
		// restructuring where revenue ends up.
		b = appendShortfall(b, w, r, &s.Shortfall)
		if s.HasWall {
			mark := len(b)
			b = w.keep(appendWhen(w.put(b, w.then), w, r, &s.Wall, w.names), base, mark, maxMain)
			if len(b) > mark {
				b = appendImpact(b, w, w.colon, &s.Wall, base)
			}
		}
		if restructured {
			mark := len(b)
			b = w.keep(appendRevenueEnd(b, w, r), base, mark, maxMain)
		}
	case s.HasWall:
		b = appendWhen(b, w, r, &s.Wall, w.titles)
		b = appendSize(w.put(b, w.colon), w, r, &s.Wall)
		b = appendImpact(b, w, w.then, &s.Wall, base)
	default:
		b = w.put(b, w.noWall)
	}

	// Optional clauses, most important first, each kept whole only if the sentence still fits.
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
	case !restructured && h.HasYear2030:
		b = w.keep(w.put(b, w.revenue2030, money(h.Revenue2030)), base, mark, maxMain)
	}
	return append(b, w.stop...)
}

// appendShortfall tells the stages of a shortfall, each dated to the month as Month.Stage has it:
// the arrears (over their months, or from their first month when they last to the horizon's end)
// and their peak, then the creditors' restructuring and the wind-down when they happen.
func appendShortfall(b []byte, w *wording, r *engine.Result, sf *engine.Shortfall) []byte {
	last := r.Months[len(r.Months)-1].Date
	t := w.arrearsSpan
	switch {
	case sf.ArrearsTo == last:
		t = w.arrearsFrom
	case sf.ArrearsTo == sf.ArrearsFrom:
		t = w.arrearsIn
	}
	b = w.put(b, t, month(sf.ArrearsFrom), month(sf.ArrearsTo), money(sf.PeakArrears))
	if !sf.RestructuredAt.IsZero() {
		b = w.put(b, w.restructure, month(sf.RestructuredAt))
	}
	if !sf.WindingDownFrom.IsZero() {
		b = w.put(b, w.windingDown, month(sf.WindingDownFrom))
	}
	return b
}

// appendSize writes the wall's size at its worst, and when.
func appendSize(b []byte, w *wording, r *engine.Result, wall *engine.Wall) []byte {
	switch wall.Kind {
	case engine.Energy:
		return appendSized(b, w, w.energy, gw(wall.Peak), r, wall)
	case engine.Supply:
		return appendSized(b, w, w.supply, gw(wall.Peak), r, wall)
	case engine.Capital: // bills paid: the money to sign more binds
		return appendSized(b, w, w.unaffordable, gw(wall.Peak), r, wall)
	case engine.Demand:
		if wall.Peak < 0.005 {
			return w.put(b, w.justMeets)
		}
		return w.put(b, w.idle, percent(wall.Peak), year(wall.PeakAt.Year))
	default: // compute
		return appendSized(b, w, w.unserved, money(wall.Peak), r, wall)
	}
}

// appendImpact adds, after sep, what the wall cost when the sentence that starts at base has
// room: demand the fleet could not serve, or, for demand, capacity that went unsold.
func appendImpact(b []byte, w *wording, sep string, wall *engine.Wall, base int) []byte {
	mark := len(b)
	t := w.unservedImpact
	if wall.Kind == engine.Demand {
		t = w.idleImpact
	}
	return w.keep(w.put(append(b, sep...), t, money(wall.Impact)), base, mark, maxMain)
}

// yearsAgree reports whether the year table (Year.Bottleneck) labels every calendar year the
// wall touches with the wall's kind: only then may the wall be dated in years.
func yearsAgree(r *engine.Result, wall *engine.Wall) bool {
	for y := wall.From.Year; y <= wall.To.Year; y++ {
		if i := r.YearIndex(y); i < 0 || r.Years[i].Bottleneck != wall.Kind {
			return false
		}
	}
	return true
}

// appendWhen names the link (from names: titles at the head of the sentence) and says when it binds, in years when the year table agrees
// (yearsAgree), else in months as the timeline has them: "throughout" when it binds every month,
// "through 2031" from the first month, "from 2031" to the last, "in 2028" within one year (or
// month), "2027–2030" otherwise.
func appendWhen(b []byte, w *wording, r *engine.Result, wall *engine.Wall, names [engine.NumBottlenecks]string) []byte {
	first, toEnd := wall.From == r.Months[0].Date, wall.To == r.Months[len(r.Months)-1].Date
	from, to := month(wall.From), month(wall.To)
	single := wall.From == wall.To
	if yearsAgree(r, wall) {
		from, to = year(wall.From.Year), year(wall.To.Year)
		single = wall.From.Year == wall.To.Year
	}
	t := w.span
	switch {
	case first && toEnd:
		t = w.throughout
	case first:
		t = w.through
	case toEnd:
		t = w.from
	case single:
		t = w.in
	}
	return w.put(b, t, text(names[wall.Kind]), from, to)
}

// appendSized writes a wall's size with template t, its figure v, and the date of its peak where
// t has its hole %_: " at the peak (2029)", " by 2035" when the peak is the horizon's last month
// (still growing), or, when the wall peaks the month it starts, the wording's peakStart.
func appendSized(b []byte, w *wording, t string, v arg, r *engine.Result, wall *engine.Wall) []byte {
	head, tail, _ := strings.Cut(t, "%_")
	b = w.put(b, head, v)
	switch {
	case wall.PeakAt == r.Months[len(r.Months)-1].Date:
		b = w.put(b, w.peakEnd, year(wall.PeakAt.Year))
	case wall.PeakAt == wall.From:
		b = w.put(b, w.peakStart)
	default:
		b = w.put(b, w.peakAt, year(wall.PeakAt.Year))
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
// falls to $60.0B by 2035".
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

// The figures the change clause compares, in the order that breaks ties: the main wall, then
// every figure the header shows (ShownChanged), then the stranded peak.
const (
	figWall = iota
	figBreakEven
	figRevenue2030
	figPeakFunding
	figCashRaised
	figArrears
	figStages
	figStranded
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
	minScore   = 0.005 // a move smaller than 0.5% of the figure is noise, unless the header shows it
	minSecond  = 0.02  // a second or third figure is named only if it moved at least 2%
)

// ShownChanged reports whether any figure the header shows differs between r and prev at the
// precision the header shows it (Money for $B): revenue 2030, break-even year, peak cash need,
// cash raised by 2030, peak arrears and the months of the shortfall's stages. The change clause
// says "no change" only when it is false.
func ShownChanged(r, prev *engine.Result) bool {
	h, p := &r.Headline, &prev.Headline
	return h.HasYear2030 != p.HasYear2030 || h.BreakEvenYear != p.BreakEvenYear ||
		moneyMoved(h.Revenue2030, p.Revenue2030) || moneyMoved(h.PeakFundingNeed, p.PeakFundingNeed) ||
		moneyMoved(h.CashRaised2030, p.CashRaised2030) || moneyMoved(h.PeakArrears, p.PeakArrears) ||
		stagesMoved(h, p)
}

// stagesMoved reports whether a stage of the shortfall begins in another month, or happens in one
// run only.
func stagesMoved(h, p *engine.Headline) bool {
	return h.ArrearsFrom != p.ArrearsFrom || h.RestructuredAt != p.RestructuredAt || h.WindingDownFrom != p.WindingDownFrom
}

// moves lists the figures that moved from prev to r, the largest relative move first. A figure
// the header shows is listed whenever its shown value changed, however small the move, so that
// the clause never says "no change" beside a changed figure.
func moves(r, prev *engine.Result, s, p *Story) (ms [numFigures]move, n int) {
	h, ph := &r.Headline, &prev.Headline
	add := func(fig int, score float64, shown bool) {
		if shown {
			score = max(score, minScore)
		}
		if score >= minScore {
			ms[n] = move{fig, score}
			n++
		}
	}
	// The main wall: a new kind scores just under a figure that appears or vanishes (arrears), a
	// new start at most half of that, the months it moved against how far it lies from the start.
	if s.HasWall && p.HasWall {
		if s.Wall.Kind != p.Wall.Kind {
			add(figWall, 0.9, false)
		} else if s.Wall.From != p.Wall.From {
			add(figWall, 0.5*monthScore(r, s.Wall.From, p.Wall.From), false)
		}
	}
	if a, c := h.BreakEvenYear, ph.BreakEvenYear; a != c {
		if a == 0 || c == 0 {
			add(figBreakEven, 1, true)
		} else {
			add(figBreakEven, yearScore(a, c, h.NowMonth.Year), true)
		}
	}
	if (h.HasYear2030 || ph.HasYear2030) && (h.HasYear2030 != ph.HasYear2030 || moneyMoved(h.Revenue2030, ph.Revenue2030)) {
		add(figRevenue2030, relative(h.Revenue2030, ph.Revenue2030, moneyFloor), true)
	}
	if moneyMoved(h.PeakFundingNeed, ph.PeakFundingNeed) {
		add(figPeakFunding, relative(h.PeakFundingNeed, ph.PeakFundingNeed, moneyFloor), true)
	}
	if moneyMoved(h.CashRaised2030, ph.CashRaised2030) {
		add(figCashRaised, relative(h.CashRaised2030, ph.CashRaised2030, moneyFloor), true)
	}
	if moneyMoved(h.PeakArrears, ph.PeakArrears) {
		add(figArrears, relative(h.PeakArrears, ph.PeakArrears, moneyFloor), true)
	}
	// The arrears appearing or vanishing is told by figArrears; the stages' months otherwise.
	if stagesMoved(h, ph) && (h.ArrearsFrom.IsZero() == ph.ArrearsFrom.IsZero() || !moneyMoved(h.PeakArrears, ph.PeakArrears)) {
		add(figStages, stageScore(r, h, ph), true)
	}
	if gwMoved(h.StrandedPeak, ph.StrandedPeak) {
		floor := float64(gwFloor)
		for i := range r.Months {
			floor = max(floor, fleetShare*r.Months[i].Installed)
		}
		add(figStranded, relative(h.StrandedPeak, ph.StrandedPeak, floor), false)
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
		if s.Wall.Kind != p.Wall.Kind {
			return w.put(b, w.wallKind, text(w.names[s.Wall.Kind]), text(w.names[p.Wall.Kind]))
		}
		return w.put(b, w.wallMoved, text(w.names[s.Wall.Kind]), month(s.Wall.From), month(p.Wall.From))
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
	case figCashRaised:
		return w.put(b, w.cashRaisedMoved, moneyDelta(h.CashRaised2030-ph.CashRaised2030))
	case figStages:
		return appendStageMove(b, w, h, ph)
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

// appendStageMove words the first stage of the shortfall whose month changed: "restructuring Jun
// 2031 (was Mar 2031)", "winding down from Apr 2034 (was none)".
func appendStageMove(b []byte, w *wording, h, p *engine.Headline) []byte {
	a, c, i := h.ArrearsFrom, p.ArrearsFrom, 0
	switch {
	case h.ArrearsFrom != p.ArrearsFrom:
	case h.RestructuredAt != p.RestructuredAt:
		a, c, i = h.RestructuredAt, p.RestructuredAt, 1
	default:
		a, c, i = h.WindingDownFrom, p.WindingDownFrom, 2
	}
	now, was := month(a), month(c)
	if a.IsZero() {
		now = text(w.none)
	}
	if c.IsZero() {
		was = text(w.none)
	}
	return w.put(b, w.stageMoved, text(w.stages[i]), now, was)
}

// monthScore measures a shift between months a and c against how far the earlier lies from the
// run's first month, at least a year, and at most 1.
func monthScore(r *engine.Result, a, c engine.YearMonth) float64 {
	i, j := r.MonthIndex(a), r.MonthIndex(c)
	return min(1, float64(abs(i-j))/float64(max(12, min(i, j))))
}

// stageScore scores the first stage whose month changed as appendStageMove words it: 1 when it
// appears or vanishes, else by how far it moved (monthScore).
func stageScore(r *engine.Result, h, p *engine.Headline) float64 {
	a, c := h.ArrearsFrom, p.ArrearsFrom
	switch {
	case h.ArrearsFrom != p.ArrearsFrom:
	case h.RestructuredAt != p.RestructuredAt:
		a, c = h.RestructuredAt, p.RestructuredAt
	default:
		a, c = h.WindingDownFrom, p.WindingDownFrom
	}
	if a.IsZero() || c.IsZero() {
		return 1
	}
	return monthScore(r, a, c)
}

// yearScore measures a shift between years a and c against how far the earlier lies from now:
// a year's slip matters more in 2027 than in 2034.
func yearScore(a, c, nowYear int) float64 {
	return float64(abs(a-c)) / float64(max(1, min(a, c)-nowYear))
}

func abs(d int) int {
	if d < 0 {
		return -d
	}
	return d
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

// Money formats $B as the header shows it, the one rounding rule of every screen: $1.2T from
// $999.5B, $332B from $99.5B, $12.8B below, −$8.0B. A negative zero (as max(0, −0) leaves it)
// prints as $0.0B, not $-0.0B.
func Money(v float64) string {
	var buf [24]byte
	return string(appendMoney(buf[:0], v))
}

// appendMoney writes v as Money does.
func appendMoney(b []byte, v float64) []byte {
	if v == 0 {
		v = 0 // drops the sign of −0
	}
	if v < 0 {
		b, v = append(b, "−"...), -v
	}
	b = append(b, '$')
	switch {
	case v >= 999.5:
		return append(strconv.AppendFloat(b, v/1000, 'f', 1, 64), 'T')
	case v >= 99.5:
		b = strconv.AppendFloat(b, v, 'f', 0, 64)
	default:
		b = strconv.AppendFloat(b, v, 'f', 1, 64)
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

// monthNames abbreviate the months as an English dashboard does.
var monthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// appendMonth writes a month as Oct 2027.
func appendMonth(b []byte, ym engine.YearMonth) []byte {
	b = append(append(b, monthNames[ym.Month-1]...), ' ')
	return appendYear(b, ym.Year)
}
