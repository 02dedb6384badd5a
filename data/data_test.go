package data

import (
	"testing"

	"github.com/flywheel-dev/flywheel/engine"
)

// TestBaseMatchesEngineDefaults keeps the parameter tables (the sliders' default marks) and the
// documented base case equal.
func TestBaseMatchesEngineDefaults(t *testing.T) {
	s, err := Preset(DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	d := engine.DefaultScenario()
	if s.Name != d.Name || s.Start != d.Start || s.HorizonYears != d.HorizonYears {
		t.Errorf("base.yaml is %q %s %dy, engine default is %q %s %dy", s.Name, s.Start, s.HorizonYears, d.Name, d.Start, d.HorizonYears)
	}
	for i, p := range engine.Levers {
		if s.Levers[i] != d.Levers[i] {
			t.Errorf("lever %s: base.yaml %v, engine default %v", p.Key, s.Levers[i], d.Levers[i])
		}
	}
	for i, p := range engine.Settings {
		if s.Settings[i] != d.Settings[i] {
			t.Errorf("setting %s: base.yaml %v, engine default %v", p.Key, s.Settings[i], d.Settings[i])
		}
	}
}

// TestBaseCitesEveryNumber: the base case carries a source for every lever and setting.
func TestBaseCitesEveryNumber(t *testing.T) {
	s, err := Preset(DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range engine.ParamKeys() {
		if len(s.Sources[key]) < 20 {
			t.Errorf("base.yaml: no real source for %s: %q", key, s.Sources[key])
		}
	}
}

func TestEveryPresetLoads(t *testing.T) {
	names := Presets()
	if len(names) == 0 || names[0] != DefaultPreset {
		t.Fatalf("presets %v must start with %q", names, DefaultPreset)
	}
	for _, name := range names {
		if _, err := Preset(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Preset("nope"); err == nil {
		t.Error("an unknown preset loaded")
	}
}

// TestSourcedCitesEveryNumber: every preset, with the base case's sources for what it does not
// change, cites a source for every lever and setting; a changed value never borrows the base's.
func TestSourcedCitesEveryNumber(t *testing.T) {
	for _, name := range Presets() {
		s, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		own := len(s.Sources)
		full := Sourced(s)
		for _, key := range engine.ParamKeys() {
			if full.Sources[key] == "" {
				t.Errorf("%s: no source for %s", name, key)
			}
		}
		if len(s.Sources) != own {
			t.Errorf("%s: Sourced changed the preset's own sources map", name)
		}
	}
	s, _ := Preset(DefaultPreset)
	s.Levers[engine.GPUSupply] = 9
	delete(s.Sources, "gpu_supply")
	if src := Sourced(s).Sources["gpu_supply"]; src != "" {
		t.Errorf("a changed gpu_supply borrowed the base case's source %q", src)
	}
}
