package insight

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// minChecks is the least number of random scenarios the property test must see.
const minChecks = 1000

func TestMain(m *testing.M) {
	flag.Parse()
	testutil.MinRapidChecks(minChecks)
	os.Exit(m.Run())
}

// run computes the base case with levers set as "key=value".
func run(t testing.TB, sets ...string) *engine.Result {
	t.Helper()
	s := engine.DefaultScenario()
	for _, kv := range sets {
		k, v, _ := strings.Cut(kv, "=")
		if err := s.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	r := new(engine.Result)
	if err := engine.Run(&s, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// A wall case is a lever setting whose main wall is known: the kind, the year it binds from (the
// year of "now" when it already binds then) and how the sentence must begin.
type wallCase struct {
	name   string
	sets   []string
	kind   engine.Bottleneck
	year   int
	now    bool
	prefix string
}

var wallCases = []wallCase{
	{"base case", nil, engine.Energy, 2027, false, "Energy binds 2027–"},
	{"slow power", []string{"power_lead_time=48"}, engine.Energy, 2027, false, "Energy binds 2027–"},
	{"scarce GPU supply", []string{"gpu_supply=1.5"}, engine.Supply, 2025, true, "Supply binds through 20"},
	{"weak demand, thin financing", []string{"revenue_growth=40"}, engine.Capital, 2033, false, "Capital binds from 2033-"},
	{"weak demand, deep equity", []string{"revenue_growth=40", "equity_capacity=300"}, engine.Demand, 2026, false, "Demand binds 2026"},
	{"half the commitments", []string{"investment=0.7"}, engine.Compute, 2026, false, "Compute binds from 2026"},
	{"no commitments", []string{"investment=0"}, engine.Compute, 2025, true, "Compute binds through 20"},
}

func TestWalls(t *testing.T) {
	for _, c := range wallCases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.sets...)
			st := Analyse(r)
			line := Sentence(r, nil, Change{})
			t.Log(line)
			if st.Kind != c.kind || wallYear(&st, r.Headline.NowMonth.Year) != c.year || st.Now != c.now {
				t.Fatalf("story %+v, want %v from %d (now %v)", st, c.kind, c.year, c.now)
			}
			if i := r.MonthIndex(st.Start); i < 0 || r.Months[i].Bottleneck != st.Kind {
				t.Fatalf("the wall starts %v, where the timeline does not say %v", st.Start, st.Kind)
			}
			if !strings.HasPrefix(line, c.prefix) {
				t.Errorf("sentence %q does not begin %q", line, c.prefix)
			}
			if c.now && strings.Contains(line, "from "+strconv.Itoa(st.Start.Year)) {
				t.Errorf("a wall that binds now is dated from its start: %q", line)
			}
			if n := utf8.RuneCountInString(line); n >= maxMain {
				t.Errorf("%d runes, want under %d: %q", n, maxMain, line)
			}
		})
	}
}

// The sentence names each wall's size, and that size is the peak over the wall.
func TestWallSize(t *testing.T) {
	base := run(t)
	st := Analyse(base)
	if st.Peak != base.Headline.StrandedPeak {
		t.Errorf("base case: energy wall peaks at %g GW, the run's stranded peak is %g GW", st.Peak, base.Headline.StrandedPeak)
	}
	for _, c := range wallCases {
		r := run(t, c.sets...)
		st := Analyse(r)
		line := Sentence(r, nil, Change{})
		var size string
		switch st.Kind {
		case engine.Energy, engine.Supply:
			size = string(appendGW(nil, st.Peak)) + " "
		case engine.Capital:
			size = string(appendMoney(nil, r.Headline.PeakArrears)) + " shortfall"
		case engine.Demand:
			size = string(appendPercent(nil, st.Peak)) + " of capacity idles in " + strconv.Itoa(st.PeakAt.Year)
		case engine.Compute:
			size = "by " + string(appendMoney(nil, st.Peak)) + "/yr"
		}
		if !strings.Contains(line, size) {
			t.Errorf("%s: %q does not name the size %q", c.name, line, size)
		}
		// The peak is the largest value over the wall's own months.
		a, b := r.MonthIndex(st.Start), r.MonthIndex(st.End)
		for i := a; i <= b && st.Kind != engine.Capital; i++ {
			m := &r.Months[i]
			v := map[engine.Bottleneck]float64{engine.Energy: m.Stranded, engine.Supply: m.Due,
				engine.Demand: 1 - m.Utilisation, engine.Compute: m.Demand - m.CapacityRevenue}[st.Kind]
			if m.Bottleneck == st.Kind && v > st.Peak {
				t.Errorf("%s: %v has %g, above the peak %g", c.name, m.Date, v, st.Peak)
			}
		}
		if h := r.Headline; h.BreakEvenYear > 0 && st.Kind != engine.Capital &&
			!strings.Contains(line, "break-even "+strconv.Itoa(h.BreakEvenYear)) {
			t.Errorf("%s: %q does not give break-even %d", c.name, line, h.BreakEvenYear)
		}
	}
}

type changeCase struct {
	name     string
	from, to []string
	ch       Change
	want     []string
}

var changeCases = []changeCase{
	{"GPU supply where it is scarce", []string{"gpu_supply=2"}, []string{"gpu_supply=3"},
		Change{"GPU supply", "+1 GW/yr"}, []string{"After GPU supply +1 GW/yr: ", "stranded peak ▲"}},
	{"GPU supply in the base case", nil, []string{"gpu_supply=5"},
		Change{"GPU supply", "+1 GW/yr"}, []string{"no change in the headline figures"}},
	{"investment where compute binds", []string{"investment=0.7"}, []string{"investment=0.5"},
		Change{"Investment", "−0.2 $T"}, []string{"revenue 2030 ▼"}},
	{"halving investment", nil, []string{"investment=0.7"},
		Change{"Investment", "−0.7 $T"}, []string{"compute binds (was energy)"}},
	{"slower power", nil, []string{"power_lead_time=48"},
		Change{"Power lead time", "+24 months"}, []string{"peak funding need ▲", "revenue 2030 ▼"}},
	{"thin equity, dear debt", nil, []string{"equity_capacity=5", "debt_rate=20"},
		Change{"Equity capacity", "−35 $B/yr"}, []string{"shortfall appears"}},
}

func TestChangeClause(t *testing.T) {
	for _, c := range changeCases {
		t.Run(c.name, func(t *testing.T) {
			prev, r := run(t, c.from...), run(t, c.to...)
			main := Sentence(r, nil, Change{})
			line := Sentence(r, prev, c.ch)
			clause, ok := strings.CutPrefix(line, main+" ")
			if !ok {
				t.Fatalf("%q does not begin with the main sentence %q", line, main)
			}
			t.Log(clause)
			for _, w := range c.want {
				if !strings.Contains(clause, w) {
					t.Errorf("change clause %q does not say %q", clause, w)
				}
			}
			if n := utf8.RuneCountInString(clause); n >= maxChange {
				t.Errorf("%d runes, want under %d", n, maxChange)
			}
			if got := Sentence(r, prev, Change{}); got != main {
				t.Errorf("without a change: %q, want the main sentence alone", got)
			}
			if got := Sentence(r, nil, c.ch); got != main {
				t.Errorf("without a previous result: %q, want the main sentence alone", got)
			}
		})
	}
}

// TestGolden pins the sentences of the named cases. When the engine changes on purpose, read the
// diff and run `go test ./engine/insight -update`.
func TestGolden(t *testing.T) {
	var out strings.Builder
	for _, c := range wallCases {
		fmt.Fprintf(&out, "%s\n\t%s\n", c.name, Sentence(run(t, c.sets...), nil, Change{}))
	}
	for _, c := range changeCases {
		fmt.Fprintf(&out, "%s\n\t%s\n", c.name, Sentence(run(t, c.to...), run(t, c.from...), c.ch))
	}
	path := filepath.Join("testdata", "sentences.golden")
	if testutil.Updating() {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("sentences differ from %s (run with -update if the engine changed on purpose):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// synth builds a result from a timeline, one letter per month from 2025-01 (d E S $ c, as the
// dashboard's strip); spaces are ignored. Utilisation is full, the fleet 10 GW, revenue $1B a month.
func synth(timeline string) *engine.Result {
	r := new(engine.Result)
	start := engine.YearMonth{Year: 2025, Month: 1}
	for _, c := range strings.ReplaceAll(timeline, " ", "") {
		var k engine.Bottleneck
		for k = 0; k < engine.NumBottlenecks && rune(k.Letter()) != c; k++ {
		}
		if k == engine.NumBottlenecks {
			panic("unknown letter " + string(c))
		}
		r.Months = append(r.Months, engine.Month{Date: start.Add(len(r.Months)), Bottleneck: k,
			Utilisation: 1, Installed: 10, Revenue: 1, RevenueRate: 12})
	}
	for i := range r.Months {
		m := &r.Months[i]
		if len(r.Years) == 0 || r.Years[len(r.Years)-1].Year != m.Date.Year {
			r.Years = append(r.Years, engine.Year{Year: m.Date.Year})
		}
		y := &r.Years[len(r.Years)-1]
		y.Months++
		y.Revenue += m.Revenue
		y.RunRateEnd = m.RevenueRate
	}
	r.Headline.NowMonth = r.Months[min(len(r.Months)-1, 11)].Date
	return r
}

func TestAnalyseRule(t *testing.T) {
	ym := func(y, m int) engine.YearMonth { return engine.YearMonth{Year: y, Month: m} }
	for _, c := range []struct {
		name     string
		timeline string
		kind     engine.Bottleneck
		start    engine.YearMonth
		end      engine.YearMonth
		now      bool
	}{
		{"blips under six months are skipped", "SSSSSSSSSSSS SSdddddEEEEE ddEEEEEEcccc", engine.Energy, ym(2027, 3), ym(2027, 8), false},
		{"six months make a wall", "dddddddddddd ddEEEEEEdddd", engine.Energy, ym(2026, 3), ym(2026, 8), false},
		{"five do not", "dddddddddddd ddEEEEEddddd", engine.Demand, ym(2025, 1), ym(2026, 12), true},
		{"a wall that binds now counts from now", "ddddddSSSSSS SSSSSddddddd", engine.Supply, ym(2025, 7), ym(2026, 5), true},
		{"ending just after now is not a wall", "ddddddSSSSSS SSSSdddddddd cccccc", engine.Compute, ym(2027, 1), ym(2027, 6), false},
		{"demand before the wall does not count", "dddddddddddd dddddd$$$$$$", engine.Capital, ym(2026, 7), ym(2026, 12), false},
		{"no wall: demand from its first month after now", "SSSSSSSSSSSS SSSdddSScddd", engine.Demand, ym(2026, 4), ym(2026, 12), false},
		{"horizon too short for either: what binds now", "SSSSSSSSSSSS", engine.Supply, ym(2025, 1), ym(2025, 12), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := Analyse(synth(c.timeline))
			if st.Kind != c.kind || st.Start != c.start || st.End != c.end || st.Now != c.now {
				t.Errorf("got %v %v–%v now=%v, want %v %v–%v now=%v", st.Kind, st.Start, st.End, st.Now,
					c.kind, c.start, c.end, c.now)
			}
		})
	}
	if st := Analyse(&engine.Result{}); st != (Story{}) {
		t.Errorf("empty result: %+v", st)
	}
	if s := Sentence(nil, nil, Change{}); s != "" {
		t.Errorf("nil result: %q", s)
	}
}

// TestWhen: how each language dates a wall, from "now" to a span, in one table so the two cannot
// drift apart.
func TestWhen(t *testing.T) {
	for _, c := range []struct{ timeline, en, zh string }{
		{"SSSSSSSSSSSS", "Supply binds now: ", "供应链是当前瓶颈：峰值时有0 GW已签约未交付；"},
		{"SSSSSSSSSSSS SSSSSSSSdddd", "Supply binds through 2026: ", "供应链是当前瓶颈，持续到2026年："},
		{"dddddddddddd dddddddddddd EEEEEEEEEEEE", "Energy binds from 2027: ", "能源自2027年起成为瓶颈："},
		{"dddddddddddd dddddddddddd EEEEEEEEdddd", "Energy binds in 2027: ", "能源在2027年成为瓶颈："},
		{"dddddddddddd dddddddddddd ccccccccccccc cd", "Compute binds 2027–2028: ", "算力在2027至2028年间成为瓶颈："},
		{"dddddddddddd dddddddddddd dd$$$$$$$$$$", "Capital binds from 2027-03: ", "资本自2027年3月起成为瓶颈："},
		{"dddddddddddd dddddddddddd dd$$$$$$$$$$ $$$ddd", "Capital binds from 2027-03 to 2028: ", "资本在2027年3月至2028年间成为瓶颈："},
		{"dddddddddddd dddddddddddd", "Demand binds through 2026: ", "需求是当前瓶颈，持续到2026年：算力恰好满足需求；至2026年仍未实现盈亏平衡。"},
	} {
		r := synth(c.timeline)
		if got := Sentence(r, nil, Change{}); !strings.HasPrefix(got, c.en) {
			t.Errorf("%s: %q, want it to begin %q", c.timeline, got, c.en)
		}
		if got := zhLine(r, nil, Change{}); !strings.HasPrefix(got, c.zh) {
			t.Errorf("%s: %q, want it to begin %q", c.timeline, got, c.zh)
		}
	}
}

func TestCapitalSentence(t *testing.T) {
	r := synth("dddddddddddd dddddddddddd dddddd$$$$$$ $$$$$$$$$$$$")
	if got, want := Sentence(r, nil, Change{}), "the signed contracts run out; revenue $12B by 2028; no break-even by 2028."; !strings.HasSuffix(got, want) {
		t.Errorf("contracts run out: %q, want it to end %q", got, want)
	}
	r.Headline.PeakArrears, r.Headline.ArrearsFrom = 40, engine.YearMonth{Year: 2026, Month: 3}
	r.Headline.BreakEvenYear = 2026
	for i := 36; i < 48; i++ {
		r.Months[i].Revenue = 0.25
	}
	r.Years[3].Revenue = 3
	// The long form of the revenue clause does not fit, nor then does break-even.
	if got, want := Sentence(r, nil, Change{}), "Capital binds from 2027-07: a $40B shortfall in 2026 stopped all contracts; revenue falls to $3B by 2028."; got != want {
		t.Errorf("shortfall:\n got %q\nwant %q", got, want)
	}
	r.Headline.ArrearsFrom = engine.YearMonth{Year: 2027, Month: 7}
	if got, want := Sentence(r, nil, Change{}), "Capital binds from 2027-07: a $40B shortfall stops all contracts; "; !strings.HasPrefix(got, want) {
		t.Errorf("shortfall in the wall's year: %q, want it to begin %q", got, want)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v          float64
		money, gw  string
		percentage string
	}{
		{0, "$0B", "0 GW", "0%"},
		{0.004, "$0B", "0 GW", "0%"},
		{0.04, "$0B", "0.04 GW", "4%"},
		{0.35, "$0.3B", "0.3 GW", "35%"},
		{4.54, "$4.5B", "4.5 GW", "454%"},
		{5.04, "$5B", "5 GW", "504%"},
		{9.96, "$10B", "10 GW", "996%"},
		{40.2, "$40B", "40 GW", "4020%"},
		{999.4, "$999B", "999 GW", "99940%"},
		{999.6, "$1T", "1000 GW", "99960%"},
		{1234, "$1.2T", "1234 GW", "123400%"},
		{12345, "$12T", "12345 GW", "1234500%"},
		{-3, "$0B", "0 GW", "0%"},
	} {
		if got := string(appendMoney(nil, c.v)); got != c.money {
			t.Errorf("money %g: %q, want %q", c.v, got, c.money)
		}
		if got := string(appendGW(nil, c.v)); got != c.gw {
			t.Errorf("GW %g: %q, want %q", c.v, got, c.gw)
		}
		if got := string(appendPercent(nil, c.v)); got != c.percentage {
			t.Errorf("percent %g: %q, want %q", c.v, got, c.percentage)
		}
	}
}

// clause returns the change clause of r against prev for a generic move.
func clause(r, prev *engine.Result) string {
	line := Sentence(r, prev, Change{"Lever", "+1"})
	return line[strings.Index(line, "After "):]
}

func TestChangeFigures(t *testing.T) {
	const timeline = "dddddddddddd dddddddddddd dddddddddddd EEEEEEEEEEEE EEEEEEEEEEEE dddddddddddd"
	base := func() *engine.Result {
		r := synth(timeline)
		h := &r.Headline
		h.BreakEvenYear, h.HasYear2030, h.Revenue2030 = 2028, true, 300
		h.PeakFundingNeed, h.StrandedPeak = 100, 5
		return r
	}
	for _, c := range []struct {
		name string
		move func(h *engine.Headline, r *engine.Result)
		want string
	}{
		{"nothing", func(*engine.Headline, *engine.Result) {}, "After Lever +1: no change in the headline figures."},
		{"invisible", func(h *engine.Headline, _ *engine.Result) { h.Revenue2030 += 0.2; h.StrandedPeak += 0.01 },
			"After Lever +1: no change in the headline figures."},
		{"break-even slips", func(h *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2029 },
			"After Lever +1: break-even slips 2028 → 2029."},
		{"break-even improves", func(h *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2027 },
			"After Lever +1: break-even improves 2028 → 2027."},
		{"break-even lost", func(h *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 0 },
			"After Lever +1: break-even lost (was 2028)."},
		{"largest relative move first, while the clause fits", func(h *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed, h.StrandedPeak = 282, 150, 5.2
		}, "After Lever +1: peak funding need ▲$50B, revenue 2030 ▼$18B."},
		{"a second figure must move 2%", func(h *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed = 297, 150
		}, "After Lever +1: peak funding need ▲$50B."},
		{"a shorter figure fills the room a longer one leaves", func(h *engine.Headline, _ *engine.Result) {
			h.BreakEvenYear, h.PeakArrears, h.Revenue2030 = 0, 30, 250
		}, "After Lever +1: break-even lost (was 2028), a $30B shortfall appears."},
		{"wall moves", func(_ *engine.Headline, r *engine.Result) {
			for i := 36; i < 48; i++ {
				r.Months[i].Bottleneck = engine.Demand
			}
		}, "After Lever +1: energy binds from 2029 (was 2028)."},
		{"wall changes", func(_ *engine.Headline, r *engine.Result) {
			for i := 36; i < 60; i++ {
				r.Months[i].Bottleneck = engine.Supply
			}
		}, "After Lever +1: supply binds (was energy)."},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev, r := base(), base()
			c.move(&r.Headline, r)
			if got := clause(r, prev); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// However many figures move, the clause names at most three, the largest move first, and stays
// under its length.
func TestChangeAtMostThree(t *testing.T) {
	prev, r := synth("dddddddddddd EEEEEEEEEEEE"), synth("dddddddddddd EEEEEEEEEEEE")
	prev.Headline = engine.Headline{NowMonth: prev.Headline.NowMonth, HasYear2030: true, Revenue2030: 300,
		PeakFundingNeed: 100, StrandedPeak: 5, BreakEvenYear: 2030}
	r.Headline = engine.Headline{NowMonth: r.Headline.NowMonth, HasYear2030: true, Revenue2030: 200,
		PeakFundingNeed: 150, StrandedPeak: 9, BreakEvenYear: 2031}
	for _, label := range []string{"L", "GPU supply", "Capability elasticity"} {
		line := Sentence(r, prev, Change{label, "+1"})
		c := line[strings.Index(line, "After "):]
		t.Log(c)
		if n := strings.Count(c, ", ") + 1; n > 3 || (n > 1 && runes([]byte(c)) >= maxChange) {
			t.Errorf("%d figures in %d runes: %q", n, runes([]byte(c)), c)
		}
		if !strings.Contains(c, ": stranded peak ▲4 GW") { // 4 of 9 GW, with a 2 GW floor: 44%
			t.Errorf("the largest move is not first: %q", c)
		}
	}
}

// drawLevers is the base case with every lever drawn inside its range.
func drawLevers(t *rapid.T) engine.Scenario {
	s := engine.DefaultScenario()
	for i, p := range engine.Levers {
		s.Levers[i] = rapid.Float64Range(p.Min, p.Max).Draw(t, p.Key)
	}
	return s
}

// checkLine asserts what every insight line must be: one non-empty line of words, numbers and the
// few glyphs the UI knows, ending in a full stop.
func checkLine(t *rapid.T, line string) {
	switch {
	case line == "" || !strings.HasSuffix(line, "."):
		t.Fatalf("empty or unfinished: %q", line)
	case strings.ContainsAny(line, "\n\r\t"):
		t.Fatalf("not a single line: %q", line)
	case strings.Contains(line, "NaN") || strings.Contains(line, "Inf"):
		t.Fatalf("not a number: %q", line)
	case strings.Contains(line, "  ") || strings.Contains(line, " .") || strings.Contains(line, "$-"):
		t.Fatalf("badly spaced or negative: %q", line)
	}
	for _, c := range line {
		if c >= utf8.RuneSelf && !strings.ContainsRune("▲▼→–", c) {
			t.Fatalf("unexpected character %q in %q", c, line)
		}
	}
}

// checkRule asserts Analyse's story against the rule, computed another way: count the months each
// label has held from now on; the first non-demand label to reach six is the wall.
func checkRule(t *rapid.T, r *engine.Result, st Story) {
	ms := r.Months
	now := r.MonthIndex(r.Headline.NowMonth)
	start := r.MonthIndex(st.Start)
	if start < 0 || ms[start].Bottleneck != st.Kind {
		t.Fatalf("story starts %v, but the timeline binds %v then, not %v", st.Start, ms[max(start, 0)].Bottleneck, st.Kind)
	}
	if st.Now != (start <= now) {
		t.Fatalf("story starts %v, now is %v, but Now = %v", st.Start, r.Headline.NowMonth, st.Now)
	}
	held, wall := 0, -1
	for i := now; i < len(ms) && wall < 0; i++ {
		if i > now && ms[i].Bottleneck == ms[i-1].Bottleneck {
			held++
		} else {
			held = 1
		}
		if ms[i].Bottleneck != engine.Demand && held == minWallMonths {
			wall = i - minWallMonths + 1
		}
	}
	switch {
	case wall >= 0:
		if st.Kind != ms[wall].Bottleneck || max(start, now) != wall {
			t.Fatalf("the wall is %v from %v, the story says %v from %v", ms[wall].Bottleneck, ms[wall].Date, st.Kind, st.Start)
		}
		for i := start; i <= wall; i++ {
			if ms[i].Bottleneck != st.Kind {
				t.Fatalf("the story's run from %v is broken at %v", st.Start, ms[i].Date)
			}
		}
	case st.Kind != engine.Demand:
		for i := now; i < len(ms); i++ {
			if ms[i].Bottleneck == engine.Demand {
				t.Fatalf("no wall and demand binds at %v, but the story is %v", ms[i].Date, st.Kind)
			}
		}
	}
}

// drawNudge runs random levers into prev, then nudges one lever by a few steps inside its range,
// as a user would, and runs that into r. It returns the nudged scenario, the lever and its old
// value.
func drawNudge(t *rapid.T, prev, r *engine.Result) (engine.Scenario, engine.Lever, float64) {
	s := drawLevers(t)
	if err := engine.Run(&s, prev); err != nil {
		t.Fatal(err)
	}
	k := engine.Lever(rapid.IntRange(0, int(engine.NumLevers)-1).Draw(t, "lever"))
	p := engine.Levers[k]
	steps := rapid.IntRange(-8, 8).Filter(func(i int) bool { return i != 0 }).Draw(t, "steps")
	was := s.Levers[k]
	s.Levers[k] = min(p.Max, max(p.Min, was+float64(steps)*p.Step))
	if err := engine.Run(&s, r); err != nil {
		t.Fatal(err)
	}
	return s, k, was
}

func TestSentenceProperties(t *testing.T) {
	n := 0
	var r, prev engine.Result
	rapid.Check(t, func(t *rapid.T) {
		n++
		s, k, was := drawNudge(t, &prev, &r)
		p := engine.Levers[k]

		st := Analyse(&r)
		checkRule(t, &r, st)
		main := Sentence(&r, nil, Change{})
		checkLine(t, main)
		if n := utf8.RuneCountInString(main); n >= maxMain {
			t.Fatalf("main sentence of %d runes: %q", n, main)
		}
		if !strings.HasPrefix(main, titles[st.Kind]+" binds ") {
			t.Fatalf("%q does not name the %v wall", main, st.Kind)
		}

		d := math.Round((s.Levers[k]-was)*1e4) / 1e4
		ch := Change{p.Name, strconv.FormatFloat(d, 'f', -1, 64) + " " + p.Unit}
		if d > 0 {
			ch.Delta = "+" + ch.Delta
		}
		line := Sentence(&r, &prev, ch)
		change, ok := strings.CutPrefix(line, main+" ")
		figures, ok2 := strings.CutPrefix(change, "After "+ch.Label+" "+ch.Delta+": ")
		if !ok || !ok2 {
			t.Fatalf("%q is not the main sentence and a change clause", line)
		}
		checkLine(t, figures) // the label and delta are the UI's text
		// The first figure is always named; more only while the clause stays short.
		if n := utf8.RuneCountInString(change); n >= maxChange && strings.Contains(change, ", ") {
			t.Fatalf("change clause of %d runes: %q", n, change)
		}
		if again := Sentence(&r, &prev, ch); again != line {
			t.Fatalf("not deterministic: %q then %q", line, again)
		}
	})
	if n < 100 {
		t.Fatalf("only %d scenarios checked", n)
	}
}

// TestSentenceAllocatesOnce backs the promise: the string is the only allocation.
func TestSentenceAllocatesOnce(t *testing.T) {
	r, prev := run(t, "power_lead_time=48"), run(t)
	ch := Change{"Power lead time", "+24 months"}
	if n := testing.AllocsPerRun(100, func() { _ = Sentence(r, prev, ch) }); n > 1 {
		t.Fatalf("Sentence allocated %.1f times, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Analyse(r) }); n != 0 {
		t.Fatalf("Analyse allocated %.1f times, want 0", n)
	}
}

// BenchmarkSentence is the insight line with a change clause, as after a slider nudge.
func BenchmarkSentence(b *testing.B) {
	r, prev := run(b, "power_lead_time=48"), run(b)
	ch := Change{"Power lead time", "+24 months"}
	b.ReportAllocs()
	for b.Loop() {
		_ = Sentence(r, prev, ch)
	}
}
