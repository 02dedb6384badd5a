package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/engine"
)

// TestSizeReportsAreChecked: a size report that disagrees with the terminal's own size (typed or
// pasted as ESC[8;20;70t) is dropped before the program sees it; a huge real size is laid out at
// most MaxWidth×MaxHeight.
func TestSizeReportsAreChecked(t *testing.T) {
	termW, termH := 120, 40
	filter := realSizes(func() (int, int, error) { return termW, termH, nil })
	m := newModel(t, 120, 40)
	for _, msg := range []tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, tea.WindowSizeMsg{Width: 70, Height: 20}} {
		if msg = filter(m, msg); msg != nil {
			m.Update(msg)
		}
	}
	if m.w != 120 || m.h != 40 {
		t.Fatalf("a forged report relaid the screen out for %d×%d", m.w, m.h)
	}
	if key := (tea.KeyPressMsg{Code: 'x'}); filter(m, key) != key {
		t.Fatal("the filter should pass every other message")
	}
	termW, termH = 1024, 1024
	msg := filter(m, tea.WindowSizeMsg{Width: 1024, Height: 1024})
	if msg == nil {
		t.Fatal("a real 1024×1024 resize was dropped")
	}
	m.Update(msg)
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

// TestHostileTextReachesNoTerminal: a scenario whose name, description and sources carry an OSC 52
// clipboard write, a title change, line breaks, a C1 CSI, a bidi override and zero-width spaces —
// built in memory, so no file reader stood in the way — and a saved file named like one reach the
// window title, the header, the picker, the zoomed panes' sources and the lever details only as
// visible escapes.
func TestHostileTextReachesNoTerminal(t *testing.T) {
	const evil = "x\x1b]52;c;aGk=\x07y\x1b]0;owned\x07\r\nz\u009b2J\u202ew\u200bv"
	s := baseScenario(t)
	s.Name, s.Description = "Evil "+evil, "About "+evil
	s.Sources = map[string]string{"investment": "Source " + evil, "pue": evil}
	m, st := newModelWithStore(t)
	m.load(s, evil)
	if err := os.WriteFile(filepath.Join(st.Dir, "bad\x1b]0;t\x07name.yaml"), []byte("name: ok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	check := func(where, out string) {
		t.Helper()
		for _, bad := range []string{"\x1b]", "\x07", "\r", "\u009b", "\u202e", "\u200b"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s carries %q:\n%q", where, bad, out)
			}
		}
	}
	check("the window title", m.View().WindowTitle)
	check("the dashboard", m.render())
	if !strings.Contains(text(m), `Evil x\x1b]52;c;aGk=\x07y`) {
		t.Errorf("the header should show the name's escapes:\n%s", strings.Split(text(m), "\n")[0])
	}
	for _, keys := range [][]string{{"1", "enter"}, {"esc", "2", "enter"}, {"esc", "i"}, {"i", "o"}, {"down", "down", "down", "down", "down", "down", "down"}} {
		press(m, keys...)
		check(strings.Join(keys, " "), m.render())
	}
}
