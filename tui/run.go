package tui

import (
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// FPS caps how often the screen is redrawn. Bubble Tea's renderer wakes at this rate even when
// nothing changed (it then writes nothing): 20 keeps an idle dashboard near zero CPU while a
// slider still answers within 50 ms, and coalesces a burst of key repeats into one frame.
const FPS = 20

// ErrNoTerminal is returned by Run when the process has no terminal to draw on and read keys from.
var ErrNoTerminal = errors.New(`no terminal here — run it in a terminal, over SSH use "ssh -t", or use "flywheel run" for a table`)

// Run opens the dashboard on the terminal and returns when the user quits.
func Run(opts Options, programOpts ...tea.ProgramOption) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	if !hasTerminal() {
		return ErrNoTerminal
	}
	_, err = tea.NewProgram(m, append([]tea.ProgramOption{tea.WithFPS(FPS)}, programOpts...)...).Run()
	return err
}

// hasTerminal reports whether the screen can be drawn: stdout is a terminal, and keys can be read
// from stdin or, as Bubble Tea does when stdin is a pipe, from the controlling terminal. Checked
// before starting Bubble Tea, whose own failure is framework text about /dev/tty, and which
// draws into a file or pipe without complaint.
func hasTerminal() bool {
	if !term.IsTerminal(os.Stdout.Fd()) {
		return false
	}
	if term.IsTerminal(os.Stdin.Fd()) {
		return true
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return false
	}
	in.Close()
	out.Close()
	return true
}
