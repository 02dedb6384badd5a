package report

import (
	"fmt"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
)

// words is the table's and headline's wording in one language. Templates are fmt formats whose
// explicit argument indexes (%[2]s) let a language put the figures in the order its grammar
// wants. Money stays in $B and power in GW, as in the table's unit row and the dashboard's charts.
// JSON and CSV keys are not translated: scripts read them.
type words struct {
	title    string     // scenario name, first year, last year
	headings [12]string // the table's columns; the last is the bottleneck's, set off by two spaces
	// bottlenecks and solvent are nil and "" in English, which uses the engine's own labels.
	bottlenecks [engine.NumBottlenecks]string
	solvent     string
	month       func(engine.YearMonth) string

	revenue2030, breakEven, noBreakEven, peakFunding, raised2030, installed2030 string
	inKind, arrears, restructured, times, windingDown, strandedPeak             string
}

var english = words{
	title: "%s · %d–%d · a baseline to argue with, not a forecast",
	headings: [12]string{"year", "revenue", "costs", "FCF", "cash", "cash in", "installed", "effective", "stranded",
		"power", "util", "bottleneck"},
	month:         engine.YearMonth.String,
	revenue2030:   "Revenue 2030 $%.0fB",
	breakEven:     "break-even %d",
	noBreakEven:   "no break-even by %d",
	peakFunding:   "peak cash need $%.0fB",
	raised2030:    "cash raised by 2030 $%.0fB",
	inKind:        " (+$%.0fB in kind)",
	installed2030: "GW installed 2030 %.1f",
	arrears:       "arrears $%.0[1]fB from %[2]s",
	restructured:  "restructured %s",
	times:         " (×%d)",
	windingDown:   "winding down from %s",
	strandedPeak:  "stranded peak %.1f GW",
}

var chinese = words{
	title:    "%s · %d–%d年 · 供讨论的基准，并非预测",
	headings: [12]string{"年份", "收入", "成本", "自由现金流", "现金", "现金融资", "已安装", "有效", "搁置", "电力", "利用率", "瓶颈"},
	bottlenecks: [engine.NumBottlenecks]string{
		engine.Demand: "需求", engine.Energy: "能源", engine.Supply: "供应", engine.Capital: "资本", engine.Compute: "算力",
	},
	solvent:       "偿付正常",
	month:         func(ym engine.YearMonth) string { return fmt.Sprintf("%d年%d月", ym.Year, ym.Month) },
	revenue2030:   "2030年收入 $%.0fB",
	breakEven:     "%d年实现盈亏平衡",
	noBreakEven:   "%d年前未实现盈亏平衡",
	peakFunding:   "峰值现金需求 $%.0fB",
	raised2030:    "截至2030年现金融资 $%.0fB",
	inKind:        "（另有实物融资 $%.0fB）",
	installed2030: "2030年已安装 %.1f GW",
	arrears:       "%[2]s起欠款，峰值 $%.0[1]fB",
	restructured:  "%s重组",
	times:         "（×%d）",
	windingDown:   "%s起清盘",
	strandedPeak:  "搁置峰值 %.1f GW",
}

// wordsIn is the wording of lang; English for a language the report does not have.
func wordsIn(lang insight.Language) *words {
	if lang == insight.Chinese {
		return &chinese
	}
	return &english
}

func (w *words) bottleneck(b engine.Bottleneck) string {
	if w.bottlenecks[b] == "" {
		return b.String()
	}
	return w.bottlenecks[b]
}

func (w *words) stageSolvent() string {
	if w.solvent == "" {
		return engine.Solvent.String()
	}
	return w.solvent
}
