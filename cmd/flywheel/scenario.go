package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/safefile"
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
			return s, badInput(fmt.Errorf("--set %s: %w", kv, err))
		}
	}
	return s, nil
}

// store is the user's saved scenarios, or nil when there is no place for them.
func store() *saved.Store {
	dir, err := saved.Dir(os.Getenv)
	if err != nil {
		return nil
	}
	return &saved.Store{Dir: dir}
}

// loadScenario reads a preset by name, a saved scenario by name, or a scenario file by path.
func loadScenario(nameOrPath string) (engine.Scenario, error) {
	if slices.Contains(data.Presets(), nameOrPath) {
		return data.Preset(nameOrPath)
	}
	if st := store(); st != nil && saved.CheckName(nameOrPath) == nil && st.Exists(nameOrPath) {
		return st.Load(nameOrPath)
	}
	b, err := safefile.Read(nameOrPath, engine.MaxScenarioBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return engine.Scenario{}, fmt.Errorf("--scenario %q: no preset, saved scenario or file of that name (presets: %s; flywheel scenarios lists all)",
			nameOrPath, strings.Join(data.Presets(), ", "))
	}
	if err != nil {
		return engine.Scenario{}, err
	}
	return engine.ReadScenario(bytes.NewReader(b), nameOrPath)
}
