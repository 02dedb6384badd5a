package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
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
		Args: noArgs,
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
				fmt.Fprintf(out, "%-18s saved   %s\n", engine.Printable(e.Name), oneLine(line, 100))
			}
			return nil
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show NAME",
		Short: "Print a scenario's YAML: every number with its unit, range, plausible band and source",
		Long: `Print a preset or saved scenario as a complete scenario file: every lever and setting (those
the file leaves out at their base-case values), each with a comment giving its unit, allowed range
and meaning, every lever with its plausible band and why, then the sources of its numbers.`,
		Example:           "  flywheel scenarios show base\n  flywheel scenarios show base > my-case.yaml",
		Args:              exactArgs(1),
		ValidArgsFunction: scenarioNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Written out rather than copied, so that even a preset listing only its changes
			// shows every number and the bands, which live in the engine's tables.
			s, err := data.Preset(args[0])
			if st := store(); err != nil && st != nil && saved.CheckName(args[0]) == nil && st.Exists(args[0]) {
				if s, err = st.Load(args[0]); err != nil {
					return badInput(err)
				}
			} else if err != nil {
				return badInput(fmt.Errorf("%v; saved scenarios are listed by flywheel scenarios", err))
			}
			s = data.Sourced(s) // what it leaves at the base case's values keeps the base's sources
			var out bytes.Buffer
			if err := engine.WriteScenario(&out, &s); err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(out.Bytes())
			return err
		},
	})
	return cmd
}

// scenarioNames completes --scenario and `scenarios show`: presets, then saved scenarios. A saved
// file whose name is no scenario name (saved.CheckName) cannot be loaded by it, and may hold
// characters a terminal would act on, so it is not offered.
func scenarioNames(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	names := data.Presets()
	if st := store(); st != nil {
		if entries, err := st.List(); err == nil {
			for _, e := range entries {
				if saved.CheckName(e.Name) == nil {
					names = append(names, e.Name)
				}
			}
		}
	}
	return names, cobra.ShellCompDirectiveDefault
}

// oneLine keeps a listing to one line of at most n characters, with any character a terminal
// would act on escaped (engine.Printable): a saved file's name, title or error is outside text.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(engine.Printable(s)), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
