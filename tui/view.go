package tui

import (
	"strconv"

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

// line is one monthly series of a chart: how to read it from a month, its colour, its dash.
type line struct {
	value  func(*engine.Month) float64
	style  Paint
	dashed bool
}

// shown is the results on screen: the current one, and the baseline when comparing.
func (v *view) shown() []*engine.Result {
	if v.compare {
		return []*engine.Result{v.res, v.prev}
	}
	return []*engine.Result{v.res}
}

// plot draws lines of the current result; when comparing, the baseline's same lines first, dim,
// so that both scenarios share one scale. Band indexes refer to ls.
func (v *view) plot(ls []line, bands []chart.Band, w, h int, yMax float64) []string {
	series := make([]chart.Series, 0, 2*len(ls))
	if v.compare {
		for _, l := range ls {
			series = append(series, chart.Series{Values: monthly(v.prev, l.value), Style: v.st.Baseline.Style, Dashed: l.dashed})
		}
		for i := range bands {
			bands[i].A += len(ls)
			if bands[i].B != chart.Baseline {
				bands[i].B += len(ls)
			}
		}
	}
	for _, l := range ls {
		series = append(series, chart.Series{Values: monthly(v.res, l.value), Style: l.style.Style, Dashed: l.dashed})
	}
	return v.lineChart(series, bands, w, h, yMax)
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

// lineChart draws monthly series with the year cursor, the theme's axis styles and year labels;
// yMax > 0 caps the scale (lines above it run along the top).
func (v *view) lineChart(series []chart.Series, bands []chart.Band, w, h int, yMax float64) []string {
	return splitLines(chart.Line(series, chart.LineOptions{
		Frame: chart.Frame{Width: w, Height: h, ASCII: v.st.ASCII, AxisStyle: v.st.Dim.Style, LabelStyle: v.st.Dim.Style,
			YMax: yMax, FixYMax: yMax > 0},
		Bands:      bands,
		XLabels:    v.xLabels(w),
		ShowCursor: true, Cursor: v.cursorMonth(), CursorStyle: v.st.Dim.Style,
	}))
}

// barChart draws one bar per year, labelled with the years' last two digits.
func (v *view) barChart(values []float64, w, h int) []string {
	labels := make([]string, len(v.res.Years))
	for i, y := range v.res.Years {
		labels[i] = strconv.Itoa(y.Year % 100)
		if y.Year == v.year {
			labels[i] = strconv.Itoa(y.Year)
		}
	}
	return splitLines(chart.Bars(values, chart.BarOptions{
		Frame:    chart.Frame{Width: w, Height: h, ASCII: v.st.ASCII, AxisStyle: v.st.Dim.Style, LabelStyle: v.st.Dim.Style},
		Labels:   labels,
		Positive: v.st.Up.Style, Negative: v.st.Down.Style,
	}))
}

func clampInt(x, lo, hi int) int { return max(lo, min(x, hi)) }
