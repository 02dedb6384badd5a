package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/engine"
)

// TestSizeReportsAreChecked: a size report that disagrees with the terminal's own size (typed or
// pasted as ESC[8;20;70t) is ignored; a huge real size is laid out at most MaxWidth×MaxHeight.
func TestSizeReportsAreChecked(t *testing.T) {
	termW, termH := 120, 40
	m, err := New(Options{Scenario: baseScenario(t), Theme: "dark",
		TermSize: func() (int, int, error) { return termW, termH, nil }})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(tea.WindowSizeMsg{Width: 70, Height: 20}) // forged
	if m.w != 120 || m.h != 40 {
		t.Fatalf("a forged report relaid the screen out for %d×%d", m.w, m.h)
	}
	termW, termH = 1024, 1024
	m.Update(tea.WindowSizeMsg{Width: 1024, Height: 1024})
	if m.w != MaxWidth || m.h != MaxHeight {
		t.Fatalf("a 1024×1024 terminal is laid out at %d×%d, want %d×%d", m.w, m.h, MaxWidth, MaxHeight)
	}
	assertFits(t, text(m), MaxWidth, MaxHeight)
}

// TestPasteIntoPrompts: bracketed paste reaches the "=" prompt (replacing the selected value),
// the save prompt and the picker's filter, cut to the prompt's length; with no prompt open it
// changes nothing.
func TestPasteIntoPrompts(t *testing.T) {
	m, _ := newModelWithStore(t)
	before := m.Scenario().Levers
	send(m, tea.PasteMsg{Content: "7.5"})
	if m.Scenario().Levers != before {
		t.Fatal("a paste with no prompt open moved something")
	}
	press(m, "down", "=")
	send(m, tea.PasteMsg{Content: "7.5"})
	press(m, "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 7.5 {
		t.Errorf("pasting 7.5 into = gave %g", got)
	}
	press(m, "s")
	clearPrompt(m)
	send(m, tea.PasteMsg{Content: "pasted\nname" + strings.Repeat("x", 1<<20)})
	if got := m.saving.input.Value(); len([]rune(got)) > m.saving.input.CharLimit || !strings.HasPrefix(got, "pasted name") {
		t.Errorf("a pasted name should be one line cut to %d characters: %d, %.20q…", m.saving.input.CharLimit, len(got), got)
	}
	press(m, "esc", "o")
	send(m, tea.PasteMsg{Content: "energy"})
	if got := m.picker.filter.Value(); got != "energy" || len(m.picker.shown) == 0 || len(m.picker.shown) == len(m.picker.items) {
		t.Errorf("pasting into the picker should filter it: %q, %d of %d", got, len(m.picker.shown), len(m.picker.items))
	}
}
