package engine

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestValidateNamesLeverValueAndRange(t *testing.T) {
	cases := []struct {
		lever Lever
		value float64
		want  []string
	}{
		{GPUSupply, 25, []string{"lever gpu_supply", "25", "out of range 0.5–10 GW/yr"}},
		{Investment, -0.1, []string{"lever investment", "-0.1", "0–4 $T"}},
		{RevenueGrowth, math.NaN(), []string{"lever revenue_growth", "NaN", "not a finite number", "0–300 %/yr"}},
		{PUE, math.Inf(1), []string{"lever pue", "+Inf", "not a finite number"}},
		{DebtRate, math.Inf(-1), []string{"lever debt_rate", "-Inf"}},
	}
	for _, c := range cases {
		s := DefaultScenario()
		s.Levers[c.lever] = c.value
		err := s.Validate()
		var re *RangeError
		if !errors.As(err, &re) || re.Param.Key != c.lever.String() {
			t.Fatalf("%s = %v: got %v, want a RangeError for it", c.lever, c.value, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s = %v: %q does not mention %q", c.lever, c.value, err, w)
			}
		}
		var r Result
		if Run(&s, &r) == nil || len(r.Months) != 0 {
			t.Errorf("%s = %v: Run must refuse the scenario and leave the result untouched", c.lever, c.value)
		}
	}
}

func TestValidateBoundsAreInclusive(t *testing.T) {
	for i, p := range Levers {
		for _, v := range []float64{p.Min, p.Max} {
			s := DefaultScenario()
			s.Levers[i] = v
			if err := s.Validate(); err != nil {
				t.Errorf("%s = %v rejected: %v", p.Key, v, err)
			}
		}
	}
}

func TestValidateSettingsAndTime(t *testing.T) {
	cases := []struct {
		edit func(*Scenario)
		want string
	}{
		{func(s *Scenario) { s.Settings[CashStart] = -1 }, "setting cash_start = -1 is out of range 0–5000 $B"},
		{func(s *Scenario) { s.Settings[TrainingHistory] = 0 }, "setting training_history = 0 is out of range 0.01–100 GW-yr"},
		{func(s *Scenario) { s.HorizonYears = 0 }, "horizon_years = 0 is out of range 1–30"},
		{func(s *Scenario) { s.Start = YearMonth{2019, 12} }, "start = 2019-12 is before 2025-01"},
		{func(s *Scenario) { s.Settings[CommitPeak] = 2034 }, "commit_from ≤ commit_peak ≤ commit_to (got 2025, 2034, 2033)"},
		{func(s *Scenario) { s.Settings[CommitTo] = 2033.5 }, "must be whole years"},
	}
	for _, c := range cases {
		s := DefaultScenario()
		c.edit(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

func TestSetParsesAndSuggests(t *testing.T) {
	s := DefaultScenario()
	if err := s.Set("gpu_supply", "6.5"); err != nil || s.Levers[GPUSupply] != 6.5 {
		t.Fatalf("set gpu_supply: %v, value %v", err, s.Levers[GPUSupply])
	}
	if err := s.Set("debt_cap", "250"); err != nil || s.Settings[DebtCap] != 250 {
		t.Fatalf("set debt_cap: %v", err)
	}
	for key, want := range map[string]string{
		"gpu_suply":     `unknown lever "gpu_suply" (did you mean "gpu_supply"?)`,
		"investmnt":     `did you mean "investment"?`,
		"energy_bild":   `did you mean "energy_build"?`,
		"zzzzzzzzzzzzz": `unknown lever "zzzzzzzzzzzzz"`,
	} {
		err := s.Set(key, "1")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Set(%q): got %v, want %q", key, err, want)
		}
		if key == "zzzzzzzzzzzzz" && strings.Contains(err.Error(), "did you mean") {
			t.Errorf("Set(%q) suggested a far-off name: %v", key, err)
		}
	}
	for _, v := range []string{"NaN", "Inf", "-inf", "abc", ""} {
		if err := s.Set("investment", v); err == nil {
			t.Errorf("Set(investment, %q) accepted", v)
		}
	}
	if err := s.Set("investment", "5"); err == nil || !strings.Contains(err.Error(), "out of range 0–4 $T") {
		t.Errorf("Set(investment, 5): %v", err)
	}
	if err := s.Set("horizon_years", "15"); err != nil || s.HorizonYears != 15 {
		t.Errorf("Set(horizon_years, 15): %v, %d", err, s.HorizonYears)
	}
	if err := s.Set("start", "2026-07"); err != nil || s.Start != (YearMonth{2026, 7}) {
		t.Errorf("Set(start, 2026-07): %v, %v", err, s.Start)
	}
	for key, value := range map[string]string{"horizon_years": "2.5", "start": "2019-01"} {
		if err := s.Set(key, value); err == nil {
			t.Errorf("Set(%s, %s) accepted", key, value)
		}
	}
	if err := s.Set("horizon_year", "12"); err == nil || !strings.Contains(err.Error(), `did you mean "horizon_years"?`) {
		t.Errorf("Set(horizon_year): %v", err)
	}
}

// TestSetHorizonBounds: horizon_years takes every whole number from 1 to 30 and nothing else.
func TestSetHorizonBounds(t *testing.T) {
	s := DefaultScenario()
	for _, v := range []string{"1", "30"} {
		if err := s.Set("horizon_years", v); err != nil {
			t.Errorf("horizon_years = %s refused: %v", v, err)
		}
	}
	for _, v := range []string{"0", "31", "2.5"} {
		if err := s.Set("horizon_years", v); err == nil {
			t.Errorf("horizon_years = %s accepted", v)
		}
	}
}

// TestSetHostileAndHugeKeys: a key carrying terminal controls is refused naming the character; a
// 1 MB key or value gives its one-line message of at most 200 characters, without suggestions.
func TestSetHostileAndHugeKeys(t *testing.T) {
	s := DefaultScenario()
	if err := s.Set("gpu\x1b]52;c;aGk=\x07", "1"); err == nil ||
		err.Error() != `key "gpu\x1b]52;c;aGk=\a": contains U+001B (escape), which is not allowed` {
		t.Errorf("hostile key: %v", err)
	}
	if err := s.Set("gpu_supply", "6\u202e"); err == nil || err.Error() != `gpu_supply: "6\u202e" is not a number` {
		t.Errorf("hostile value: %v", err)
	}
	huge := strings.Repeat("gpu_supply", 1<<20/10)
	for _, c := range []struct{ key, value, want string }{
		{huge, "1", `unknown lever "gpu_supplygpu_supply`},
		{"gpu_supply", huge, `gpu_supply: "gpu_supplygpu_supply`},
		{"horizon_years", huge, `horizon_years = "gpu_supplygpu_supply`},
		{"start", huge, `start: "gpu_supplygpu_supply`},
		{"revenue_growth", "0." + strings.Repeat("1", 1<<20), "revenue_growth is in percent (0–300 %/yr); write 11.111111111 or 11.111111111% for 11.111111111%, or 0.1111111111111111% if you mean 0.1111111111111111%"},
	} {
		err := s.Set(c.key, c.value)
		if err == nil || len([]rune(err.Error())) > 200 || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), c.want) ||
			strings.Contains(err.Error(), "did you mean") {
			t.Errorf("Set(%d-byte key, %d-byte value): %.300v", len(c.key), len(c.value), err)
		}
	}
}

// BenchmarkUnknownKey1MB: a 1 MB key costs Set one pass over its text (the character check), and
// the nearest-name search a pass over the known keys, not an edit-distance table of its length
// times theirs.
func BenchmarkUnknownKey1MB(b *testing.B) {
	s := DefaultScenario()
	huge := strings.Repeat("x", 1<<20)
	keys := ParamKeys()
	b.Run("Set", func(b *testing.B) {
		for b.Loop() {
			if s.Set(huge, "1") == nil {
				b.Fatal("accepted")
			}
		}
	})
	b.Run("Suggest", func(b *testing.B) {
		for b.Loop() {
			if Suggest(huge, keys) != nil {
				b.Fatal("suggested")
			}
		}
	})
}
