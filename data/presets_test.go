package data

import (
	"math"
	"slices"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/flywheel-dev/flywheel/engine"
)

// storyPresets are the presets beside the base case; each tells one story that its description
// states and TestPresetStories checks.
var storyPresets = []string{"supply-first", "energy-wall", "demand-stall", "capital-crunch", "half-commitments", "company-plan"}

// runPreset loads a preset and runs it.
func runPreset(t *testing.T, name string) *engine.Result {
	t.Helper()
	s, err := Preset(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	r := new(engine.Result)
	if err := engine.Run(&s, r); err != nil {
		t.Fatalf("%s: run: %v", name, err)
	}
	return r
}

// months counts the months from fromYear on in which b binds.
func months(r *engine.Result, b engine.Bottleneck, fromYear int) int {
	n := 0
	for _, m := range r.Months {
		if m.Date.Year >= fromYear && m.Bottleneck == b {
			n++
		}
	}
	return n
}

// monthsFrom counts the months from fromYear on.
func monthsFrom(r *engine.Result, fromYear int) int {
	n := 0
	for _, m := range r.Months {
		if m.Date.Year >= fromYear {
			n++
		}
	}
	return n
}

// lastMonth is the index of the last month in which b binds, or -1.
func lastMonth(r *engine.Result, b engine.Bottleneck) int {
	last := -1
	for i, m := range r.Months {
		if m.Bottleneck == b {
			last = i
		}
	}
	return last
}

// breakEven is the break-even year with "none in the horizon" ordered after every year.
func breakEven(r *engine.Result) int {
	if r.Headline.BreakEvenYear == 0 {
		return 1 << 30
	}
	return r.Headline.BreakEvenYear
}

func timeline(r *engine.Result) []engine.Bottleneck {
	tl := make([]engine.Bottleneck, len(r.Months))
	for i, m := range r.Months {
		tl[i] = m.Bottleneck
	}
	return tl
}

func TestPresetFilesExist(t *testing.T) {
	have := Presets()
	for _, name := range storyPresets {
		if !slices.Contains(have, name) {
			t.Errorf("preset %s missing (presets: %v)", name, have)
		}
	}
}

// TestPresetStories checks that each preset, against the base case, tells the story its
// description tells.
func TestPresetStories(t *testing.T) {
	base := runPreset(t, DefaultPreset)
	bh := base.Headline
	if !bh.HasYear2030 || bh.PeakArrears != 0 || bh.BreakEvenYear == 0 {
		t.Fatalf("base case changed under the presets: %+v", bh)
	}

	t.Run("supply-first", func(t *testing.T) {
		r := runPreset(t, "supply-first")
		h := r.Headline
		// The energy wall all but disappears ...
		if got, b := months(r, engine.Energy, 0), months(base, engine.Energy, 0); got > 6 || b < 36 {
			t.Errorf("energy binds %d months, base %d: the wall should shrink from years to months", got, b)
		}
		if h.StrandedPeak >= bh.StrandedPeak/4 {
			t.Errorf("stranded peak %.2f GW, base %.2f", h.StrandedPeak, bh.StrandedPeak)
		}
		// ... capacity runs ahead of demand in 2026, then the money to sign more binds to 2031 ...
		if y := r.Years[r.YearIndex(2026)]; y.Bottleneck != engine.Demand {
			t.Errorf("2026 binds %s, want demand", y.Bottleneck)
		}
		for y := 2028; y <= 2030; y++ {
			if b := r.Years[r.YearIndex(y)].Bottleneck; b != engine.Capital {
				t.Errorf("%d binds %s, want capital", y, b)
			}
		}
		// ... revenue a third higher, break-even the same year, ~45% less funding.
		if h.Revenue2030 < bh.Revenue2030*1.25 || h.Revenue2030 > bh.Revenue2030*1.45 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want about a third more", h.Revenue2030, bh.Revenue2030)
		}
		if h.BreakEvenYear != bh.BreakEvenYear {
			t.Errorf("break-even %d, base %d", h.BreakEvenYear, bh.BreakEvenYear)
		}
		if h.PeakFundingNeed > 0.65*bh.PeakFundingNeed || h.PeakFundingNeed < 0.45*bh.PeakFundingNeed || h.PeakArrears != 0 {
			t.Errorf("peak funding need $%.0fB (arrears $%.0fB), base $%.0fB: want about 45%% less", h.PeakFundingNeed, h.PeakArrears, bh.PeakFundingNeed)
		}
	})

	t.Run("energy-wall", func(t *testing.T) {
		r := runPreset(t, "energy-wall")
		h := r.Headline
		if h.StrandedPeak < 2.5*bh.StrandedPeak {
			t.Errorf("stranded peak %.1f GW, base %.1f: want nearly three times", h.StrandedPeak, bh.StrandedPeak)
		}
		// Energy binds until mid-2029 and again from 2033.
		for _, y := range []int{2027, 2028, 2033, 2034, 2035} {
			if b := r.Years[r.YearIndex(y)].Bottleneck; b != engine.Energy {
				t.Errorf("%d binds %s, want energy", y, b)
			}
		}
		// Dark GPUs that are paid for put the lab in arrears from 2029 to 2032, about $55B at the
		// worst, and its creditors restructure late in 2030.
		if h.ArrearsFrom.Year != 2029 || h.PeakArrears < 45 || h.PeakArrears > 65 || h.RestructuredAt.Year != 2030 {
			t.Errorf("arrears $%.0fB from %s, restructured %s: want ~$55B from 2029, restructured in 2030", h.PeakArrears, h.ArrearsFrom, h.RestructuredAt)
		}
		if r.Years[r.YearIndex(2031)].ArrearsEnd == 0 || r.Years[r.YearIndex(2033)].ArrearsEnd != 0 {
			t.Errorf("arrears should last into 2032")
		}
		if h.Revenue2030 < 0.6*bh.Revenue2030 || h.Revenue2030 > 0.8*bh.Revenue2030 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want about 30%% below", h.Revenue2030, bh.Revenue2030)
		}
		if breakEven(r) != breakEven(base)+2 {
			t.Errorf("break-even %d, base %d: want two years later", h.BreakEvenYear, bh.BreakEvenYear)
		}
		if h.PeakFundingNeed < 1.5*bh.PeakFundingNeed || h.PeakFundingNeed > 1.85*bh.PeakFundingNeed {
			t.Errorf("peak funding need $%.0fB, base $%.0fB: want about two thirds more", h.PeakFundingNeed, bh.PeakFundingNeed)
		}
	})

	t.Run("demand-stall", func(t *testing.T) {
		r := runPreset(t, "demand-stall")
		h := r.Headline
		s := r.Scenario
		if f := (1 + s.Levers[engine.EfficiencyGain]/100) * (1 - s.Levers[engine.PriceDecline]/100); f >= 1 {
			t.Errorf("revenue per GW grows ×%.2f a year: the story needs it to fall", f)
		}
		for _, y := range []int{2026, 2028} {
			if b := r.Years[r.YearIndex(y)].Bottleneck; b != engine.Demand {
				t.Errorf("%d binds %s, want demand", y, b)
			}
		}
		if u := r.Years[r.YearIndex(2030)].Utilisation; u < 0.35 || u > 0.6 {
			t.Errorf("utilisation 2030 %.2f, want about half", u)
		}
		if h.ArrearsFrom.Year != 2029 || h.RestructuredAt.Year != 2030 || h.WindingDownFrom.Year != 2034 {
			t.Errorf("arrears from %s, restructured %s, winding down from %s: want 2029, 2030, 2034", h.ArrearsFrom, h.RestructuredAt, h.WindingDownFrom)
		}
		if h.BreakEvenYear != 0 {
			t.Errorf("break-even %d, want none", h.BreakEvenYear)
		}
		if y := r.Years[r.YearIndex(2035)]; y.InstalledEnd > 0.05*bh.Installed2030 {
			t.Errorf("%.1f GW left in 2035: the fleet should have retired without replacement", y.InstalledEnd)
		}
	})

	t.Run("capital-crunch", func(t *testing.T) {
		r := runPreset(t, "capital-crunch")
		h := r.Headline
		if h.ArrearsFrom.Year != 2028 || h.PeakArrears < 20 || h.PeakArrears > 40 || h.Restructurings != 0 {
			t.Errorf("arrears $%.1fB from %s, %d restructurings: want ~$30B from 2028, none", h.PeakArrears, h.ArrearsFrom, h.Restructurings)
		}
		// Capital binds from 2028 to 2031; the arrears are paid off in 2032, break-even a year late.
		for _, y := range []int{2029, 2030, 2031} {
			if b := r.Years[r.YearIndex(y)].Bottleneck; b != engine.Capital {
				t.Errorf("%d binds %s, want capital", y, b)
			}
		}
		if r.Years[r.YearIndex(2031)].ArrearsEnd == 0 || r.Years[r.YearIndex(2032)].ArrearsEnd != 0 {
			t.Errorf("arrears should be paid off in 2032")
		}
		if breakEven(r) != breakEven(base)+1 {
			t.Errorf("break-even %d, base %d: want a year later", h.BreakEvenYear, bh.BreakEvenYear)
		}
		// A crunch, not an extinction: the fleet keeps growing and revenue holds up ...
		last := r.Years[len(r.Years)-1]
		if last.InstalledEnd < 0.9*base.Years[len(base.Years)-1].InstalledEnd || h.Revenue2030 < bh.Revenue2030 {
			t.Errorf("2035 fleet %.0f GW, 2030 revenue $%.0fB: the lab should come through", last.InstalledEnd, h.Revenue2030)
		}
		// ... paid for with capability, behind the base case's through the crunch.
		for _, y := range []int{2029, 2030, 2031} {
			if c, b := r.Years[r.YearIndex(y)].CapabilityEnd, base.Years[base.YearIndex(y)].CapabilityEnd; c >= b {
				t.Errorf("%d capability %.2f, base %.2f: the crunch should cost capability", y, c, b)
			}
		}
	})

	t.Run("half-commitments", func(t *testing.T) {
		r := runPreset(t, "half-commitments")
		h := r.Headline
		// The money to sign more binds from 2026 until 2031: revenue-paid contracts cannot keep up.
		if c, all := months(r, engine.Capital, 2026)-months(r, engine.Capital, 2032), 6*12; c*10 < all*9 {
			t.Errorf("capital binds %d of %d months 2026–2031, want nearly all", c, all)
		}
		if h.Revenue2030 < 0.65*bh.Revenue2030 || h.Revenue2030 > 0.82*bh.Revenue2030 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want about a quarter below", h.Revenue2030, bh.Revenue2030)
		}
		if h.PeakFundingNeed > 0.45*bh.PeakFundingNeed || h.PeakArrears != 0 {
			t.Errorf("peak funding need $%.0fB (arrears $%.0fB), base $%.0fB: want about a third", h.PeakFundingNeed, h.PeakArrears, bh.PeakFundingNeed)
		}
		if h.BreakEvenYear != bh.BreakEvenYear {
			t.Errorf("break-even %d, base %d: want the same year", h.BreakEvenYear, bh.BreakEvenYear)
		}
	})

	t.Run("company-plan", func(t *testing.T) {
		r := runPreset(t, "company-plan")
		h := r.Headline
		// The company's own revenue path, each year within 15% (MODEL.md).
		for y, want := range map[int]float64{2025: 13, 2026: 30, 2028: 100, 2030: 200} {
			if got := r.Years[r.YearIndex(y)].Revenue; math.Abs(got-want) > 0.15*want {
				t.Errorf("revenue %d $%.0fB, plan $%.0fB", y, got, want)
			}
		}
		// The $1.4T is about twice what that revenue uses: demand binds 2026–2029 ...
		for y := 2026; y <= 2029; y++ {
			if b := r.Years[r.YearIndex(y)].Bottleneck; b != engine.Demand {
				t.Errorf("%d binds %s, want demand", y, b)
			}
		}
		// ... ~$270B of cash goes out by 2029, arrears from 2029, a restructuring in 2031.
		burn := 0.0
		for _, y := range r.Years {
			if y.Year <= 2029 {
				burn -= y.FCF
			}
		}
		if burn < 230 || burn > 310 {
			t.Errorf("cash out 2025–2029 $%.0fB, want about $270B", burn)
		}
		if h.ArrearsFrom.Year != 2029 || h.RestructuredAt.Year != 2031 || h.BreakEvenYear != 2032 {
			t.Errorf("arrears from %s, restructured %s, break-even %d: want 2029, 2031, 2032", h.ArrearsFrom, h.RestructuredAt, h.BreakEvenYear)
		}
	})
}

// TestPresetTimelinesDiffer: the six stories have six different bottleneck timelines, none the
// base case's.
func TestPresetTimelinesDiffer(t *testing.T) {
	names := append([]string{DefaultPreset}, storyPresets...)
	tls := make([][]engine.Bottleneck, len(names))
	for i, name := range names {
		tls[i] = timeline(runPreset(t, name))
	}
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if slices.Equal(tls[i], tls[j]) {
				t.Errorf("%s and %s have the same bottleneck timeline", names[i], names[j])
			}
		}
	}
}

// TestPresetsCiteWhatTheySet: every preset sets only numbers that differ from the base case, cites
// a source for each, and cites nothing it does not set. The keys set are read from the YAML text,
// since the loaded scenario holds base values for the rest.
func TestPresetsCiteWhatTheySet(t *testing.T) {
	base := engine.DefaultScenario()
	for _, name := range storyPresets {
		t.Run(name, func(t *testing.T) {
			src, err := Source(name)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := yaml.Unmarshal(src, &doc); err != nil {
				t.Fatal(err)
			}
			s, err := Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			if s.Start != (engine.YearMonth{Year: 2025, Month: 1}) || s.HorizonYears != 11 {
				t.Errorf("start %s, horizon %d years: want 2025-01 and 11", s.Start, s.HorizonYears)
			}
			if s.Name == "" || s.Name == base.Name || len(s.Description) < 200 {
				t.Errorf("name %q, description %d characters: want a name of its own and a real description", s.Name, len(s.Description))
			}
			set := map[string]bool{}
			for _, section := range []string{"levers", "settings"} {
				raw, ok := doc[section]
				if !ok {
					continue
				}
				m, ok := raw.(map[string]any)
				if !ok {
					t.Fatalf("%s is not a mapping", section)
				}
				for key := range m {
					set[key] = true
					if l, ok := engine.LeverByKey(key); ok && s.Levers[l] == base.Levers[l] {
						t.Errorf("lever %s = %v is the base value: leave it out", key, s.Levers[l])
					}
					if st, ok := engine.SettingByKey(key); ok && s.Settings[st] == base.Settings[st] {
						t.Errorf("setting %s = %v is the base value: leave it out", key, s.Settings[st])
					}
				}
			}
			if len(set) == 0 {
				t.Fatal("sets no lever or setting")
			}
			keys := make([]string, 0, len(set))
			for key := range set {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			for _, key := range keys {
				if len(s.Sources[key]) < 40 {
					t.Errorf("no real source for %s: %q", key, s.Sources[key])
				}
			}
			for key := range s.Sources {
				if !set[key] {
					t.Errorf("source given for %s, which the preset does not set", key)
				}
			}
		})
	}
}
