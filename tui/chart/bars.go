package chart

import (
	"math"

	"charm.land/lipgloss/v2"
)

// BarOptions configure Bars.
type BarOptions struct {
	Frame
	// Labels, one per value, take a bottom row (when the height is 2 or
	// more), centred under the bars; labels that would touch are skipped.
	Labels             []string
	Positive, Negative lipgloss.Style
}

// Eighth-block glyphs by height in eighths, 0..8. Below zero, bars hang from
// the axis, and Unicode has only ▔ ▀ █ as upper blocks: the nearest is used.
var (
	lowerBlocks = []rune(" ▁▂▃▄▅▆▇█")
	upperBlocks = []rune(" ▔▔▀▀▀▀██")
	asciiBlocks = []rune("        #")
)

// BarSample is the glyph of a full cell of a bar, for legends.
func BarSample(ascii bool) string {
	if ascii {
		return string(asciiBlocks[8])
	}
	return string(lowerBlocks[8])
}

// Bars draws one vertical bar per value into a Width×Height block with a
// left y axis and a zero axis row: positive bars stand on it, negative bars
// hang below it, both in eighths of a cell (whole cells in ASCII). A value
// that is not zero always shows, at least an eighth (a cell in ASCII) on its
// side of zero: with two rows and values of both signs the axis row gives
// way to make room for both. With more values than columns, neighbouring
// values are averaged into one bar. The y range always includes zero, even
// past a fixed bound.
func Bars(values []float64, o BarOptions) string {
	return render(o.Width, o.Height, func(c *canvas) { c.bars(values, &o) })
}

func (c *canvas) bars(values []float64, o *BarOptions) {
	ph := c.h
	if len(o.Labels) > 0 && ph >= 2 {
		ph--
	}
	lo, hi := o.yRange(extent(values, math.Inf(1), math.Inf(-1)))
	lo, hi = min(lo, 0), max(hi, 0) // bars stand on zero even when a bound is fixed

	// Rows above the axis row show positive values, rows below it negative
	// ones, split in proportion to the range; a single row has no axis row.
	axisRows := min(ph-1, 1)
	if ph == 2 && lo < 0 && hi > 0 {
		axisRows = 0
	}
	avail := ph - axisRows
	up := scale(frac(0, hi, lo), avail+1)
	if avail >= 2 && lo < 0 && hi > 0 {
		up = min(max(up, 1), avail-1)
	}
	// Bars are drawn in eighths; ASCII rounds them to whole cells.
	eighths := func(t float64, cells int) int {
		e := max(scale(t, cells*8+1), 1)
		if o.ASCII {
			e = max(int(math.Round(float64(e)/8)), 1) * 8
		}
		return e
	}
	down := avail - up
	axisRow := -1
	if axisRows == 1 {
		axisRow = up
	}
	ticks := append(make([]tick, 0, 3), tick{row: axisRow, v: 0})
	if up > 0 {
		ticks = append(ticks, tick{row: 0, v: hi})
	}
	if down > 0 {
		ticks = append(ticks, tick{row: ph - 1, v: lo})
	}
	x0 := c.yAxis(&o.Frame, ticks, ph, axisRow)
	pw := c.w - x0

	vals := values
	if len(values) > pw {
		c.vals = grow(c.vals, pw)
		resample(c.vals, values)
		vals = c.vals
	}
	if len(vals) == 0 {
		return
	}
	slot := pw / len(vals)
	gap := 0
	if slot > 1 {
		gap = max(1, slot/3)
	}
	width := slot - gap
	lower, upper := lowerBlocks, upperBlocks
	if o.ASCII {
		lower, upper = asciiBlocks, asciiBlocks
	}
	pos, neg := c.style(o.Positive), c.style(o.Negative)
	labels := make([]label, 0, len(vals))
	for i, v := range vals {
		left := x0 + i*slot + (gap+1)/2
		switch {
		case v > 0 && up > 0:
			c.column(left, width, up-1, -1, eighths(v/hi, up), lower, pos)
		case v < 0 && down > 0:
			c.column(left, width, ph-down, 1, eighths(v/lo, down), upper, neg)
		}
		if len(o.Labels) > 0 && ph < c.h {
			a, _ := bucket(i, len(values), len(vals))
			if a < len(o.Labels) {
				text := o.Labels[a]
				labels = append(labels, label{left - x0 + (width-1)/2 - (textWidth(text)-1)/2, text})
			}
		}
	}
	if ph < c.h {
		c.labelRow(ph, x0, pw, labels, c.style(o.LabelStyle))
	}
}

// column draws a bar of e eighths, width cells wide from column x, starting
// at row y and growing by dy rows per cell, the last cell partial.
func (c *canvas) column(x, width, y, dy, e int, blocks []rune, st int32) {
	for ; e > 0; e -= 8 {
		for i := range width {
			c.set(x+i, y, blocks[min(e, 8)], st)
		}
		y += dy
	}
}
