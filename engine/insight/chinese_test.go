package insight

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// zhMoves are the labels and deltas of changeCases as the Chinese UI passes them.
var zhMoves = map[[2]string][2]string{
	{"GPU supply", "+1 GW/yr"}:        {"GPU 供应", "+1 GW/年"},
	{"GPU supply", "−0.25 GW/yr"}:     {"GPU 供应", "−0.25 GW/年"},
	{"GPU supply", "+0.5 GW/yr"}:      {"GPU 供应", "+0.5 GW/年"},
	{"Investment", "−0.2 $T"}:         {"投资", "−0.2万亿美元"},
	{"Investment", "−0.7 $T"}:         {"投资", "−0.7万亿美元"},
	{"Power lead time", "+24 months"}: {"电力建设周期", "+24个月"},
	{"Equity capacity", "−35 $B/yr"}:  {"股权融资能力", "−350亿美元/年"},
	{"Equity capacity", "−10 $B/yr"}:  {"股权融资能力", "−100亿美元/年"},
	{"Equity capacity", "+10 $B/yr"}:  {"股权融资能力", "+100亿美元/年"},
	{"Undo", ""}:                      {"撤销", ""},
}

// zhChange is ch as the Chinese UI passes it: label and delta in Chinese, the rest as it is.
func zhChange(ch Change) (Change, bool) {
	m, ok := zhMoves[[2]string{ch.Label, ch.Delta}]
	ch.Label, ch.Delta = m[0], m[1]
	return ch, ok
}

// zhLevers names the levers in Chinese, by key, for the property test; units in zhUnits.
var zhLevers = map[string]string{
	"investment": "投资", "gpu_supply": "GPU 供应", "revenue_growth": "收入增速",
	"supply_growth": "供应增速", "energy_build": "电力新建", "energy_growth": "电力增速",
	"power_lead_time": "电力建设周期", "gpu_lead_time": "GPU 交付周期", "cost_per_gw": "每GW成本",
	"cost_decline": "成本降幅", "useful_life": "使用寿命", "rent_margin": "租金利润率",
	"electricity_price": "电价", "pue": "电能使用效率", "training_share": "训练占比",
	"price_decline": "价格降幅", "efficiency_gain": "效率提升", "long_run_growth": "长期增速",
	"growth_half_life": "增速半衰期", "capability_elasticity": "能力弹性",
	"unmet_demand_penalty": "未满足需求惩罚", "reinvest_share": "再投资比例",
	"vendor_financing": "供应商融资", "equity_capacity": "股权融资能力", "debt_rate": "债务利率",
	"cash_buffer": "现金缓冲", "revenue_share_to_partner": "合作方分成", "opex_fixed": "固定运营成本",
	"opex_variable": "可变运营成本",
}

var zhUnits = map[string]string{
	"$T": "万亿美元", "$B": "十亿美元", "$B/yr": "十亿美元/年", "$/MWh": "美元/兆瓦时", "%": "%",
	"%/yr": "%/年", "×": "倍", "years": "年", "months": "个月", "GW/yr": " GW/年",
}

// zhKinds are the words a Chinese sentence must name each link by.
var zhKinds = [engine.NumBottlenecks]string{
	engine.Demand: "需求", engine.Energy: "能源", engine.Supply: "供应", engine.Capital: "资本", engine.Compute: "算力",
}

// englishWord finds a leftover English word: three letters or more, GPU aside.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// letters finds any run of Latin letters: in Chinese only GW and GPU.
var letters = regexp.MustCompile(`[A-Za-z]+`)

func leftoverEnglish(s string) string {
	for _, w := range englishWord.FindAllString(s, -1) {
		if w != "GPU" {
			return w
		}
	}
	return ""
}

// zhLine is the Chinese main sentence and change clause of r against prev, joined as the UI
// shows them on one line.
func zhLine(r, prev *engine.Result, ch Change) string {
	main, clause := PartsIn(Chinese, r, prev, ch)
	return main + clause
}

func TestParseLanguage(t *testing.T) {
	for _, c := range []struct {
		code string
		lang Language
		ok   bool
	}{
		{"en", English, true}, {"EN", English, true}, {"En", English, true},
		{"zh", Chinese, true}, {"ZH", Chinese, true}, {"zH", Chinese, true},
		{"", English, false}, {"fr", English, false}, {"cn", English, false}, {"zh-CN", English, false},
		{"en-US", English, false}, {" zh", English, false}, {"english", English, false}, {"中文", English, false},
	} {
		if lang, ok := ParseLanguage(c.code); lang != c.lang || ok != c.ok {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v, %v", c.code, lang, ok, c.lang, c.ok)
		}
	}
}

// Parts is PartsIn English, and a Language out of range falls back to English.
func TestPartsInEnglish(t *testing.T) {
	for _, c := range changeCases {
		r, prev := run(t, c.to...), run(t, c.from...)
		m, cl := Parts(r, prev, c.ch)
		for _, lang := range []Language{English, Language(-1), Language(9)} {
			if m2, cl2 := PartsIn(lang, r, prev, c.ch); m2 != m || cl2 != cl {
				t.Errorf("%s, language %d: %q %q, want %q %q", c.name, lang, m2, cl2, m, cl)
			}
		}
		if got := Sentence(r, prev, c.ch); got != m+" "+cl {
			t.Errorf("%s: Sentence %q is not Parts %q + %q", c.name, got, m, cl)
		}
	}
	if m, cl := PartsIn(Chinese, nil, nil, Change{}); m != "" || cl != "" {
		t.Errorf("nil result: %q %q", m, cl)
	}
}

// TestGoldenChinese pins the Chinese sentences of the cases sentences.golden pins in English.
func TestGoldenChinese(t *testing.T) {
	var out strings.Builder
	for _, c := range wallCases {
		fmt.Fprintf(&out, "%s\n\t%s\n", c.name, zhLine(run(t, c.sets...), nil, Change{}))
	}
	for _, c := range changeCases {
		ch, ok := zhChange(c.ch)
		if !ok {
			t.Fatalf("%s: no Chinese for the change %+v", c.name, c.ch)
		}
		fmt.Fprintf(&out, "%s\n\t%s\n", c.name, zhLine(run(t, c.to...), run(t, c.from...), ch))
	}
	names, runs := presets(t)
	for i, r := range runs {
		fmt.Fprintf(&out, "preset %s\n\t%s\n", names[i], zhLine(r, nil, Change{}))
	}
	testutil.Golden(t, "sentences_zh.golden", out.String())
}

// Every story gets a Chinese sentence that tells what the English one tells: the arrears first
// when there are any, else the main wall, its link, when it binds and its size, within the width.
func TestWallsChinese(t *testing.T) {
	for _, c := range wallCases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.sets...)
			st := Analyse(r)
			main, clause := PartsIn(Chinese, r, nil, Change{})
			t.Log(main)
			if clause != "" {
				t.Errorf("a change clause without a move: %q", clause)
			}
			if st.Shortfall.Has() {
				if !strings.HasPrefix(main, string(appendMonthZh(nil, st.Shortfall.ArrearsFrom))) || !strings.Contains(main, "陷入欠款") {
					t.Errorf("%q does not begin with the arrears from %v", main, st.Shortfall.ArrearsFrom)
				}
			} else {
				w := &st.Wall
				head, _, ok := strings.Cut(main, "：")
				if !ok || !strings.HasPrefix(head, zhKinds[w.Kind]) {
					t.Fatalf("%q does not begin with the %s wall", main, zhKinds[w.Kind])
				}
				if !strings.Contains(head, strconv.Itoa(w.From.Year)+"年") && !strings.Contains(head, "当前") && !strings.Contains(head, "整个") {
					t.Errorf("%q does not say the wall binds from %d", head, w.From.Year)
				}
				var size string
				switch w.Kind {
				case engine.Energy:
					size = string(appendGW(nil, w.Peak)) + "的GPU等待供电"
				case engine.Supply:
					size = string(appendGW(nil, w.Peak)) + "已签约未交付"
				case engine.Capital:
					size = "缺口达" + string(appendGW(nil, w.Peak))
				case engine.Demand:
					size = strconv.Itoa(w.PeakAt.Year) + "年" + string(appendPercent(nil, w.Peak)) + "的算力闲置"
				case engine.Compute:
					size = string(appendMoneyZh(nil, w.Peak)) + "/年"
				}
				if !strings.Contains(main, size) {
					t.Errorf("%q does not name the size %q", main, size)
				}
			}
			if w := ansi.StringWidth(main); w >= maxMain {
				t.Errorf("%d cells, want under %d", w, maxMain)
			}
			if w := leftoverEnglish(main); w != "" {
				t.Errorf("English %q left in %q", w, main)
			}
		})
	}
}

// Every figure of the change clause in Chinese, with the same choice and order as in English.
func TestChangeFiguresChinese(t *testing.T) {
	const timeline = "dddddddddddd EEEEEEEEEEEE EEEEEEEEEEEE EEEEEEEEEEEE dddddddddddd"
	base := func(timeline string) *engine.Result {
		r := synth(timeline)
		h := &r.Headline
		h.BreakEvenYear, h.HasYear2030, h.Revenue2030, h.CashRaised2030 = 2028, true, 300, 80
		h.PeakFundingNeed, h.StrandedPeak = 100, 5
		return r
	}
	ym := func(y, m int) engine.YearMonth { return engine.YearMonth{Year: y, Month: m} }
	ch := Change{Label: "杠杆", Delta: "+1"}
	for _, c := range []struct {
		name     string
		from, to string // timelines, when not the default
		move     func(h, ph *engine.Headline, r *engine.Result)
		ch       Change
		want     string
	}{
		{"nothing", "", "", func(_, _ *engine.Headline, _ *engine.Result) {}, ch, "调整杠杆+1后：关键指标无变化。"},
		{"an action", "", "", func(_, _ *engine.Headline, _ *engine.Result) {}, Change{Label: "重置全部杠杆"}, "重置全部杠杆后：关键指标无变化。"},
		{"invisible", "", "", func(h, _ *engine.Headline, _ *engine.Result) { h.Revenue2030 += 0.2; h.StrandedPeak += 0.01 }, ch,
			"调整杠杆+1后：关键指标无变化。"},
		{"break-even slips", "", "", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2029 }, ch,
			"调整杠杆+1后：盈亏平衡推迟至2029年（原为2028年）。"},
		{"break-even improves", "", "", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2027 }, ch,
			"调整杠杆+1后：盈亏平衡提前至2027年（原为2028年）。"},
		{"break-even lost", "", "", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 0 }, ch,
			"调整杠杆+1后：无法实现盈亏平衡（原为2028年）。"},
		{"break-even found", "", "", func(_, ph *engine.Headline, _ *engine.Result) { ph.BreakEvenYear = 0 }, ch,
			"调整杠杆+1后：2028年实现盈亏平衡（原无法实现）。"},
		{"largest relative move first, while the clause fits", "", "", func(h, _ *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed, h.StrandedPeak = 282, 150, 5.2
		}, ch, "调整杠杆+1后：峰值现金需求▲500亿美元，2030年收入▼180亿美元，搁置峰值▲0.2 GW。"},
		{"a second figure must move 2%", "", "", func(h, _ *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed = 297, 150
		}, ch, "调整杠杆+1后：峰值现金需求▲500亿美元。"},
		{"a long lever leaves room for fewer figures", "", "", func(h, _ *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed, h.StrandedPeak = 282, 150, 5.2
		}, Change{Label: "未满足需求惩罚", Delta: "+0.05倍"}, "调整未满足需求惩罚+0.05倍后：峰值现金需求▲500亿美元，2030年收入▼180亿美元。"},
		{"cash raised", "", "", func(h, _ *engine.Headline, _ *engine.Result) { h.CashRaised2030 = 120 }, ch,
			"调整杠杆+1后：截至2030年现金融资▲400亿美元。"},
		{"arrears appear", "", "", func(h, _ *engine.Headline, _ *engine.Result) {
			h.BreakEvenYear, h.PeakArrears, h.Revenue2030 = 0, 30, 250
		}, ch,
			"调整杠杆+1后：无法实现盈亏平衡（原为2028年），出现300亿美元欠款。"},
		{"arrears gone", "", "", func(_, ph *engine.Headline, _ *engine.Result) { ph.PeakArrears = 30 }, ch,
			"调整杠杆+1后：欠款消除（原为300亿美元）。"},
		{"arrears grow", "", "", func(h, ph *engine.Headline, _ *engine.Result) { h.PeakArrears, ph.PeakArrears = 1450, 1300 }, ch,
			"调整杠杆+1后：欠款▲1500亿美元。"},
		{"restructuring moves", "", "", func(h, ph *engine.Headline, _ *engine.Result) {
			h.ArrearsFrom, ph.ArrearsFrom, h.PeakArrears, ph.PeakArrears = ym(2029, 1), ym(2029, 1), 50, 50
			h.RestructuredAt, ph.RestructuredAt = ym(2031, 6), ym(2031, 3)
		}, ch, "调整杠杆+1后：重组于2031年6月（原为2031年3月）。"},
		{"winding down appears", "", "", func(h, ph *engine.Headline, _ *engine.Result) {
			h.ArrearsFrom, ph.ArrearsFrom, h.PeakArrears, ph.PeakArrears = ym(2029, 1), ym(2029, 1), 50, 50
			h.WindingDownFrom = ym(2033, 2)
		}, ch, "调整杠杆+1后：停业始于2033年2月（原为无）。"},
		{"wall moves later", "", "", func(_, _ *engine.Headline, r *engine.Result) {
			for i := 12; i < 18; i++ {
				r.Months[i].Bottleneck = engine.Demand
			}
		}, ch, "调整杠杆+1后：能源瓶颈始于2026年7月（原为2026年1月）。"},
		{"wall moves earlier", "", "dddddddEEEEE EEEEEEEEEEEE EEEEEEEEEEEE EEEEEEEEEEEE dddddddddddd",
			func(_, _ *engine.Headline, _ *engine.Result) {}, ch, "调整杠杆+1后：能源瓶颈始于2025年8月（原为2026年1月）。"},
		{"wall changes", "", "", func(_, _ *engine.Headline, r *engine.Result) {
			for i := 12; i < 48; i++ {
				r.Months[i].Bottleneck = engine.Supply
			}
		}, ch, "调整杠杆+1后：主要瓶颈转为供应链（原为能源）。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			from, to := timeline, timeline
			if c.from != "" {
				from = c.from
			}
			if c.to != "" {
				to = c.to
			}
			prev, r := base(from), base(to)
			c.move(&r.Headline, &prev.Headline, r)
			inArrears(r)
			inArrears(prev)
			_, got := PartsIn(Chinese, r, prev, c.ch)
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if w := ansi.StringWidth(got); w >= maxChange {
				t.Errorf("%d cells, want under %d", w, maxChange)
			}
		})
	}
}

func TestMoneyChinese(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0亿美元"}, {0.004, "0亿美元"}, {0.04, "0亿美元"}, {0.35, "3亿美元"}, {0.96, "10亿美元"},
		{1, "10亿美元"}, {3.9, "39亿美元"}, {4.54, "45亿美元"}, {5.04, "50亿美元"}, {9.96, "100亿美元"},
		{40.2, "402亿美元"}, {99.96, "1000亿美元"}, {160, "1600亿美元"}, {236.4, "2360亿美元"}, {999.4, "9990亿美元"},
		{999.6, "1.0万亿美元"}, {1234, "1.2万亿美元"}, {12345, "12.3万亿美元"}, {-3, "0亿美元"},
	} {
		if got := string(appendMoneyZh(nil, c.v)); got != c.want {
			t.Errorf("%g: %q, want %q", c.v, got, c.want)
		}
	}
	if got := string(appendMonthZh(nil, engine.YearMonth{Year: 2029, Month: 8})); got != "2029年8月" {
		t.Errorf("month: %q", got)
	}
}

// The Chinese amount is the English one in other units: the same number, so the two print
// differently for the same pairs of amounts and the change clause's choice holds in both.
func TestMoneyChineseIsEnglish(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.OneOf(rapid.Float64Range(0, 20), rapid.Float64Range(0, 2000), rapid.Float64Range(0, 1e6)).Draw(t, "v")
		en, zh := string(appendMoney(nil, v)), string(appendMoneyZh(nil, v))
		num, unit := strings.TrimPrefix(en[:len(en)-1], "$"), map[byte]float64{'B': 1, 'T': 1000}[en[len(en)-1]]
		x, err := strconv.ParseFloat(num, 64)
		if err != nil {
			t.Fatal(err)
		}
		var y float64
		if n, ok := strings.CutSuffix(zh, "万亿美元"); ok {
			y, err = strconv.ParseFloat(n, 64)
			y *= 1000
		} else {
			y, err = strconv.ParseFloat(strings.TrimSuffix(zh, "亿美元"), 64)
			y /= 10
		}
		if err != nil || math.Abs(x*unit-y) > 1e-9*max(1, y) {
			t.Fatalf("%g: %s is $%gB, %s is $%gB", v, en, x*unit, zh, y)
		}
	})
}

// Both wordings fill the same slots in every template: a translation drops no figure and asks for
// none the code does not pass; the Chinese has no English left in it.
func TestWordingSlots(t *testing.T) {
	slots := regexp.MustCompile(`%.?`)
	ev, zv := reflect.ValueOf(en), reflect.ValueOf(zh)
	for i := range ev.NumField() {
		f := ev.Type().Field(i)
		if f.Type.Kind() != reflect.String {
			continue
		}
		e, z := ev.Field(i).String(), zv.Field(i).String()
		set := func(s string) string {
			var found []string
			for _, m := range slots.FindAllString(s, -1) {
				if !regexp.MustCompile(`^%[1-3_]$`).MatchString(m) {
					t.Errorf("%s: bad slot %q in %q", f.Name, m, s)
				}
				found = append(found, m)
			}
			slices.Sort(found)
			return strings.Join(found, " ")
		}
		if a, b := set(e), set(z); a != b {
			t.Errorf("%s: English %q fills %q, Chinese %q fills %q", f.Name, e, a, z, b)
		}
		if w := leftoverEnglish(z); w != "" {
			t.Errorf("%s: English %q in the Chinese %q", f.Name, w, z)
		}
		if strings.ContainsAny(z, ",;:()") {
			t.Errorf("%s: ASCII punctuation in the Chinese %q", f.Name, z)
		}
	}
	for _, z := range zh.stages {
		if w := leftoverEnglish(z); w != "" || z == "" {
			t.Errorf("stage %q in Chinese", z)
		}
	}
	for k := range engine.NumBottlenecks {
		if !strings.Contains(zh.titles[k], zhKinds[k]) || !strings.Contains(zh.names[k], zhKinds[k]) {
			t.Errorf("%v is %q / %q in Chinese", k, zh.titles[k], zh.names[k])
		}
	}
}

// checkChinese asserts what every Chinese sentence must be: one line of Han characters, digits,
// GW, GPU and the glyphs the UI knows, in full-width punctuation, ending in 。.
func checkChinese(t *rapid.T, what, s string) {
	switch {
	case !strings.HasSuffix(s, "。"):
		t.Fatalf("%s empty or unfinished: %q", what, s)
	case strings.ContainsAny(s, "\n\r\t"):
		t.Fatalf("%s not a single line: %q", what, s)
	case strings.Contains(s, "NaN") || strings.Contains(s, "Inf"):
		t.Fatalf("%s not a number: %q", what, s)
	case leftoverEnglish(s) != "":
		t.Fatalf("%s has English %q: %q", what, leftoverEnglish(s), s)
	case slices.ContainsFunc(letters.FindAllString(s, -1), func(w string) bool { return w != "GW" && w != "GPU" }):
		t.Fatalf("%s has Latin letters other than GW and GPU: %q", what, s)
	case strings.ContainsAny(s, ",;:()$→–") || strings.Contains(s, "  ") || strings.Contains(s, "-"):
		t.Fatalf("%s has English punctuation or a negative: %q", what, s)
	}
	for i, c := range s {
		switch {
		case c == '.' && (i == 0 || !unicode.IsDigit(rune(s[i-1])) || i+1 == len(s) || !unicode.IsDigit(rune(s[i+1]))):
			t.Fatalf("%s has a full stop that is not a decimal point: %q", what, s)
		case c < utf8.RuneSelf && !unicode.IsPrint(c):
			t.Fatalf("%s has control character %q: %q", what, c, s)
		case c >= utf8.RuneSelf && !unicode.Is(unicode.Han, c) && !strings.ContainsRune("▲▼，：；。（）−", c):
			t.Fatalf("%s has unexpected character %q: %q", what, c, s)
		}
	}
}

func TestSentencePropertiesChinese(t *testing.T) {
	var r, prev, scratch engine.Result
	rapid.Check(t, func(t *rapid.T) {
		s, k, was := drawNudge(t, &prev, &r)
		p := engine.Levers[k]

		main, none := PartsIn(Chinese, &r, nil, Change{})
		checkChinese(t, "main sentence", main)
		if none != "" {
			t.Fatalf("a change clause without a previous result: %q", none)
		}
		if w := ansi.StringWidth(main); w >= maxMain {
			t.Fatalf("main sentence of %d cells: %q", w, main)
		}
		st := Analyse(&r)
		checkStoryChinese(t, &r, &st, main)

		// The UI's label and delta, in Chinese; steps of 0.05 and 0.25 print as such.
		d := math.Round((s.Levers[k]-was)*1e4) / 1e4
		label, ok := zhLevers[p.Key]
		if !ok {
			label = "杠杆"
		}
		ch := Change{Label: label, Delta: strconv.FormatFloat(math.Abs(d), 'f', -1, 64) + zhUnits[p.Unit]}
		if d > 0 {
			ch.Delta = "+" + ch.Delta
		} else {
			ch.Delta = "−" + ch.Delta
		}
		if d == 0 { // the lever was at its bound already
			ch.Delta = ""
		}
		main2, clause := PartsIn(Chinese, &r, &prev, ch)
		if main2 != main {
			t.Fatalf("the main sentence depends on the change: %q, %q", main, main2)
		}
		prefix := "调整" + ch.Label + ch.Delta + "后："
		if ch.Delta == "" {
			prefix = ch.Label + "后："
		}
		if !strings.HasPrefix(clause, prefix) {
			t.Fatalf("%q does not begin %q", clause, prefix)
		}
		checkChinese(t, "change clause", clause)
		// The first figure is always named, as in English; more only while the clause stays short.
		if w := ansi.StringWidth(clause); w >= maxChange && strings.Contains(clause, "，") {
			t.Fatalf("change clause of %d cells: %q", w, clause)
		}
		// The analysis is the English one: no change in both or neither, and the figure that moved
		// most comes first, then at most two more.
		_, enClause := Parts(&r, &prev, Change{Label: "L", Delta: "+1"})
		if strings.HasSuffix(enClause, "no change in the headline figures.") != strings.HasSuffix(clause, "关键指标无变化。") {
			t.Fatalf("English %q, Chinese %q", enClause, clause)
		}
		ps := Analyse(&prev)
		if ms, n := moves(&r, &prev, &st, &ps); n > 0 {
			first := string(appendMove(nil, &zh, ms[0].fig, &r, &prev, &st, &ps))
			if !strings.HasPrefix(clause, prefix+first) {
				t.Fatalf("%q does not begin with the largest move %q", clause, first)
			}
		}
		if n := strings.Count(clause, "，") + 1; n > 3 {
			t.Fatalf("%d figures: %q", n, clause)
		}
		if m3, c3 := PartsIn(Chinese, &r, &prev, ch); m3 != main || c3 != clause {
			t.Fatalf("not deterministic: %q %q then %q %q", main, clause, m3, c3)
		}

		// The lever's link does not bind and no figure moved: the clause says what binds instead.
		unbound(t, &ch, s, k, &scratch)
		_, got := PartsIn(Chinese, &r, &prev, ch)
		want := clause
		if ch.Unbound && strings.HasSuffix(clause, "关键指标无变化。") {
			want = map[bool]string{true: "增加", false: "减少"}[d > 0] + ch.Label + "不改变结果：" + zh.names[ch.Instead] + "才是瓶颈。"
			if d == 0 {
				want = ch.Label + "不改变结果：" + zh.names[ch.Instead] + "才是瓶颈。"
			}
			checkChinese(t, "unbound clause", got)
			if w := ansi.StringWidth(got); w >= maxChange {
				t.Fatalf("change clause of %d cells: %q", w, got)
			}
		}
		if got != want {
			t.Fatalf("%q, want %q", got, want)
		}
	})
}

// checkStoryChinese asserts the Chinese main sentence tells the English story: the arrears
// first, dated to the month, with the restructuring and the wind-down; else the main wall's link
// first (or no wall).
func checkStoryChinese(t *rapid.T, r *engine.Result, st *Story, main string) {
	sf := &st.Shortfall
	switch {
	case sf.Has():
		want := []string{string(appendMonthZh(nil, sf.ArrearsFrom)), "陷入欠款，峰值达" + string(appendMoneyZh(nil, sf.PeakArrears))}
		if !sf.RestructuredAt.IsZero() {
			want = append(want, "；"+string(appendMonthZh(nil, sf.RestructuredAt))+"债权人实施重组")
		}
		if !sf.WindingDownFrom.IsZero() {
			want = append(want, "；"+string(appendMonthZh(nil, sf.WindingDownFrom))+"起逐步停业")
		}
		if !strings.HasPrefix(main, want[0]) {
			t.Fatalf("%q does not begin with the arrears", main)
		}
		for _, w := range want {
			if !strings.Contains(main, w) {
				t.Fatalf("%q does not say %q", main, w)
			}
		}
	case st.HasWall:
		if !strings.HasPrefix(main, zhKinds[st.Wall.Kind]) {
			t.Fatalf("%q does not name the %v wall", main, st.Wall.Kind)
		}
	default:
		if !strings.HasPrefix(main, zh.noWall) {
			t.Fatalf("%q: no wall is material", main)
		}
	}
	if strings.Contains(main, "欠款") != sf.Has() {
		t.Fatalf("%q: arrears %v", main, sf.Has())
	}
}

// BenchmarkSentenceChinese is BenchmarkSentence's case in Chinese.
func BenchmarkSentenceChinese(b *testing.B) {
	r, prev := run(b, "power_lead_time=48"), run(b)
	ch := Change{Label: "电力建设周期", Delta: "+24个月"}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = PartsIn(Chinese, r, prev, ch)
	}
}
