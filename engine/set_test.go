package engine

import (
	"slices"
	"strings"
	"testing"
)

// TestSetPercent: a percentage takes its sign; a bare fraction for one is refused with the two
// readings spelt out; a sign on a value that is not a percentage is refused.
func TestSetPercent(t *testing.T) {
	for _, c := range []struct {
		key, value string
		want       float64
	}{
		{"revenue_growth", "60%", 60},
		{"revenue_growth", "60 %", 60},
		{"revenue_growth", "0.6%", 0.6},
		{"revenue_growth", "60", 60},
		{"revenue_growth", "1.0", 1},
		{"revenue_growth", "0", 0},
		{"rent_margin", "12.5%", 12.5},
		{"power_margin", "12%", 12}, // a setting in percent
		{"pue", "1.5", 1.5},         // not a percentage: a fraction is just a number
	} {
		s := DefaultScenario()
		err := s.Set(c.key, c.value)
		var got float64
		if l, ok := LeverByKey(c.key); ok {
			got = s.Levers[l]
		} else if k, ok := SettingByKey(c.key); ok {
			got = s.Settings[k]
		}
		if err != nil || got != c.want {
			t.Errorf("Set(%s, %q) = %v, %v; want %v", c.key, c.value, got, err, c.want)
		}
	}
	for _, c := range []struct{ key, value, want string }{
		{"revenue_growth", "0.6", "revenue_growth is in percent (0–300 %/yr); write 60 or 60% for 60%, or 0.6% if you mean 0.6%"},
		{"rent_margin", ".15", "rent_margin is in percent (0–50 %); write 15 or 15% for 15%, or .15% if you mean .15%"},
		{"debt_rate", "0.085", "debt_rate is in percent (0–30 %/yr); write 8.5 or 8.5% for 8.5%, or 0.085% if you mean 0.085%"},
		{"demand_growth_2025", "0.5", "demand_growth_2025 is in percent (0–1000 %/yr); write 50 or 50% for 50%, or 0.5% if you mean 0.5%"},
		{"gpu_supply", "8%", "gpu_supply is in GW/yr, not percent: write it without %"},
		{"revenue_growth", "%", `revenue_growth: "%" is not a number`},
		{"revenue_growth", "sixty%", `revenue_growth: "sixty%" is not a number`},
		{"revenue_growth", "400%", "lever revenue_growth = 400 is out of range 0–300 %/yr"},
	} {
		s := DefaultScenario()
		if err := s.Set(c.key, c.value); err == nil || err.Error() != c.want {
			t.Errorf("Set(%s, %q):\n got  %v\n want %s", c.key, c.value, err, c.want)
		}
		if d := DefaultScenario(); s.Levers != d.Levers || s.Settings != d.Settings {
			t.Errorf("Set(%s, %q) changed the scenario though refused", c.key, c.value)
		}
	}
}

// TestSuggestPrefixFirst: an abbreviation suggests the keys it begins, then those containing it,
// before any typo by edit distance.
func TestSuggestPrefixFirst(t *testing.T) {
	keys := append(ParamKeys(), "start", "horizon_years")
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"gpu", []string{"gpu_supply", "gpu_lead_time"}},
		{"GPU_S", []string{"gpu_supply"}},
		{"horizon", []string{"horizon_years"}},
		{"lead_time", []string{"power_lead_time", "gpu_lead_time"}},
		{"supply", []string{"supply_growth", "supply_2025"}},
		{"growth", []string{"growth_half_life"}},
		{"_growth", []string{"revenue_growth", "supply_growth", "energy_growth"}},
		{"gpu_suply", []string{"gpu_supply"}},
		{"xq", nil},
		{"zzzzzzzzzzzzz", nil},
	} {
		if got := Suggest(c.typed, keys); !slices.Equal(got, c.want) {
			t.Errorf("Suggest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	s := DefaultScenario()
	for key, want := range map[string]string{
		"gpu":  `unknown lever "gpu" (did you mean "gpu_supply" or "gpu_lead_time"?)`,
		"inv":  `unknown lever "inv" (did you mean "investment"?)`,
		"opex": `unknown lever "opex" (did you mean "opex_fixed" or "opex_variable"?)`,
		"rate": `unknown lever "rate" (did you mean "debt_rate"?)`,
	} {
		if err := s.Set(key, "8"); err == nil || err.Error() != want {
			t.Errorf("Set(%s, 8):\n got  %v\n want %s", key, err, want)
		}
	}
}

// FuzzSet: whatever `--set key=value` a person types, Set either refuses it with one line or
// leaves a scenario that validates.
func FuzzSet(f *testing.F) {
	for _, kv := range [][2]string{{"revenue_growth", "60%"}, {"revenue_growth", "0.6"}, {"gpu", "8"},
		{"gpu_supply", "8%"}, {"start", "2027-01"}, {"horizon_years", "30"}, {"pue", "NaN"}, {"debt_cap", "1e3"}} {
		f.Add(kv[0], kv[1])
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		s := DefaultScenario()
		if err := s.Set(key, value); err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.ContainsAny(key+value, "\n\r") {
				t.Fatalf("message spans lines: %q", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Set(%q, %q) accepted a scenario that does not validate: %v", key, value, err)
		}
	})
}
