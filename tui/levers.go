package tui

import (
	"math"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
)

// sliderCols is the geometry of one lever row: selection mark, name, value, track, range and
// meaning, in cells. The track is what a click or drag maps back to a value.
type sliderCols struct {
	mark, name, value, track, rng, meaning int
}

// newSliderCols shares a row's width out: the track gets what the text leaves, within limits.
func newSliderCols(w int, full bool) sliderCols {
	c := sliderCols{mark: 2, name: 16, value: 11}
	if w < 70 { // a column of the two-column advanced panel: names matter more than track length
		c.name, c.value = 22, 10
	}
	if full {
		c.rng = 15
		c.meaning = max(0, min(44, w-c.mark-c.name-c.value-30-c.rng))
	}
	c.track = max(5, w-c.mark-c.name-c.value-c.rng-c.meaning-1)
	if c.meaning > 0 { // give the meaning any track width beyond what a slider needs
		if extra := c.track - 50; extra > 0 {
			c.track -= extra
			c.meaning += extra
		}
	}
	return c
}

// trackX is the offset of the track's first position inside the row (after the left end mark).
func (c sliderCols) trackX() int { return c.mark + c.name + c.value + 1 + 1 }

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

// leverRow renders one lever: ▸ name value ├───◆──┼───┤ range meaning. The default shows as ┼,
// the value as ◆ (in the knob colour), the selected lever with ▸ and bold.
func (v *view) leverRow(l engine.Lever, value float64, selected bool, c sliderCols, w int) string {
	p := l.Param()
	g := v.st.Glyphs
	mark := "  "
	name := v.st.Text.Render(fit(v.t(p.Name), c.name))
	if selected {
		mark = v.st.Selected.Render(g.Select + " ")
		name = v.st.Selected.Render(fit(v.t(p.Name), c.name))
	}
	val := padLeft(leverValue(v.lang, p, value), c.value-1) + " "
	if value != p.Default {
		val = v.st.Bold.Render(val)
	}
	n := c.positions()
	knob, def := c.knobAt(p, value), c.knobAt(p, p.Default)
	var track strings.Builder
	track.WriteString(v.st.Track.Render(g.TrackL))
	if knob > 0 {
		track.WriteString(v.st.Track.Render(trackSegment(g, 0, knob, def)))
	}
	track.WriteString(v.st.Knob.Render(g.Knob))
	if knob < n-1 {
		track.WriteString(v.st.Track.Render(trackSegment(g, knob+1, n, def)))
	}
	track.WriteString(v.st.Track.Render(g.TrackR))
	row := mark + name + val + track.String()
	if c.rng > 0 {
		row += "  " + v.st.Dim.Render(fit(engine.FormatNumber(p.Min)+"–"+engine.FormatNumber(p.Max)+" "+v.t(p.Unit), c.rng-2))
	}
	if c.meaning > 0 {
		row += " " + v.st.Dim.Render(v.t(p.Meaning))
	}
	return fit(row, w)
}

// trackSegment draws positions [from, to) of the track, with the default mark where it falls.
func trackSegment(g Glyphs, from, to, def int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		if i == def {
			b.WriteString(g.Default)
		} else {
			b.WriteString(g.Track)
		}
	}
	return b.String()
}
