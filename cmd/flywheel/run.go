package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/report"
)

func newRunCmd() *cobra.Command {
	var (
		scenario, format, years string
		sets                    []string
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run a scenario headless and print the yearly figures",
		Long: `Run a scenario without the dashboard and print, per year, revenue, costs, free cash flow,
cash, funding raised, GW installed / effective / stranded, power online, utilisation and the
binding constraint, then the headline figures. For scripts and checks.`,
		Example: `  flywheel run
  flywheel run --set gpu_supply=8 --set power_lead_time=48
  flywheel run --scenario my-case.yaml --format json
  flywheel run --format csv --years 2026-2030 > months.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadScenario(scenario)
			if err != nil {
				return badInput(err)
			}
			for _, kv := range sets {
				key, value, ok := strings.Cut(kv, "=")
				if !ok {
					return badInput(fmt.Errorf("--set %q: want lever=value", kv))
				}
				if err := s.Set(key, value); err != nil {
					return badInput(fmt.Errorf("--set: %w", err))
				}
			}
			var r engine.Result
			if err := engine.Run(&s, &r); err != nil {
				return badInput(err)
			}
			var ys report.Years
			if years != "" {
				if ys, err = report.ParseYears(years, &r); err != nil {
					return badInput(err)
				}
			}
			var out bytes.Buffer
			if err := report.Write(&out, format, &r, ys); err != nil {
				return badInput(fmt.Errorf("--format: %w", err))
			}
			_, err = cmd.OutOrStdout().Write(out.Bytes())
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&scenario, "scenario", data.DefaultPreset, "preset name or path of a scenario file")
	f.StringArrayVar(&sets, "set", nil, "set a lever or setting, e.g. --set gpu_supply=8 (repeatable)")
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(report.Formats, ", "))
	f.StringVar(&years, "years", "", "limit the output to years FROM-TO, e.g. 2026-2030")
	return cmd
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
