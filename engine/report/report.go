// Package report writes an engine Result for scripts and checks: a yearly table, stable JSON, or
// the monthly series as CSV. It writes to an io.Writer and knows nothing of terminals or flags.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
)

// Formats lists the output formats `flywheel run --format` accepts.
var Formats = []string{"table", "json", "csv"}

// Years limits output to calendar years From–To inclusive; the zero value means all years.
type Years struct{ From, To int }

// ParseYears reads "2026-2030" or "2030", checked against the result's horizon.
func ParseYears(s string, r *engine.Result) (Years, error) {
	first, last := r.Years[0].Year, r.Years[len(r.Years)-1].Year
	from, to, isRange := strings.Cut(strings.TrimSpace(s), "-")
	a, errA := strconv.Atoi(from)
	b, errB := a, error(nil)
	if isRange {
		b, errB = strconv.Atoi(to)
	}
	if errA != nil || errB != nil || a > b {
		return Years{}, fmt.Errorf("--years %s: want FROM-TO, e.g. %d-%d", engine.Quote(s), first, last)
	}
	if a < first || b > last {
		return Years{}, fmt.Errorf("--years %s: outside the horizon %d–%d", engine.Quote(s), first, last)
	}
	return Years{a, b}, nil
}

func (y Years) has(year int) bool { return y == (Years{}) || (year >= y.From && year <= y.To) }

// Write renders r in format ("table", "json" or "csv"). lang is the table's language; JSON and
// CSV are for scripts and always English.
func Write(w io.Writer, format string, r *engine.Result, years Years, lang insight.Language) error {
	switch format {
	case "table":
		return Table(w, r, years, lang)
	case "json":
		return JSON(w, r, years)
	case "csv":
		return CSV(w, r, years)
	}
	return fmt.Errorf("unknown format %s (formats: %s)", engine.Quote(format), strings.Join(Formats, ", "))
}

// units is the table's second heading row, under each column but the bottleneck.
var units = [11]string{"", "$B", "$B", "$B", "$B", "$B", "GW", "GW", "GW", "GW", "%"}

// Table writes one row per year, then the headline figures and the insight sentence, in lang.
func Table(w io.Writer, r *engine.Result, years Years, lang insight.Language) error {
	s := &r.Scenario
	wd := wordsIn(lang)
	last := r.Years[len(r.Years)-1].Year
	fmt.Fprintf(w, wd.title+"\n\n", engine.Printable(s.Name), r.Years[0].Year, last)
	rows := [][]string{append(wd.headings[:11:11], "  "+wd.headings[11]), append(units[:], "")}
	for _, y := range r.Years {
		if !years.has(y.Year) {
			continue
		}
		rows = append(rows, []string{strconv.Itoa(y.Year),
			fmt.Sprintf("%.1f", y.Revenue), fmt.Sprintf("%.1f", y.Costs), fmt.Sprintf("%.1f", y.FCF),
			fmt.Sprintf("%.1f", y.CashEnd), fmt.Sprintf("%.1f", y.Equity+y.DebtDrawn),
			fmt.Sprintf("%.2f", y.InstalledEnd), fmt.Sprintf("%.2f", y.EffectiveEnd), fmt.Sprintf("%.2f", y.StrandedEnd),
			fmt.Sprintf("%.2f", y.PowerOnlineEnd), fmt.Sprintf("%.0f", y.Utilisation*100), "  " + wd.bottleneck(y.Bottleneck)})
	}
	alignRight(w, rows)
	main, _ := insight.PartsIn(lang, r, nil, insight.Change{})
	_, err := fmt.Fprintf(w, "\n%s\n%s\n", headline(r, wd), main)
	return err
}

// alignRight writes rows as columns right-aligned two cells apart, measured in terminal cells (a
// Han character is two), which text/tabwriter does not do; each row's last field is written as
// it is, after the columns.
func alignRight(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0])-1)
	for _, row := range rows {
		for i, cell := range row[:len(row)-1] {
			width[i] = max(width[i], ansi.StringWidth(cell)+2)
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row[:len(row)-1] {
			b.WriteString(strings.Repeat(" ", width[i]-ansi.StringWidth(cell)))
			b.WriteString(cell)
		}
		b.WriteString(row[len(row)-1])
		fmt.Fprintln(w, b.String())
	}
}

// headline is the one-paragraph summary under the table, in the wording wd.
func headline(r *engine.Result, wd *words) string {
	h := &r.Headline
	var parts []string
	add := func(format string, args ...any) { parts = append(parts, fmt.Sprintf(format, args...)) }
	if h.HasYear2030 {
		add(wd.revenue2030, h.Revenue2030)
	}
	if h.BreakEvenYear > 0 {
		add(wd.breakEven, h.BreakEvenYear)
	} else {
		add(wd.noBreakEven, r.Years[len(r.Years)-1].Year)
	}
	add(wd.peakFunding, h.PeakFundingNeed)
	if h.HasYear2030 {
		raised := fmt.Sprintf(wd.raised2030, h.CashRaised2030)
		if math.Round(h.VendorFinanced2030) > 0 {
			raised += fmt.Sprintf(wd.inKind, h.VendorFinanced2030)
		}
		parts = append(parts, raised)
		add(wd.installed2030, h.Installed2030)
	}
	parts = append(parts, stages(h, wd))
	add(wd.strandedPeak, h.StrandedPeak)
	return strings.Join(parts, " · ")
}

// stages names how far a funding shortfall went: "solvent", or each stage reached with its first
// month ("arrears $30B from 2028-05 · restructured 2030-06 · winding down from 2034-04").
func stages(h *engine.Headline, wd *words) string {
	if h.ArrearsFrom.IsZero() {
		return wd.stageSolvent()
	}
	parts := []string{fmt.Sprintf(wd.arrears, h.PeakArrears, wd.month(h.ArrearsFrom))}
	if !h.RestructuredAt.IsZero() {
		r := fmt.Sprintf(wd.restructured, wd.month(h.RestructuredAt))
		if h.Restructurings > 1 {
			r += fmt.Sprintf(wd.times, h.Restructurings)
		}
		parts = append(parts, r)
	}
	if !h.WindingDownFrom.IsZero() {
		parts = append(parts, fmt.Sprintf(wd.windingDown, wd.month(h.WindingDownFrom)))
	}
	return strings.Join(parts, " · ")
}

// round3 keeps JSON readable and diffable: three decimals of $B or GW are far below the model's
// precision.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

type jsonScenario struct {
	Name         string             `json:"name"`
	Start        string             `json:"start"`
	HorizonYears int                `json:"horizon_years"`
	Levers       map[string]float64 `json:"levers"`
	Settings     map[string]float64 `json:"settings"`
}

// The JSON structs fix the key order README.md documents; a nil pointer is JSON null ("none").
type jsonHeadline struct {
	Revenue2030       *float64 `json:"revenue_2030_usd_bn"`
	BreakEvenYear     *int     `json:"break_even_year"`
	PeakFundingNeed   float64  `json:"peak_funding_need_usd_bn"`
	FundingRaised2030 *float64 `json:"funding_raised_2030_usd_bn"`
	CashRaised2030    *float64 `json:"cash_raised_2030_usd_bn"`
	VendorFin2030     *float64 `json:"vendor_financed_2030_usd_bn"`
	PeakArrears       float64  `json:"peak_arrears_usd_bn"`
	ArrearsFrom       *string  `json:"arrears_from"`
	RestructuredAt    *string  `json:"restructured_at"`
	WindingDownFrom   *string  `json:"winding_down_from"`
	Restructurings    int      `json:"restructurings"`
	Installed2030     *float64 `json:"gw_installed_2030"`
	StrandedPeak      float64  `json:"stranded_gw_peak"`
	BottleneckNow     string   `json:"bottleneck_now"`
}

// monthOrNull is a headline month as "YYYY-MM", or nil (JSON null) for one that never came.
func monthOrNull(ym engine.YearMonth) *string {
	if ym.IsZero() {
		return nil
	}
	s := ym.String()
	return &s
}

type jsonYear struct {
	Year                int     `json:"year"`
	Revenue             float64 `json:"revenue_usd_bn"`
	Costs               float64 `json:"costs_usd_bn"`
	ChipRent            float64 `json:"chip_rent_usd_bn"`
	ShellRent           float64 `json:"shell_rent_usd_bn"`
	FCF                 float64 `json:"fcf_usd_bn"`
	CashEnd             float64 `json:"cash_end_usd_bn"`
	Equity              float64 `json:"equity_raised_usd_bn"`
	VendorFinanced      float64 `json:"vendor_financed_usd_bn"`
	DebtEnd             float64 `json:"debt_end_usd_bn"`
	ArrearsEnd          float64 `json:"arrears_end_usd_bn"`
	RestructuredDebtEnd float64 `json:"restructured_debt_end_usd_bn"`
	RunRateDec          float64 `json:"run_rate_dec_usd_bn"`
	Installed           float64 `json:"gw_installed_end"`
	Effective           float64 `json:"gw_effective_end"`
	Stranded            float64 `json:"gw_stranded_end"`
	PowerOnline         float64 `json:"power_online_gw_end"`
	Backlog             float64 `json:"backlog_gw_end"`
	Utilisation         float64 `json:"utilisation"`
	Capability          float64 `json:"capability_end"`
	Bottleneck          string  `json:"bottleneck"`
}

type jsonResult struct {
	Scenario jsonScenario `json:"scenario"`
	Headline jsonHeadline `json:"headline"`
	Years    []jsonYear   `json:"years"`
}

// JSON writes the scenario, the headline and the yearly figures with stable keys (README.md).
func JSON(w io.Writer, r *engine.Result, years Years) error {
	s := &r.Scenario
	h := &r.Headline
	out := jsonResult{
		Scenario: jsonScenario{Name: s.Name, Start: s.Start.String(), HorizonYears: s.HorizonYears,
			Levers: map[string]float64{}, Settings: map[string]float64{}},
		Headline: jsonHeadline{
			PeakFundingNeed: round3(h.PeakFundingNeed), PeakArrears: round3(h.PeakArrears),
			ArrearsFrom: monthOrNull(h.ArrearsFrom), RestructuredAt: monthOrNull(h.RestructuredAt),
			WindingDownFrom: monthOrNull(h.WindingDownFrom), Restructurings: h.Restructurings,
			StrandedPeak: round3(h.StrandedPeak), BottleneckNow: h.BottleneckNow.String(),
		},
		Years: []jsonYear{},
	}
	for i, p := range engine.Levers {
		out.Scenario.Levers[p.Key] = s.Levers[i]
	}
	for i, p := range engine.Settings {
		out.Scenario.Settings[p.Key] = s.Settings[i]
	}
	if h.HasYear2030 {
		rev, raised, inst := round3(h.Revenue2030), round3(h.FundingRaised2030), round3(h.Installed2030)
		cash, vendor := round3(h.CashRaised2030), round3(h.VendorFinanced2030)
		out.Headline.Revenue2030, out.Headline.FundingRaised2030, out.Headline.Installed2030 = &rev, &raised, &inst
		out.Headline.CashRaised2030, out.Headline.VendorFin2030 = &cash, &vendor
	}
	if h.BreakEvenYear > 0 {
		be := h.BreakEvenYear
		out.Headline.BreakEvenYear = &be
	}
	chip, shell := rents(r)
	for i, y := range r.Years {
		if !years.has(y.Year) {
			continue
		}
		out.Years = append(out.Years, jsonYear{
			Year: y.Year, Revenue: round3(y.Revenue), Costs: round3(y.Costs),
			ChipRent: round3(chip[i]), ShellRent: round3(shell[i]), FCF: round3(y.FCF),
			CashEnd: round3(y.CashEnd), Equity: round3(y.Equity), VendorFinanced: round3(y.VendorFinanced),
			DebtEnd: round3(y.DebtEnd), ArrearsEnd: round3(y.ArrearsEnd), RestructuredDebtEnd: round3(y.RestructuredDebtEnd),
			RunRateDec: round3(y.RunRateEnd), Installed: round3(y.InstalledEnd),
			Effective: round3(y.EffectiveEnd), Stranded: round3(y.StrandedEnd), PowerOnline: round3(y.PowerOnlineEnd),
			Backlog: round3(y.BacklogEnd), Utilisation: round3(y.Utilisation), Capability: round3(y.CapabilityEnd),
			Bottleneck: y.Bottleneck.String(),
		})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(escapeJSON(b), '\n'))
	return err
}

// escapeJSON writes as \u escapes, inside b's strings, the characters encoding/json leaves raw that
// may not reach a terminal (engine.CheckText: DEL, C1 controls, bidi and zero-width characters), so
// the JSON printed to a terminal is safe and still decodes to the same text. Outside strings JSON
// is ASCII and its own line breaks, which CheckText allows in prose, are kept.
func escapeJSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && engine.CheckText("", string(r), true) != nil {
			for _, u := range utf16.AppendRune(nil, r) {
				out = fmt.Appendf(out, `\u%04x`, u)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// rents sums each year's chip and shell rent from its months: engine.Year carries only their total.
func rents(r *engine.Result) (chip, shell []float64) {
	chip, shell = make([]float64, len(r.Years)), make([]float64, len(r.Years))
	for i := range r.Months {
		m := &r.Months[i]
		y := r.YearIndex(m.Date.Year)
		chip[y] += m.ChipRent
		shell[y] += m.ShellRent
	}
	return chip, shell
}

// Column is one monthly series in the CSV: its header (name with unit) and how to read it.
type Column struct {
	Header string
	Value  func(m *engine.Month) float64
}

// Columns are the CSV's monthly series, after the leading month, bottleneck and stage columns.
// They are grouped by link (compute, energy, products, capital), so new series land among their
// kin: scripts should find a column by its header, not its position.
var Columns = []Column{
	{"backlog_gw", func(m *engine.Month) float64 { return m.Backlog }},
	{"backlog_value_usd_bn", func(m *engine.Month) float64 { return m.BacklogValue }},
	{"due_gw", func(m *engine.Month) float64 { return m.Due }},
	{"new_contracts_gw", func(m *engine.Month) float64 { return m.NewContracts }},
	{"signed_value_usd_bn", func(m *engine.Month) float64 { return m.SignedValue }},
	{"unaffordable_gw", func(m *engine.Month) float64 { return m.Unaffordable }},
	{"deliveries_gw", func(m *engine.Month) float64 { return m.Deliveries }},
	{"delivered_value_usd_bn", func(m *engine.Month) float64 { return m.DeliveredValue }},
	{"cancelled_gw", func(m *engine.Month) float64 { return m.CancelledGW }},
	{"cancelled_value_usd_bn", func(m *engine.Month) float64 { return m.CancelledValue }},
	{"supply_cap_gw_per_yr", func(m *engine.Month) float64 { return m.SupplyCap }},
	{"retirements_gw", func(m *engine.Month) float64 { return m.Retirements }},
	{"installed_gw", func(m *engine.Month) float64 { return m.Installed }},
	{"effective_gw", func(m *engine.Month) float64 { return m.Effective }},
	{"stranded_gw", func(m *engine.Month) float64 { return m.Stranded }},
	{"training_gw", func(m *engine.Month) float64 { return m.Training }},
	{"inference_gw", func(m *engine.Month) float64 { return m.Inference }},
	{"power_starts_gw_per_yr", func(m *engine.Month) float64 { return m.PowerStarts }},
	{"power_pipeline_gw", func(m *engine.Month) float64 { return m.PowerPipeline }},
	{"power_online_gw", func(m *engine.Month) float64 { return m.PowerOnline }},
	{"power_need_gw", func(m *engine.Month) float64 { return m.PowerNeed }},
	{"power_released_gw", func(m *engine.Month) float64 { return m.PowerReleased }},
	{"power_completed_gw", func(m *engine.Month) float64 { return m.PowerCompleted }},
	{"power_cancelled_gw", func(m *engine.Month) float64 { return m.PowerCancelled }},
	{"demand_usd_bn_per_yr", func(m *engine.Month) float64 { return m.Demand }},
	{"capacity_revenue_usd_bn_per_yr", func(m *engine.Month) float64 { return m.CapacityRevenue }},
	{"revenue_run_rate_usd_bn_per_yr", func(m *engine.Month) float64 { return m.RevenueRate }},
	{"utilisation", func(m *engine.Month) float64 { return m.Utilisation }},
	{"revenue_per_gw_usd_bn_per_gw_yr", func(m *engine.Month) float64 { return m.RevenuePerGW }},
	{"price_index", func(m *engine.Month) float64 { return m.PriceIndex }},
	{"usage_usd_bn_per_yr_at_start_prices", func(m *engine.Month) float64 { return m.Usage }},
	{"capability_index", func(m *engine.Month) float64 { return m.Capability }},
	{"revenue_usd_bn", func(m *engine.Month) float64 { return m.Revenue }},
	{"compute_rent_usd_bn", func(m *engine.Month) float64 { return m.ComputeRent }},
	{"chip_rent_usd_bn", func(m *engine.Month) float64 { return m.ChipRent }},
	{"shell_rent_usd_bn", func(m *engine.Month) float64 { return m.ShellRent }},
	{"energy_cost_usd_bn", func(m *engine.Month) float64 { return m.EnergyCost }},
	{"partner_share_usd_bn", func(m *engine.Month) float64 { return m.PartnerShare }},
	{"opex_usd_bn", func(m *engine.Month) float64 { return m.Opex }},
	{"interest_usd_bn", func(m *engine.Month) float64 { return m.Interest }},
	{"arrears_interest_usd_bn", func(m *engine.Month) float64 { return m.ArrearsInterest }},
	{"termination_fee_usd_bn", func(m *engine.Month) float64 { return m.TerminationFee }},
	{"costs_usd_bn", func(m *engine.Month) float64 { return m.Costs }},
	{"vendor_financed_usd_bn", func(m *engine.Month) float64 { return m.VendorFinanced }},
	{"cash_costs_usd_bn", func(m *engine.Month) float64 { return m.CashCosts }},
	{"fcf_usd_bn", func(m *engine.Month) float64 { return m.FCF }},
	{"equity_raised_usd_bn", func(m *engine.Month) float64 { return m.Equity }},
	{"debt_drawn_usd_bn", func(m *engine.Month) float64 { return m.DebtDrawn }},
	{"debt_repaid_usd_bn", func(m *engine.Month) float64 { return m.DebtRepaid }},
	{"debt_usd_bn", func(m *engine.Month) float64 { return m.Debt }},
	{"restructured_usd_bn", func(m *engine.Month) float64 { return m.Restructured }},
	{"restructured_debt_usd_bn", func(m *engine.Month) float64 { return m.RestructuredDebt }},
	{"cash_usd_bn", func(m *engine.Month) float64 { return m.Cash }},
	{"arrears_usd_bn", func(m *engine.Month) float64 { return m.Arrears }},
	{"distress", func(m *engine.Month) float64 { return m.Distress }},
	{"coverage", func(m *engine.Month) float64 { return m.Coverage }},
}

// CSV writes the monthly series: a header row of names with units, then one row per month.
// Money flows are per month; stocks are at month end; "_per_yr" marks annual rates.
func CSV(w io.Writer, r *engine.Result, years Years) error {
	cw := csv.NewWriter(w)
	row := make([]string, 0, 3+len(Columns))
	row = append(row, "month", "bottleneck", "stage")
	for _, c := range Columns {
		row = append(row, c.Header)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for i := range r.Months {
		m := &r.Months[i]
		if !years.has(m.Date.Year) {
			continue
		}
		row = append(row[:0], m.Date.String(), m.Bottleneck.String(), m.Stage.String())
		for _, c := range Columns {
			row = append(row, strconv.FormatFloat(c.Value(m), 'f', 6, 64))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
