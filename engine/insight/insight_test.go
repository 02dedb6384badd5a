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
	"github.com/flywheel-dev/flywheel/engine/analysis"
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

// lever is the lever of key.
func lever(t testing.TB, key string) engine.Lever {
	t.Helper()
	for i := range engine.Levers {
		if engine.Levers[i].Key == key {
			return engine.Lever(i)
		}
	}
	t.Fatalf("no lever %q", key)
	return 0
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

// The lever settings of the presets (data/*.yaml) that the cases below start from.
var (
	capitalCrunch = []string{"vendor_financing=2", "equity_capacity=20", "debt_rate=12", "debt_cap=30"}
	demandStall   = []string{"revenue_growth=60", "price_decline=35", "long_run_growth=5", "growth_half_life=1"}
	companyPlan   = []string{"revenue_growth=65", "long_run_growth=25", "growth_half_life=4"}
	energyWall    = []string{"energy_build=3", "energy_growth=15", "power_lead_time=48"}
	ampleEnergy   = []string{"energy_build=8", "energy_growth=35", "power_lead_time=18"} // supply-first's
)

// with is sets followed by more.
func with(sets []string, more ...string) []string {
	return append(append([]string(nil), sets...), more...)
}

var wallCases = []wallCase{
	{"base case", nil, engine.Energy, 2026, false, "Energy binds 2026–"},
	{"slow power", []string{"power_lead_time=48"}, engine.Energy, 2026, false, "Energy binds 2026–"},
	{"scarce GPU supply", []string{"gpu_supply=1.5"}, engine.Supply, 2025, true, "Supply binds through 20"},
	{"weak demand, deep equity", []string{"revenue_growth=20", "equity_capacity=300"}, engine.Demand, 2026, false, "Demand binds 2026"},
	{"company plan, deep equity", with(companyPlan, "equity_capacity=300"), engine.Compute, 2032, false, "Compute binds 2032"},
	// The capital wall, bills paid: the money to sign more binds.
	{"half the commitments", []string{"investment=0.7"}, engine.Capital, 2026, false, "Capital binds from 2026-01 to "},
	{"no commitments", []string{"investment=0"}, engine.Capital, 2025, true, "Capital binds through 20"},
	// In arrears: from the wall's first month, or after months of unaffordable contracts.
	{"company plan, deeper equity", with(companyPlan, "equity_capacity=50"), engine.Capital, 2030, false, "Capital binds from 2030-05 to "},
	{"capital crunch, ample energy", with(capitalCrunch, ampleEnergy...), engine.Capital, 2027, false, "Capital binds from 2027-08 to "},
	// Restructured, then winding down.
	{"company plan", companyPlan, engine.Capital, 2029, false, "Capital binds from 2029-12 to "},
	{"weak demand, thin financing", []string{"revenue_growth=40"}, engine.Capital, 2029, false, "Capital binds from 2029-04: "},
	{"demand stall, ample energy", with(demandStall, ampleEnergy...), engine.Capital, 2029, false, "Capital binds from 2029-02: "},
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

// capitalSize is how a capital wall's size reads in English: GW wanted but unaffordable while
// the bills are paid, else the arrears at their worst.
func capitalSize(st Story) string {
	switch st.Stage {
	case engine.Solvent:
		return string(appendGW(nil, st.Peak)) + " wanted but unaffordable"
	case engine.InArrears:
		return "peak at " + string(appendMoney(nil, st.Peak)) + " in " + strconv.Itoa(st.PeakAt.Year)
	}
	return "arrears reach " + string(appendMoney(nil, st.Peak))
}

// capitalPeak is a month's value of the capital wall's size at stage st.
func capitalPeak(m *engine.Month, st engine.Stage) float64 {
	if st == engine.Solvent {
		return m.Unaffordable
	}
	return m.Arrears
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
			size = capitalSize(st)
		case engine.Demand:
			size = string(appendPercent(nil, st.Peak)) + " of capacity idles in " + strconv.Itoa(st.PeakAt.Year)
		case engine.Compute:
			size = "by " + string(appendMoney(nil, st.Peak)) + "/yr"
		}
		if !strings.Contains(line, size) {
			t.Errorf("%s: %q does not name the size %q", c.name, line, size)
		}
		// The peak is the largest value over the wall's own months, and a capital wall's stage
		// the furthest any of them reached.
		a, b := r.MonthIndex(st.Start), r.MonthIndex(st.End)
		stage := engine.Solvent
		for i := a; i <= b; i++ {
			m := &r.Months[i]
			v := map[engine.Bottleneck]float64{engine.Energy: m.Stranded, engine.Supply: m.Due,
				engine.Demand: 1 - m.Utilisation, engine.Compute: m.Demand - m.CapacityRevenue,
				engine.Capital: capitalPeak(m, st.Stage)}[st.Kind]
			if m.Bottleneck == st.Kind && v > st.Peak {
				t.Errorf("%s: %v has %g, above the peak %g", c.name, m.Date, v, st.Peak)
			}
			stage = max(stage, m.Stage)
		}
		if st.Kind == engine.Capital && st.Stage != stage {
			t.Errorf("%s: the wall reaches %v, the story says %v", c.name, stage, st.Stage)
		}
		if h := r.Headline; h.BreakEvenYear > 0 && st.Stage < engine.Restructuring &&
			!strings.Contains(line, "break-even "+strconv.Itoa(h.BreakEvenYear)) {
			t.Errorf("%s: %q does not give break-even %d", c.name, line, h.BreakEvenYear)
		}
	}
}

// A capital case is a wall case whose capital wall is known from the run's headline: how far it
// goes, and what the sentence must say in each language, written from the headline's figures.
type capitalCase struct {
	name   string // of a wall case
	stage  engine.Stage
	en, zh func(r *engine.Result) string
}

// peakYear is the year the arrears peak.
func peakYear(r *engine.Result) int {
	at, peak := 0, 0.0
	for i := range r.Months {
		if m := &r.Months[i]; m.Arrears > peak {
			at, peak = m.Date.Year, m.Arrears
		}
	}
	return at
}

// unaffordablePeak is the most GW wanted but unaffordable in any month, and its year.
func unaffordablePeak(r *engine.Result) (peak float64, year int) {
	for i := range r.Months {
		if m := &r.Months[i]; m.Unaffordable > peak {
			peak, year = m.Unaffordable, m.Date.Year
		}
	}
	return peak, year
}

var capitalCases = []capitalCase{
	{"half the commitments", engine.Solvent,
		func(r *engine.Result) string {
			gw, y := unaffordablePeak(r)
			return ": " + string(appendGW(nil, gw)) + " wanted but unaffordable at the peak (" + strconv.Itoa(y) + ");"
		},
		func(r *engine.Result) string {
			gw, y := unaffordablePeak(r)
			return "：需求超出可负担的签约规模，" + strconv.Itoa(y) + "年峰值时缺口达" + string(appendGW(nil, gw)) + "；"
		}},
	{"company plan, deeper equity", engine.InArrears,
		func(r *engine.Result) string {
			return ": arrears peak at " + string(appendMoney(nil, r.Headline.PeakArrears)) + " in " + strconv.Itoa(peakYear(r)) + ";"
		},
		func(r *engine.Result) string {
			return "：" + strconv.Itoa(peakYear(r)) + "年欠款峰值达" + string(appendMoneyZh(nil, r.Headline.PeakArrears)) + "；"
		}},
	{"capital crunch, ample energy", engine.InArrears,
		func(r *engine.Result) string {
			h := &r.Headline
			return ": arrears from " + h.ArrearsFrom.String() + " peak at " + string(appendMoney(nil, h.PeakArrears)) + " in " + strconv.Itoa(peakYear(r)) + ";"
		},
		func(r *engine.Result) string {
			h := &r.Headline
			return "：" + string(appendMonthZh(nil, h.ArrearsFrom)) + "起出现欠款，" + strconv.Itoa(peakYear(r)) + "年峰值达" + string(appendMoneyZh(nil, h.PeakArrears)) + "；"
		}},
	{"company plan", engine.Restructuring,
		func(r *engine.Result) string {
			h := &r.Headline
			return ": arrears reach " + string(appendMoney(nil, h.PeakArrears)) + " and creditors restructure in " + strconv.Itoa(h.RestructuredAt.Year) + ";"
		},
		func(r *engine.Result) string {
			h := &r.Headline
			return "：欠款达" + string(appendMoneyZh(nil, h.PeakArrears)) + "，" + strconv.Itoa(h.RestructuredAt.Year) + "年债权人实施重组；"
		}},
	{"demand stall, ample energy", engine.WindingDown,
		func(r *engine.Result) string {
			h := &r.Headline
			return ": arrears reach " + string(appendMoney(nil, h.PeakArrears)) + ", creditors restructure in " + strconv.Itoa(h.RestructuredAt.Year) +
				", winding down from " + strconv.Itoa(h.WindingDownFrom.Year) + "."
		},
		func(r *engine.Result) string {
			h := &r.Headline
			return "：欠款达" + string(appendMoneyZh(nil, h.PeakArrears)) + "，" + strconv.Itoa(h.RestructuredAt.Year) + "年债权人实施重组，" +
				strconv.Itoa(h.WindingDownFrom.Year) + "年起逐步停业。"
		}},
}

// Each kind of capital wall, in runs built from the presets' levers, says which it is, sized and
// dated with the run's own headline figures, in both languages; no sentence tells the old story
// of a shortfall that stops all contracts.
func TestCapitalStages(t *testing.T) {
	cases := map[string]wallCase{}
	for _, c := range wallCases {
		cases[c.name] = c
	}
	var seen [engine.NumStages]bool
	for _, c := range capitalCases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, cases[c.name].sets...)
			st, h := Analyse(r), &r.Headline
			seen[c.stage] = true
			en, zh := Sentence(r, nil, Change{}), zhLine(r, nil, Change{})
			t.Log(en)
			t.Log(zh)
			if st.Kind != engine.Capital || st.Stage != c.stage {
				t.Fatalf("story %v at stage %v, want capital at %v", st.Kind, st.Stage, c.stage)
			}
			// The wall holds the headline's events: they are this wall's to tell.
			inWall := func(ym engine.YearMonth) bool {
				i := r.MonthIndex(ym)
				return i >= r.MonthIndex(st.Start) && i <= r.MonthIndex(st.End)
			}
			switch {
			case c.stage == engine.Solvent && h.PeakArrears != 0:
				t.Errorf("arrears of $%gB, want none", h.PeakArrears)
			case c.stage != engine.Solvent && (st.Peak != h.PeakArrears || !inWall(h.ArrearsFrom)):
				t.Errorf("peak $%gB, arrears from %v, want $%gB within %v–%v", st.Peak, h.ArrearsFrom, h.PeakArrears, st.Start, st.End)
			case c.stage >= engine.Restructuring && !inWall(h.RestructuredAt),
				c.stage == engine.WindingDown && !inWall(h.WindingDownFrom):
				t.Errorf("restructured %v, winding down from %v, outside %v–%v", h.RestructuredAt, h.WindingDownFrom, st.Start, st.End)
			case c.stage < engine.Restructuring && !h.RestructuredAt.IsZero(),
				c.stage < engine.WindingDown && !h.WindingDownFrom.IsZero():
				t.Errorf("restructured %v, winding down from %v, but the story stops at %v", h.RestructuredAt, h.WindingDownFrom, c.stage)
			}
			if want := c.en(r); !strings.Contains(en, want) {
				t.Errorf("%q does not say %q", en, want)
			}
			if want := c.zh(r); !strings.Contains(zh, want) {
				t.Errorf("%q does not say %q", zh, want)
			}
			for _, old := range []string{"shortfall", "contracts", "run out", "资金缺口", "合同"} {
				if strings.Contains(en+zh, old) {
					t.Errorf("the old story's %q is left in %q / %q", old, en, zh)
				}
			}
		})
	}
	for stage, ok := range seen {
		if !ok {
			t.Errorf("no capital case at stage %v", engine.Stage(stage))
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
		Change{Label: "GPU supply", Delta: "+1 GW/yr"}, []string{"After GPU supply +1 GW/yr: ", "stranded peak ▲"}},
	{"GPU supply in the base case", nil, []string{"gpu_supply=5"},
		Change{Label: "GPU supply", Delta: "+1 GW/yr"}, []string{"no change in the headline figures"}},
	{"GPU supply in the base case, its link unbound", nil, []string{"gpu_supply=5"},
		Change{Label: "GPU supply", Delta: "+1 GW/yr", Unbound: true, Instead: engine.Energy},
		[]string{"More GPU supply changes nothing here: energy binds."}},
	{"less GPU supply where capital binds", []string{"investment=0.7"}, []string{"investment=0.7", "gpu_supply=3"},
		Change{Label: "GPU supply", Delta: "−1 GW/yr", Unbound: true, Instead: engine.Capital},
		[]string{"Less GPU supply changes nothing here: capital binds."}},
	{"GPU supply behind an energy wall, unbound but moving a figure", energyWall, with(energyWall, "gpu_supply=5"),
		Change{Label: "GPU supply", Delta: "+1 GW/yr", Unbound: true, Instead: engine.Energy},
		[]string{"After GPU supply +1 GW/yr: peak funding need ▲"}},
	{"investment where capital binds", []string{"investment=0.7"}, []string{"investment=0.5"},
		Change{Label: "Investment", Delta: "−0.2 $T"}, []string{"revenue 2030 ▼"}},
	{"halving investment", nil, []string{"investment=0.7"},
		Change{Label: "Investment", Delta: "−0.7 $T"}, []string{"capital binds (was energy)"}},
	{"slower power", nil, []string{"power_lead_time=48"},
		Change{Label: "Power lead time", Delta: "+24 months"}, []string{"arrears of $52B appear", "revenue 2030 ▼"}},
	{"thin equity, dear debt", nil, []string{"equity_capacity=5", "debt_rate=20"},
		Change{Label: "Equity capacity", Delta: "−35 $B/yr"}, []string{"arrears of $58B appear"}},
	{"less equity in a capital crunch", with(capitalCrunch, ampleEnergy...), with(capitalCrunch, with(ampleEnergy, "equity_capacity=10")...),
		Change{Label: "Equity capacity", Delta: "−10 $B/yr"}, []string{"arrears ▲"}},
	{"more equity for the company plan", companyPlan, with(companyPlan, "equity_capacity=50"),
		Change{Label: "Equity capacity", Delta: "+10 $B/yr"}, []string{"arrears ▼"}},
	{"undo", []string{"equity_capacity=5", "debt_rate=20"}, nil,
		Change{Label: "Undo"}, []string{"After Undo: ", "no arrears (was $58B)"}},
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
			if c.ch.Unbound { // as the UI finds it
				key, _, _ := strings.Cut(c.to[len(c.to)-1], "=")
				s := r.Scenario
				span, ok, err := analysis.BindingSpan(s, lever(t, key), new(engine.Result))
				if err != nil || !ok || span.Binds || span.Instead != c.ch.Instead {
					t.Errorf("%s's span %+v (ok %v, %v): the UI would not pass %+v", key, span, ok, err, c.ch)
				}
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

// capitalSynth is a capital wall from 2027-07 (month 30) after demand, its months in the stages
// given, one letter each (. solvent, a arrears, R restructuring, W winding down), then the rest
// of the timeline. Solvent months want 0.1 GW more than they can afford each month; arrears grow
// by step each month in distress, and creditors restructure in the R and W months.
func capitalSynth(stages, rest string, step float64) *engine.Result {
	r := synth("dddddddddddd dddddddddddd dddddd" + strings.Repeat("$", len(stages)) + rest)
	arrears := 0.0
	for k, c := range stages {
		m := &r.Months[30+k]
		m.Stage = engine.Stage(strings.IndexRune(".aRW", c))
		if m.Stage == engine.Solvent {
			m.Unaffordable = 0.1 * float64(k+1)
			continue
		}
		arrears += step
		m.Arrears = arrears
		if m.Stage >= engine.Restructuring {
			m.Restructured = 1
		}
	}
	return r
}

// Each capital wall in both languages, from a synthetic timeline whose figures are known.
func TestCapitalSentence(t *testing.T) {
	for _, c := range []struct {
		name         string
		stages, rest string
		step         float64
		revenue      float64 // in 2028, $B, when not the $12B of synth
		en, zh       string
	}{
		{"bills paid, contracts unaffordable", "..................", "", 5, 0,
			"Capital binds from 2027-07: 1.8 GW wanted but unaffordable by 2028; no break-even by 2028.",
			"资本自2027年7月起成为瓶颈：需求超出可负担的签约规模，到2028年缺口达1.8 GW；至2028年仍未实现盈亏平衡。"},
		{"arrears from the wall's first month", "aaaaaa............", "dddddd", 5, 0,
			"Capital binds from 2027-07 to 2028: arrears peak at $30B in 2027; no break-even by 2029.",
			"资本在2027年7月至2028年间成为瓶颈：2027年欠款峰值达300亿美元；至2029年仍未实现盈亏平衡。"},
		{"arrears after unaffordable contracts", "...aaaaaaaaa......", "", 5, 0,
			"Capital binds from 2027-07: arrears from 2027-10 peak at $45B in 2028; no break-even by 2028.",
			"资本自2027年7月起成为瓶颈：2027年10月起出现欠款，2028年峰值达450亿美元；至2028年仍未实现盈亏平衡。"},
		{"restructured, revenue holds", "aaaaaRRRRRR.......", "", 5, 0,
			"Capital binds from 2027-07: arrears reach $55B and creditors restructure in 2027; revenue $12B by 2028.",
			"资本自2027年7月起成为瓶颈：欠款达550亿美元，2027年债权人实施重组；2028年收入120亿美元。"},
		// In English the revenue clause does not fit, and break-even takes its place.
		{"restructured, revenue falls", "aaaaaRRRRRR.......", "", 5, 3,
			"Capital binds from 2027-07: arrears reach $55B and creditors restructure in 2027; no break-even by 2028.",
			"资本自2027年7月起成为瓶颈：欠款达550亿美元，2027年债权人实施重组；到2028年收入降至30亿美元。"},
		{"winding down", "aaaaaRRRRWWWWWWWWW", "", 5, 0,
			"Capital binds from 2027-07: arrears reach $90B, creditors restructure in 2027, winding down from 2028.",
			"资本自2027年7月起成为瓶颈：欠款达900亿美元，2027年债权人实施重组，2028年起逐步停业；2028年收入120亿美元。"},
		// With the head's "to 2028" and $1.8T, the English drops the restructuring; the Chinese has room.
		{"winding down, too long for the restructuring", "aaaaaRRRRWWWWWWWWW", "dddddd", 100, 0,
			"Capital binds from 2027-07 to 2028: arrears reach $1.8T, winding down from 2028; revenue $12B by 2028.",
			"资本在2027年7月至2028年间成为瓶颈：欠款达1.8万亿美元，2027年债权人实施重组，2028年起逐步停业。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := capitalSynth(c.stages, c.rest, c.step)
			if c.revenue > 0 {
				for i := 36; i < 48; i++ {
					r.Months[i].Revenue = c.revenue / 12
				}
				r.Years[3].Revenue = c.revenue
			}
			if got := Sentence(r, nil, Change{}); got != c.en {
				t.Errorf("\n got %q\nwant %q", got, c.en)
			}
			if got := zhLine(r, nil, Change{}); got != c.zh {
				t.Errorf("\n got %q\nwant %q", got, c.zh)
			}
		})
	}
	// A wall that binds now dates the arrears even when they begin with it: the head does not.
	r := synth("$$$$$$$$$$$$ $$$$$$dddddd")
	for i := range 18 {
		r.Months[i].Stage, r.Months[i].Arrears = engine.InArrears, float64(i+1)
	}
	if got, want := Sentence(r, nil, Change{}), "Capital binds through 2026: arrears from 2025-01 peak at $18B in 2026; "; !strings.HasPrefix(got, want) {
		t.Errorf("%q, want it to begin %q", got, want)
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
	line := Sentence(r, prev, Change{Label: "Lever", Delta: "+1"})
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
		}, "After Lever +1: break-even lost (was 2028), arrears of $30B appear."},
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

// When nothing moved and the lever's link does not bind, the clause says so in both languages,
// more or less as the move's sign says; when a figure moved, the figures come first.
func TestUnbound(t *testing.T) {
	const timeline = "dddddddddddd dddddddddddd EEEEEEEEEEEE EEEEEEEEEEEE"
	for _, c := range []struct {
		name    string
		ch, zh  Change
		moved   bool
		en, zhc string
	}{
		{"more", Change{Label: "GPU supply", Delta: "+1 GW/yr", Instead: engine.Energy}, Change{Label: "GPU 供应", Delta: "+1 GW/年", Instead: engine.Energy}, false,
			"More GPU supply changes nothing here: energy binds.", "增加GPU 供应不改变结果：能源才是瓶颈。"},
		{"a capitalised label reads lower-case", Change{Label: "Energy build", Delta: "+0.25 GW/yr", Instead: engine.Capital},
			Change{Label: "电力新建", Delta: "+0.25 GW/年", Instead: engine.Capital}, false,
			"More energy build changes nothing here: capital binds.", "增加电力新建不改变结果：资本才是瓶颈。"},
		{"less", Change{Label: "Power lead time", Delta: "−3 months", Instead: engine.Supply},
			Change{Label: "电力建设周期", Delta: "−3个月", Instead: engine.Supply}, false,
			"Less power lead time changes nothing here: supply binds.", "减少电力建设周期不改变结果：供应链才是瓶颈。"},
		{"less, ASCII minus", Change{Label: "GPU supply", Delta: "-1 GW/yr", Instead: engine.Energy}, Change{Label: "GPU 供应", Delta: "-1 GW/年", Instead: engine.Energy}, false,
			"Less GPU supply changes nothing here: energy binds.", "减少GPU 供应不改变结果：能源才是瓶颈。"},
		{"no delta", Change{Label: "Undo", Instead: engine.Energy}, Change{Label: "撤销", Instead: engine.Energy}, false,
			"Undo changes nothing here: energy binds.", "撤销不改变结果：能源才是瓶颈。"},
		{"a figure moved", Change{Label: "GPU supply", Delta: "+1 GW/yr", Instead: engine.Energy}, Change{Label: "GPU 供应", Delta: "+1 GW/年", Instead: engine.Energy}, true,
			"After GPU supply +1 GW/yr: break-even slips 2028 → 2029.", "调整GPU 供应+1 GW/年后：盈亏平衡推迟至2029年（原为2028年）。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev, r := synth(timeline), synth(timeline)
			prev.Headline.BreakEvenYear, r.Headline.BreakEvenYear = 2028, 2028
			if c.moved {
				r.Headline.BreakEvenYear = 2029
			}
			c.ch.Unbound, c.zh.Unbound = true, true
			if _, got := Parts(r, prev, c.ch); got != c.en {
				t.Errorf("got  %q\nwant %q", got, c.en)
			}
			if _, got := PartsIn(Chinese, r, prev, c.zh); got != c.zhc {
				t.Errorf("got  %q\nwant %q", got, c.zhc)
			}
			// Without Unbound the clause is the usual one.
			c.ch.Unbound = false
			if _, got := Parts(r, prev, c.ch); got == c.en && !c.moved {
				t.Errorf("%q without Unbound", got)
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
		line := Sentence(r, prev, Change{Label: label, Delta: "+1"})
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

// capitalFacts reads a capital wall's story from the run's months, apart from Analyse: the
// furthest stage a month of it reached, the size in that stage's unit at its worst, and the years
// creditors first restructure and the wind-down begins within it (0 when they do not).
func capitalFacts(r *engine.Result, st Story) (stage engine.Stage, peak float64, restructured, windingDown int) {
	a, b := r.MonthIndex(st.Start), r.MonthIndex(st.End)
	for i := a; i <= b; i++ {
		m := &r.Months[i]
		stage = max(stage, m.Stage)
		if restructured == 0 && m.Restructured > 0 {
			restructured = m.Date.Year
		}
		if windingDown == 0 && m.Stage == engine.WindingDown {
			windingDown = m.Date.Year
		}
	}
	for i := a; i <= b; i++ {
		peak = max(peak, capitalPeak(&r.Months[i], stage))
	}
	return stage, peak, restructured, windingDown
}

// checkCapital asserts that a capital wall's English sentence says which wall it is and sizes it
// as the months have it, names the wind-down and (while the sentence has room) the restructuring,
// and keeps nothing of the old story of a shortfall that stopped all contracts.
func checkCapital(t *rapid.T, r *engine.Result, st Story, main string) {
	stage, peak, restructured, windingDown := capitalFacts(r, st)
	if st.Stage != stage || st.Peak != peak {
		t.Fatalf("story at %v peaks at %g, the months reach %v and %g", st.Stage, st.Peak, stage, peak)
	}
	want := []string{capitalSize(st)}
	switch stage {
	case engine.Restructuring:
		want = append(want, " and creditors restructure in "+strconv.Itoa(restructured))
	case engine.WindingDown:
		want = append(want, ", winding down from "+strconv.Itoa(windingDown))
		if !strings.Contains(main, ", winding down") {
			want = append(want, ", creditors restructure in "+strconv.Itoa(restructured))
		}
	}
	for _, w := range want {
		if !strings.Contains(main, w) {
			t.Fatalf("%v wall: %q does not say %q", stage, main, w)
		}
	}
	for _, old := range []string{"shortfall", "contracts", "run out"} {
		if strings.Contains(main, old) {
			t.Fatalf("the old story's %q in %q", old, main)
		}
	}
}

// unbound sets ch's Unbound and Instead as the UI does when lever k, moved in s, acts on a link.
func unbound(t *rapid.T, ch *Change, s engine.Scenario, k engine.Lever, scratch *engine.Result) {
	span, ok, err := analysis.BindingSpan(s, k, scratch)
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		ch.Unbound, ch.Instead = !span.Binds, span.Instead
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
	var r, prev, scratch engine.Result
	var stages [engine.NumStages]int
	unbounds := 0
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
		if st.Kind == engine.Capital {
			checkCapital(t, &r, st, main)
			stages[st.Stage]++
		}

		d := math.Round((s.Levers[k]-was)*1e4) / 1e4
		ch := Change{Label: p.Name, Delta: strconv.FormatFloat(d, 'f', -1, 64) + " " + p.Unit}
		head := "After " + ch.Label + " " + ch.Delta + ": "
		switch {
		case d > 0:
			ch.Delta = "+" + ch.Delta
			head = "After " + ch.Label + " " + ch.Delta + ": "
		case d == 0: // the lever was at its bound already
			ch.Delta, head = "", "After "+ch.Label+": "
		}
		// The lever's link does not bind and no figure moved: the clause says what binds instead.
		plain := Sentence(&r, &prev, ch)
		unbound(t, &ch, s, k, &scratch)
		line := Sentence(&r, &prev, ch)
		if ch.Unbound && strings.HasSuffix(plain, ": no change in the headline figures.") {
			name := p.Name // lower-case after "More", but an acronym stays
			if !strings.HasPrefix(name, "GPU") {
				name = strings.ToLower(name[:1]) + name[1:]
			}
			more := map[bool]string{true: "More ", false: "Less "}[d > 0] + name
			if d == 0 {
				more = p.Name
			}
			if want := main + " " + more + " changes nothing here: " + ch.Instead.String() + " binds."; line != want {
				t.Fatalf("%q, want %q", line, want)
			}
			unbounds++
			return
		}
		if line != plain {
			t.Fatalf("Unbound changed a clause with figures: %q, was %q", line, plain)
		}
		change, ok := strings.CutPrefix(line, main+" ")
		figures, ok2 := strings.CutPrefix(change, head)
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
	t.Logf("capital walls by stage %v; %d clauses say the lever's link does not bind", stages, unbounds)
}

// TestSentenceAllocatesOnce backs the promise: the string is the only allocation.
func TestSentenceAllocatesOnce(t *testing.T) {
	r, prev := run(t, "power_lead_time=48"), run(t)
	ch := Change{Label: "Power lead time", Delta: "+24 months"}
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
	ch := Change{Label: "Power lead time", Delta: "+24 months"}
	b.ReportAllocs()
	for b.Loop() {
		_ = Sentence(r, prev, ch)
	}
}
