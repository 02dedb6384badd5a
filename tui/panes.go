package tui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui/chart"
)

// Pane indexes, in the order of the 2×2 grid and the 1–4 keys.
const (
	PaneCompute = iota
	PaneCapital
	PaneProducts
	PaneEnergy
	numPanes
)

// pane declares what one of the four panes shows; renderPane lays every pane out the same way.
type pane struct {
	title string
	// links are the bottlenecks this pane is about: its title takes their colour when one binds.
	links []engine.Bottleneck
	// plots are the pane's charts; zoom asks for the fuller version.
	plots func(v *view, zoom bool) []plot
	// spark is the one series a pane too short for a chart shows.
	spark line
	// figures are the two lines of key figures at the year cursor, each a list of segments in
	// order of importance: a narrow pane drops the last ones whole rather than cut one.
	figures func(v *view) [2][]string
	// table rows of the zoomed pane, one value per year.
	table []tableRow
	// sources lists the levers and settings whose sources the zoomed pane cites.
	sources []string
}

// tableRow is a figure of the year table, or, when words is set, a word to translate.
type tableRow struct {
	label  string
	value  func(y *engine.Year) float64
	format func(float64) string
	words  func(y *engine.Year) string
}

// figureRow is a row of figures printed with decimals; pctRow of 0–1 shares as percentages.
func figureRow(label string, decimals int, value func(y *engine.Year) float64) tableRow {
	return tableRow{label: label, value: value, format: func(x float64) string { return num(x, decimals) }}
}

func pctRow(label string, value func(y *engine.Year) float64) tableRow {
	return tableRow{label: label, value: value, format: pct}
}

var panes = [numPanes]pane{
	PaneCompute: {
		title: "Compute", links: []engine.Bottleneck{engine.Supply, engine.Compute},
		plots: func(v *view, zoom bool) []plot {
			p := plot{unit: "GW", lines: []line{
				{label: "backlog", value: func(m *engine.Month) float64 { return m.Backlog }, paint: &v.st.Backlog, dashed: true},
				{label: "installed", value: func(m *engine.Month) float64 { return m.Installed }, paint: &v.st.Installed},
				{label: "effective", value: func(m *engine.Month) float64 { return m.Effective }, paint: &v.st.Effective},
			}}
			if zoom { // deliveries as a yearly rate: the supply wall shows as this line flattening
				p.lines = append(p.lines, line{label: "deliveries GW/yr", value: func(m *engine.Month) float64 { return m.Deliveries * 12 },
					paint: &v.st.Effective, dashed: true})
			}
			return []plot{p}
		},
		spark: line{label: "installed GW", value: func(m *engine.Month) float64 { return m.Installed }},
		figures: func(v *view) [2][]string {
			y, p := v.yr(v.res), v.yr(v.prev)
			gw := func(x float64) string { return num(x, 1) }
			return [2][]string{{
				strconv.Itoa(y.Year) + ": " + v.t("installed") + " " + gw(y.InstalledEnd) + v.delta(y.InstalledEnd, p.InstalledEnd, gw, true),
				v.t("effective") + " " + gw(y.EffectiveEnd) + v.delta(y.EffectiveEnd, p.EffectiveEnd, gw, true),
				v.t("stranded") + " " + gw(y.StrandedEnd) + v.delta(y.StrandedEnd, p.StrandedEnd, gw, false),
			}, {
				v.f("delivered {0} of {1} GW/yr cap", gw(y.Deliveries), gw(y.SupplyCapEnd)),
				v.t("utilisation") + " " + pct(y.Utilisation) + v.delta(y.Utilisation*100, p.Utilisation*100, func(x float64) string { return num(x, 0) }, true),
			}}
		},
		table: []tableRow{
			figureRow("installed GW", 1, func(y *engine.Year) float64 { return y.InstalledEnd }),
			figureRow("effective GW", 1, func(y *engine.Year) float64 { return y.EffectiveEnd }),
			figureRow("stranded GW", 1, func(y *engine.Year) float64 { return y.StrandedEnd }),
			figureRow("delivered GW", 1, func(y *engine.Year) float64 { return y.Deliveries }),
			figureRow("supply cap GW/yr", 1, func(y *engine.Year) float64 { return y.SupplyCapEnd }),
			figureRow("backlog GW", 1, func(y *engine.Year) float64 { return y.BacklogEnd }),
			pctRow("utilisation", func(y *engine.Year) float64 { return y.Utilisation }),
			{label: "bottleneck", words: func(y *engine.Year) string { return y.Bottleneck.String() }},
		},
		sources: []string{"investment", "gpu_supply", "supply_growth", "useful_life", "installed_start", "supply_2025"},
	},
	PaneCapital: {
		title: "Capital", links: []engine.Bottleneck{engine.Capital},
		plots: func(v *view, zoom bool) []plot {
			fcf := plot{unit: "$B/yr", bars: &bars{label: "FCF", value: func(y *engine.Year) float64 { return y.FCF }}}
			if v.compare { // bars cannot overlay: against a baseline, FCF is a run-rate line for each
				fcf = plot{unit: "$B/yr run-rate", lines: []line{
					{label: "FCF", value: func(m *engine.Month) float64 { return m.FCF * 12 }, paint: &v.st.Up}}}
			}
			if !zoom {
				return []plot{fcf}
			}
			return []plot{{unit: "$B", lines: []line{
				{label: "cash", value: func(m *engine.Month) float64 { return m.Cash }, paint: &v.st.Cash},
				{label: "debt", value: func(m *engine.Month) float64 { return m.Debt }, paint: &v.st.Down},
			}}, fcf}
		},
		spark: line{label: "FCF", value: func(m *engine.Month) float64 { return m.FCF }},
		figures: func(v *view) [2][]string {
			y, p := v.yr(v.res), v.yr(v.prev)
			h, ph := &v.res.Headline, &v.prev.Headline
			be := v.t("none")
			if h.BreakEvenYear > 0 {
				be = strconv.Itoa(h.BreakEvenYear)
			}
			if v.hasPrev && h.BreakEvenYear != ph.BreakEvenYear && ph.BreakEvenYear > 0 {
				be += v.st.Dim.Render(" " + v.f("(was {0})", strconv.Itoa(ph.BreakEvenYear)))
			}
			m := func(x float64) string { return money(x) }
			return [2][]string{{
				strconv.Itoa(y.Year) + ": " + v.t("FCF") + " " + money(y.FCF) + v.delta(y.FCF, p.FCF, m, true),
				v.t("equity") + " " + money(y.Equity),
				v.t("debt") + " " + money(y.DebtEnd) + v.delta(y.DebtEnd, p.DebtEnd, m, false),
			}, {
				v.t("break-even") + " " + be,
				v.t("vendor-financed") + " " + money(y.VendorFinanced),
				v.t("coverage") + " " + num(y.CoverageEnd, 2),
			}}
		},
		table: []tableRow{
			figureRow("revenue $B", 0, func(y *engine.Year) float64 { return y.Revenue }),
			figureRow("cash costs $B", 0, func(y *engine.Year) float64 { return y.Costs }),
			figureRow("FCF $B", 0, func(y *engine.Year) float64 { return y.FCF }),
			figureRow("equity $B", 0, func(y *engine.Year) float64 { return y.Equity }),
			figureRow("vendor-fin. $B", 0, func(y *engine.Year) float64 { return y.VendorFinanced }),
			figureRow("debt drawn $B", 0, func(y *engine.Year) float64 { return y.DebtDrawn }),
			figureRow("cash end $B", 0, func(y *engine.Year) float64 { return y.CashEnd }),
			figureRow("debt end $B", 0, func(y *engine.Year) float64 { return y.DebtEnd }),
			figureRow("coverage", 2, func(y *engine.Year) float64 { return y.CoverageEnd }),
		},
		sources: []string{"vendor_financing", "equity_capacity", "debt_rate", "rent_margin", "legacy_rent_discount", "debt_cap", "cash_start"},
	},
	PaneProducts: {
		title: "Products", links: []engine.Bottleneck{engine.Demand},
		plots: func(v *view, zoom bool) []plot {
			p := plot{unit: "$B/yr run-rate", lines: []line{
				{label: "demand", value: func(m *engine.Month) float64 { return m.Demand }, paint: &v.st.Demand, dashed: true},
				{label: "served", value: func(m *engine.Month) float64 { return m.RevenueRate }, paint: &v.st.Served},
			}, bands: []band{{label: "unmet", a: 0, b: 1, paint: &v.st.Demand}}}
			if zoom {
				p.lines = append(p.lines, line{label: "capacity could serve", value: func(m *engine.Month) float64 { return m.CapacityRevenue },
					paint: &v.st.Capability, dashed: true})
			}
			return []plot{p}
		},
		spark: line{label: "revenue run-rate", value: func(m *engine.Month) float64 { return m.RevenueRate }},
		figures: func(v *view) [2][]string {
			y, p := v.yr(v.res), v.yr(v.prev)
			demand := v.demandInYear(v.res)
			unmet := 0.0
			if demand > 0 {
				unmet = 1 - y.Revenue/demand
			}
			usage := "—"
			if i := v.yearIndex(); i > 0 && v.res.Years[i-1].UsageEnd > 0 {
				usage = "×" + num(y.UsageEnd/v.res.Years[i-1].UsageEnd, 1)
			}
			price := v.res.Scenario.Levers[engine.PriceDecline]
			// The chart is a run-rate; these are calendar-year totals, and say so, with the
			// December run-rate that ends the chart's year beside them.
			return [2][]string{{
				v.f("{0} revenue {1} of {2} demand", strconv.Itoa(y.Year), money(y.Revenue)+v.delta(y.Revenue, p.Revenue, money, true), money(demand)),
				v.f("({0} unmet)", pct(unmet)),
			}, {
				v.f("Dec run-rate {0}/yr", money(y.RunRateEnd)),
				v.t("capability") + " " + num(y.CapabilityEnd, 2),
				v.f("price/unit −{0}%/yr, usage {1}", engine.FormatNumber(price), usage),
			}}
		},
		table: []tableRow{
			figureRow("revenue $B", 0, func(y *engine.Year) float64 { return y.Revenue }),
			figureRow("Dec run-rate $B", 0, func(y *engine.Year) float64 { return y.RunRateEnd }),
			figureRow("Dec demand $B", 0, func(y *engine.Year) float64 { return y.DemandEnd }),
			pctRow("utilisation", func(y *engine.Year) float64 { return y.Utilisation }),
			figureRow("capability", 2, func(y *engine.Year) float64 { return y.CapabilityEnd }),
			figureRow("price index", 2, func(y *engine.Year) float64 { return y.PriceIndexEnd }),
			figureRow("usage $B (2025 p.)", 0, func(y *engine.Year) float64 { return y.UsageEnd }),
		},
		sources: []string{"revenue_growth", "long_run_growth", "growth_half_life", "price_decline", "efficiency_gain", "demand_start", "revenue_per_gw_start"},
	},
	PaneEnergy: {
		title: "Energy", links: []engine.Bottleneck{engine.Energy},
		plots: func(v *view, zoom bool) []plot {
			// The band between installed and effective (the GPUs that have power) is exactly the
			// stranded GPUs; effective is only its edge.
			p := plot{unit: "GW", lines: []line{
				{label: "GPUs installed", value: func(m *engine.Month) float64 { return m.Installed }, paint: &v.st.Installed},
				{value: func(m *engine.Month) float64 { return m.Effective }, paint: &v.st.Installed, hidden: true},
				{label: "power online", value: func(m *engine.Month) float64 { return m.PowerOnline }, paint: &v.st.Power},
			}, bands: []band{{label: "stranded", a: 0, b: 1, paint: &v.st.Stranded}}}
			if zoom {
				p.lines = append(p.lines, line{label: "pipeline", value: func(m *engine.Month) float64 { return m.PowerPipeline },
					paint: &v.st.Power, dashed: true})
			}
			return []plot{p}
		},
		spark: line{label: "stranded GW", value: func(m *engine.Month) float64 { return m.Stranded }},
		figures: func(v *view) [2][]string {
			y, p := v.yr(v.res), v.yr(v.prev)
			gw := func(x float64) string { return num(x, 1) }
			lead := v.res.Scenario.Levers[engine.PowerLeadTime]
			return [2][]string{{
				strconv.Itoa(y.Year) + ": " + v.f("{0} GW online", gw(y.PowerOnlineEnd)) + v.delta(y.PowerOnlineEnd, p.PowerOnlineEnd, gw, true),
				v.f("{0} GW of GPUs wait for power", gw(y.StrandedEnd)) + v.delta(y.StrandedEnd, p.StrandedEnd, gw, false),
			}, {
				v.f("energy {0}/yr", money(y.EnergyCost)),
				v.f("pipeline {0} GW", gw(y.PowerPipelineEnd)),
				v.f("lead {0} months", engine.FormatNumber(lead)),
			}}
		},
		table: []tableRow{
			figureRow("power online GW", 1, func(y *engine.Year) float64 { return y.PowerOnlineEnd }),
			figureRow("GPUs installed GW", 1, func(y *engine.Year) float64 { return y.InstalledEnd }),
			figureRow("stranded GW", 1, func(y *engine.Year) float64 { return y.StrandedEnd }),
			figureRow("pipeline GW", 1, func(y *engine.Year) float64 { return y.PowerPipelineEnd }),
			figureRow("energy cost $B", 1, func(y *engine.Year) float64 { return y.EnergyCost }),
		},
		sources: []string{"energy_build", "energy_growth", "power_lead_time", "electricity_price", "pue", "power_online_start", "power_build_2025"},
	},
}

// demandInYear is the demand of the cursor year in $B: what customers would have paid.
func (v *view) demandInYear(r *engine.Result) float64 {
	var sum float64
	for i := range r.Months {
		if r.Months[i].Date.Year == v.year {
			sum += r.Months[i].Demand / 12
		}
	}
	return sum
}

// binding reports whether one of the pane's links binds at the cursor year.
func (p *pane) binding(v *view) (engine.Bottleneck, bool) {
	b := v.yr(v.res).Bottleneck
	for _, l := range p.links {
		if l == b {
			return b, true
		}
	}
	return 0, false
}

// renderPane lays out a pane in w×h: border and title, the charts with their legends (a
// labelled sparkline when they do not fit), and the two lines of figures; the zoomed pane adds a
// year table and sources.
func renderPane(idx int, v *view, w, h int, focused, zoom bool) []string {
	p := &panes[idx]
	title := v.st.Title.Render(strconv.Itoa(idx+1) + " " + v.t(p.title))
	note := ""
	if b, ok := p.binding(v); ok {
		title = v.st.Strong[b].Render(strconv.Itoa(idx+1) + " " + v.t(p.title))
		note = v.st.Bottleneck[b].Render(v.f("binding {0}", strings.ToUpper(v.t(b.String()))))
	}
	iw, ih := w-2, h-2
	if iw < 1 || ih < 1 {
		return v.box(title, note, nil, w, h, focused)
	}
	segs := p.figures(v)
	fig0, _ := joinFit(segs[0], "  ", iw)
	fig1, _ := joinFit(segs[1], "  ", iw)
	figs := [2]string{fig0, fig1}
	var content []string
	switch {
	case zoom:
		content = zoomContent(p, v, iw, ih, figs)
	case ih >= 3:
		content = v.drawPlots(p.plots(v, false), iw, ih-2)
		if content == nil {
			content = []string{v.sparkline(&p.spark, iw)}
		}
		content = append(content, figs[0], figs[1])
	default:
		content = figs[:ih]
	}
	return v.box(title, note, content, w, h, focused)
}

// sparkline is one row: the series' name, then its shape over the run.
func (v *view) sparkline(l *line, w int) string {
	label := v.t(l.label) + " "
	if v.compare {
		label = "B " + label
	}
	if cellWidth(label) >= w {
		return v.st.Accent.Render(chart.Sparkline(v.series(l.value), w, v.st.ASCII, lipgloss.Style{}))
	}
	return v.st.Accent.Render(label) + chart.Sparkline(v.series(l.value), w-cellWidth(label), v.st.ASCII, v.st.Accent.Style)
}

// zoomContent is the full-screen pane: the charts with more series, the year table and the
// sources of the numbers behind it. The sources give way first, then the table, so that each
// chart keeps a legend and four rows or more.
func zoomContent(p *pane, v *view, w, h int, figs [2]string) []string {
	table := yearTable(p, v, w)
	sources := v.sourceLines(p.sources, w, max(0, h/5))
	plots := p.plots(v, true)
	rows := func() int { // left for the charts: below them the figures, then a blank line before each block
		n := h - 2
		for _, block := range [][]string{table, sources} {
			if len(block) > 0 {
				n -= len(block) + 1
			}
		}
		return n
	}
	if rows() < 5*len(plots)+1 {
		sources = nil
	}
	if rows() < 5*len(plots)+1 {
		table = nil
	}
	out := v.drawPlots(plots, w, max(1, rows()))
	out = append(out, figs[0], figs[1])
	for _, block := range [][]string{table, sources} {
		if len(block) > 0 {
			out = append(out, "")
			out = append(out, block...)
		}
	}
	return out
}

// yearTable lists the pane's figures for every year the width allows, the cursor year bold. When
// comparing, each figure has a second row of B − A (of A itself for words).
func yearTable(p *pane, v *view, w int) []string {
	const labelW, colW = 20, 8
	years := v.res.Years
	cols := min(len(years), max(0, (w-labelW)/colW))
	if cols == 0 {
		return nil
	}
	first := clampInt(v.yearIndex()-cols/2, 0, len(years)-cols)
	var head strings.Builder
	head.WriteString(fit("", labelW))
	for i := first; i < first+cols; i++ {
		cell := padLeft(strconv.Itoa(years[i].Year), colW)
		if years[i].Year == v.year {
			cell = v.st.Bold.Render(cell)
		}
		head.WriteString(cell)
	}
	out := []string{v.st.Dim.Render(head.String())}
	row := func(label string, paint Paint, value func(i int) string) string {
		var b strings.Builder
		b.WriteString(paint.Render(fit(label, labelW)))
		for i := first; i < first+cols; i++ {
			cell := padLeft(value(i), colW)
			if years[i].Year == v.year {
				cell = v.st.Bold.Render(cell)
			}
			b.WriteString(cell)
		}
		return b.String()
	}
	for _, r := range p.table {
		if r.words != nil {
			out = append(out, row(v.t(r.label), v.st.Dim, func(i int) string { return v.t(r.words(&years[i])) }))
			if v.compare {
				out = append(out, row("  A", v.st.Baseline, func(i int) string { return v.t(r.words(&v.prev.Years[i])) }))
			}
			continue
		}
		out = append(out, row(v.t(r.label), v.st.Dim, func(i int) string { return r.format(r.value(&years[i])) }))
		if !v.compare {
			continue
		}
		diff := func(i int) string { return difference(r.value(&years[i])-r.value(&v.prev.Years[i]), r.format) }
		if slices.ContainsFunc(years[first:first+cols], func(y engine.Year) bool { return diff(y.Year-years[0].Year) != "" }) {
			out = append(out, row("  B − A", v.st.Baseline, diff)) // left out where A and B agree
		}
	}
	return out
}

// difference is a signed change as format prints it, blank when it prints as zero.
func difference(d float64, format func(float64) string) string {
	s := format(math.Abs(d))
	switch {
	case s == format(0):
		return ""
	case d < 0:
		return "−" + s
	}
	return "+" + s
}

// sourceLines cites where the pane's numbers come from, one lever per line, cut to n lines.
func (v *view) sourceLines(keys []string, w, n int) []string {
	src := v.res.Scenario.Sources
	var out []string
	for _, k := range keys {
		if len(out) >= n {
			break
		}
		if text, ok := src[k]; ok {
			out = append(out, v.st.Dim.Render(k+": ")+strings.Join(strings.Fields(text), " "))
		}
	}
	if len(out) > 0 && n > 0 {
		out = append([]string{v.st.Title.Render(v.t("Sources"))}, out[:min(len(out), n-1)]...)
	}
	return out
}

// joinFit joins segments with sep, leaving out whole trailing segments that do not fit in w;
// it reports how many it kept.
func joinFit(segs []string, sep string, w int) (string, int) {
	var b strings.Builder
	used, kept := 0, 0
	for i, s := range segs {
		sw := cellWidth(s)
		if i > 0 {
			sw += len(sep)
		}
		if used+sw > w && i > 0 {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
		used += sw
		kept++
	}
	return b.String(), kept
}

func padLeft(s string, w int) string {
	if n := w - cellWidth(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
