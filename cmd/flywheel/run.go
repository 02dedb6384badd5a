package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
	"github.com/flywheel-dev/flywheel/engine/report"
)

func newRunCmd(configPath *string) *cobra.Command {
	var (
		sf            scenarioFlags
		format, years string
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
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lc, err := loadConfig(cmd, *configPath, os.Getenv)
			if err != nil {
				return err
			}
			s, err := sf.load(lc.Scenario, lc.Sources["scenario"])
			if err != nil {
				return err
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
			lang, _ := insight.ParseLanguage(lc.Lang) // lc.Lang is one of the dashboard's languages
			if err := report.Write(&out, format, &r, ys, lang); err != nil {
				return badInput(fmt.Errorf("--format: %w", err))
			}
			_, err = cmd.OutOrStdout().Write(out.Bytes())
			return err
		},
	}
	f := cmd.Flags()
	sf.register(f)
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(report.Formats, ", "))
	f.StringVar(&years, "years", "", "limit the output to years FROM-TO, e.g. 2026-2030")
	return cmd
}
