package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
)

// scenarioFlags are the --set overrides, shared by the dashboard and `flywheel run`; the
// scenario itself is the configuration key "scenario" (--scenario, FLYWHEEL_SCENARIO, file).
type scenarioFlags struct {
	sets []string
}

func (f *scenarioFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.sets, "set", nil, "set a lever or setting, e.g. --set gpu_supply=8 (repeatable)")
}

// load reads the named scenario and applies the --set overrides; every error is the user's input.
func (f *scenarioFlags) load(name string) (engine.Scenario, error) {
	s, err := loadScenario(name)
	if err != nil {
		return s, badInput(err)
	}
	for _, kv := range f.sets {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			return s, badInput(fmt.Errorf("--set %q: want lever=value", kv))
		}
		if err := s.Set(key, value); err != nil {
			return s, badInput(fmt.Errorf("--set: %w", err))
		}
	}
	return s, nil
}

// loadScenario reads a preset by name, or a scenario file by path.
func loadScenario(nameOrPath string) (engine.Scenario, error) {
	for _, p := range data.Presets() {
		if p == nameOrPath {
			return data.Preset(p)
		}
	}
	f, err := os.Open(nameOrPath)
	if err != nil {
		if os.IsNotExist(err) {
			return engine.Scenario{}, fmt.Errorf("--scenario %q: no preset or file of that name (presets: %s)",
				nameOrPath, strings.Join(data.Presets(), ", "))
		}
		return engine.Scenario{}, fmt.Errorf("--scenario: %w", err)
	}
	defer f.Close()
	return engine.ReadScenario(f, nameOrPath)
}
