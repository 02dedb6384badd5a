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
	names  [engine.NumBottlenecks]string // a link inside a sentence: after the shortfall, in the change clause

	// The wall's head: the link and when it binds. %1 the link (a title at the head of the
	// sentence, a name after the shortfall), %2 its first year or month, %3 its last. colon
	// comes between the head and the size.
	throughout, through, from, in, span, colon string

	// The wall's size. energy, supply: %1 GW, with the hole %_ for the peak's date. unserved (the
	// compute wall): %1 $B a year of demand the fleet cannot serve, with the hole. justMeets: none.
	// idle: %1 the idle share, %2 the year it peaks. unaffordable (a capital wall, bills paid):
	// %1 GW of contracts demand wants but the company cannot afford, with the hole.
	energy, supply, unserved, justMeets, idle, unaffordable string
	// The wall's impact in $B (%1), after then or colon: unservedImpact, demand the fleet could
	// not serve; idleImpact, capacity customers did not buy. noWall: no wall is material.
	unservedImpact, idleImpact, noWall string

	// The shortfall, told first. arrearsFrom (to the horizon's end), arrearsSpan, arrearsIn (one
	// month): %1 the first month in arrears, %2 the last, %3 the arrears at their worst.
	// restructure: %1 the month creditors first restructure. windingDown: %1 the month the
	// wind-down begins. then: between clauses.
	arrearsFrom, arrearsSpan, arrearsIn, restructure, windingDown, then string

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

	// The figures that moved. wallKind: %1 the main wall's link now, %2 before. wallMoved: %1 the
	// link, %2 its first month now, %3 before.
	wallKind, wallMoved string
	// breakEvenSlips, breakEvenImproves: %1 the year before, %2 the year now; breakEvenLost: %1 the
	// year before; breakEvenFound: %2 the year now.
	breakEvenSlips, breakEvenImproves, breakEvenLost, breakEvenFound string
	// %1 the change, arrow first (▲$18.0B, ▼0.7 GW).
	revenue2030Moved, peakFundingMoved, cashRaisedMoved, strandedMoved, arrearsMoved string
	// arrearsAppear: %1 the new peak arrears; arrearsGone: %1 the one before.
	arrearsAppear, arrearsGone string
	// stageMoved: %1 the stage (from stages: arrears, restructuring, winding down), %2 its month
	// now, %3 before, either one none.
	stageMoved string
	stages     [3]string
	none       string
}

// en is the English wording.
var en = wording{
	stop:   ".",
	and:    ", ",
	zero:   "zero",
	titles: titles,
	names:  kindNames(),

	throughout: "%1 binds throughout",
	through:    "%1 binds through %3",
	from:       "%1 binds from %2",
	in:         "%1 binds in %2",
	span:       "%1 binds %2–%3",
	colon:      ": ",

	energy:       "%1 of GPUs wait for power%_",
	supply:       "%1 contracted but undelivered%_",
	unserved:     "demand outruns the fleet by %1/yr%_",
	justMeets:    "the fleet just meets demand",
	idle:         "%1 of capacity idles in %2 while take-or-pay rent runs on",
	unaffordable: "%1 wanted but unaffordable%_",

	unservedImpact: "%1 of demand unserved",
	idleImpact:     "%1 of capacity unsold",
	noWall:         "No wall binds: the fleet keeps pace with demand",

	arrearsFrom: "In arrears from %1, peak %3",
	arrearsSpan: "In arrears %1–%2, peak %3",
	arrearsIn:   "In arrears in %1, peak %3",
	restructure: "; creditors restructure %1",
	windingDown: "; winding down from %1",
	then:        "; ",

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

	wallKind:  "main wall %1 (was %2)",
	wallMoved: "%1 wall from %2 (was %3)",

	breakEvenSlips:    "break-even slips %1 → %2",
	breakEvenImproves: "break-even improves %1 → %2",
	breakEvenLost:     "break-even lost (was %1)",
	breakEvenFound:    "break-even %2 (was none)",

	revenue2030Moved: "revenue 2030 %1",
	peakFundingMoved: "peak cash need %1",
	cashRaisedMoved:  "cash raised by 2030 %1",
	strandedMoved:    "stranded peak %1",
	arrearsMoved:     "arrears %1",
	arrearsAppear:    "arrears of %1 appear",
	arrearsGone:      "no arrears (was %1)",
	stageMoved:       "%1 %2 (was %3)",
	stages:           [3]string{"arrears from", "restructuring", "winding down from"},
	none:             "none",
}

// zh is the Simplified Chinese wording: business Chinese as a strategy executive reads it, not a
// word-for-word rendering of the English. A year argument writes its own 年 (2030年), a month
// its 年 and 月 (2029年8月), so a template reads the same with either.
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

	throughout: "%1在整个期间都是瓶颈",
	through:    "%1是当前瓶颈，持续到%3",
	from:       "%1自%2起成为瓶颈",
	in:         "%1在%2成为瓶颈",
	span:       "%1在%2至%3间成为瓶颈",
	colon:      "：",

	energy:       "%_有%1的GPU等待供电",
	supply:       "%_有%1已签约未交付",
	unserved:     "%_未满足需求达%1/年",
	justMeets:    "算力恰好满足需求",
	idle:         "%2%1的算力闲置，照付不议的租金仍需支付",
	unaffordable: "需求超出可负担的签约规模，%_缺口达%1",

	unservedImpact: "累计%1需求未满足",
	idleImpact:     "累计%1算力未售出",
	noWall:         "无明显瓶颈：算力与需求同步增长",

	arrearsFrom: "%1起陷入欠款，峰值达%3",
	arrearsSpan: "%1至%2陷入欠款，峰值达%3",
	arrearsIn:   "%1陷入欠款，峰值达%3",
	restructure: "；%1债权人实施重组",
	windingDown: "；%1起逐步停业",
	then:        "；",

	peakEnd:   "到%1",
	peakAt:    "%1峰值时",
	peakStart: "峰值时",

	revenueHolds: "；%2收入%1",
	revenueFalls: "；到%2收入降至%1",
	breakEven:    "；%1实现盈亏平衡",
	noBreakEven:  "；至%1仍未实现盈亏平衡",
	revenue2030:  "；2030年收入%1",
	advice:       "；宜提高再投资比例或追加签约",

	after:       "调整%1%2后：",
	afterAction: "%1后：",
	noChange:    "关键指标无变化",
	more:        "增加%1",
	less:        "减少%1",
	unbound:     "不改变结果：%1才是瓶颈",

	wallKind:  "主要瓶颈转为%1（原为%2）",
	wallMoved: "%1瓶颈始于%2（原为%3）",

	breakEvenSlips:    "盈亏平衡推迟至%2（原为%1）",
	breakEvenImproves: "盈亏平衡提前至%2（原为%1）",
	breakEvenLost:     "无法实现盈亏平衡（原为%1）",
	breakEvenFound:    "%2实现盈亏平衡（原无法实现）",

	revenue2030Moved: "2030年收入%1",
	peakFundingMoved: "峰值现金需求%1",
	cashRaisedMoved:  "截至2030年现金融资%1",
	strandedMoved:    "搁置峰值%1",
	arrearsMoved:     "欠款%1",
	arrearsAppear:    "出现%1欠款",
	arrearsGone:      "欠款消除（原为%1）",
	stageMoved:       "%1%2（原为%3）",
	stages:           [3]string{"欠款始于", "重组于", "停业始于"},
	none:             "无",
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
	argYear                      // 2030, 2030年
	argMonth                     // Mar 2027, 2027年3月
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
		if b = appendYear(b, a.ym.Year); w.chinese {
			b = append(b, "年"...)
		}
		return b
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
		return append(strconv.AppendFloat(b, v/1000, 'f', 1, 64), "万亿美元"...)
	case v >= 99.5:
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
