package tui

import (
	"os"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
)

// clearPrompt empties the text of an open prompt, whatever it holds.
func clearPrompt(m *Model) {
	for range 80 {
		press(m, "backspace")
	}
}

func newModelWithStore(t *testing.T) (*Model, *saved.Store) {
	t.Helper()
	st := &saved.Store{Dir: t.TempDir()}
	m, err := New(Options{Scenario: baseScenario(t), Theme: "dark", Store: st})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m, st
}

// TestOpenFiltersLoadsAndUndoes: o lists the presets, typing filters, enter loads, and undo
// returns to the scenario before the load — undo spans loads as well as lever moves.
func TestOpenFiltersLoadsAndUndoes(t *testing.T) {
	m, _ := newModelWithStore(t)
	press(m, "right") // a lever move before the load
	moved := m.Scenario()
	press(m, "o")
	screen := text(m)
	for _, want := range []string{"Open a scenario", "energy-wall", "Energy wall", "half-commitments"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("picker lacks %q:\n%s", want, screen)
		}
	}
	press(m, "wall")
	if s := text(m); strings.Contains(s, "half-commitments") || !strings.Contains(s, "1 of "+strconv.Itoa(len(data.Presets()))) {
		t.Fatalf("typing should filter to energy-wall:\n%s", s)
	}
	press(m, "enter")
	if m.Scenario().Name != "Energy wall" || m.picker != nil {
		t.Fatalf("enter should load Energy wall, got %q", m.Scenario().Name)
	}
	if !strings.Contains(text(m), "Energy wall · 2025–2035") {
		t.Error("the header should name the loaded scenario")
	}
	press(m, "u")
	if m.Scenario().Levers != moved.Levers || m.Scenario().Name != moved.Name {
		t.Fatal("undo should return to the scenario before the load")
	}
	press(m, "ctrl+y")
	if m.Scenario().Name != "Energy wall" {
		t.Fatal("redo should load it again")
	}
	press(m, "o", "nothing matches this", "enter")
	if m.picker == nil || !strings.Contains(text(m), "no scenario matches") {
		t.Error("an empty filter result should say so and stay open")
	}
	press(m, "esc")
	if m.picker != nil {
		t.Error("esc should close the picker")
	}
}

// TestSaveConfirmsBeforeOverwriting: s saves under a name; saving again under that name asks,
// n keeps the old file, y replaces it; the saved scenario then appears in the picker and loads.
func TestSaveConfirmsBeforeOverwriting(t *testing.T) {
	m, st := newModelWithStore(t)
	clear := func() { clearPrompt(m) }
	press(m, "right", "s")
	clear()
	press(m, "my case", "enter")
	if !st.Exists("my case") || !strings.Contains(text(m), "saved “my case”") {
		t.Fatalf("s should save and say where:\n%s", text(m))
	}
	first, _ := os.ReadFile(st.Path("my case"))

	press(m, "right", "s")
	clear()
	press(m, "my case", "enter")
	if !strings.Contains(text(m), "“my case” exists: overwrite it? y / n") {
		t.Fatalf("saving over a file should ask:\n%s", text(m))
	}
	press(m, "n", "esc")
	if now, _ := os.ReadFile(st.Path("my case")); string(now) != string(first) {
		t.Fatal("n must leave the old file untouched")
	}
	press(m, "s")
	clear()
	press(m, "my case", "enter", "y")
	got, err := st.Load("my case")
	if err != nil {
		t.Fatal(err)
	}
	if got.Levers != m.Scenario().Levers {
		t.Fatal("y should replace the file with the current levers")
	}

	press(m, "R", "o", "my case", "enter")
	if m.Scenario().Levers != got.Levers {
		t.Fatal("the saved scenario should load from the picker")
	}

	press(m, "s")
	clear()
	press(m, "a/b", "enter")
	if !strings.Contains(text(m), "contains '/' (a path separator)") || m.saving == nil {
		t.Fatalf("a bad name should be refused with the reason:\n%s", text(m))
	}
}

// TestLoadWithAnotherTimeFrame: a scenario with another start or horizon loads cleanly; deltas
// to the old months are dropped rather than misaligned.
func TestLoadWithAnotherTimeFrame(t *testing.T) {
	m, st := newModelWithStore(t)
	s := baseScenario(t)
	s.Name, s.Start, s.HorizonYears = "short", engine.YearMonth{Year: 2026, Month: 1}, 5
	if _, err := st.Save("short", &s, false); err != nil {
		t.Fatal(err)
	}
	press(m, "]", "]", "]", "]", "]", "]", "]") // cursor to 2035
	press(m, "o", "short", "enter")
	if m.Scenario().HorizonYears != 5 || m.hasPrev {
		t.Fatalf("loaded %+v, hasPrev %v", m.Scenario().Start, m.hasPrev)
	}
	if m.year != 2030 {
		t.Errorf("the cursor should clamp to the new horizon's end, is %d", m.year)
	}
	assertFits(t, m.render(), 120, 40)
}
