// Command flywheel is the terminal strategy dashboard of the AI industry's closed loop — compute,
// capital, products and energy — and its headless runner for scripts. This package only wires
// commands, flags and configuration to the engine and the screens.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui"
)

// inputError marks a problem with what the user gave (a flag, a lever, a file): exit status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func badInput(err error) error { return inputError{err} }

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}

// execute runs flywheel with args and returns the exit status: 0 success, 2 bad input, 130 and
// 129 when a SIGINT or SIGHUP ended the dashboard, 1 any other failure. Errors are one line on
// stderr, passed through engine.Printable: a message built from outside text (a file name, a
// typed word) carries no control or bidi character to the terminal, whatever built it.
func execute(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cobraUsageErrors(root) // after SetOut: the completion commands keep the writer they are made with
	err := root.Execute()
	switch {
	case err == nil:
		return 0
	case errors.Is(err, tui.ErrInterrupted): // as a shell reports ^C; the screen says enough
		return 130
	case errors.Is(err, tui.ErrHangup): // nobody is left to read a message
		return 129
	}
	fmt.Fprintf(stderr, "flywheel: %s\n", engine.Printable(err.Error()))
	if errors.As(err, new(inputError)) {
		return 2
	}
	return 1
}

func newRootCmd() *cobra.Command {
	var (
		sf         scenarioFlags
		configPath string
	)
	root := &cobra.Command{
		Use:   "flywheel",
		Short: "Explore the closed loop of compute, capital, products and energy",
		Long: `flywheel explores the closed loop that decides the AI industry — compute, capital,
products and energy. Move a lever and the whole loop recalculates: which link binds, when, and
what the move does to cash, capacity and revenue. Without a command it opens the dashboard.

Configuration: flags > environment (FLYWHEEL_THEME, …) > $XDG_CONFIG_HOME/flywheel/config.yaml
> defaults; "flywheel config" shows the effective values and where they come from.`,
		Example: `  flywheel
  flywheel --scenario energy-wall --set gpu_supply=8
  flywheel --theme light --ascii
  flywheel run --format json`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lc, err := loadConfig(cmd, configPath, os.Getenv)
			if err != nil {
				return err
			}
			s, err := sf.load(lc.Scenario, lc.Sources["scenario"])
			if err != nil {
				return err
			}
			return tui.Run(tui.Options{Scenario: s, Theme: lc.Theme, ASCII: lc.ASCII, Lang: lc.Lang, Store: store()})
		},
	}
	// Flag parsing errors are the user's input: exit 2 with the message.
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	configFlags(root.PersistentFlags(), &configPath)
	_ = root.RegisterFlagCompletionFunc("scenario", scenarioNames)
	_ = root.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions([]string{"auto", "dark", "light"}, cobra.ShellCompDirectiveNoFileComp))
	sf.register(root.Flags())
	root.AddCommand(newRunCmd(&configPath), newConfigCmd(&configPath), newScenariosCmd(), newServeCmd(&configPath), newVersionCmd())
	return root
}

// noArgs refuses arguments to a command. A word where a subcommand goes is an unknown command,
// with the subcommands it most likely meant (or --scenario, for a preset's name); cobra's own
// NoArgs says neither.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !c.HasParent() && slices.Contains(data.Presets(), args[0]) {
		return badInput(fmt.Errorf("unknown command %s: for the scenario, write --scenario %s", engine.Quote(args[0]), args[0]))
	}
	if c.HasSubCommands() {
		return unknownCommand(c, args[0])
	}
	return badInput(fmt.Errorf("%s takes no arguments, got %q", commandName(c), args[0]))
}

// exactArgs is cobra.ExactArgs(n) as a usage error that shows the usage line.
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(c, args); err != nil {
			return badInput(fmt.Errorf("%s: %v (usage: %s)", commandName(c), err, c.UseLine()))
		}
		return nil
	}
}

// unknownCommand is the usage error for a word that names no subcommand of c.
func unknownCommand(c *cobra.Command, word string) error {
	var names []string
	for _, sub := range c.Commands() {
		if !sub.Hidden {
			names = append(names, sub.Name())
		}
	}
	err := engine.UnknownKeyError("command", word, names)
	if c.HasParent() {
		err = fmt.Errorf("%s: %w", commandName(c), err)
	}
	return badInput(err)
}

// commandName is c's path without the program's name: "scenarios show".
func commandName(c *cobra.Command) string {
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// cobraUsageErrors makes the commands cobra adds by itself refuse a wrong word too: by default
// `help nonsense` prints the root's help and `completion nonsense` its own, both with exit status
// 0, so a typo in a script would pass unnoticed, and `completion bash x` exits 1.
func cobraUsageErrors(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Args = func(c *cobra.Command, args []string) error {
				if found, rest, err := c.Root().Find(args); err == nil {
					return noArgs(found, rest)
				}
				return nil
			}
		case "completion":
			c.Args = noArgs
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
			for _, shell := range c.Commands() {
				shell.Args = noArgs
			}
		}
	}
}
