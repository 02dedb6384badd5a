package data

import (
	"slices"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/flywheel-dev/flywheel/engine"
)

// storyPresets are the presets beside the base case; each tells one story that its description
// states and TestPresetStories checks.
var storyPresets = []string{"supply-first", "energy-wall", "demand-stall", "capital-crunch", "half-commitments"}

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
		// The energy wall largely disappears ...
		if got, b := months(r, engine.Energy, 0), months(base, engine.Energy, 0); got*4 > b {
			t.Errorf("energy binds %d months, base %d: the wall should largely disappear", got, b)
		}
		if h.StrandedPeak >= bh.StrandedPeak/2 {
			t.Errorf("stranded peak %.2f GW, base %.2f", h.StrandedPeak, bh.StrandedPeak)
		}
		// ... demand and compute bind instead ...
		if dc, all := months(r, engine.Demand, 2026)+months(r, engine.Compute, 2026), monthsFrom(r, 2026); dc*10 < all*9 {
			t.Errorf("demand or compute bind %d of %d months from 2026, want ≥ 90%%", dc, all)
		}
		if months(r, engine.Demand, 2027) <= months(base, engine.Demand, 2027) {
			t.Errorf("demand binds %d months from 2027, base %d: capacity should run ahead of demand",
				months(r, engine.Demand, 2027), months(base, engine.Demand, 2027))
		}
		// ... more revenue, no later break-even, less funding as no paid-for GPU waits for power.
		if h.Revenue2030 <= bh.Revenue2030*1.1 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want ≥ 10%% more", h.Revenue2030, bh.Revenue2030)
		}
		if breakEven(r) > breakEven(base) {
			t.Errorf("break-even %d, base %d", h.BreakEvenYear, bh.BreakEvenYear)
		}
		if h.PeakFundingNeed >= bh.PeakFundingNeed || h.PeakArrears != 0 {
			t.Errorf("peak funding need $%.0fB (shortfall $%.0fB), base $%.0fB", h.PeakFundingNeed, h.PeakArrears, bh.PeakFundingNeed)
		}
	})

	t.Run("energy-wall", func(t *testing.T) {
		r := runPreset(t, "energy-wall")
		h := r.Headline
		if got, b := months(r, engine.Energy, 0), months(base, engine.Energy, 0); got < b+12 {
			t.Errorf("energy binds %d months, base %d: want at least a year more", got, b)
		}
		// Energy binds into 2033 rather than ending in 2031.
		if last := lastMonth(r, engine.Energy); last < 0 || r.Months[last].Date.Year < 2033 {
			t.Errorf("energy last binds in month %d, want 2033 or later", last)
		}
		if last := lastMonth(base, engine.Energy); last < 0 || base.Months[last].Date.Year != 2031 {
			t.Errorf("base energy wall should end in 2031, last month index %d", last)
		}
		if h.StrandedPeak < 1.8*bh.StrandedPeak {
			t.Errorf("stranded peak %.1f GW, base %.1f: want about twice", h.StrandedPeak, bh.StrandedPeak)
		}
		if breakEven(r) < breakEven(base)+2 {
			t.Errorf("break-even %d, base %d: want ≥ 2 years later", h.BreakEvenYear, bh.BreakEvenYear)
		}
		if h.PeakFundingNeed < 2*bh.PeakFundingNeed {
			t.Errorf("peak funding need $%.0fB, base $%.0fB: want more than double", h.PeakFundingNeed, bh.PeakFundingNeed)
		}
		if h.Revenue2030 >= bh.Revenue2030 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB", h.Revenue2030, bh.Revenue2030)
		}
	})

	t.Run("demand-stall", func(t *testing.T) {
		r := runPreset(t, "demand-stall")
		h := r.Headline
		if d, all := months(r, engine.Demand, 2027), monthsFrom(r, 2027); d*2 <= all {
			t.Errorf("demand binds %d of %d months after 2026, want the majority", d, all)
		}
		// Demand binds from spring 2026 until well after funding runs out.
		for _, m := range r.Months {
			ym := m.Date.Year*12 + m.Date.Month
			if ym >= 2026*12+6 && m.Date.Year <= 2030 && m.Bottleneck != engine.Demand {
				t.Errorf("%s binds in %s, want demand from mid-2026 through 2030", m.Bottleneck, m.Date)
				break
			}
		}
		if y := r.YearIndex(2030); y < 0 || r.Years[y].Utilisation > 0.6 {
			t.Errorf("utilisation 2030 should be about half")
		}
		if h.Revenue2030 > bh.Revenue2030/3 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want far below", h.Revenue2030, bh.Revenue2030)
		}
		if h.BreakEvenYear != 0 {
			t.Errorf("break-even %d, want none", h.BreakEvenYear)
		}
		if h.PeakArrears <= 0 || h.ArrearsFrom.Year != 2029 {
			t.Errorf("shortfall $%.0fB from %s, want funding to run out in 2029", h.PeakArrears, h.ArrearsFrom)
		}
		if y := r.YearIndex(2035); y < 0 || r.Years[y].InstalledEnd > 0.01 {
			t.Errorf("the fleet should retire without replacement by 2035")
		}
	})

	t.Run("capital-crunch", func(t *testing.T) {
		r := runPreset(t, "capital-crunch")
		h := r.Headline
		if h.PeakArrears <= 0 || h.ArrearsFrom.Year != 2028 {
			t.Errorf("shortfall $%.1fB from %s, want one from 2028", h.PeakArrears, h.ArrearsFrom)
		}
		if months(r, engine.Capital, 0) == 0 || months(base, engine.Capital, 0) != 0 {
			t.Errorf("capital binds %d months, base %d", months(r, engine.Capital, 0), months(base, engine.Capital, 0))
		}
		// Capital binds from mid-2029 to the end.
		for _, m := range r.Months {
			if m.Date.Year >= 2030 && m.Bottleneck != engine.Capital {
				t.Errorf("%s binds in %s, want capital from 2030 to the end", m.Bottleneck, m.Date)
				break
			}
		}
		if h.Revenue2030 >= 0.8*bh.Revenue2030 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want about 30%% below", h.Revenue2030, bh.Revenue2030)
		}
		if breakEven(r) <= breakEven(base) {
			t.Errorf("break-even %d, base %d: want later", h.BreakEvenYear, bh.BreakEvenYear)
		}
		if y := r.YearIndex(2033); y < 0 || r.Years[y].InstalledEnd > 0.01 {
			t.Errorf("the fleet should be gone by end 2033")
		}
	})

	t.Run("half-commitments", func(t *testing.T) {
		r := runPreset(t, "half-commitments")
		h := r.Headline
		if got, b := months(r, engine.Compute, 0), months(base, engine.Compute, 0); got <= b {
			t.Errorf("compute binds %d months, base %d", got, b)
		}
		if c, all := months(r, engine.Compute, 2026), monthsFrom(r, 2026); c*10 < all*9 {
			t.Errorf("compute binds %d of %d months from 2026, want almost all", c, all)
		}
		if months(r, engine.Energy, 0) != 0 {
			t.Errorf("energy binds %d months, want none", months(r, engine.Energy, 0))
		}
		if h.Revenue2030 >= 0.8*bh.Revenue2030 {
			t.Errorf("revenue 2030 $%.0fB, base $%.0fB: want well below", h.Revenue2030, bh.Revenue2030)
		}
		if h.PeakFundingNeed >= bh.PeakFundingNeed/2 || h.PeakArrears != 0 {
			t.Errorf("peak funding need $%.0fB (shortfall $%.0fB), base $%.0fB: want far less", h.PeakFundingNeed, h.PeakArrears, bh.PeakFundingNeed)
		}
		if breakEven(r) != breakEven(base)-1 {
			t.Errorf("break-even %d, base %d: want a year earlier", h.BreakEvenYear, bh.BreakEvenYear)
		}
	})
}

// TestPresetTimelinesDiffer: the five stories have five different bottleneck timelines, none the
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
