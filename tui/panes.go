package tui

import (
	"math"
	"strconv"
	"strings"

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
	// legend names the chart's series in their colours.
	legend func(v *view) string
	// chart draws the pane's chart in w×h; zoom asks for the fuller version.
	chart func(v *view, w, h int, zoom bool) []string
	// spark is the one series a one-row pane shows.
	spark func(v *view) []float64
	// figures are the two lines of key figures at the year cursor, each a list of segments in
	// order of importance: a narrow pane drops the last ones whole rather than cut one.
	figures func(v *view) [2][]string
	// table rows of the zoomed pane, one value per year.
	table []tableRow
	// sources lists the levers and settings whose sources the zoomed pane cites.
	sources []string
}

type tableRow struct {
	label string
	value func(y *engine.Year) string
	words bool // the values are words to translate, not figures
}

var panes = [numPanes]pane{
	PaneCompute: {
		title: "Compute", links: []engine.Bottleneck{engine.Supply, engine.Compute},
		legend: func(v *view) string {
			g := v.st.Glyphs
			return v.st.Dim.Render("GW ") + v.st.Installed.Render(v.t("installed")) + " " + v.st.Effective.Render(v.t("effective")) + " " +
				v.st.Backlog.Render(v.t("backlog")+" "+strings.Repeat(g.Dot, 2))
		},
		chart: func(v *view, w, h int, zoom bool) []string {
			ls := []line{
				{func(m *engine.Month) float64 { return m.Backlog }, v.st.Backlog, true},
				{func(m *engine.Month) float64 { return m.Installed }, v.st.Installed, false},
				{func(m *engine.Month) float64 { return m.Effective }, v.st.Effective, false},
			}
			if zoom { // deliveries as a yearly rate: the supply wall shows as this line flattening
				ls = append(ls, line{func(m *engine.Month) float64 { return m.Deliveries * 12 }, v.st.Bottleneck[engine.Supply], false})
			}
			return v.plot(ls, nil, w, h, 0)
		},
		spark: func(v *view) []float64 { return v.series(func(m *engine.Month) float64 { return m.Installed }) },
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
			{label: "installed GW", value: func(y *engine.Year) string { return num(y.InstalledEnd, 1) }},
			{label: "effective GW", value: func(y *engine.Year) string { return num(y.EffectiveEnd, 1) }},
			{label: "stranded GW", value: func(y *engine.Year) string { return num(y.StrandedEnd, 1) }},
			{label: "delivered GW", value: func(y *engine.Year) string { return num(y.Deliveries, 1) }},
			{label: "supply cap GW/yr", value: func(y *engine.Year) string { return num(y.SupplyCapEnd, 1) }},
			{label: "backlog GW", value: func(y *engine.Year) string { return num(y.BacklogEnd, 1) }},
			{label: "utilisation", value: func(y *engine.Year) string { return pct(y.Utilisation) }},
			{label: "bottleneck", value: func(y *engine.Year) string { return y.Bottleneck.String() }, words: true},
		},
		sources: []string{"investment", "gpu_supply", "supply_growth", "useful_life", "installed_start", "supply_2025"},
	},
	PaneCapital: {
		title: "Capital", links: []engine.Bottleneck{engine.Capital},
		legend: func(v *view) string {
			return v.st.Dim.Render("$B "+v.t("free cash flow per year")+" ") + v.st.Up.Render("+") + v.st.Dim.Render("/") + v.st.Down.Render("−")
		},
		chart: func(v *view, w, h int, zoom bool) []string {
			fcf := v.yearly(func(y *engine.Year) float64 { return y.FCF })
			bars := func(h int) []string {
				if v.compare { // bars cannot overlay: against a baseline, FCF is a run-rate line for each
					return v.plot([]line{{func(m *engine.Month) float64 { return m.FCF * 12 }, v.st.Up, false}}, nil, w, h, 0)
				}
				return v.barChart(fcf, w, h)
			}
			if !zoom || h < 10 {
				return bars(h)
			}
			top := h / 2
			cash := v.plot([]line{
				{func(m *engine.Month) float64 { return m.Cash }, v.st.Cash, false},
				{func(m *engine.Month) float64 { return m.Debt }, v.st.Down, false},
			}, nil, w, top, 0)
			return append(cash, bars(h-top)...)
		},
		spark: func(v *view) []float64 { return v.series(func(m *engine.Month) float64 { return m.FCF }) },
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
			{label: "revenue $B", value: func(y *engine.Year) string { return num(y.Revenue, 0) }},
			{label: "cash costs $B", value: func(y *engine.Year) string { return num(y.Costs, 0) }},
			{label: "FCF $B", value: func(y *engine.Year) string { return num(y.FCF, 0) }},
			{label: "equity $B", value: func(y *engine.Year) string { return num(y.Equity, 0) }},
			{label: "vendor-fin. $B", value: func(y *engine.Year) string { return num(y.VendorFinanced, 0) }},
			{label: "debt drawn $B", value: func(y *engine.Year) string { return num(y.DebtDrawn, 0) }},
			{label: "cash end $B", value: func(y *engine.Year) string { return num(y.CashEnd, 0) }},
			{label: "debt end $B", value: func(y *engine.Year) string { return num(y.DebtEnd, 0) }},
			{label: "coverage", value: func(y *engine.Year) string { return num(y.CoverageEnd, 2) }},
		},
		sources: []string{"vendor_financing", "equity_capacity", "debt_rate", "rent_margin", "legacy_rent_discount", "debt_cap", "cash_start"},
	},
	PaneProducts: {
		title: "Products", links: []engine.Bottleneck{engine.Demand},
		legend: func(v *view) string {
			return v.st.Dim.Render(v.t("$B/yr")+" ") + v.st.Demand.Render(v.t("demand")+" "+strings.Repeat(v.st.Glyphs.Dot, 2)) + " " +
				v.st.Served.Render(v.t("served")) + v.st.Dim.Render(" "+v.t("gap = unmet"))
		},
		chart: func(v *view, w, h int, zoom bool) []string {
			ls := []line{
				{func(m *engine.Month) float64 { return m.Demand }, v.st.Demand, true},
				{func(m *engine.Month) float64 { return m.RevenueRate }, v.st.Served, false},
			}
			if zoom {
				ls = append(ls, line{func(m *engine.Month) float64 { return m.CapacityRevenue }, v.st.Capability, true})
			}
			return v.plot(ls, []chart.Band{{A: 0, B: 1, Style: v.st.Dim.Style}}, w, h, 0)
		},
		spark: func(v *view) []float64 { return v.series(func(m *engine.Month) float64 { return m.RevenueRate }) },
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
			return [2][]string{{
				strconv.Itoa(y.Year) + ": " + v.f("served {0} of {1}", money(y.Revenue)+v.delta(y.Revenue, p.Revenue, money, true), money(demand)),
				v.f("({0} unmet)", pct(unmet)),
			}, {
				v.t("capability") + " " + num(y.CapabilityEnd, 2),
				v.f("price/unit −{0}%/yr, usage {1}", engine.FormatNumber(price), usage),
			}}
		},
		table: []tableRow{
			{label: "revenue $B", value: func(y *engine.Year) string { return num(y.Revenue, 0) }},
			{label: "Dec run-rate $B", value: func(y *engine.Year) string { return num(y.RunRateEnd, 0) }},
			{label: "Dec demand $B", value: func(y *engine.Year) string { return num(y.DemandEnd, 0) }},
			{label: "utilisation", value: func(y *engine.Year) string { return pct(y.Utilisation) }},
			{label: "capability", value: func(y *engine.Year) string { return num(y.CapabilityEnd, 2) }},
			{label: "price index", value: func(y *engine.Year) string { return num(y.PriceIndexEnd, 2) }},
			{label: "usage $B (2025 p.)", value: func(y *engine.Year) string { return num(y.UsageEnd, 0) }},
		},
		sources: []string{"revenue_growth", "long_run_growth", "growth_half_life", "price_decline", "efficiency_gain", "demand_start", "revenue_per_gw_start"},
	},
	PaneEnergy: {
		title: "Energy", links: []engine.Bottleneck{engine.Energy},
		legend: func(v *view) string {
			g := v.st.Glyphs
			shade := "░"
			if v.st.ASCII {
				shade = ":"
			}
			return v.st.Dim.Render("GW ") + v.st.Power.Render(v.t("power online")) + " " +
				v.st.Installed.Render(v.t("GPUs installed")+" "+strings.Repeat(g.Dot, 2)) + " " + v.st.Stranded.Render(v.t("stranded")+" "+shade)
		},
		chart: func(v *view, w, h int, zoom bool) []string {
			ls := []line{
				{func(m *engine.Month) float64 { return m.Effective }, v.st.Power, false},
				{func(m *engine.Month) float64 { return m.Installed }, v.st.Installed, true},
				{func(m *engine.Month) float64 { return m.PowerOnline }, v.st.Power, false},
			}
			if zoom {
				ls = append(ls, line{func(m *engine.Month) float64 { return m.PowerPipeline }, v.st.Dim, true})
			}
			// The band between installed and effective is exactly the stranded GPUs. Power built far
			// ahead of the GPUs would flatten them against the axis: the scale follows the GPUs.
			top := 0.0
			for _, r := range v.shown() {
				for i := range r.Months {
					top = max(top, r.Months[i].Installed*1.15)
				}
			}
			return v.plot(ls, []chart.Band{{A: 1, B: 0, Style: v.st.Stranded.Style}}, w, h, niceCeil(top))
		},
		spark: func(v *view) []float64 { return v.series(func(m *engine.Month) float64 { return m.Stranded }) },
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
			{label: "power online GW", value: func(y *engine.Year) string { return num(y.PowerOnlineEnd, 1) }},
			{label: "GPUs installed GW", value: func(y *engine.Year) string { return num(y.InstalledEnd, 1) }},
			{label: "stranded GW", value: func(y *engine.Year) string { return num(y.StrandedEnd, 1) }},
			{label: "pipeline GW", value: func(y *engine.Year) string { return num(y.PowerPipelineEnd, 1) }},
			{label: "energy cost $B", value: func(y *engine.Year) string { return num(y.EnergyCost, 1) }},
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

// renderPane lays out a pane in w×h: border and title, legend, chart (a sparkline when only one
// row is left), and the two lines of figures; the zoomed pane adds a year table and sources.
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
	case ih >= 5:
		legend := 0
		if ih >= 8 {
			legend = 1
			content = append(content, p.legend(v))
		}
		content = append(content, p.chart(v, iw, ih-2-legend, false)...)
		content = append(content, figs[0], figs[1])
	case ih >= 3:
		content = append(content, splitLines(chart.Sparkline(p.spark(v), iw, v.st.ASCII, v.st.Accent.Style))...)
		content = append(content, figs[0], figs[1])
	default:
		content = figs[:ih]
	}
	return v.box(title, note, content, w, h, focused)
}

// zoomContent is the full-screen pane: legend, a tall chart with more series, the year table and
// the sources of the numbers behind it.
func zoomContent(p *pane, v *view, w, h int, figs [2]string) []string {
	table := yearTable(p, v, w)
	sources := v.sourceLines(p.sources, w, max(0, h/5))
	chartH := h - 1 - 2 - len(table) - len(sources) - 2
	if chartH < 6 { // too short for all: the table and sources give way to the chart
		table, sources = nil, nil
		chartH = h - 3
	}
	out := []string{p.legend(v)}
	out = append(out, p.chart(v, w, max(1, chartH), true)...)
	out = append(out, figs[0], figs[1], "")
	out = append(out, table...)
	if len(sources) > 0 {
		out = append(out, "")
		out = append(out, sources...)
	}
	return out
}

// yearTable lists the pane's figures for every year the width allows, the cursor year bold.
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
	for _, row := range p.table {
		var b strings.Builder
		b.WriteString(v.st.Dim.Render(fit(v.t(row.label), labelW)))
		for i := first; i < first+cols; i++ {
			value := row.value(&years[i])
			if row.words {
				value = v.t(value)
			}
			cell := padLeft(value, colW)
			if years[i].Year == v.year {
				cell = v.st.Bold.Render(cell)
			}
			b.WriteString(cell)
		}
		out = append(out, b.String())
	}
	return out
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

// niceCeil rounds up to 1, 2 or 5 times a power of ten, so a fixed axis reads 50, not 40.5.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= x {
			return f * p
		}
	}
	return 10 * p
}

func padLeft(s string, w int) string {
	if n := w - cellWidth(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
