package chart

import (
	"math"
	"sync"

	"charm.land/lipgloss/v2"
)

// Series is one line of a Line chart.
type Series struct {
	// Values holds one value per x step; a NaN or ±Inf leaves a gap.
	Values []float64
	Style  lipgloss.Style
	// Dashed draws short dashes, to tell figures such as demand or backlog
	// apart from what was delivered.
	Dashed bool
	// Dotted thins the line to every other dot (braille) or draws it in 'o'
	// (ASCII), so that a second scenario reads apart from the first without
	// colour; with Dashed it thins the dashes.
	Dotted bool
	// Hidden takes part in the scale and in bands but draws no line: the
	// edge of a shaded area that is not itself a figure.
	Hidden bool
}

// Baseline as Band.B shades between a series and zero.
const Baseline = -1

// Band shades the gap between two series, whichever is above, such as the
// stranded capacity between "installed" and "power online".
type Band struct {
	A, B  int // indexes into the series; B may be Baseline
	Style lipgloss.Style
}

// XLabel is a label of the bottom axis, written from its position on.
type XLabel struct {
	At   float64 // from the first x step (0) to the last (1)
	Text string
}

// LineOptions configure Line.
type LineOptions struct {
	Frame
	Bands []Band
	// XLabels, in order of At, take a bottom row when the height is 2 or more.
	XLabels []XLabel
	// ShowCursor marks the column of x step Cursor (the dashboard's year
	// cursor) in empty cells; the lines stay visible across it.
	ShowCursor  bool
	Cursor      int
	CursorStyle lipgloss.Style
}

// Line draws the series as lines over a shared x axis of steps (the longest
// series sets the count) into a Width×Height block with a left y axis.
// Braille gives each cell 2×4 dots; ASCII gives it 1×4 levels ( _ . - ' )
// and slopes ( / \ | ). Consecutive points are joined. Where series share a
// cell the braille dots are combined and the later series' colour wins; in
// ASCII the later series takes the cell. Bands are shaded first, lines on top.
func Line(series []Series, o LineOptions) string {
	return render(o.Width, o.Height, func(c *canvas) { c.line(series, &o) })
}

// plot is the geometry of a line chart's plot area.
type plot struct {
	x0, pw, ph int // first column, width and height in cells
	xres       int // dots across a cell: 2 in braille, 1 in ASCII
	n          int // x steps
	lo, hi     float64
}

// x is the dot column of x step i.
func (p *plot) x(i int) int {
	if p.n <= 1 {
		return 0
	}
	return scale(float64(i)/float64(p.n-1), p.pw*p.xres)
}

// yf is the dot row of v (0 at the top) before rounding and clamping.
func (p *plot) yf(v float64) float64 {
	return (1 - frac(v, p.lo, p.hi)) * float64(p.ph*4-1)
}

// y is the dot row of v, clamped to the plot.
func (p *plot) y(v float64) int {
	return scale(1-frac(v, p.lo, p.hi), p.ph*4)
}

// step is the fractional x step at the middle of cell column cx.
func (p *plot) step(cx int) float64 {
	w := p.pw * p.xres
	if w <= 1 || p.n <= 1 {
		return 0
	}
	return (float64(cx*p.xres) + float64(p.xres-1)/2) * float64(p.n-1) / float64(w-1)
}

func (c *canvas) line(series []Series, o *LineOptions) {
	p := plot{ph: c.h, xres: 2}
	if o.ASCII {
		p.xres = 1
	}
	if len(o.XLabels) > 0 && c.h >= 2 {
		p.ph--
	}
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		p.n = max(p.n, len(s.Values))
		mn, mx = extent(s.Values, mn, mx)
	}
	p.lo, p.hi = o.yRange(mn, mx)

	ticks := [3]tick{{row: 0, v: p.hi}, {row: p.ph - 1, v: p.lo}}
	nt, zeroRow := 2, -1
	switch {
	case p.lo < 0 && p.hi > 0:
		zeroRow = p.y(0) / 4
		ticks[2], nt = tick{row: zeroRow, v: 0}, 3
	case p.ph >= 5:
		mid := p.lo/2 + p.hi/2
		ticks[2], nt = tick{row: p.y(mid) / 4, v: mid}, 3
	}
	p.x0 = c.yAxis(&o.Frame, ticks[:nt], p.ph, zeroRow)
	p.pw = c.w - p.x0

	g := o.glyphs()
	for _, b := range o.Bands {
		c.band(&p, series, b, g.shade)
	}
	if o.ShowCursor && o.Cursor >= 0 && o.Cursor < p.n {
		st, x := c.style(o.CursorStyle), p.x0+p.x(o.Cursor)/p.xres
		for y := range p.ph {
			c.set(x, y, g.cursor, st)
		}
	}
	c.lines(&p, series, o.ASCII)
	if p.ph < c.h {
		labels := make([]label, 0, len(o.XLabels))
		for _, l := range o.XLabels {
			if l.At >= 0 && l.At <= 1 {
				labels = append(labels, label{scale(l.At, p.pw*p.xres) / p.xres, l.Text})
			}
		}
		c.labelRow(p.ph, p.x0, p.pw, labels, c.style(o.LabelStyle))
	}
}

// at interpolates values at fractional step t: NaN past the end or where
// either neighbour is missing, so that gaps stay unshaded.
func at(values []float64, t float64) float64 {
	i := int(t)
	if i < 0 || i >= len(values) {
		return math.NaN()
	}
	f := t - float64(i)
	if f == 0 || i+1 == len(values) {
		return values[i]
	}
	return values[i]*(1-f) + values[i+1]*f
}

// band shades the cells whose middle lies between the two series of b.
// Bands naming a series that does not exist are ignored.
func (c *canvas) band(p *plot, series []Series, b Band, shade rune) {
	if b.A < 0 || b.A >= len(series) || b.B < Baseline || b.B >= len(series) {
		return
	}
	st := c.style(b.Style)
	for cx := range p.pw {
		t := p.step(cx)
		va, vb := at(series[b.A].Values, t), 0.0
		if b.B != Baseline {
			vb = at(series[b.B].Values, t)
		}
		if !finite(va) || !finite(vb) {
			continue
		}
		ya, yb := p.yf(va), p.yf(vb)
		top, bottom := min(ya, yb), max(ya, yb)
		for y := range p.ph {
			if mid := float64(y*4) + 1.5; mid > top && mid < bottom {
				c.set(p.x0+cx, y, shade, st)
			}
		}
	}
}

// ASCII cells keep their four levels in the low bits and the direction of
// the segments through them in these.
const (
	rising  uint8 = 0x10
	falling uint8 = 0x20
)

// brailleDot is the bit of the dot at [column][row] of a braille cell.
var brailleDot = [2][4]uint8{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

// lines draws every series on the dot grid, then turns the dots into glyphs.
func (c *canvas) lines(p *plot, series []Series, ascii bool) {
	c.clearDots(p)
	styles := make([]int32, len(series))
	for si, s := range series {
		if s.Hidden {
			continue
		}
		styles[si] = c.style(s.Style)
		pn := pen{c: c, p: p, id: int32(si + 1), dashed: s.Dashed, dotted: s.Dotted, ascii: ascii}
		var px, py int
		drawn := false
		for i, v := range s.Values {
			if !finite(v) {
				drawn = false
				continue
			}
			x, y := p.x(i), p.y(v)
			switch {
			case !drawn:
				pn.dot(x, y, 0)
			case x != px || y != py:
				pn.segment(px, py, x, y)
			}
			px, py, drawn = x, y, true
		}
	}
	c.ink(p, series, styles, ascii)
}

// clearDots empties the dot grid of the plot.
func (c *canvas) clearDots(p *plot) {
	n := p.pw * p.ph
	c.dots, c.owner = grow(c.dots, n), grow(c.owner, n)
	clear(c.dots)
	clear(c.owner)
}

// ink turns the dot grid into glyphs in the colour of the series that drew
// last in each cell.
func (c *canvas) ink(p *plot, series []Series, styles []int32, ascii bool) {
	for i, d := range c.dots {
		if d == 0 {
			continue
		}
		r := 0x2800 + rune(d)
		switch {
		case ascii && series[c.owner[i]-1].Dotted:
			r = 'o'
		case ascii:
			r = asciiGlyph(d)
		}
		c.set(p.x0+i%p.pw, i/p.pw, r, styles[c.owner[i]-1])
	}
}

// Sample is what a flat stretch of the series looks like, unstyled: the
// glyphs a legend shows beside its name, drawn by the same pen as the chart
// so that the two cannot disagree. It is two cells, or three when dashed
// (a dash, a gap, a dash); a hidden series has none.
func Sample(s Series, ascii bool) string {
	if s.Hidden {
		return ""
	}
	return samples()[b2i(ascii)][b2i(s.Dashed)][b2i(s.Dotted)]
}

// samples draws every sample once, by ASCII, dashed and dotted: legends ask for them each frame.
var samples = sync.OnceValue(func() (out [2][2][2]string) {
	for _, ascii := range []bool{false, true} {
		for _, dashed := range []bool{false, true} {
			for _, dotted := range []bool{false, true} {
				cells := 2 + b2i(dashed)
				out[b2i(ascii)][b2i(dashed)][b2i(dotted)] = render(cells, 1, func(c *canvas) {
					p := plot{pw: cells, ph: 1, xres: 2 - b2i(ascii)}
					c.clearDots(&p)
					pn := pen{c: c, p: &p, id: 1, dashed: dashed, dotted: dotted, ascii: ascii}
					pn.dot(0, 1, 0)
					pn.segment(0, 1, cells*p.xres-1, 1)
					c.ink(&p, []Series{{Dotted: dotted}}, []int32{0}, ascii)
				})
			}
		}
	}
	return out
})

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Shade is the glyph bands are shaded with, for legends.
func Shade(ascii bool) string {
	if ascii {
		return string(asciiGlyphs.shade)
	}
	return string(unicodeGlyphs.shade)
}

// asciiGlyph draws an ASCII cell: one level as _ . - ' from the bottom up,
// several as the slope of the line through it.
func asciiGlyph(d uint8) rune {
	switch d & 0x0f {
	case 1:
		return '\''
	case 2:
		return '-'
	case 4:
		return '.'
	case 8:
		return '_'
	case 0x0f:
		return '|'
	}
	switch d & (rising | falling) {
	case rising:
		return '/'
	case falling:
		return '\\'
	}
	return '|'
}

// pen draws one series on the dot grid.
type pen struct {
	c      *canvas
	p      *plot
	id     int32 // 1 + the series index
	dashed bool
	dotted bool
	ascii  bool
	k      int // dots stepped so far, for the dash pattern
}

// segment joins (x0, y0), already drawn, to (x1, y1) (Bresenham's algorithm).
func (pn *pen) segment(x0, y0, x1, y1 int) {
	var dir uint8
	switch {
	case y1 < y0:
		dir = rising
	case y1 > y0:
		dir = falling
	}
	dx, sx := x1-x0, 1
	if dx < 0 {
		dx, sx = -dx, -1
	}
	dy, sy := y0-y1, 1
	if dy > 0 {
		dy, sy = -dy, -1
	}
	for e := dx + dy; x0 != x1 || y0 != y1; {
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
		pn.dot(x0, y0, dir)
	}
}

// dot sets the dot at (x, y) unless the dash or dot pattern skips it. In ASCII a
// cell shows one series, so another series' levels are cleared first.
func (pn *pen) dot(x, y int, dir uint8) {
	k := pn.k
	pn.k++
	if pn.dashed && k%(2*pn.p.xres) >= pn.p.xres || pn.dotted && !pn.ascii && k%2 == 1 {
		return
	}
	c, i := pn.c, (y/4)*pn.p.pw+x/pn.p.xres
	if pn.ascii {
		if c.owner[i] != pn.id {
			c.dots[i] = 0
		}
		c.dots[i] |= 1<<(y%4) | dir
	} else {
		c.dots[i] |= brailleDot[x%2][y%4]
	}
	c.owner[i] = pn.id
}
