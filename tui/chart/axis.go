package chart

import (
	"slices"
)

// tick is a labelled value on the y axis, at a row of the plot.
type tick struct {
	row  int
	v    float64
	text string // set by yAxis
}

// glyphs are the characters that differ between the Unicode and ASCII sets.
type glyphs struct {
	rule, tick, cross, zero, cursor, shade rune
}

var (
	unicodeGlyphs = glyphs{'│', '┤', '┼', '─', '│', '░'}
	asciiGlyphs   = glyphs{'|', '+', '+', '-', '|', ':'}
)

func (f *Frame) glyphs() *glyphs {
	if f.ASCII {
		return &asciiGlyphs
	}
	return &unicodeGlyphs
}

// yAxis draws the left axis of a plot of the given rows (from the top of the
// canvas): labels right-aligned before a rule with a tick mark at each label
// and a cross at zero, and the zero line across the plot on zeroRow (-1 for
// none). It returns the columns taken, or 0 when the axis would take more
// than half the width and is left out so that the plot shows. A tick on a
// row already labelled by an earlier one is left out.
func (c *canvas) yAxis(f *Frame, ticks []tick, rows, zeroRow int) int {
	format := f.Format
	if format == nil {
		format = Compact
	}
	ticks = slices.DeleteFunc(ticks, func(t tick) bool { return t.row < 0 || t.row >= rows })
	for i := 1; i < len(ticks); i++ {
		if slices.ContainsFunc(ticks[:i], func(u tick) bool { return u.row == ticks[i].row }) {
			ticks = slices.Delete(ticks, i, i+1)
			i--
		}
	}
	labelW := 0
	for i := range ticks {
		ticks[i].text = format(ticks[i].v)
		labelW = max(labelW, textWidth(ticks[i].text))
	}
	axisW := labelW + 2 // a space, then the rule
	if c.w-axisW < axisW {
		axisW = 0
	}
	g := f.glyphs()
	ruleSt := c.style(f.AxisStyle)
	if zeroRow >= 0 && zeroRow < rows {
		for x := axisW; x < c.w; x++ {
			c.set(x, zeroRow, g.zero, ruleSt)
		}
	}
	if axisW == 0 {
		return 0
	}
	labelSt := c.style(f.LabelStyle)
	for y := range rows {
		c.set(labelW+1, y, g.rule, ruleSt)
	}
	for _, t := range ticks {
		c.text(labelW-textWidth(t.text), t.row, labelW, t.text, labelSt)
		mark := g.tick
		if t.v == 0 {
			mark = g.cross
		}
		c.set(labelW+1, t.row, mark, ruleSt)
	}
	if zeroRow >= 0 && zeroRow < rows {
		c.set(labelW+1, zeroRow, g.cross, ruleSt)
	}
	return axisW
}

// label is text to place on a label row, starting at column x.
type label struct {
	x    int
	text string
}

// labelRow writes labels on row y between columns x0 and x0+w, in order.
// A label is shifted left to fit the end, and one that would touch the
// label before it is skipped, so crowded axes thin themselves out.
func (c *canvas) labelRow(y, x0, w int, labels []label, st int32) {
	free := 0
	for _, l := range labels {
		x := max(min(l.x, w-textWidth(l.text)), 0)
		if x < free || l.text == "" {
			continue
		}
		free = c.text(x0+x, y, x0+w, l.text, st) - x0 + 1
	}
}
