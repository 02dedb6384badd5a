package insight

import (
	"math"
	"strconv"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
)

// A wording is a language's text for the insight line: templates whose slots %1, %2, … take the
// arguments the code passes in that order, each formatted by its kind (a year, a month, money, GW,
// a share, or text as given), so that a language can put the figures where its grammar wants them.
// A template with a hole %_ (a wall's size) takes the date of the wall's peak there.
//
// Every template of one field takes the same arguments in both languages; the field's comment
// says which.
type wording struct {
	cells     bool   // limits count terminal cells (ansi.StringWidth), not runes
	chinese   bool   // money in 亿美元 and 万亿美元, months as 2029年8月
	stop      string // ends a sentence
	stopWidth int    // how much stop counts against the limits, set by init
	and       string // between the figures of the change clause
	zero      string // revenue falls to zero

	titles [engine.NumBottlenecks]string // a link at the start of the sentence
	names  [engine.NumBottlenecks]string // a link in the change clause

	// The sentence's head: the link and when it binds. %1 the link's title, %2 the first year
	// (fromMonth, fromMonthTo: the first month), %3 the last year.
	now, through, from, fromMonth, fromMonthTo, in, span string

	// The wall's size. energy, supply: %1 GW, with the hole %_ for the peak's date. unserved (the
	// compute wall): %1 $B a year of demand the fleet cannot serve, with the hole. justMeets: none.
	// idle: %1 the idle share, %2 the year it peaks.
	energy, supply, unserved, justMeets, idle string
	// The capital wall. unaffordable (bills paid, the money to sign more binds): %1 GW of contracts
	// demand wants but the company cannot afford, with the hole. arrears: %1 the arrears at their
	// worst, %2 that year; arrearsFrom: also %3 the month they began. restructure: %1 the worst
	// arrears, %2 the year creditors first restructure. windingDown: also %3 the year the
	// wind-down begins; windingDownShort: %1 and %3 only.
	unaffordable, arrears, arrearsFrom, restructure, windingDown, windingDownShort string

	// The peak's date in the hole: peakEnd, peakAt: %1 its year; peakStart: none (it is the
	// wall's first month).
	peakEnd, peakAt, peakStart string

	// Optional clauses of the main sentence. revenueHolds, revenueFalls (after a restructuring):
	// %1 the revenue of the last full year (or zero), %2 that year. breakEven: %1 its year;
	// noBreakEven: %1 the horizon's last year. revenue2030: %1 revenue in 2030. advice: none.
	revenueHolds, revenueFalls          string
	breakEven, noBreakEven, revenue2030 string
	advice                              string

	// The change clause's head: after, %1 the lever, %2 the move; afterAction (no delta): %1 the
	// action. noChange: none.
	after, afterAction, noChange string
	// The clause when nothing moved and the lever's link does not bind (Change.Unbound): more,
	// less: %1 the lever, for a move up or down (an unsigned move writes the lever alone); then
	// unbound: %1 the link that binds instead.
	more, less, unbound string

	// The figures that moved. wallKind: %1 the link now binding, %2 the one before. wallLater,
	// wallEarlier, wallNow, wallWasNow: %1 the link, %2 its first year now, %3 before (wallNow:
	// %2 is now; wallWasNow: %3 was now).
	wallKind, wallLater, wallEarlier, wallNow, wallWasNow string
	// breakEvenSlips, breakEvenImproves: %1 the year before, %2 the year now; breakEvenLost: %1 the
	// year before; breakEvenFound: %2 the year now.
	breakEvenSlips, breakEvenImproves, breakEvenLost, breakEvenFound string
	// %1 the change, arrow first (▲$18B, ▼0.7 GW).
	revenue2030Moved, peakFundingMoved, strandedMoved, arrearsMoved string
	// arrearsAppear: %1 the new peak arrears; arrearsGone: %1 the one before.
	arrearsAppear, arrearsGone string
}

// en is the English wording, the line as it has always read.
var en = wording{
	stop:   ".",
	and:    ", ",
	zero:   "zero",
	titles: titles,
	names:  kindNames(),

	now:         "%1 binds now: ",
	through:     "%1 binds through %3: ",
	from:        "%1 binds from %2: ",
	fromMonth:   "%1 binds from %2: ",
	fromMonthTo: "%1 binds from %2 to %3: ",
	in:          "%1 binds in %2: ",
	span:        "%1 binds %2–%3: ",

	energy:    "%1 of GPUs wait for power%_",
	supply:    "%1 contracted but undelivered%_",
	unserved:  "demand outruns the fleet by %1/yr%_",
	justMeets: "the fleet just meets demand",
	idle:      "%1 of capacity idles in %2 while take-or-pay rent runs on",

	unaffordable:     "%1 wanted but unaffordable%_",
	arrears:          "arrears peak at %1 in %2",
	arrearsFrom:      "arrears from %3 peak at %1 in %2",
	restructure:      "arrears reach %1 and creditors restructure in %2",
	windingDown:      "arrears reach %1, creditors restructure in %2, winding down from %3",
	windingDownShort: "arrears reach %1, winding down from %3",

	peakEnd:   " by %1",
	peakAt:    " at the peak (%1)",
	peakStart: "",

	revenueHolds: "; revenue %1 by %2",
	revenueFalls: "; revenue falls to %1 by %2",
	breakEven:    "; break-even %1",
	noBreakEven:  "; no break-even by %1",
	revenue2030:  "; revenue 2030 %1",
	advice:       "; raise reinvestment or sign more",

	after:       "After %1 %2: ",
	afterAction: "After %1: ",
	noChange:    "no change in the headline figures",
	more:        "More %1",
	less:        "Less %1",
	unbound:     " changes nothing here: %1 binds",

	wallKind:    "%1 binds (was %2)",
	wallLater:   "%1 binds from %2 (was %3)",
	wallEarlier: "%1 binds from %2 (was %3)",
	wallNow:     "%1 binds now (was %3)",
	wallWasNow:  "%1 binds from %2 (was now)",

	breakEvenSlips:    "break-even slips %1 → %2",
	breakEvenImproves: "break-even improves %1 → %2",
	breakEvenLost:     "break-even lost (was %1)",
	breakEvenFound:    "break-even %2 (was none)",

	revenue2030Moved: "revenue 2030 %1",
	peakFundingMoved: "peak funding need %1",
	strandedMoved:    "stranded peak %1",
	arrearsMoved:     "arrears %1",
	arrearsAppear:    "arrears of %1 appear",
	arrearsGone:      "no arrears (was %1)",
}

// zh is the Simplified Chinese wording: business Chinese as a strategy executive reads it, not a
// word-for-word rendering of the English.
var zh = wording{
	cells:   true,
	chinese: true,
	stop:    "。",
	and:     "，",
	zero:    "零",
	titles: [engine.NumBottlenecks]string{
		engine.Demand:  "需求",
		engine.Energy:  "能源",
		engine.Supply:  "供应链",
		engine.Capital: "资本",
		engine.Compute: "算力",
	},
	names: [engine.NumBottlenecks]string{
		engine.Demand:  "需求",
		engine.Energy:  "能源",
		engine.Supply:  "供应链",
		engine.Capital: "资本",
		engine.Compute: "算力",
	},

	now:         "%1是当前瓶颈：",
	through:     "%1是当前瓶颈，持续到%3年：",
	from:        "%1自%2年起成为瓶颈：",
	fromMonth:   "%1自%2起成为瓶颈：",
	fromMonthTo: "%1在%2至%3年间成为瓶颈：",
	in:          "%1在%2年成为瓶颈：",
	span:        "%1在%2至%3年间成为瓶颈：",

	energy:    "%_有%1的GPU等待供电",
	supply:    "%_有%1已签约未交付",
	unserved:  "%_未满足需求达%1/年",
	justMeets: "算力恰好满足需求",
	idle:      "%2年%1的算力闲置，照付不议的租金仍需支付",

	unaffordable:     "需求超出可负担的签约规模，%_缺口达%1",
	arrears:          "%2年欠款峰值达%1",
	arrearsFrom:      "%3起出现欠款，%2年峰值达%1",
	restructure:      "欠款达%1，%2年债权人实施重组",
	windingDown:      "欠款达%1，%2年债权人实施重组，%3年起逐步停业",
	windingDownShort: "欠款达%1，%3年起逐步停业",

	peakEnd:   "到%1年",
	peakAt:    "%1年峰值时",
	peakStart: "峰值时",

	revenueHolds: "；%2年收入%1",
	revenueFalls: "；到%2年收入降至%1",
	breakEven:    "；%1年实现盈亏平衡",
	noBreakEven:  "；至%1年仍未实现盈亏平衡",
	revenue2030:  "；2030年收入%1",
	advice:       "；宜提高再投资比例或追加签约",

	after:       "调整%1%2后：",
	afterAction: "%1后：",
	noChange:    "关键指标无变化",
	more:        "增加%1",
	less:        "减少%1",
	unbound:     "不改变结果：%1才是瓶颈",

	wallKind:    "瓶颈转为%1（原为%2）",
	wallLater:   "%1瓶颈推迟至%2年（原为%3年）",
	wallEarlier: "%1瓶颈提前至%2年（原为%3年）",
	wallNow:     "%1瓶颈提前至当前（原为%3年）",
	wallWasNow:  "%1瓶颈推迟至%2年（原为当前）",

	breakEvenSlips:    "盈亏平衡推迟至%2年（原为%1年）",
	breakEvenImproves: "盈亏平衡提前至%2年（原为%1年）",
	breakEvenLost:     "无法实现盈亏平衡（原为%1年）",
	breakEvenFound:    "%2年实现盈亏平衡（原无法实现）",

	revenue2030Moved: "2030年收入%1",
	peakFundingMoved: "峰值资金需求%1",
	strandedMoved:    "搁置峰值%1",
	arrearsMoved:     "欠款%1",
	arrearsAppear:    "出现%1欠款",
	arrearsGone:      "欠款消除（原为%1）",
}

func init() {
	for _, w := range [...]*wording{&en, &zh} {
		w.stopWidth = w.width([]byte(w.stop))
	}
}

// kindNames are the engine's names of the links, as the English change clause uses them.
func kindNames() (n [engine.NumBottlenecks]string) {
	for k := range n {
		n[k] = engine.Bottleneck(k).String()
	}
	return n
}

// argKind says how an argument is written.
type argKind uint8

const (
	argText       argKind = iota // as given
	argLowered                   // a capitalised word lowered: "Energy build" → "energy build"; "GPU" kept
	argYear                      // 2030
	argMonth                     // 2027-03, 2027年3月
	argMoney                     // $B: $40B, 400亿美元
	argMoneyDelta                // a change in $B, arrow first: ▲$18B, ▲180亿美元
	argGW                        // 5.5 GW
	argGWDelta                   // ▼0.7 GW
	argPercent                   // a share 0–1: 71%
)

// arg is one figure or text for a template's slot.
type arg struct {
	kind argKind
	v    float64
	ym   engine.YearMonth
	s    string
}

func text(s string) arg             { return arg{kind: argText, s: s} }
func lowered(s string) arg          { return arg{kind: argLowered, s: s} }
func year(y int) arg                { return arg{kind: argYear, ym: engine.YearMonth{Year: y}} }
func month(ym engine.YearMonth) arg { return arg{kind: argMonth, ym: ym} }
func money(v float64) arg           { return arg{kind: argMoney, v: v} }
func moneyDelta(d float64) arg      { return arg{kind: argMoneyDelta, v: d} }
func gw(v float64) arg              { return arg{kind: argGW, v: v} }
func gwDelta(d float64) arg         { return arg{kind: argGWDelta, v: d} }
func percent(share float64) arg     { return arg{kind: argPercent, v: share} }

// put writes template t with its slots %1…%9 filled from a. Text arguments are written as they
// are, never read as templates. A hole %_ is appendSized's to fill; put writes nothing for it.
func (w *wording) put(b []byte, t string, a ...arg) []byte {
	for {
		i := strings.IndexByte(t, '%')
		if i < 0 || i+1 == len(t) {
			return append(b, t...)
		}
		b = append(b, t[:i]...)
		if c := t[i+1]; c != '_' {
			b = w.appendArg(b, a[c-'1'])
		}
		t = t[i+2:]
	}
}

// appendArg writes one argument in w's units.
func (w *wording) appendArg(b []byte, a arg) []byte {
	switch a.kind {
	case argText:
		return append(b, a.s...)
	case argLowered:
		if s := a.s; len(s) > 1 && 'A' <= s[0] && s[0] <= 'Z' && 'a' <= s[1] && s[1] <= 'z' {
			return append(append(b, s[0]+'a'-'A'), s[1:]...)
		}
		return append(b, a.s...)
	case argYear:
		return appendYear(b, a.ym.Year)
	case argMonth:
		if w.chinese {
			return appendMonthZh(b, a.ym)
		}
		return appendMonth(b, a.ym)
	case argMoney, argMoneyDelta:
		v := a.v
		if a.kind == argMoneyDelta {
			b, v = appendArrow(b, v), math.Abs(v)
		}
		if w.chinese {
			return appendMoneyZh(b, v)
		}
		return appendMoney(b, v)
	case argGW:
		return appendGW(b, a.v)
	case argGWDelta:
		return appendGW(appendArrow(b, a.v), math.Abs(a.v))
	default:
		return appendPercent(b, a.v)
	}
}

// appendMoneyZh writes $B in Chinese units to the precision appendMoney gives them, so the two
// print differently exactly when the English does: 1.2万亿美元 for $1.2T, 2210亿美元 for $221B,
// 45亿美元 for $4.5B, 3亿美元 for $0.3B.
func appendMoneyZh(b []byte, v float64) []byte {
	v = max(0, v)
	switch {
	case v >= 999.5:
		return append(appendTrillions(b, v), "万亿美元"...)
	case v >= 9.95:
		b = strconv.AppendFloat(b, v, 'f', 0, 64)
		b = append(b, '0') // 亿 is a tenth of $1B
	default:
		// One decimal of $B, as the English rounds it ("4.5", "0.3"), is a whole number of 亿:
		// drop the point, then a leading zero.
		start := len(b)
		b = strconv.AppendFloat(b, v, 'f', 1, 64)
		n := len(b)
		b[n-2] = b[n-1]
		b = b[:n-1]
		if b[start] == '0' && len(b)-start > 1 {
			b = append(b[:start], b[start+1:]...)
		}
	}
	return append(b, "亿美元"...)
}

// appendMonthZh writes a month as 2029年8月.
func appendMonthZh(b []byte, ym engine.YearMonth) []byte {
	b = appendYear(b, ym.Year)
	b = append(b, "年"...)
	b = strconv.AppendInt(b, int64(ym.Month), 10)
	return append(b, "月"...)
}
