package tui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui/chart"
)

// view is what every renderer of one frame reads: the result, what its ▲/▼ deltas compare with
// (the run before the last move, or the pinned baseline A), the year cursor and the styles.
// Renderers are pure: view in, lines out.
type view struct {
	st        *Styles
	res, prev *engine.Result
	hasPrev   bool
	compare   bool // prev is a pinned baseline: charts draw its series too
	year      int  // the year cursor
	focus     int  // focused pane
	lang      *Lang
	spans     *[engine.NumLevers]shownSpan // the binding spans of the linked levers on screen
}

// t and f translate, as Lang.T and Lang.F do.
func (v *view) t(s string) string                    { return v.lang.T(s) }
func (v *view) f(tmpl string, args ...string) string { return v.lang.F(tmpl, args...) }

// line is one monthly series of a chart: its name in the legend, how to read it from a month,
// its paint and dash.
type line struct {
	label  string
	value  func(*engine.Month) float64
	paint  *Paint
	dashed bool
	hidden bool // only the edge of a band: in the scale, but drawn by the band alone
}

// band shades between two lines of a plot (indexes into its lines) and is named in its legend.
type band struct {
	label string
	a, b  int
	paint *Paint
}

// plot is one chart of a pane: the unit of its y axis and either monthly lines (with bands
// between them) or, when bars is set, one bar per year. The chart and its legend are both drawn
// from it, so the legend names exactly what the chart draws.
type plot struct {
	unit  string
	lines []line
	bands []band
	bars  *bars
}

// bars is a yearly series drawn as bars, up and down in their own paints.
type bars struct {
	label string
	value func(*engine.Year) float64
}

// legendKey is one entry of a legend: what a drawn series is called, its A or B tag when comparing,
// and a sample of how it is drawn.
type legendKey struct {
	label, tag, sample string
	paint              *Paint // of the Styles: a Paint is too big to copy for every key of every frame
}

// drawPlots stacks the plots in w×h, each its legend over its chart, sharing the height evenly.
// It returns nil when a legend and a chart row do not both fit.
func (v *view) drawPlots(ps []plot, w, h int) []string {
	var out []string
	for i, p := range ps {
		share := (h - len(out)) / (len(ps) - i)
		lines := v.drawPlot(&p, w, share)
		if lines == nil {
			return nil
		}
		out = append(out, lines...)
	}
	return out
}

// drawPlot draws one plot's legend and chart in w×h lines.
func (v *view) drawPlot(p *plot, w, h int) []string {
	var keys []legendKey
	var draw func(h int) []string
	if p.bars != nil {
		keys, draw = v.barPlot(p.bars, w)
	} else {
		keys, draw = v.linePlot(p, w)
	}
	legend := v.legend(p.unit, keys, w)
	if h-len(legend) < 1 {
		return nil
	}
	body := draw(h - len(legend))
	// A band that shades no cell (nothing stranded, nothing unmet) leaves the legend; the chart
	// then takes any row that frees, unless on that taller chart the band would shade after all.
	shade := chart.Shade(v.st.ASCII)
	isBand := func(k legendKey) bool { return k.sample == shade }
	shaded := func(rows []string) bool {
		return slices.ContainsFunc(rows, func(r string) bool { return strings.Contains(r, shade) })
	}
	if slices.ContainsFunc(keys, isBand) && !shaded(body) {
		shorter := v.legend(p.unit, slices.DeleteFunc(keys, isBand), w)
		if len(shorter) < len(legend) {
			if taller := draw(h - len(shorter)); !shaded(taller) {
				return append(shorter, taller...)
			}
			shorter = append(shorter, make([]string, len(legend)-len(shorter))...)
		}
		legend = shorter
	}
	return append(legend, body...)
}

// linePlot returns the legend keys of a line plot and how to draw it at a height. When comparing,
// A's lines go first, dotted, then B's: both share one scale, and bands shade B.
func (v *view) linePlot(p *plot, w int) ([]legendKey, func(int) []string) {
	runs := []*engine.Result{v.res}
	tags := []string{""}
	if v.compare {
		runs, tags = []*engine.Result{v.prev, v.res}, []string{"A", "B"}
	}
	series := make([]chart.Series, 0, len(runs)*len(p.lines))
	for ri, r := range runs {
		for _, l := range p.lines {
			series = append(series, chart.Series{Values: monthly(r, l.value), Style: l.paint.Style,
				Dashed: l.dashed, Dotted: v.compare && ri == 0, Hidden: l.hidden})
		}
	}
	var keys []legendKey
	for i, l := range p.lines {
		for ri := range runs {
			if s := series[ri*len(p.lines)+i]; !s.Hidden {
				keys = append(keys, legendKey{label: l.label, tag: tags[ri], sample: chart.Sample(s, v.st.ASCII), paint: l.paint})
			}
		}
	}
	offset := (len(runs) - 1) * len(p.lines)
	bands := make([]chart.Band, len(p.bands))
	for i, b := range p.bands {
		bands[i] = chart.Band{A: b.a + offset, B: b.b + offset, Style: b.paint.Style}
		keys = append(keys, legendKey{label: b.label, tag: tags[len(tags)-1], sample: chart.Shade(v.st.ASCII), paint: b.paint})
	}
	return keys, func(h int) []string { return v.lineChart(series, bands, w, h) }
}

// barPlot returns the legend keys of a bar plot and how to draw it at a height: one key for each
// sign that has a bar.
func (v *view) barPlot(b *bars, w int) ([]legendKey, func(int) []string) {
	values := v.yearly(b.value)
	var keys []legendKey
	for _, sign := range []struct {
		tag   string
		paint *Paint
		has   func(float64) bool
	}{{"+", &v.st.Up, func(x float64) bool { return x > 0 }}, {"−", &v.st.Down, func(x float64) bool { return x < 0 }}} {
		if slices.ContainsFunc(values, sign.has) {
			keys = append(keys, legendKey{label: b.label, tag: sign.tag, sample: chart.BarSample(v.st.ASCII), paint: sign.paint})
		}
	}
	return keys, func(h int) []string { return v.barChart(values, w, h) }
}

// legend lays out the unit and the keys in as few lines of w cells as they take: a key is never
// dropped, since every series drawn must be named. Keys of one label share it ("installed A⠂⠂
// B⠒⠒"); two spaces part the entries unless one space saves a line.
func (v *view) legend(unit string, keys []legendKey, w int) []string {
	var segs []string
	if unit != "" {
		segs = append(segs, v.st.Dim.Render(v.t(unit)))
	}
	for i := 0; i < len(keys); {
		k := keys[i]
		seg := k.paint.Render(v.t(k.label))
		for ; i < len(keys) && keys[i].label == k.label; i++ {
			seg += " " + keys[i].paint.Render(keys[i].tag+keys[i].sample)
		}
		segs = append(segs, seg)
	}
	wrap := func(sep string) []string {
		var out []string
		for rest := segs; len(rest) > 0; {
			line, n := joinFit(rest, sep, w)
			out = append(out, line)
			rest = rest[n:]
		}
		return out
	}
	out := wrap("  ")
	if len(out) == 1 {
		return out
	}
	if tight := wrap(" "); len(tight) < len(out) {
		return tight
	}
	return out
}

// monthly extracts one monthly series of r.
func monthly(r *engine.Result, f func(*engine.Month) float64) []float64 {
	out := make([]float64, len(r.Months))
	for i := range r.Months {
		out[i] = f(&r.Months[i])
	}
	return out
}

// yearIndex is the cursor's index in res.Years (and prev.Years: both share start and horizon
// unless a scenario load changed them, in which case hasPrev is false).
func (v *view) yearIndex() int { return clampInt(v.year-v.res.Years[0].Year, 0, len(v.res.Years)-1) }

// cursorMonth is the month index the charts mark: the last month of the cursor year.
func (v *view) cursorMonth() int {
	d := v.res.Months[0].Date
	return clampInt((v.year-d.Year)*12+12-d.Month, 0, len(v.res.Months)-1)
}

// yr returns the cursor year's aggregate in r.
func (v *view) yr(r *engine.Result) *engine.Year { return &r.Years[v.yearIndex()] }

// series extracts one monthly series of the current result.
func (v *view) series(f func(*engine.Month) float64) []float64 { return monthly(v.res, f) }

// yearly extracts one yearly series of the current result.
func (v *view) yearly(f func(*engine.Year) float64) []float64 {
	out := make([]float64, len(v.res.Years))
	for i := range v.res.Years {
		out[i] = f(&v.res.Years[i])
	}
	return out
}

// xLabels marks every third year (every year when there are few) along a monthly axis.
func (v *view) xLabels(width int) []chart.XLabel {
	n := len(v.res.Months)
	years := v.res.Years
	step := 3
	if width >= 12*len(years) {
		step = 1
	}
	var out []chart.XLabel
	for i := 0; i < len(years); i += step {
		m := clampInt((years[i].Year-v.res.Months[0].Date.Year)*12-(v.res.Months[0].Date.Month-1), 0, n-1)
		out = append(out, chart.XLabel{At: float64(m) / float64(max(1, n-1)), Text: strconv.Itoa(years[i].Year)})
	}
	return out
}

// lineChart draws monthly series with the year cursor, the theme's axis styles and, when there
// are three rows or more, year labels.
func (v *view) lineChart(series []chart.Series, bands []chart.Band, w, h int) []string {
	var labels []chart.XLabel
	if h >= 3 {
		labels = v.xLabels(w)
	}
	return splitLines(chart.Line(series, chart.LineOptions{
		Frame:      chart.Frame{Width: w, Height: h, ASCII: v.st.ASCII, AxisStyle: v.st.Dim.Style, LabelStyle: v.st.Dim.Style},
		Bands:      bands,
		XLabels:    labels,
		ShowCursor: true, Cursor: v.cursorMonth(), CursorStyle: v.st.Dim.Style,
	}))
}

// barChart draws one bar per year, labelled with the years' last two digits when there are three
// rows or more: two rows are left for the bars, one each side of zero.
func (v *view) barChart(values []float64, w, h int) []string {
	var labels []string
	if h >= 3 {
		labels = make([]string, len(v.res.Years))
		for i, y := range v.res.Years {
			labels[i] = strconv.Itoa(y.Year % 100)
			if y.Year == v.year {
				labels[i] = strconv.Itoa(y.Year)
			}
		}
	}
	return splitLines(chart.Bars(values, chart.BarOptions{
		Frame:    chart.Frame{Width: w, Height: h, ASCII: v.st.ASCII, AxisStyle: v.st.Dim.Style, LabelStyle: v.st.Dim.Style},
		Labels:   labels,
		Positive: v.st.Up.Style, Negative: v.st.Down.Style,
	}))
}

func clampInt(x, lo, hi int) int { return max(lo, min(x, hi)) }
