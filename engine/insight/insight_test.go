package insight

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/flywheel-dev/flywheel/data"
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

// A wall case is a lever setting whose story is known: what the line is about (Story.Kind) and
// how the sentence must begin.
type wallCase struct {
	name   string
	sets   []string
	kind   engine.Bottleneck
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
	{"base case", nil, engine.Energy, "Energy binds Oct 2026–Sep 2031: "},
	{"slow power", []string{"power_lead_time=48"}, engine.Capital, "In arrears "},
	{"scarce GPU supply", []string{"gpu_supply=1.5"}, engine.Supply, "Supply binds through "},
	{"weak demand, deep equity", []string{"revenue_growth=20", "equity_capacity=300"}, engine.Demand, "Demand binds "},
	{"company plan, deep equity", with(companyPlan, "equity_capacity=300"), engine.Demand, "Demand binds Feb 2026–May 2032: "},
	{"supply first", []string{"gpu_supply=6", "supply_growth=40", "energy_build=8", "energy_growth=35", "power_lead_time=18"}, engine.Compute, "Compute binds 2031–2033: "},
	// The capital wall, bills paid: the money to sign more binds.
	{"half the commitments", []string{"investment=0.7"}, engine.Capital, "Capital binds 2026–2031: "},
	{"no commitments", []string{"investment=0"}, engine.Capital, "Capital binds Oct 2025–May 2034: "},
	// In arrears: told first, whatever wall costs most.
	{"company plan, deeper equity", with(companyPlan, "equity_capacity=50"), engine.Capital, "In arrears "},
	{"capital crunch, ample energy", with(capitalCrunch, ampleEnergy...), engine.Capital, "In arrears "},
	// Restructured, then winding down.
	{"company plan", companyPlan, engine.Capital, "In arrears Dec 2029–Jun 2032, peak $81.8B; creditors restructure Apr 2031"},
	{"weak demand, thin financing", []string{"revenue_growth=40"}, engine.Capital, "In arrears Apr 2029–May 2034, peak $124B; creditors restructure May 2030"},
	{"demand stall, ample energy", with(demandStall, ampleEnergy...), engine.Capital, "In arrears from "},
}

// fatalf is what the checks need of *testing.T and *rapid.T.
type fatalf interface{ Fatalf(string, ...any) }

// mainWall is the wall the line must name, found apart from engine.Walls: the runs of one label
// from the months, each costing the demand it left unserved (the capacity it left idle, for
// demand), those under 1% of the run's revenue dropped, and the shortfall's own months (a capital
// run in arrears) left to the stages; the largest impact, the earliest on a tie. ok is false when
// none is left.
func mainWall(r *engine.Result) (kind engine.Bottleneck, from, to int, ok bool) {
	ms := r.Months
	var revenue float64
	for i := range ms {
		revenue += ms[i].Revenue
	}
	best := -1.0
	for i := 0; i < len(ms); {
		j, impact, arrears := i, 0.0, false
		for ; j < len(ms) && ms[j].Bottleneck == ms[i].Bottleneck; j++ {
			m := &ms[j]
			arrears = arrears || m.Stage != engine.Solvent
			if m.Bottleneck == engine.Demand {
				impact += (m.CapacityRevenue - m.RevenueRate) / 12
			} else {
				impact += (m.Demand - m.RevenueRate) / 12
			}
		}
		impact = max(0, impact)
		if impact >= engine.WallMateriality*revenue && impact > best && (ms[i].Bottleneck != engine.Capital || !arrears) {
			best, kind, from, to, ok = impact, ms[i].Bottleneck, i, j-1, true
		}
		i = j
	}
	return kind, from, to, ok
}

// A binding claim in an English sentence: "<link> binds" and when, in years or months.
var claim = regexp.MustCompile(`(?i)\b(demand|energy|supply|capital|compute) binds (throughout|through ([A-Z][a-z]{2} )?(\d{4})|from ([A-Z][a-z]{2} )?(\d{4})|in ([A-Z][a-z]{2} )?(\d{4})|([A-Z][a-z]{2} )?(\d{4})–([A-Z][a-z]{2} )?(\d{4}))`)

// A month as the English line writes it.
var monthRe = `([A-Z][a-z]{2}) (\d{4})`

// parseMonth reads "Oct 2027"; ok false for a bare year.
func parseMonth(mon, yr string) (engine.YearMonth, bool) {
	y, _ := strconv.Atoi(yr)
	mon = strings.TrimSpace(mon)
	for i, n := range monthNames {
		if n == mon {
			return engine.YearMonth{Year: y, Month: i + 1}, true
		}
	}
	return engine.YearMonth{Year: y, Month: 1}, false
}

// checkStory asserts the story rules on r's English main sentence, reading them from the months
// apart from Analyse: (a) a run in arrears is told first, with its months, peak, restructuring
// and wind-down as Month.Stage and the headline have them, and a run without says nothing of
// arrears; (b) every span the sentence says a link binds agrees, in years with the year table
// (Year.Bottleneck), in months with the timeline (Month.Bottleneck); (c) the wall named is the
// one of largest impact, over exactly its months.
func checkStory(t fatalf, r *engine.Result, main string) {
	ms := r.Months
	first, last := ms[0].Date, ms[len(ms)-1].Date
	var arrFrom, arrTo engine.YearMonth
	for i := range ms {
		if ms[i].Stage != engine.Solvent {
			if arrFrom.IsZero() {
				arrFrom = ms[i].Date
			}
			arrTo = ms[i].Date
		}
	}
	h := &r.Headline
	if arrFrom.IsZero() {
		if strings.Contains(main, "arrears") || strings.Contains(main, "creditors") || strings.Contains(main, "winding") {
			t.Fatalf("no arrears, yet %q", main)
		}
	} else {
		m := regexp.MustCompile(`^In arrears (from |in )?` + monthRe + `(–` + monthRe + `)?, peak (\$[0-9.]+[BT])`).FindStringSubmatch(main)
		if m == nil {
			t.Fatalf("arrears %v–%v, but the sentence does not begin with them: %q", arrFrom, arrTo, main)
		}
		from, _ := parseMonth(m[2], m[3])
		to := from
		switch {
		case m[1] == "from ":
			to = last
		case m[4] != "":
			to, _ = parseMonth(m[5], m[6])
		}
		if from != arrFrom || to != arrTo || m[7] != Money(h.PeakArrears) {
			t.Fatalf("%q: the months say arrears %v–%v, peak %s", main, arrFrom, arrTo, Money(h.PeakArrears))
		}
		if ra := h.RestructuredAt; !ra.IsZero() && !strings.Contains(main, "; creditors restructure "+string(appendMonth(nil, ra))) {
			t.Fatalf("%q does not tell the restructuring of %v", main, ra)
		}
		if wd := h.WindingDownFrom; !wd.IsZero() && !strings.Contains(main, "; winding down from "+string(appendMonth(nil, wd))) {
			t.Fatalf("%q does not tell the wind-down from %v", main, wd)
		}
	}

	claims := claim.FindAllStringSubmatch(main, -1)
	kind, wa, wb, ok := mainWall(r)
	switch {
	case len(claims) > 1:
		t.Fatalf("%q names %d walls", main, len(claims))
	case len(claims) == 0 && ok && arrFrom.IsZero():
		t.Fatalf("%q names no wall; the largest is %v %v–%v", main, kind, ms[wa].Date, ms[wb].Date)
	case len(claims) == 0 && !ok && arrFrom.IsZero() && !strings.HasPrefix(main, "No wall binds"):
		t.Fatalf("no wall is material, yet %q", main)
	case len(claims) == 0:
		return
	case !ok:
		t.Fatalf("%q names a wall, but none is material", main)
	}
	c := claims[0]
	k := map[string]engine.Bottleneck{"demand": engine.Demand, "energy": engine.Energy, "supply": engine.Supply,
		"capital": engine.Capital, "compute": engine.Compute}[strings.ToLower(c[1])]
	var from, to engine.YearMonth
	months := true
	switch {
	case c[2] == "throughout":
		from, to = first, last
	case c[4] != "":
		from = first
		to, months = parseMonth(c[3], c[4])
	case c[6] != "":
		from, months = parseMonth(c[5], c[6])
		to = last
	case c[8] != "":
		from, months = parseMonth(c[7], c[8])
		to = from
	default:
		from, months = parseMonth(c[9], c[10])
		to, _ = parseMonth(c[11], c[12])
	}
	if months {
		for i := r.MonthIndex(from); i <= r.MonthIndex(to); i++ {
			if i < 0 || ms[i].Bottleneck != k {
				t.Fatalf("%q: the timeline does not say %v in every month %v–%v", main, k, from, to)
			}
		}
		if k != kind || from != ms[wa].Date || to != ms[wb].Date {
			t.Fatalf("%q names %v %v–%v; the largest wall is %v %v–%v", main, k, from, to, kind, ms[wa].Date, ms[wb].Date)
		}
		return
	}
	if c[2] != "throughout" && (c[4] != "" && from.Year != first.Year || c[6] != "" && to.Year != last.Year) {
		t.Fatalf("bad span in %q", main)
	}
	for y := from.Year; y <= to.Year; y++ {
		if i := r.YearIndex(y); i < 0 || r.Years[i].Bottleneck != k {
			t.Fatalf("%q: the year table does not say %v in %d", main, k, y)
		}
	}
	if k != kind || from.Year != ms[wa].Date.Year || to.Year != ms[wb].Date.Year {
		t.Fatalf("%q names %v %d–%d; the largest wall is %v %v–%v", main, k, from.Year, to.Year, kind, ms[wa].Date, ms[wb].Date)
	}
}

func TestStory(t *testing.T) {
	var kinds [engine.NumBottlenecks]bool
	for _, c := range wallCases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.sets...)
			st := Analyse(r)
			kinds[st.Kind] = true
			line := Sentence(r, nil, Change{})
			t.Log(line)
			if st.Kind != c.kind {
				t.Fatalf("story %+v, want %v", st, c.kind)
			}
			if !strings.HasPrefix(line, c.prefix) {
				t.Errorf("sentence %q does not begin %q", line, c.prefix)
			}
			if n := utf8.RuneCountInString(line); n >= maxMain {
				t.Errorf("%d runes, want under %d: %q", n, maxMain, line)
			}
			checkStory(t, r, line)
		})
	}
	for k, seen := range kinds {
		if !seen {
			t.Errorf("no wall case for %v", engine.Bottleneck(k))
		}
	}
}

// presets runs every preset scenario under data/.
func presets(t testing.TB) (names []string, runs []*engine.Result) {
	for _, name := range data.Presets() {
		s, err := data.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		r := new(engine.Result)
		if err := engine.Run(&s, r); err != nil {
			t.Fatal(err)
		}
		names, runs = append(names, name), append(runs, r)
	}
	return names, runs
}

// Every preset tells its arrears first, names the wall that cost most, and dates it as the year
// table or the timeline does.
func TestPresets(t *testing.T) {
	names, runs := presets(t)
	for i, r := range runs {
		line := Sentence(r, nil, Change{})
		t.Logf("%s: %s", names[i], line)
		checkStory(t, r, line)
		if n := utf8.RuneCountInString(line); n >= maxMain {
			t.Errorf("%s: %d runes: %q", names[i], n, line)
		}
	}
}

// The sentence names each wall's size, and that size is the wall's peak.
func TestWallSize(t *testing.T) {
	base := run(t)
	if st := Analyse(base); st.Wall.Peak != base.Headline.StrandedPeak {
		t.Errorf("base case: energy wall peaks at %g GW, the run's stranded peak is %g GW", st.Wall.Peak, base.Headline.StrandedPeak)
	}
	for _, c := range wallCases {
		r := run(t, c.sets...)
		st := Analyse(r)
		if st.Shortfall.Has() {
			continue // the stages come first; checkStory checks them
		}
		line := Sentence(r, nil, Change{})
		w := &st.Wall
		var size string
		switch w.Kind {
		case engine.Energy, engine.Supply:
			size = string(appendGW(nil, w.Peak)) + " "
		case engine.Capital:
			size = string(appendGW(nil, w.Peak)) + " wanted but unaffordable"
		case engine.Demand:
			size = string(appendPercent(nil, w.Peak)) + " of capacity idles in " + strconv.Itoa(w.PeakAt.Year)
		case engine.Compute:
			size = "by " + Money(w.Peak) + "/yr"
		}
		if !strings.Contains(line, size) {
			t.Errorf("%s: %q does not name the size %q", c.name, line, size)
		}
	}
}

// Each stage of a shortfall, in runs built from the presets' levers, is told first in both
// languages, dated to the month from the run's own headline.
func TestShortfallFirst(t *testing.T) {
	var seen [engine.NumStages]bool
	for _, c := range wallCases {
		r := run(t, c.sets...)
		st := Analyse(r)
		if !st.Shortfall.Has() {
			continue
		}
		sf := &st.Shortfall
		stage := engine.InArrears
		switch {
		case !sf.WindingDownFrom.IsZero():
			stage = engine.WindingDown
		case !sf.RestructuredAt.IsZero():
			stage = engine.Restructuring
		}
		seen[stage] = true
		en, zh := Sentence(r, nil, Change{}), zhLine(r, nil, Change{})
		t.Logf("%s: %s / %s", c.name, en, zh)
		checkStory(t, r, en)
		zhWant := []string{string(appendMonthZh(nil, sf.ArrearsFrom)), "陷入欠款，峰值达" + string(appendMoneyZh(nil, sf.PeakArrears))}
		if stage >= engine.Restructuring {
			zhWant = append(zhWant, "；"+string(appendMonthZh(nil, sf.RestructuredAt))+"债权人实施重组")
		}
		if stage == engine.WindingDown {
			zhWant = append(zhWant, "；"+string(appendMonthZh(nil, sf.WindingDownFrom))+"起逐步停业")
		}
		if !strings.HasPrefix(zh, zhWant[0]) {
			t.Errorf("%s: %q does not begin with the arrears", c.name, zh)
		}
		for _, w := range zhWant {
			if !strings.Contains(zh, w) {
				t.Errorf("%s: %q does not say %q", c.name, zh, w)
			}
		}
	}
	for stage := engine.InArrears; stage < engine.NumStages; stage++ {
		if !seen[stage] {
			t.Errorf("no case reaches %v", stage)
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
		Change{Label: "GPU supply", Delta: "+1 GW/yr"}, []string{"After GPU supply +1 GW/yr: ", "main wall energy (was supply)"}},
	{"GPU supply in the base case", nil, []string{"gpu_supply=4.5"},
		Change{Label: "GPU supply", Delta: "+0.5 GW/yr"}, []string{"no change in the headline figures"}},
	{"GPU supply in the base case, its link unbound", nil, []string{"gpu_supply=4.5"},
		Change{Label: "GPU supply", Delta: "+0.5 GW/yr", Unbound: true, Instead: engine.Energy},
		[]string{"More GPU supply changes nothing here: energy binds."}},
	{"less GPU supply where capital binds", []string{"investment=0.7"}, []string{"investment=0.7", "gpu_supply=3.75"},
		Change{Label: "GPU supply", Delta: "−0.25 GW/yr", Unbound: true, Instead: engine.Capital},
		[]string{"Less GPU supply changes nothing here: capital binds."}},
	{"GPU supply behind an energy wall, unbound but moving a figure", energyWall, with(energyWall, "gpu_supply=5"),
		Change{Label: "GPU supply", Delta: "+1 GW/yr", Unbound: true, Instead: engine.Energy},
		[]string{"After GPU supply +1 GW/yr: peak cash need ▲"}},
	{"investment where capital binds", []string{"investment=0.7"}, []string{"investment=0.5"},
		Change{Label: "Investment", Delta: "−0.2 $T"}, []string{"revenue 2030 ▼"}},
	{"halving investment", nil, []string{"investment=0.7"},
		Change{Label: "Investment", Delta: "−0.7 $T"}, []string{"main wall capital (was energy)"}},
	{"slower power", nil, []string{"power_lead_time=48"},
		Change{Label: "Power lead time", Delta: "+24 months"}, []string{"arrears of $52.3B appear"}},
	{"thin equity, dear debt", nil, []string{"equity_capacity=5", "debt_rate=20"},
		Change{Label: "Equity capacity", Delta: "−35 $B/yr"}, []string{"arrears of $58.3B appear"}},
	{"less equity in a capital crunch", with(capitalCrunch, ampleEnergy...), with(capitalCrunch, with(ampleEnergy, "equity_capacity=10")...),
		Change{Label: "Equity capacity", Delta: "−10 $B/yr"}, []string{"arrears ▲"}},
	{"more equity for the company plan", companyPlan, with(companyPlan, "equity_capacity=50"),
		Change{Label: "Equity capacity", Delta: "+10 $B/yr"}, []string{"arrears ▼"}},
	{"undo", []string{"equity_capacity=5", "debt_rate=20"}, nil,
		Change{Label: "Undo"}, []string{"After Undo: ", "no arrears (was $58.3B)"}},
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
	names, runs := presets(t)
	for i, r := range runs {
		fmt.Fprintf(&out, "preset %s\n\t%s\n", names[i], Sentence(r, nil, Change{}))
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
// dashboard's strip); spaces are ignored. Revenue is $1B a month; each month of a limiting label
// leaves $1B of demand unserved, each demand month $0.25B of capacity idle (a fifth of it), so a
// limiting wall's impact in $B is its length in months, a demand wall's a quarter of that. The fleet is 10 GW, 1 GW of it stranded in energy months, 1 GW due in
// supply months, 0.1 GW unaffordable in capital months. Years carry their revenue and their label
// as the engine's year table has it: the one held most months, the one held last on a tie.
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
		m := engine.Month{Date: start.Add(len(r.Months)), Bottleneck: k, Utilisation: 1, Installed: 10,
			Revenue: 1, RevenueRate: 12, Demand: 24, CapacityRevenue: 12}
		switch k {
		case engine.Demand:
			m.Demand, m.CapacityRevenue, m.Utilisation = 12, 15, 0.8
		case engine.Energy:
			m.Stranded = 1
		case engine.Supply:
			m.Due = 1
		case engine.Capital:
			m.Unaffordable = 0.1
		}
		r.Months = append(r.Months, m)
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
		y.BottleneckMonths[m.Bottleneck]++
		if y.BottleneckMonths[m.Bottleneck] >= y.BottleneckMonths[y.Bottleneck] {
			y.Bottleneck = m.Bottleneck
		}
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
		from, to engine.YearMonth
		has      bool
	}{
		{"the largest wall, not the first", "SSSSSSSSSSSS SSdddddEEEEE EEEEEEEEEEEE dddd", engine.Energy, ym(2026, 8), ym(2027, 12), true},
		{"a blip is a wall too", "dddddddddddd ddEEEEEdddd", engine.Energy, ym(2026, 3), ym(2026, 7), true},
		{"idle capacity can cost most", "dddddddddddd dddddddddddd dddddd$$$$$$", engine.Demand, ym(2025, 1), ym(2027, 6), true},
		{"ties go to the earlier", "SSSSSSddddddEEEEEE", engine.Supply, ym(2025, 1), ym(2025, 6), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := Analyse(synth(c.timeline))
			if st.Kind != c.kind || st.Wall.From != c.from || st.Wall.To != c.to || st.HasWall != c.has {
				t.Errorf("got %v %v–%v (wall %v), want %v %v–%v", st.Kind, st.Wall.From, st.Wall.To, st.HasWall, c.kind, c.from, c.to)
			}
		})
	}
	// The months of a shortfall are its stages' to tell: the wall is the largest of the others.
	r := synth("dddddd$$$$$$ $$$$$$$$$$$$ EEEE")
	for i := 6; i < 24; i++ {
		r.Months[i].Stage, r.Months[i].Arrears = engine.InArrears, 1
	}
	r.Headline.ArrearsFrom, r.Headline.PeakArrears = r.Months[6].Date, 1
	if st := Analyse(r); st.Kind != engine.Capital || !st.Shortfall.Has() || st.Wall.Kind != engine.Energy {
		t.Errorf("story %+v: want the shortfall, then the energy wall", st)
	}
	// No wall is material: the fleet keeps pace with demand.
	r = synth("SSSSSSSSSSSS")
	for i := range r.Months {
		r.Months[i].Demand = 12
	}
	if st := Analyse(r); st.HasWall || st.Kind != engine.Demand {
		t.Errorf("story %+v: want no wall", st)
	} else if got := Sentence(r, nil, Change{}); !strings.HasPrefix(got, "No wall binds: the fleet keeps pace with demand; ") {
		t.Errorf("%q", got)
	}
	if st := Analyse(&engine.Result{}); st != (Story{}) {
		t.Errorf("empty result: %+v", st)
	}
	if s := Sentence(nil, nil, Change{}); s != "" {
		t.Errorf("nil result: %q", s)
	}
}

// TestWhen: how each language dates a wall, in years where every year the wall touches is its
// kind in the year table, else in months, in one table so the two languages cannot drift apart.
func TestWhen(t *testing.T) {
	for _, c := range []struct{ timeline, en, zh string }{
		{"SSSSSSSSSSSS", "Supply binds throughout: ", "供应链在整个期间都是瓶颈："},
		{"SSSSSSSSSSSS SSSSSSSSdddd", "Supply binds through 2026: ", "供应链是当前瓶颈，持续到2026年："},
		{"SSSSSSSSSSSS SSSSdddddddd", "Supply binds through Apr 2026: ", "供应链是当前瓶颈，持续到2026年4月："},
		{"dddddddddddd dddddddddddd EEEEEEEEEEEE", "Energy binds from 2027: ", "能源自2027年起成为瓶颈："},
		{"dddddddddddd dddddddddddd ddddEEEEEEEE", "Energy binds from 2027: ", "能源自2027年起成为瓶颈："},
		{"dddddddddddd dddddddEEEEE", "Energy binds from Aug 2026: ", "能源自2026年8月起成为瓶颈："},
		{"dddddddddddd dddddddddddd EEEEEEEEdddd d", "Energy binds in 2027: ", "能源在2027年成为瓶颈："},
		{"dddddddddddd dddddddddddd ccccccccccccc cd", "Compute binds 2027–2028: ", "算力在2027年至2028年间成为瓶颈："},
		{"dddddddddddd ddddddddcccc cccccccccccc cccdddddd", "Compute binds Sep 2026–Mar 2028: ", "算力在2026年9月至2028年3月间成为瓶颈："},
		{"dddddddddddd dd$ddddddddd", "Demand binds ", "需求"},
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

// shortfallSynth is arrears from 2027-07 (month 30) after demand, one letter a month (a arrears,
// R restructuring, W winding down, . solvent again), then the rest of the timeline. Arrears grow
// by step each month in distress; the headline holds the stages as the engine sets them.
func shortfallSynth(stages, rest string, step float64) *engine.Result {
	r := synth("dddddddddddd dddddddddddd dddddd" + strings.Repeat("$", len(stages)) + rest)
	arrears := 0.0
	h := &r.Headline
	for k, c := range stages {
		m := &r.Months[30+k]
		m.Stage = engine.Stage(strings.IndexRune(".aRW", c))
		if m.Stage == engine.Solvent {
			continue
		}
		arrears += step
		m.Arrears = arrears
		h.PeakArrears = max(h.PeakArrears, arrears)
		if h.ArrearsFrom.IsZero() {
			h.ArrearsFrom = m.Date
		}
		if m.Stage >= engine.Restructuring && h.RestructuredAt.IsZero() {
			h.RestructuredAt = m.Date
		}
		if m.Stage == engine.WindingDown && h.WindingDownFrom.IsZero() {
			h.WindingDownFrom = m.Date
		}
	}
	return r
}

// Each stage of a shortfall in both languages, from a synthetic timeline whose figures are known.
func TestShortfallSentence(t *testing.T) {
	for _, c := range []struct {
		name         string
		stages, rest string
		step         float64
		revenue      float64 // in 2028, $B, when not the $12B of synth
		en, zh       string
	}{
		{"arrears, paid off", "aaaaaa............", "dddddd", 5, 0,
			"In arrears Jul 2027–Dec 2027, peak $30.0B; demand binds through Jun 2027: $7.5B of capacity unsold.",
			"2027年7月至2027年12月陷入欠款，峰值达300亿美元；需求是当前瓶颈，持续到2027年6月：累计75亿美元算力未售出。"},
		{"arrears to the end", "aaaaaaaaaaaaaaaaaa", "", 5, 0,
			"In arrears from Jul 2027, peak $90.0B; demand binds through Jun 2027: $7.5B of capacity unsold.",
			"2027年7月起陷入欠款，峰值达900亿美元；需求是当前瓶颈，持续到2027年6月：累计75亿美元算力未售出。"},
		{"one month", "a.................", "", 5, 0,
			"In arrears in Jul 2027, peak $5.0B; demand binds through Jun 2027: $7.5B of capacity unsold.",
			"2027年7月陷入欠款，峰值达50亿美元；需求是当前瓶颈，持续到2027年6月：累计75亿美元算力未售出。"},
		{"restructured, revenue holds", "aaaaaRRRRRR", "", 5, 0,
			"In arrears from Jul 2027, peak $55.0B; creditors restructure Dec 2027; demand binds through Jun 2027.",
			"2027年7月起陷入欠款，峰值达550亿美元；2027年12月债权人实施重组；需求是当前瓶颈，持续到2027年6月。"},
		{"restructured, revenue falls", "aaaaaRRRRRRRRRRRRR", "", 5, 3,
			"In arrears from Jul 2027, peak $90.0B; creditors restructure Dec 2027; demand binds through Jun 2027.",
			"2027年7月起陷入欠款，峰值达900亿美元；2027年12月债权人实施重组；需求是当前瓶颈，持续到2027年6月。"},
		{"winding down", "aaaaaRRRRWWWWWWWWW", "", 5, 0,
			"In arrears from Jul 2027, peak $90.0B; creditors restructure Dec 2027; winding down from Apr 2028.",
			"2027年7月起陷入欠款，峰值达900亿美元；2027年12月债权人实施重组；2028年4月起逐步停业；2028年收入120亿美元。"},
		{"winding down, in trillions", "aaaaaRRRRWWWWWWWWW", "", 100, 0,
			"In arrears from Jul 2027, peak $1.8T; creditors restructure Dec 2027; winding down from Apr 2028.",
			"2027年7月起陷入欠款，峰值达1.8万亿美元；2027年12月债权人实施重组；2028年4月起逐步停业；2028年收入120亿美元。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := shortfallSynth(c.stages, c.rest, c.step)
			if c.revenue > 0 {
				for i := 36; i < 48; i++ {
					r.Months[i].Revenue = c.revenue / 12
				}
				r.Years[3].Revenue = c.revenue
			}
			got := Sentence(r, nil, Change{})
			if got != c.en {
				t.Errorf("\n got %q\nwant %q", got, c.en)
			}
			checkStory(t, r, got)
			if got := zhLine(r, nil, Change{}); got != c.zh {
				t.Errorf("\n got %q\nwant %q", got, c.zh)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v          float64
		money, gw  string
		percentage string
	}{
		{0, "$0.0B", "0 GW", "0%"},
		{0.004, "$0.0B", "0 GW", "0%"},
		{0.04, "$0.0B", "0.04 GW", "4%"},
		{0.35, "$0.3B", "0.3 GW", "35%"}, // 0.35 is just below itself in binary
		{4.54, "$4.5B", "4.5 GW", "454%"},
		{5.04, "$5.0B", "5 GW", "504%"},
		{9.96, "$10.0B", "10 GW", "996%"},
		{40.2, "$40.2B", "40 GW", "4020%"},
		{99.4, "$99.4B", "99 GW", "9940%"},
		{99.96, "$100B", "100 GW", "9996%"},
		{999.4, "$999B", "999 GW", "99940%"},
		{999.6, "$1.0T", "1000 GW", "99960%"},
		{1234, "$1.2T", "1234 GW", "123400%"},
		{12345, "$12.3T", "12345 GW", "1234500%"},
	} {
		if got := Money(c.v); got != c.money {
			t.Errorf("money %g: %q, want %q", c.v, got, c.money)
		}
		if got := string(appendGW(nil, c.v)); got != c.gw {
			t.Errorf("GW %g: %q, want %q", c.v, got, c.gw)
		}
		if got := string(appendPercent(nil, c.v)); got != c.percentage {
			t.Errorf("percent %g: %q, want %q", c.v, got, c.percentage)
		}
	}
	for _, c := range []struct {
		v    float64
		want string
	}{{-8, "−$8.0B"}, {-150, "−$150B"}, {-2500, "−$2.5T"}, {math.Copysign(0, -1), "$0.0B"}} {
		if got := Money(c.v); got != c.want {
			t.Errorf("money %g: %q, want %q", c.v, got, c.want)
		}
	}
}

// tuiMoney is the dashboard's money formatter as it stood in tui/format.go when Money took its
// place: Money must print exactly what it printed, so there is one rounding rule, except for a
// negative zero, which it printed as "$-0.0B".
func tuiMoney(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	switch {
	case v >= 999.5:
		return sign + "$" + strconv.FormatFloat(v/1000, 'f', 1, 64) + "T"
	case v >= 99.5:
		return sign + "$" + strconv.FormatFloat(v, 'f', 0, 64) + "B"
	default:
		return sign + "$" + strconv.FormatFloat(v, 'f', 1, 64) + "B"
	}
}

func TestMoneyIsTheDashboards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.OneOf(rapid.Float64Range(-200, 200), rapid.Float64Range(-1e5, 1e5), rapid.SampledFrom([]float64{
			0, 9.95, 99.5, 99.49999, 999.5, 999.49999, -0.04, 1e9})).Draw(t, "v")
		want := tuiMoney(v)
		if v == 0 {
			want = "$0.0B"
		}
		if got := Money(v); got != want {
			t.Fatalf("Money(%g) = %q, the dashboard printed %q", v, got, want)
		}
	})
}

// clause returns the change clause of r against prev for a generic move.
func clause(r, prev *engine.Result) string {
	line := Sentence(r, prev, Change{Label: "Lever", Delta: "+1"})
	return line[strings.Index(line, "After "):]
}

func TestChangeFigures(t *testing.T) {
	const timeline = "dddddddddddd EEEEEEEEEEEE EEEEEEEEEEEE EEEEEEEEEEEE dddddddddddd"
	base := func() *engine.Result {
		r := synth(timeline)
		h := &r.Headline
		h.BreakEvenYear, h.HasYear2030, h.Revenue2030, h.CashRaised2030 = 2028, true, 300, 80
		h.PeakFundingNeed, h.StrandedPeak = 100, 5
		return r
	}
	ym := func(y, m int) engine.YearMonth { return engine.YearMonth{Year: y, Month: m} }
	for _, c := range []struct {
		name string
		move func(h, ph *engine.Headline, r *engine.Result)
		want string
	}{
		{"nothing", func(_, _ *engine.Headline, _ *engine.Result) {}, "After Lever +1: no change in the headline figures."},
		{"invisible", func(h, _ *engine.Headline, _ *engine.Result) { h.Revenue2030 += 0.2; h.StrandedPeak += 0.01 },
			"After Lever +1: no change in the headline figures."},
		{"a move the header shows is named however small", func(h, ph *engine.Headline, _ *engine.Result) {
			ph.Revenue2030, h.Revenue2030 = 300.4, 300.6
		}, "After Lever +1: revenue 2030 ▲$0.2B."},
		{"break-even slips", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2029 },
			"After Lever +1: break-even slips 2028 → 2029."},
		{"break-even improves", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 2027 },
			"After Lever +1: break-even improves 2028 → 2027."},
		{"break-even lost", func(h, _ *engine.Headline, _ *engine.Result) { h.BreakEvenYear = 0 },
			"After Lever +1: break-even lost (was 2028)."},
		{"largest relative move first, while the clause fits", func(h, _ *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed, h.StrandedPeak = 282, 150, 5.2
		}, "After Lever +1: peak cash need ▲$50.0B, revenue 2030 ▼$18.0B."},
		{"a second figure must move 2%", func(h, _ *engine.Headline, _ *engine.Result) {
			h.Revenue2030, h.PeakFundingNeed = 297, 150
		}, "After Lever +1: peak cash need ▲$50.0B."},
		{"cash raised", func(h, _ *engine.Headline, _ *engine.Result) { h.CashRaised2030 = 120 },
			"After Lever +1: cash raised by 2030 ▲$40.0B."},
		{"a shorter figure fills the room a longer one leaves", func(h, _ *engine.Headline, _ *engine.Result) {
			h.BreakEvenYear, h.PeakArrears, h.Revenue2030 = 0, 30, 250
		}, "After Lever +1: break-even lost (was 2028), arrears of $30.0B appear."},
		{"restructuring moves", func(h, ph *engine.Headline, _ *engine.Result) {
			h.ArrearsFrom, ph.ArrearsFrom, h.PeakArrears, ph.PeakArrears = ym(2029, 1), ym(2029, 1), 50, 50
			h.RestructuredAt, ph.RestructuredAt = ym(2031, 6), ym(2031, 3)
		}, "After Lever +1: restructuring Jun 2031 (was Mar 2031)."},
		{"winding down appears", func(h, ph *engine.Headline, _ *engine.Result) {
			h.ArrearsFrom, ph.ArrearsFrom, h.PeakArrears, ph.PeakArrears = ym(2029, 1), ym(2029, 1), 50, 50
			h.WindingDownFrom = ym(2033, 2)
		}, "After Lever +1: winding down from Feb 2033 (was none)."},
		{"wall moves", func(_, _ *engine.Headline, r *engine.Result) {
			for i := 12; i < 18; i++ {
				r.Months[i].Bottleneck = engine.Demand
			}
		}, "After Lever +1: energy wall from Jul 2026 (was Jan 2026)."},
		{"wall changes", func(_, _ *engine.Headline, r *engine.Result) {
			for i := 12; i < 48; i++ {
				r.Months[i].Bottleneck = engine.Supply
			}
		}, "After Lever +1: main wall supply (was energy)."},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev, r := base(), base()
			c.move(&r.Headline, &prev.Headline, r)
			inArrears(r)
			inArrears(prev)
			got := clause(r, prev)
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if strings.HasSuffix(got, "no change in the headline figures.") && ShownChanged(r, prev) {
				t.Errorf("%q, but a figure the header shows changed", got)
			}
		})
	}
}

// inArrears puts the months from the headline's ArrearsFrom on in arrears, as the engine would.
func inArrears(r *engine.Result) {
	if i := r.MonthIndex(r.Headline.ArrearsFrom); i >= 0 {
		for ; i < len(r.Months); i++ {
			r.Months[i].Stage, r.Months[i].Arrears = engine.InArrears, r.Headline.PeakArrears
		}
	}
}

// ShownChanged is true exactly when a figure of the header prints differently.
func TestShownChanged(t *testing.T) {
	base := run(t)
	for _, c := range []struct {
		name  string
		move  func(h *engine.Headline)
		shown bool
	}{
		{"nothing", func(*engine.Headline) {}, false},
		{"below the precision", func(h *engine.Headline) { h.Revenue2030 += 0.01; h.StrandedPeak += 3 }, false},
		{"revenue 2030", func(h *engine.Headline) { h.Revenue2030 += 1 }, true},
		{"break-even", func(h *engine.Headline) { h.BreakEvenYear++ }, true},
		{"peak cash need", func(h *engine.Headline) { h.PeakFundingNeed += 1 }, true},
		{"cash raised by 2030", func(h *engine.Headline) { h.CashRaised2030 += 1 }, true},
		{"vendor financing is not cash", func(h *engine.Headline) { h.VendorFinanced2030 += 1 }, false},
		{"peak arrears", func(h *engine.Headline) { h.PeakArrears = 0.06 }, true},
		{"arrears from", func(h *engine.Headline) { h.ArrearsFrom = engine.YearMonth{Year: 2030, Month: 1} }, true},
		{"restructured at", func(h *engine.Headline) { h.RestructuredAt = engine.YearMonth{Year: 2030, Month: 1} }, true},
		{"winding down from", func(h *engine.Headline) { h.WindingDownFrom = engine.YearMonth{Year: 2030, Month: 1} }, true},
	} {
		r := new(engine.Result)
		base.CopyTo(r)
		c.move(&r.Headline)
		if got := ShownChanged(r, base); got != c.shown {
			t.Errorf("%s: ShownChanged %v, want %v", c.name, got, c.shown)
		}
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
	shortfalls, unbounds := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		n++
		s, k, was := drawNudge(t, &prev, &r)
		p := engine.Levers[k]

		st := Analyse(&r)
		main := Sentence(&r, nil, Change{})
		checkLine(t, main)
		if n := utf8.RuneCountInString(main); n >= maxMain {
			t.Fatalf("main sentence of %d runes: %q", n, main)
		}
		checkStory(t, &r, main)
		if st.Shortfall.Has() {
			shortfalls++
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
		// "No change" only when no figure the header shows changed at the precision it shows.
		if strings.HasSuffix(plain, ": no change in the headline figures.") && ShownChanged(&r, &prev) {
			t.Fatalf("%q, yet a figure the header shows changed", plain)
		}
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
	t.Logf("%d runs in arrears; %d clauses say the lever's link does not bind", shortfalls, unbounds)
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
