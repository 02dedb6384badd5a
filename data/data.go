// Package data holds flywheel's preset scenarios as embedded YAML files, each number with its
// source. It only reads them, through the engine's scenario loader; it knows nothing of screens.
package data

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
)

//go:embed *.yaml
var files embed.FS

// DefaultPreset is the scenario flywheel opens with.
const DefaultPreset = "base"

// Presets lists the preset names (file names without .yaml), the default first.
func Presets() []string {
	entries, _ := fs.Glob(files, "*.yaml")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e, ".yaml"))
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == DefaultPreset) != (names[j] == DefaultPreset) {
			return names[i] == DefaultPreset
		}
		return names[i] < names[j]
	})
	return names
}

// Source returns a preset's YAML text.
func Source(name string) ([]byte, error) {
	b, err := files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no preset %q (presets: %s)", name, strings.Join(Presets(), ", "))
	}
	return b, nil
}

// Preset loads a preset scenario by name.
func Preset(name string) (engine.Scenario, error) {
	b, err := Source(name)
	if err != nil {
		return engine.Scenario{}, err
	}
	return engine.ReadScenario(bytes.NewReader(b), name+".yaml")
}

// Sourced returns s with the base case's source for every lever and setting that s leaves
// unsourced and holds at the base case's value: a preset lists only its changes, yet every
// number it runs with has a source. The sources map is copied, never changed in place.
func Sourced(s engine.Scenario) engine.Scenario {
	base, err := Preset(DefaultPreset)
	if err != nil {
		return s
	}
	src := make(map[string]string, len(base.Sources))
	for k, v := range s.Sources {
		src[k] = v
	}
	fill := func(key string, v, bv float64) {
		if _, ok := src[key]; !ok && v == bv && base.Sources[key] != "" {
			src[key] = base.Sources[key]
		}
	}
	for i, p := range engine.Levers {
		fill(p.Key, s.Levers[i], base.Levers[i])
	}
	for i, p := range engine.Settings {
		fill(p.Key, s.Settings[i], base.Settings[i])
	}
	s.Sources = src
	return s
}
