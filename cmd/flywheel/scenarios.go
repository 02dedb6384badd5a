package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
)

func newScenariosCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List the preset and saved scenarios",
		Long: `List the preset scenarios (built in, each with the sources of its numbers) and the
scenarios saved from the dashboard, one line each. Use a name with --scenario.`,
		Example: `  flywheel scenarios
  flywheel scenarios show energy-wall
  flywheel --scenario energy-wall`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			for _, name := range data.Presets() {
				s, err := data.Preset(name)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "%-18s preset  %s\n", name, oneLine(s.Name+" — "+s.Description, 100))
			}
			st := store()
			if st == nil {
				return nil
			}
			entries, err := st.List()
			if err != nil {
				return err
			}
			for _, e := range entries {
				line := e.Title + " — " + e.Description
				if e.Err != nil {
					line = "broken: " + e.Err.Error()
				}
				fmt.Fprintf(out, "%-18s saved   %s\n", e.Name, oneLine(line, 100))
			}
			return nil
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:               "show NAME",
		Short:             "Print a scenario's YAML, with the sources of its numbers",
		Example:           "  flywheel scenarios show base\n  flywheel scenarios show base > my-case.yaml",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: scenarioNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := data.Source(args[0])
			if st := store(); err != nil && st != nil && saved.CheckName(args[0]) == nil && st.Exists(args[0]) {
				text, err = os.ReadFile(st.Path(args[0]))
			}
			if err != nil {
				return badInput(fmt.Errorf("%v; saved scenarios are listed by flywheel scenarios", err))
			}
			_, err = cmd.OutOrStdout().Write(text)
			return err
		},
	})
	return cmd
}

// scenarioNames completes --scenario and `scenarios show`: presets, then saved scenarios.
func scenarioNames(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	names := data.Presets()
	if st := store(); st != nil {
		if entries, err := st.List(); err == nil {
			for _, e := range entries {
				names = append(names, e.Name)
			}
		}
	}
	return names, cobra.ShellCompDirectiveDefault
}

// oneLine keeps a listing to one line of at most n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
