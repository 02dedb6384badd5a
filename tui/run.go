package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Run opens the dashboard on the terminal and returns when the user quits.
func Run(opts Options, programOpts ...tea.ProgramOption) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, programOpts...).Run()
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
