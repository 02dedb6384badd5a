package tui

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
)

// newModel is a dashboard at w×h on the base case, driven directly through Update.
func newModel(t testing.TB, w, h int) *Model {
	t.Helper()
	m, err := New(Options{Scenario: baseScenario(t), Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

var keyCodes = map[string]tea.KeyPressMsg{
	"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
	"shift+left": {Code: tea.KeyLeft, Mod: tea.ModShift}, "shift+right": {Code: tea.KeyRight, Mod: tea.ModShift},
	"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "ctrl+z": {Code: 'z', Mod: tea.ModCtrl},
	"ctrl+y": {Code: 'y', Mod: tea.ModCtrl}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl}, "backspace": {Code: tea.KeyBackspace},
}

// press sends keys by name ("right", "shift+right", "ctrl+z") or as typed text ("=7.5").
func press(m *Model, keys ...string) {
	for _, k := range keys {
		if msg, ok := keyCodes[k]; ok {
			send(m, msg)
			continue
		}
		for _, r := range k {
			send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

// send passes msg to Update and, as the program would, runs the command it returns and feeds
// the result back (a save, a listing); a command that does not answer at once — a timer — is
// left alone.
func send(m *Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	run(m, cmd)
}

func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	out := make(chan tea.Msg, 1)
	go func() { out <- cmd() }()
	select {
	case msg := <-out:
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				run(m, c)
			}
		default:
			send(m, msg)
		}
	case <-time.After(200 * time.Millisecond):
	}
}

// text is the screen as a person reads it, without escape codes.
func text(m *Model) string { return ansi.Strip(m.render()) }

func year(m *Model, y int) *engine.Year { return &m.Result().Years[m.Result().YearIndex(y)] }

func TestMoreGPUSupplyMeansMoreGWInstalled(t *testing.T) {
	m := newModel(t, 120, 40)
	before := year(m, 2027).InstalledEnd
	press(m, "down", "right", "right", "right", "right") // GPU supply 4 → 5 GW/yr
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 5 {
		t.Fatalf("gpu_supply = %v, want 5", got)
	}
	after := year(m, 2027).InstalledEnd
	if after <= before {
		t.Fatalf("installed 2027: %.2f → %.2f GW, want more", before, after)
	}
	screen := text(m)
	if !strings.Contains(screen, "GPU supply         5 GW/yr") || !strings.Contains(screen, "▲") {
		t.Errorf("the lever and the ▲ of the figures that moved should show:\n%s", screen)
	}
}

func TestLessRevenueGrowthMeansLess2030Revenue(t *testing.T) {
	m := newModel(t, 120, 40)
	before := m.Result().Headline.Revenue2030
	press(m, "down", "down", "shift+left") // revenue growth 130 → 80 %/yr
	if got := m.Scenario().Levers[engine.RevenueGrowth]; got != 80 {
		t.Fatalf("revenue_growth = %v, want 80", got)
	}
	if after := m.Result().Headline.Revenue2030; after >= before {
		t.Fatalf("revenue 2030: $%.0fB → $%.0fB, want less", before, after)
	}
	if !strings.Contains(text(m), "▼") {
		t.Error("falling figures should show ▼")
	}
}

func TestUndoRestoresTheExactResult(t *testing.T) {
	m := newModel(t, 120, 40)
	orig := append([]engine.Month(nil), m.Result().Months...)
	press(m, "right", "down", "shift+right")
	moved := append([]engine.Month(nil), m.Result().Months...)
	if reflect.DeepEqual(orig, moved) {
		t.Fatal("the moves changed nothing")
	}
	press(m, "u")
	press(m, "ctrl+z")
	if !reflect.DeepEqual(orig, m.Result().Months) || m.Scenario().Levers != baseScenario(t).Levers {
		t.Fatal("undo twice did not restore the exact first result")
	}
	press(m, "ctrl+y", "ctrl+y")
	if !reflect.DeepEqual(moved, m.Result().Months) {
		t.Fatal("redo twice did not restore the moved result")
	}
	press(m, "ctrl+y") // nothing left to redo: no change
	if !reflect.DeepEqual(moved, m.Result().Months) {
		t.Fatal("an empty redo changed the result")
	}
}

func TestResetAndResetAll(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "right", "down", "left")
	press(m, "r")
	if m.Scenario().Levers[engine.GPUSupply] != engine.Levers[engine.GPUSupply].Default {
		t.Fatal("r did not reset the selected lever")
	}
	if m.Scenario().Levers[engine.Investment] == engine.Levers[engine.Investment].Default {
		t.Fatal("r reset another lever too")
	}
	press(m, "R")
	for i, p := range engine.Levers {
		if m.Scenario().Levers[i] != p.Default {
			t.Fatalf("R left %s at %v", p.Key, m.Scenario().Levers[i])
		}
	}
	press(m, "u")
	if m.Scenario().Levers[engine.Investment] == engine.Levers[engine.Investment].Default {
		t.Fatal("undo after R should bring the moved investment back")
	}
}

func TestZoomAndBack(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "4", "enter")
	z := text(m)
	for _, want := range []string{"4 Energy", "power online GW", "pipeline GW", "Sources", "energy_build:"} {
		if !strings.Contains(z, want) {
			t.Errorf("zoomed energy pane lacks %q:\n%s", want, z)
		}
	}
	if strings.Contains(z, "Levers") || strings.Contains(z, "1 Compute") {
		t.Error("zoom should fill the screen with the one pane")
	}
	press(m, "esc")
	if g := text(m); !strings.Contains(g, "1 Compute") || !strings.Contains(g, "Levers") {
		t.Errorf("esc should return to the grid:\n%s", g)
	}
}

// TestHelpListsEveryBinding: every field of the KeyMap is in a help group, and the help screen
// shows each one's keys and meaning.
func TestHelpListsEveryBinding(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "?")
	help := text(m)
	km := reflect.ValueOf(m.keys)
	grouped := map[string]bool{}
	for _, g := range m.keys.Groups() {
		for _, b := range g.Bindings {
			grouped[b.Help().Key+"|"+b.Help().Desc] = true
		}
	}
	for i := 0; i < km.NumField(); i++ {
		h := km.Field(i).Interface().(key.Binding).Help()
		if !grouped[h.Key+"|"+h.Desc] {
			t.Errorf("binding %s (%s) is in no help group", km.Type().Field(i).Name, h.Desc)
		}
		if !strings.Contains(help, h.Key) || !strings.Contains(help, h.Desc) {
			t.Errorf("help screen lacks %q %q", h.Key, h.Desc)
		}
	}
	press(m, "esc")
	if strings.Contains(text(m), "flywheel — keys") {
		t.Error("esc should close help")
	}
}

func TestTypeAnExactValue(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "down", "=")
	for range 4 {
		press(m, "backspace")
	}
	press(m, "7.3", "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 7.3 {
		t.Fatalf("gpu_supply = %v after typing 7.3", got)
	}
	press(m, "=", "backspace", "backspace", "backspace", "99", "enter")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 7.3 {
		t.Fatalf("an out-of-range entry changed gpu_supply to %v", got)
	}
	if s := text(m); !strings.Contains(s, "lever gpu_supply = 99 is out of range 0.5–10 GW/yr") {
		t.Errorf("the error should name the lever, value and range:\n%s", s)
	}
	press(m, "esc")
	if m.typing {
		t.Error("esc should leave the entry")
	}
}

func TestYearCursor(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "]", "]")
	if !strings.Contains(text(m), "2030: installed") {
		t.Error("] twice should move the cursor from 2028 to 2030")
	}
	for range 20 {
		press(m, "[")
	}
	if m.year != 2025 {
		t.Errorf("the cursor should stop at 2025, is %d", m.year)
	}
}

func TestMouse(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m, _ := New(Options{Scenario: baseScenario(t), Theme: "dark", Now: func() time.Time { return clock }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	click := func(x, y int) { m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}) }

	capital := m.lay.panes[PaneCapital]
	click(capital.x+5, capital.y+3)
	if m.focus != PaneCapital || m.zoomed {
		t.Fatalf("a click should focus the capital pane: focus %d zoomed %v", m.focus, m.zoomed)
	}
	clock = clock.Add(200 * time.Millisecond)
	click(capital.x+6, capital.y+4)
	if !m.zoomed {
		t.Fatal("a double-click should zoom")
	}
	press(m, "esc")

	// Click at the right end of GPU supply's track: its maximum.
	row := m.lay.rowRects[1]
	end := row.x + m.lay.cols.trackX() + m.lay.cols.positions() - 1
	click(end, row.y)
	if top := engine.Levers[engine.GPUSupply].Max; m.lever != engine.GPUSupply || m.Scenario().Levers[engine.GPUSupply] != top {
		t.Fatalf("clicking the track's end should set GPU supply to %v, got %v", top, m.Scenario().Levers[engine.GPUSupply])
	}
	// Drag to the start; one drag is one undo.
	m.Update(tea.MouseMotionMsg{X: row.x + m.lay.cols.trackX() + 3, Y: row.y, Button: tea.MouseLeft})
	m.Update(tea.MouseMotionMsg{X: row.x + m.lay.cols.trackX(), Y: row.y, Button: tea.MouseLeft})
	m.Update(tea.MouseReleaseMsg{X: row.x + m.lay.cols.trackX(), Y: row.y, Button: tea.MouseLeft})
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 0.5 {
		t.Fatalf("dragging to the track's start should give 0.5, got %v", got)
	}
	press(m, "u")
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 4 {
		t.Fatalf("one undo should undo the whole click-and-drag, got %v", got)
	}
	// Wheel over a slider nudges it.
	m.Update(tea.MouseWheelMsg{X: row.x + 5, Y: row.y, Button: tea.MouseWheelUp})
	if got := m.Scenario().Levers[engine.GPUSupply]; got != 4.25 {
		t.Fatalf("wheel up should nudge to 4.25, got %v", got)
	}
	// Click the timeline to pick a year.
	x0, sw := m.stripGeometry()
	click(x0+sw-1, m.lay.timeline.y)
	if m.year != 2035 {
		t.Fatalf("clicking the strip's end should pick 2035, got %d", m.year)
	}
}

func TestAdvancedLevers(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "a")
	s := text(m)
	if !strings.Contains(s, "Power lead time") || !strings.Contains(s, "all 29") {
		t.Fatalf("a should show the advanced levers:\n%s", s)
	}
	for range 28 {
		press(m, "down")
	}
	if m.lever != engine.OpexVariable || !strings.Contains(text(m), "Variable opex") {
		t.Fatal("the last lever should be selected and scrolled into view")
	}
	press(m, "right")
	if m.Scenario().Levers[engine.OpexVariable] != 16 {
		t.Fatalf("opex_variable = %v, want 16", m.Scenario().Levers[engine.OpexVariable])
	}
	press(m, "a")
	if m.lever != engine.Investment || len(m.lay.rows) != 3 {
		t.Fatal("leaving advanced mode should go back to the headline levers")
	}
}

// TestHeaderTellsTheArrears: a shortfall shows as the arrears it ran up and from when, with the
// restructuring and winding down that followed; a narrow header keeps the size and the last stage.
func TestHeaderTellsTheArrears(t *testing.T) {
	s, err := data.Preset("demand-stall")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := New(Options{Scenario: s, Theme: "dark"})
	h := m.Result().Headline
	if h.PeakArrears == 0 || h.RestructuredAt.IsZero() || h.WindingDownFrom.IsZero() {
		t.Fatalf("demand-stall should run into arrears, restructure and wind down: %+v", h)
	}
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	want := "Arrears " + money(h.PeakArrears) + " from " + h.ArrearsFrom.String() + ", restructured " + h.RestructuredAt.String()
	if h.Restructurings > 1 {
		want += " (×" + strconv.Itoa(h.Restructurings) + ")"
	}
	want += ", winding down from " + h.WindingDownFrom.String()
	if header := strings.Split(text(m), "\n")[1]; !strings.Contains(header, want) {
		t.Errorf("the header should say %q:\n%s", want, header)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if header := strings.Split(text(m), "\n")[1]; !strings.Contains(header, "Arrears "+money(h.PeakArrears)+", winding down") {
		t.Errorf("the narrow header should keep the arrears and the last stage:\n%s", header)
	}
	zh, _ := New(Options{Scenario: s, Lang: "zh"})
	if got, _ := zh.stages(&engine.Headline{PeakArrears: 50, ArrearsFrom: engine.YearMonth{Year: 2029, Month: 1},
		RestructuredAt: engine.YearMonth{Year: 2030, Month: 1}, Restructurings: 2}); got != "，始于 2029-01，2030-01 重组（×2）" {
		t.Errorf("in Chinese: %q", got)
	}
	base := newModel(t, 200, 60)
	if header := strings.Split(text(base), "\n")[1]; strings.Contains(header, "Arrears") {
		t.Errorf("the base case has no arrears:\n%s", header)
	}
}
