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
// from is where the name came from (loadedConfig.Sources), so an error blames that, not a flag.
func (f *scenarioFlags) load(name, from string) (engine.Scenario, error) {
	s, err := loadScenario(name, from)
	if err != nil {
		return s, badInput(err)
	}
	for _, kv := range f.sets {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			return s, badInput(fmt.Errorf("--set %s: want lever=value", engine.Quote(kv)))
		}
		if err := s.Set(key, value); err != nil {
			return s, badInput(fmt.Errorf("--set %s: %w", engine.Shown(kv), err))
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

// sourceName is how an error names where the scenario's name came from: "--scenario",
// "FLYWHEEL_SCENARIO", or "config.yaml:3: scenario".
func sourceName(from string) string {
	switch {
	case strings.HasPrefix(from, "env "):
		return strings.TrimPrefix(from, "env ")
	case strings.HasPrefix(from, "file "):
		return strings.TrimPrefix(from, "file ") + ": scenario"
	}
	return "--scenario"
}

// loadScenario reads a preset by name, a saved scenario by name, or a scenario file by path.
func loadScenario(nameOrPath, from string) (engine.Scenario, error) {
	if slices.Contains(data.Presets(), nameOrPath) {
		return data.Preset(nameOrPath)
	}
	if st := store(); st != nil && saved.CheckName(nameOrPath) == nil && st.Exists(nameOrPath) {
		return st.Load(nameOrPath)
	}
	b, err := safefile.Read(nameOrPath, engine.MaxScenarioBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return engine.Scenario{}, fmt.Errorf("%s %s: no preset, saved scenario or file of that name (presets: %s; flywheel scenarios lists all)",
			sourceName(from), engine.Quote(nameOrPath), strings.Join(data.Presets(), ", "))
	}
	if err != nil {
		return engine.Scenario{}, err
	}
	return engine.ReadScenario(bytes.NewReader(b), nameOrPath)
}
