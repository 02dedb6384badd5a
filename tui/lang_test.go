package tui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
)

// frame is one rendered screen and the terminal size it was drawn for.
type frame struct {
	text string
	w, h int
}

// zhScreens renders the dashboard in Chinese in every state a person reaches, and returns them.
func zhScreens(t *testing.T) []frame {
	t.Helper()
	m, err := New(Options{Scenario: baseScenario(t), Theme: "dark", Lang: "zh", Store: &saved.Store{Dir: t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	var screens []frame
	shot := func() { screens = append(screens, frame{m.render(), m.w, m.h}) }
	for _, size := range [][2]int{{120, 40}, {80, 24}, {200, 60}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		shot()
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "right")
	shot()
	for _, p := range []string{"1", "2", "3", "4"} {
		press(m, p, "enter")
		shot()
		press(m, "esc")
	}
	press(m, "a", "i") // every lever's details: its meaning, band and reason, where it binds
	shot()
	for range engine.NumLevers - 1 {
		press(m, "down")
		shot()
	}
	press(m, "esc", "a", "?")
	shot()
	press(m, "esc", "o")
	shot()
	press(m, "demand-stall", "enter") // arrears, restructuring and winding down in the header
	for _, size := range [][2]int{{120, 40}, {200, 60}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		shot()
	}
	press(m, "u")
	press(m, "esc", "s")
	shot()
	press(m, "esc", "c", "right")
	shot()
	press(m, "=", "x", "enter")
	shot()
	press(m, "esc", "R", "u", "ctrl+y")
	shot()
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 10})
	shot()
	return screens
}

// TestChineseCoversEveryText: in Chinese, no text of the screens falls back to English.
func TestChineseCoversEveryText(t *testing.T) {
	missing = map[string]bool{}
	defer func() { missing = nil }()
	zhScreens(t)
	var keys []string
	for k := range missing {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		t.Errorf("%d texts have no Chinese:\n%q", len(keys), keys)
	}
}

// TestChineseScreensFit: every Chinese frame fits its terminal, CJK taking two cells a character.
func TestChineseScreensFit(t *testing.T) {
	for _, f := range zhScreens(t) {
		assertFits(t, f.text, f.w, f.h)
	}
}
