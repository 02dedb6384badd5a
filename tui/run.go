package tui

import tea "charm.land/bubbletea/v2"

// FPS caps how often the screen is redrawn. Bubble Tea's renderer wakes at this rate even when
// nothing changed (it then writes nothing): 20 keeps an idle dashboard near zero CPU while a
// slider still answers within 50 ms, and coalesces a burst of key repeats into one frame.
const FPS = 20

// Run opens the dashboard on the terminal and returns when the user quits.
func Run(opts Options, programOpts ...tea.ProgramOption) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, append([]tea.ProgramOption{tea.WithFPS(FPS)}, programOpts...)...).Run()
	return err
}
