package tui

import (
	"math"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
)

// sliderCols is the geometry of one lever row: selection mark, name, value, track, range and
// info, in cells. The track is what a click or drag maps back to a value. Info holds the lever's
// note (leverNote) and, in the full layout, its meaning after it.
type sliderCols struct {
	mark, name, value, track, rng, info int
	meaning                             bool // info ends with the lever's meaning
}

// noteWidth is the info column when it holds only the note: a short note and a space.
const noteWidth = 16

// newSliderCols shares a row's width out: the track gets what the text leaves, within limits.
func newSliderCols(w int, full bool) sliderCols {
	c := sliderCols{mark: 2, name: 16, value: 11}
	if full {
		c.rng = 15
	}
	switch {
	case w < 70: // a column of the two-column advanced panel: names matter more than track length
		c.name, c.value = 22, 10
	case full:
		c.info, c.meaning = max(0, min(44, w-c.mark-c.name-c.value-30-c.rng)), true
	default:
		c.info = noteWidth
	}
	c.track = max(5, w-c.mark-c.name-c.value-c.rng-c.info-1)
	if c.meaning { // give the meaning any track width beyond what a slider needs
		if extra := c.track - 50; extra > 0 {
			c.track -= extra
			c.info += extra
		}
	}
	return c
}

// trackX is the offset of the track's first position inside the row (after the left end mark).
func (c sliderCols) trackX() int { return c.mark + c.name + c.value + 1 }

// positions is the number of knob positions inside the track's end marks.
func (c sliderCols) positions() int { return max(1, c.track-2) }

// knobAt maps a lever value to a position on the track.
func (c sliderCols) knobAt(p engine.Param, v float64) int {
	n := c.positions()
	if p.Max <= p.Min {
		return 0
	}
	return clampInt(int(math.Round((v-p.Min)/(p.Max-p.Min)*float64(n-1))), 0, n-1)
}

// valueAt maps a position on the track back to a value, snapped to the lever's step.
func (c sliderCols) valueAt(p engine.Param, pos int) float64 {
	n := c.positions()
	pos = clampInt(pos, 0, n-1)
	v := p.Min
	if n > 1 {
		v = p.Min + (p.Max-p.Min)*float64(pos)/float64(n-1)
	}
	return snap(p, v)
}

// snap rounds v to the lever's step grid (counted from its minimum) and keeps it in range.
func snap(p engine.Param, v float64) float64 {
	if p.Step > 0 {
		v = p.Min + math.Round((v-p.Min)/p.Step)*p.Step
	}
	return round(math.Max(p.Min, math.Min(p.Max, v)), 6)
}

// leverRow renders one lever: ▸ name value ├───◆──┼───┤ range note meaning. The selected lever
// shows with ▸ and bold, a value moved from the scenario as opened (where r takes it) in bold.
func (v *view) leverRow(l engine.Lever, value, opened float64, selected bool, c sliderCols, w int) string {
	p := l.Param()
	mark := "  "
	name := v.st.Text.Render(fit(v.t(p.Name), c.name))
	if selected {
		mark = v.st.Selected.Render(v.st.Glyphs.Select + " ")
		name = v.st.Selected.Render(fit(v.t(p.Name), c.name))
	}
	val := padLeft(leverValue(v.lang, p, value), c.value-1) + " "
	if value != opened {
		val = v.st.Bold.Render(val)
	}
	row := mark + name + val + v.track(l, value, opened, c)
	if c.rng > 0 {
		row += "  " + v.st.Dim.Render(fit(engine.FormatNumber(p.Min)+"–"+engine.FormatNumber(p.Max)+" "+v.t(p.Unit), c.rng-2))
	}
	if c.info > 0 {
		info := v.leverNote(l, c.info-1)
		if c.meaning {
			if info != "" {
				info += "  "
			}
			info += v.st.Dim.Render(v.t(p.Meaning))
		}
		row += " " + info
	}
	return fit(row, w)
}

// track draws ├───◆──┼───┤: the value as ◆ in the knob colour, the value as opened as ┼, and the
// span where the lever's link binds as a heavy line (━, ╋; = and + in ASCII) in the link's colour.
func (v *view) track(l engine.Lever, value, opened float64, c sliderCols) string {
	p := l.Param()
	g := v.st.Glyphs
	n := c.positions()
	knob, def := c.knobAt(p, value), c.knobAt(p, opened)
	lo, hi := n, -1 // no span
	span := v.spans[l]
	if span.known && span.Found {
		lo, hi = c.knobAt(p, span.Lo), c.knobAt(p, span.Hi)
	}
	spanPaint := &v.st.Bottleneck[span.Link]
	var b, run strings.Builder
	paint := &v.st.Track
	put := func(pt *Paint, glyph string) { // runs of one paint are painted at once
		if pt != paint {
			b.WriteString(paint.Render(run.String()))
			run.Reset()
			paint = pt
		}
		run.WriteString(glyph)
	}
	put(&v.st.Track, g.TrackL)
	for i := range n {
		in := i >= lo && i <= hi
		switch {
		case i == knob:
			put(&v.st.Knob, g.Knob)
		case in && i == def:
			put(spanPaint, g.SpanDefault)
		case in:
			put(spanPaint, g.Span)
		case i == def:
			put(&v.st.Track, g.Default)
		default:
			put(&v.st.Track, g.Track)
		}
	}
	put(&v.st.Track, g.TrackR)
	b.WriteString(paint.Render(run.String()))
	return b.String()
}

// leverNote is what a row says after its track, the long form when it fits in w cells: for
// run-rate growth the revenue growth it implies for calendar 2026 (what "130%/yr" means to a
// reader of accounts), for a lever with a link where that link binds, which the track marks.
func (v *view) leverNote(l engine.Lever, w int) string {
	var long, short string
	span := v.spans[l]
	switch {
	case l == engine.RevenueGrowth:
		g, ok := revenueGrowth2026(v.res)
		if !ok {
			return ""
		}
		long, short = v.figureIn("revenue 2026 {0}", signedPct(g)), v.figureIn("rev 2026 {0}", signedPct(g))
	case span.known && span.Found:
		mark := v.st.Bottleneck[span.Link].Render(v.st.Glyphs.Span) + " "
		rng := engine.FormatNumber(span.Lo) + "–" + engine.FormatNumber(span.Hi)
		long = mark + v.st.Dim.Render(v.f("{0} binds {1}", v.t(span.Link.String()), rng))
		short = mark + v.st.Dim.Render(v.f("binds {0}", rng))
	case span.known:
		long = v.st.Dim.Render(v.f("{0} binds nowhere", v.t(span.Link.String())))
		short = v.st.Dim.Render(v.t("binds nowhere"))
	}
	if cellWidth(long) <= w {
		return long
	}
	return short
}

// figureIn renders a template dim with its figure {0} bold.
func (v *view) figureIn(template, figure string) string {
	before, after, _ := strings.Cut(v.t(template), "{0}")
	return v.st.Dim.Render(before) + v.st.Bold.Render(figure) + v.st.Dim.Render(after)
}

// revenueGrowth2026 is revenue in 2026 over revenue in 2025, less one: what the run-rate growth
// through 2026 means for the calendar year. Both years must lie whole in the horizon.
func revenueGrowth2026(r *engine.Result) (float64, bool) {
	a, b := r.YearIndex(2025), r.YearIndex(2026)
	if a < 0 || b < 0 || r.Years[a].Months != 12 || r.Years[b].Months != 12 || r.Years[a].Revenue <= 0 {
		return 0, false
	}
	return r.Years[b].Revenue/r.Years[a].Revenue - 1, true
}
