// Package chart owns the dashboard's terminal charts: line charts (braille or
// ASCII), sparklines and bar charts, rendered by pure functions into
// fixed-size strings.
//
// Every function returns exactly the requested number of lines joined by "\n"
// (no trailing newline), each exactly the requested number of cells wide as
// ansi.StringWidth measures it, whatever the data: empty, NaN, ±Inf, constant,
// huge or tiny. Pane layouts and golden tests can therefore rely on the size.
// Styles are emitted once per run of equally styled cells, and an unset style
// emits no escape code at all, so the strings stay close to their plain text
// (about 2 KB for a 60×12 braille chart of four coloured series).
//
// The package deals in strings only: it must not import bubbletea or the
// engine, so that it can be tested in isolation and used by any view.
package chart

import (
	"image/color"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Frame is what Line and Bars share: the size, the glyph set and the y axis.
type Frame struct {
	Width, Height int
	// ASCII draws with printable ASCII only (no braille, block or box
	// drawing characters), for fonts and terminals without them.
	ASCII bool
	// YMin and YMax replace the automatic bounds when FixYMin / FixYMax are
	// set. The automatic range always includes zero and is rounded outward
	// to a readable number, so that the top label reads 25 rather than 23.7.
	// Values outside the range are drawn at its edge.
	YMin, YMax       float64
	FixYMin, FixYMax bool
	// Format writes the y tick labels; nil means Compact.
	Format     func(float64) string
	AxisStyle  lipgloss.Style // the y axis rule and the zero line
	LabelStyle lipgloss.Style // tick labels and x labels
}

// Compact formats a tick value in about four cells: 0, 25, 12.5, 1.2k, -100,
// 3M, 0.05. Numbers of a thousand and more take an SI suffix (k M G T).
func Compact(v float64) string {
	a := math.Abs(v)
	if !(a >= 1 && a < 1e15) { // also NaN and ±Inf
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	const suffixes = " kMGT"
	unit := 0
	for unit < len(suffixes)-1 && a >= math.Pow10(3*(unit+1)) {
		unit++
	}
	for {
		s := a / math.Pow10(3*unit)
		prec := 0
		if s < 10 || (unit == 0 && s < 100) {
			prec = 1
		}
		str := strings.TrimSuffix(strconv.FormatFloat(s, 'f', prec, 64), ".0")
		if str == "1000" && unit < len(suffixes)-1 { // 999.7 rounds up: 1k
			unit++
			continue
		}
		if unit > 0 {
			str += suffixes[unit : unit+1]
		}
		if v < 0 {
			str = "-" + str
		}
		return str
	}
}

// cell is one terminal cell of a chart.
type cell struct {
	// r is the glyph; 0 is the right half of a wide glyph and emits
	// nothing; -i is clusters[i-1], a glyph of several runes.
	r  rune
	st int32 // index into canvas.codes
}

// codes are the escape sequences that open and close a run of one style.
type codes struct {
	pre, suf string
	// blankSafe: a space in this style looks like a plain space (no background, underline,
	// reverse or strikethrough), so a run may bridge blanks instead of closing and reopening.
	blankSafe bool
}

// canvas is the reusable work area of one render: pooled, so that a
// dashboard redrawing its charts does not reallocate the buffers each time.
type canvas struct {
	w, h     int
	cells    []cell
	codes    []codes     // codes[0] is the unstyled entry
	dots     []uint8     // line charts: braille dots or ASCII sub-rows per cell
	owner    []int32     // line charts: 1 + the series that drew last in a cell
	vals     []float64   // resampled values
	clusters []string    // label glyphs of several runes
	looks    []lookCodes // codes by look, kept across renders
	out      []byte
}

var pool = sync.Pool{New: func() any { return new(canvas) }}

// render runs draw on a pooled canvas of w×h cells and returns the text.
func render(w, h int, draw func(*canvas)) string {
	c := pool.Get().(*canvas)
	defer pool.Put(c)
	c.w, c.h = max(w, 0), max(h, 0)
	if c.w == 0 || c.h == 0 {
		return strings.Repeat("\n", max(c.h-1, 0))
	}
	c.cells = grow(c.cells, c.w*c.h)
	for i := range c.cells {
		c.cells[i] = cell{r: ' '}
	}
	c.codes = append(c.codes[:0], codes{})
	c.clusters = c.clusters[:0]
	draw(c)
	return c.String()
}

// grow returns s with length n, reusing its array when it is big enough.
func grow[T any](s []T, n int) []T {
	return slices.Grow(s[:0], n)[:n]
}

// marker stands for the text of a run when a style's codes are extracted.
const marker = "\uE000"

// Codes returns the escape codes a style wraps one line of text in: a Render costs
// microseconds, so callers that paint many short texts work them out once. Layout properties
// (width, padding, borders, margins) are dropped: they would make a cell or a label grow.
func Codes(s lipgloss.Style) (pre, suf string) {
	out := s.Inline(true).UnsetString().UnsetTransform().
		UnsetWidth().UnsetHeight().UnsetMaxWidth().UnsetMaxHeight().UnsetAlign().
		UnsetPadding().UnsetMargins().UnsetBorderStyle().
		Render(marker)
	pre, suf, _ = strings.Cut(out, marker)
	return pre, suf
}

// style registers s and returns its index. A Render costs microseconds and
// a chart has dozens of runs, so the codes come from one Render of a marker
// per look, kept across renders; the bytes are those of a Render per run.
// Layout properties are dropped because a chart cell cannot grow.
func (c *canvas) style(s lipgloss.Style) int32 {
	l, cacheable := lookOf(s)
	i := -1
	if cacheable {
		i = slices.IndexFunc(c.looks, func(e lookCodes) bool { return e.look == l })
	}
	var k codes
	if i >= 0 {
		k = c.looks[i].codes
	} else {
		if pre, suf := Codes(s); pre != "" {
			_, noBg := l.bg.(lipgloss.NoColor)
			k = codes{pre: pre, suf: suf, blankSafe: cacheable && (l.bg == nil || noBg) && !l.attrs[4] && !l.attrs[5] &&
				l.underline == lipgloss.UnderlineNone}
		}
		if cacheable {
			if len(c.looks) == maxLooks {
				c.looks = c.looks[:0]
			}
			c.looks = append(c.looks, lookCodes{l, k})
		}
	}
	if k == (codes{}) {
		return 0
	}
	if i := slices.Index(c.codes, k); i >= 0 {
		return int32(i)
	}
	c.codes = append(c.codes, k)
	return int32(len(c.codes) - 1)
}

// look is what the codes of a style styling a glyph depend on: styles with
// the same look render the same codes.
type look struct {
	fg, bg, ul   color.Color
	underline    lipgloss.Underline
	attrs        [6]bool
	link, params string
}

type lookCodes struct {
	look
	codes
}

// maxLooks bounds the codes a canvas keeps: a dashboard uses a dozen looks.
const maxLooks = 64

// lookOf returns the look of s, and whether looks can be compared: a colour
// of a type that cannot be compared with == is rendered every time.
func lookOf(s lipgloss.Style) (look, bool) {
	l := look{
		fg: s.GetForeground(), bg: s.GetBackground(), ul: s.GetUnderlineColor(),
		underline: s.GetUnderlineStyle(),
		attrs:     [6]bool{s.GetBold(), s.GetItalic(), s.GetFaint(), s.GetBlink(), s.GetReverse(), s.GetStrikethrough()},
	}
	l.link, l.params = s.GetHyperlink()
	for _, c := range [...]color.Color{l.fg, l.bg, l.ul} {
		if c != nil && !reflect.TypeOf(c).Comparable() {
			return l, false
		}
	}
	return l, true
}

// set draws r at (x, y); cells outside the canvas are ignored.
func (c *canvas) set(x, y int, r rune, st int32) {
	if x >= 0 && x < c.w && y >= 0 && y < c.h {
		c.cells[y*c.w+x] = cell{r, st}
	}
}

// text writes plain text from x on row y, clipped before column end, and
// returns the column after it.
func (c *canvas) text(x, y, end int, s string, st int32) int {
	for s = plain(s); s != ""; {
		g, w := cluster(s)
		s = s[len(g):]
		if w == 0 {
			continue
		}
		if x+w > end {
			break
		}
		r, size := utf8.DecodeRuneInString(g)
		if size < len(g) {
			c.clusters = append(c.clusters, g)
			r = -rune(len(c.clusters))
		}
		c.set(x, y, r, st)
		if w == 2 {
			c.set(x+1, y, 0, st)
		}
		x += w
	}
	return x
}

// textWidth is the number of cells text writes for s.
func textWidth(s string) int {
	n := 0
	for s = plain(s); s != ""; {
		g, w := cluster(s)
		s = s[len(g):]
		n += w
	}
	return n
}

// plain drops the escape codes of a label that arrives styled.
func plain(s string) string {
	if strings.IndexByte(s, ansi.ESC) >= 0 {
		return ansi.Strip(s)
	}
	return s
}

// cluster returns the first grapheme cluster of s and the cells it takes,
// 1 or 2, or 0 when text drops it: controls have no width, and a cluster
// that would merge with the cell beside it (a combining mark without a
// base) would change the width of the row.
func cluster(s string) (string, int) {
	if s[0] >= 0x20 && s[0] < 0x7f && (len(s) == 1 || s[1] < 0x80) {
		return s[:1], 1 // printable ASCII, not followed by a combining mark
	}
	g, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if g == "" {
		return s, 0
	}
	if w < 1 || w > 2 || ansi.StringWidth(" "+g+" ") != w+2 {
		return g, 0
	}
	return g, w
}

// String joins the rows, opening and closing each style once per run.
func (c *canvas) String() string {
	c.out = c.out[:0]
	for y := range c.h {
		if y > 0 {
			c.out = append(c.out, '\n')
		}
		row := c.cells[y*c.w : (y+1)*c.w]
		for i := 0; i < len(row); {
			k := c.codes[row[i].st]
			c.out = append(c.out, k.pre...)
			for st := row[i].st; i < len(row); i++ {
				if row[i].st != st {
					// Blanks between two cells of this style join its run: fewer escape
					// codes, and a terminal's diffing renderer redraws less on each change.
					j := i
					for j < len(row) && row[j] == (cell{r: ' '}) {
						j++
					}
					if !k.blankSafe || st == 0 || j == i || j == len(row) || row[j].st != st {
						break
					}
					for ; i < j; i++ {
						c.out = append(c.out, ' ')
					}
				}
				switch r := row[i].r; {
				case r > 0:
					c.out = utf8.AppendRune(c.out, r)
				case r < 0:
					c.out = append(c.out, c.clusters[-r-1]...)
				}
			}
			c.out = append(c.out, k.suf...)
		}
	}
	return string(c.out)
}
