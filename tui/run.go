package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

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

// UTF8Locale reports whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8; without
// it the dashboard draws in ASCII.
func UTF8Locale(getenv func(string) string) bool {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(k); v != "" {
			v = strings.ToLower(v)
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return false
}
