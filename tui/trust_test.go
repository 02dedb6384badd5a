package tui

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
)

// clocked is a dashboard at w×h whose clock moves only when the test moves it.
func clocked(t *testing.T, s engine.Scenario, w, h int) (*Model, *time.Time) {
	t.Helper()
	clock := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	m, err := New(Options{Scenario: s, Theme: "dark", Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, &clock
}

func runOf(t *testing.T, s engine.Scenario) *engine.Result {
	t.Helper()
	var r engine.Result
	if err := engine.Run(&s, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestHeldKeyTellsTheWholeGesture: holding → 40 times moves investment $1.4T → $3.4T; the change
// clause names the whole move and the header's ▲ is measured from before the first press. A
// press after a pause starts a new gesture, and one undo takes back a whole gesture.
func TestHeldKeyTellsTheWholeGesture(t *testing.T) {
	start := baseScenario(t)
	m, clock := clocked(t, start, 200, 60)
	for range 40 {
		*clock = clock.Add(30 * time.Millisecond) // key repeat
		press(m, "right")
	}
	if got := m.Scenario().Levers[engine.Investment]; math.Abs(got-3.4) > 1e-9 {
		t.Fatalf("investment %g after 40 steps, want 3.4", got)
	}
	screen := text(m)
	if !strings.Contains(screen, "After Investment +$2T:") {
		t.Errorf("the change clause should tell the whole gesture (+$2T):\n%s", lastLines(screen, 2))
	}
	before, after := runOf(t, start).Headline.Revenue2030, m.Result().Headline.Revenue2030
	want := "Revenue 2030 " + money(after) + " ▲" + money(after-before)
	if after < before {
		want = "Revenue 2030 " + money(after) + " ▼" + money(before-after)
	}
	if header := strings.Split(screen, "\n")[1]; !strings.Contains(header, want) {
		t.Errorf("the header's delta should be measured from before the gesture, want %q:\n%s", want, header)
	}

	*clock = clock.Add(2 * time.Second)
	press(m, "right")
	if !strings.Contains(text(m), "After Investment +$0.05T") {
		t.Errorf("a press after a pause is a gesture of its own:\n%s", lastLines(text(m), 2))
	}
	press(m, "u", "u")
	if got := m.Scenario().Levers; got != start.Levers {
		t.Errorf("two undos should take back both gestures: investment %g", got[engine.Investment])
	}
}

// TestDragIsOneGesture: a drag across the investment track is one move for the clause and undo.
func TestDragIsOneGesture(t *testing.T) {
	m, clock := clocked(t, baseScenario(t), 120, 40)
	r := m.lay.rowRects[0]
	x0 := r.x + m.lay.cols.trackX()
	m.Update(tea.MouseClickMsg(tea.Mouse{X: x0 + 2, Y: r.y, Button: tea.MouseLeft}))
	for x := x0 + 3; x < x0+20; x++ {
		*clock = clock.Add(5 * time.Second) // however slow, a drag is one gesture
		m.Update(tea.MouseMotionMsg(tea.Mouse{X: x, Y: r.y, Button: tea.MouseLeft}))
	}
	m.Update(tea.MouseReleaseMsg(tea.Mouse{X: x0 + 19, Y: r.y, Button: tea.MouseLeft}))
	moved := m.Scenario().Levers[engine.Investment]
	d := moved - engine.Levers[engine.Investment].Default
	if d <= 0 {
		t.Fatalf("the drag did not move investment: %g", moved)
	}
	if want := "After Investment " + leverValue(m.lang, engine.Levers[engine.Investment], round(d, 6)); !strings.Contains(text(m), strings.Replace(want, "Investment ", "Investment +", 1)) {
		t.Errorf("the clause should tell the whole drag (%s):\n%s", want, lastLines(text(m), 2))
	}
	press(m, "u")
	if got := m.Scenario().Levers[engine.Investment]; got != engine.Levers[engine.Investment].Default {
		t.Errorf("one undo should take back the drag: %g", got)
	}
}

// TestTypingReplacesTheSelectedValue: "=" selects the value, so "9" means 9, not 49; an arrow
// keeps the value to edit it.
func TestTypingReplacesTheSelectedValue(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "down", "=", "9", "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 9 {
		t.Errorf("typing 9 over the selected value gave %g", got)
	}
	press(m, "=", "right", ".", "5", "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 9.5 {
		t.Errorf("→ then 5 should append: %g", got)
	}
	press(m, "=", "backspace", "2", "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 2 {
		t.Errorf("backspace should clear the selected value: %g", got)
	}
}

// TestMessagesHaveALineOfTheirOwn: an error leaves the insight in place and clears at the next key.
func TestMessagesHaveALineOfTheirOwn(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m := newModel(t, size[0], size[1])
		press(m, "=", "x", "enter")
		screen := text(m)
		if !strings.Contains(screen, "✗ investment: \"x\" is not a number") {
			t.Errorf("%v: no error shown:\n%s", size, screen)
		}
		if !strings.Contains(screen, "⚡") {
			t.Errorf("%v: the error took the insight's place:\n%s", size, lastLines(screen, 3))
		}
		press(m, "esc", "]")
		if strings.Contains(text(m), "✗") {
			t.Errorf("%v: the error outlived the next key", size)
		}
	}
}

// TestQuitAsksOnlyWhenLeversMoved: q quits an untouched dashboard at once; after a move it asks,
// n stays, y quits; ctrl+c never asks.
func TestQuitAsksOnlyWhenLeversMoved(t *testing.T) {
	isQuit := func(cmd tea.Cmd) bool {
		if cmd == nil {
			return false
		}
		_, ok := cmd().(tea.QuitMsg)
		return ok
	}
	m := newModel(t, 120, 40)
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}); !isQuit(cmd) {
		t.Fatal("q should quit when nothing moved")
	}
	press(m, "right")
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}); isQuit(cmd) {
		t.Fatal("q quit with a moved lever without asking")
	}
	if !strings.Contains(text(m), "Quit and lose them?") {
		t.Errorf("q should ask:\n%s", text(m))
	}
	small := newModel(t, 80, 24)
	press(small, "right", "q")
	if !strings.Contains(text(small), "Quit and lose the moved levers? y/n · s save first") {
		t.Errorf("at 80 columns the question should fit whole:\n%s", text(small))
	}
	press(m, "n")
	if m.quitting || strings.Contains(text(m), "Quit and lose them?") {
		t.Error("n should stay and clear the question")
	}
	m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"}); !isQuit(cmd) {
		t.Error("y should quit")
	}
	if _, cmd := m.Update(keyCodes["ctrl+c"]); !isQuit(cmd) {
		t.Error("ctrl+c should quit at once")
	}
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl}); cmd == nil {
		t.Error("ctrl+l should redraw the screen")
	}
}

// TestResetKeepsTheNameHonest: R after moves on a preset goes back to the preset, not to the base
// case, and the title says "(edited)" only in between.
func TestResetKeepsTheNameHonest(t *testing.T) {
	s, err := data.Preset("energy-wall")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := clocked(t, s, 120, 40)
	title := func() string { return strings.Split(text(m), "\n")[0] }
	if strings.Contains(title(), "(edited)") {
		t.Fatalf("an opened preset is not edited: %s", title())
	}
	press(m, "right", "down", "left")
	if !strings.Contains(title(), s.Name+" (edited)") {
		t.Errorf("the title should say edited: %s", title())
	}
	press(m, "R")
	if m.Scenario().Levers != s.Levers {
		t.Error("R should go back to the preset's levers")
	}
	if strings.Contains(title(), "(edited)") {
		t.Errorf("after R the title should not say edited: %s", title())
	}
}

// TestHeaderAtEveryWidth: the header keeps "? help", the binding of the cursor year and every
// delta from 80 columns up, in English and Chinese.
func TestHeaderAtEveryWidth(t *testing.T) {
	s, err := data.Preset("capital-crunch")
	if err != nil {
		t.Fatal(err)
	}
	wide := map[string]map[string]string{}
	for _, lang := range []string{"en", "zh"} {
		for w := 220; w >= 80; w -= 7 {
			m, err := New(Options{Scenario: s, Theme: "dark", Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: w, Height: 40})
			press(m, "right", "right")
			lines := strings.Split(text(m), "\n")
			y := m.Result().Years[m.Result().YearIndex(m.year)]
			if want := strings.ToUpper(m.lang.T(y.Bottleneck.String())); !strings.Contains(lines[0], want) {
				t.Errorf("%s %d: the title line should name what binds in %d (%s): %s", lang, w, m.year, want, lines[0])
			}
			if !strings.Contains(lines[0], m.lang.T("? help")) {
				t.Errorf("%s %d: the title line lost ? help: %s", lang, w, lines[0])
			}
			got, n := deltas(lines[1]), 0
			for _, d := range got {
				if d != "" {
					n++
				}
			}
			if n < 2 {
				t.Errorf("%s %d: the figures line lost deltas: %s", lang, w, lines[1])
			}
			for value, d := range got {
				if want, ok := wide[lang][value]; ok && want != d {
					t.Errorf("%s %d: %s shows %q, at 220 columns %q: %s", lang, w, value, d, want, lines[1])
				}
			}
			if wide[lang] == nil {
				wide[lang] = got
			}
			if !strings.Contains(lines[1], m.lang.T("Arrears")) {
				t.Errorf("%s %d: the figures line lost the arrears: %s", lang, w, lines[1])
			}
		}
	}
}

var figureDelta = regexp.MustCompile(`(\$[0-9.]+[BT]) ?([▲▼]\$[0-9.]+[BT])?`)

// deltas maps each dollar figure of a header line to the ▲/▼ after it ("" for none).
func deltas(line string) map[string]string {
	out := map[string]string{}
	for _, m := range figureDelta.FindAllStringSubmatch(line, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func lastLines(s string, n int) string {
	ls := strings.Split(s, "\n")
	return strings.Join(ls[max(0, len(ls)-n):], "\n")
}

// TestSaveTellsWhatItIsBasedOn: an edited preset saves with a description that names the preset
// and every moved lever before the preset's own story; a preset's name cannot be taken.
func TestSaveTellsWhatItIsBasedOn(t *testing.T) {
	s, err := data.Preset("energy-wall")
	if err != nil {
		t.Fatal(err)
	}
	st := &saved.Store{Dir: t.TempDir()}
	m, err := New(Options{Scenario: s, Theme: "dark", Store: st})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	clear := func() { clearPrompt(m) }
	press(m, "right", "s")
	clear()
	press(m, "base", "enter")
	if !strings.Contains(text(m), `scenario name "base" is a preset's name`) || st.Exists("base") {
		t.Fatalf("a preset's name should be refused:\n%s", text(m))
	}
	clear()
	press(m, "my wall", "enter")
	got, err := st.Load("my wall")
	if err != nil {
		t.Fatal(err)
	}
	inv := engine.FormatNumber(s.Levers[engine.Investment])
	want := "Based on “" + s.Name + "” with investment " + engine.FormatNumber(got.Levers[engine.Investment]) + " (was " + inv + "). " + s.Name + ": " + s.Description
	if got.Description != want {
		t.Errorf("description\n got %q\nwant %q", got.Description, want)
	}
	if strings.Contains(strings.Split(text(m), "\n")[0], "(edited)") {
		t.Error("after a save the scenario is no longer edited")
	}
}
