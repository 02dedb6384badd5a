package tui

import (
	"math"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/analysis"
)

// rowText is lever l's row as a person reads it, with the column where its row starts.
func rowText(t *testing.T, m *Model, l engine.Lever) (string, int) {
	t.Helper()
	lines := strings.Split(text(m), "\n")
	for i, r := range m.lay.rows {
		if r == l {
			return lines[m.lay.rowRects[i].y], m.lay.rowRects[i].x
		}
	}
	t.Fatalf("%s is not on screen:\n%s", l, text(m))
	return "", 0
}

// typeValue sets the selected lever by typing it, as a person would with =.
func typeValue(m *Model, v float64) {
	press(m, "=")
	for range 12 {
		press(m, "backspace")
	}
	press(m, engine.FormatNumber(v), "enter")
}

// TestRunRateGrowthShowsRevenue2026: the run-rate growth row says what its rate means for calendar
// 2026 — revenue 2026 over revenue 2025, as the result has them — at 80 and 120 columns and in
// Chinese, and follows the lever.
func TestRunRateGrowthShowsRevenue2026(t *testing.T) {
	want := func(m *Model) string {
		ys := m.Result().Years
		r25, r26 := ys[m.Result().YearIndex(2025)].Revenue, ys[m.Result().YearIndex(2026)].Revenue
		return "+" + strconv.Itoa(int(math.Round((r26/r25-1)*100))) + "%"
	}
	for _, c := range []struct {
		w, h       int
		lang, form string
	}{{120, 40, "", "revenue 2026 "}, {80, 24, "", "rev 2026 "}, {120, 40, "zh", "2026年收入 "}, {80, 24, "zh", "26年收入 "}} {
		m, err := New(Options{Scenario: baseScenario(t), Theme: "dark", Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: c.w, Height: c.h})
		for _, move := range [][]string{nil, {"down", "down", "shift+left"}, {"shift+right", "shift+right", "shift+right"}} {
			press(m, move...)
			row, _ := rowText(t, m, engine.RevenueGrowth)
			if fig := c.form + want(m); !strings.Contains(row, fig) {
				t.Errorf("%d×%d %s, run-rate growth %v: the row should say %q:\n%s", c.w, c.h, c.lang,
					m.Scenario().Levers[engine.RevenueGrowth], fig, row)
			}
		}
	}
}

// spanMarks reads lever l's track off the screen: for each knob position, whether it is drawn as
// the binding span (━ ╋, or = in ASCII); the knob's own position reads as its neighbours do.
func spanMarks(t *testing.T, m *Model, l engine.Lever) []bool {
	t.Helper()
	row, x := rowText(t, m, l)
	cells := []rune(row)
	start := x + m.lay.cols.trackX()
	marks := make([]bool, m.lay.cols.positions())
	knob := m.lay.cols.knobAt(l.Param(), m.Scenario().Levers[l])
	for i := range marks {
		switch cells[start+i] {
		case '━', '╋', '=':
			marks[i] = true
		}
	}
	if knob > 0 {
		marks[knob] = marks[knob-1]
	} else if len(marks) > 1 {
		marks[knob] = marks[1]
	}
	return marks
}

// wantMarks is where the span of l, swept here by the test itself, falls on the track.
func wantMarks(t *testing.T, m *Model, l engine.Lever) ([]bool, analysis.Span) {
	t.Helper()
	var scratch engine.Result
	span, ok, err := analysis.BindingSpan(m.Scenario(), l, &scratch)
	if !ok || err != nil {
		t.Fatalf("BindingSpan(%s): %v %v", l, ok, err)
	}
	p := l.Param()
	marks := make([]bool, m.lay.cols.positions())
	for i := range marks {
		marks[i] = span.Found && i >= m.lay.cols.knobAt(p, span.Lo) && i <= m.lay.cols.knobAt(p, span.Hi)
	}
	knob := m.lay.cols.knobAt(p, m.Scenario().Levers[l])
	if knob > 0 {
		marks[knob] = marks[knob-1]
	} else if len(marks) > 1 {
		marks[knob] = marks[1]
	}
	return marks, span
}

func sameMarks(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSpanMarksSitWhereBindingSpanSays: the heavy stretch of a linked lever's track covers the
// values where BindingSpan finds its link binding, and moves when another lever moves the span:
// run-rate growth moves GPU supply's, energy build moves power lead time's.
func TestSpanMarksSitWhereBindingSpanSays(t *testing.T) {
	check := func(m *Model, l engine.Lever, when string) analysis.Span {
		t.Helper()
		want, span := wantMarks(t, m, l)
		if got := spanMarks(t, m, l); !sameMarks(got, want) {
			row, _ := rowText(t, m, l)
			t.Errorf("%s, %s: marks %v, want the span %g–%g at %v:\n%s", when, l, got, span.Lo, span.Hi, want, row)
		}
		return span
	}
	for _, ascii := range []bool{false, true} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			m, _ := New(Options{Scenario: baseScenario(t), Theme: "dark", ASCII: ascii})
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			when := strconv.Itoa(size[0]) + "×" + strconv.Itoa(size[1]) + " ascii " + strconv.FormatBool(ascii)
			before := check(m, engine.GPUSupply, when+" base case")
			if !before.Found {
				t.Fatalf("GPU supply binds nowhere in the base case")
			}
			press(m, "down", "down", "shift+right") // run-rate growth 130 → 180 %/yr
			if after := check(m, engine.GPUSupply, when+" growth 180"); after.Hi == before.Hi {
				t.Fatalf("run-rate growth 180 should move GPU supply's span from %g–%g", before.Lo, before.Hi)
			}
		}
	}
	m := newModel(t, 200, 60)
	press(m, "a")
	for _, l := range []engine.Lever{engine.GPUSupply, engine.SupplyGrowth, engine.EnergyBuild, engine.EnergyGrowth, engine.PowerLeadTime} {
		check(m, l, "all levers")
	}
	before := check(m, engine.PowerLeadTime, "energy build 4")
	for range 4 {
		press(m, "down") // to energy build
	}
	press(m, "=", "backspace", "6", "enter")
	if m.Scenario().Levers[engine.EnergyBuild] != 6 {
		t.Fatalf("energy_build = %v, want 6", m.Scenario().Levers[engine.EnergyBuild])
	}
	if after := check(m, engine.PowerLeadTime, "energy build 6"); after.Lo == before.Lo {
		t.Fatalf("energy build 6 should move power lead time's span from %g–%g", before.Lo, before.Hi)
	}
}

// TestUnboundExactlyOutsideTheSpan: moving a linked lever to a value outside its span tells the
// insight that its link does not bind there, and what does; inside the span, or for a lever
// without a link, it does not. Every step of a linked slider is tried, each from the base case.
func TestUnboundExactlyOutsideTheSpan(t *testing.T) {
	var scratch engine.Result
	m := newModel(t, 120, 40)
	for _, l := range []engine.Lever{engine.Investment, engine.GPUSupply, engine.PowerLeadTime} { // in the panel's order
		p := l.Param()
		span, linked, err := analysis.BindingSpan(baseScenario(t), l, &scratch)
		if err != nil {
			t.Fatal(err)
		}
		if !isHeadline(l) && !m.advanced {
			press(m, "a")
		}
		for m.lever != l {
			press(m, "down")
		}
		outside, stride := 0, 1
		if !linked {
			stride = 10
		}
		for i := 0; p.Min+float64(i)*p.Step <= p.Max+1e-9; i += stride {
			v := snap(p, p.Min+float64(i)*p.Step)
			if v == p.Default {
				continue
			}
			typeValue(m, v)
			if m.Scenario().Levers[l] != v {
				t.Fatalf("typing %v into %s gave %v", v, p.Key, m.Scenario().Levers[l])
			}
			want := linked && !span.Contains(v)
			if m.change.Unbound != want {
				t.Errorf("%s = %v: Unbound %v, want %v (span %g–%g)", p.Key, v, m.change.Unbound, want, span.Lo, span.Hi)
			}
			if want {
				outside++
				there, _, _ := analysis.BindingSpan(m.Scenario(), l, &scratch)
				if m.change.Instead != there.Instead {
					t.Errorf("%s = %v: Instead %s, want %s", p.Key, v, m.change.Instead, there.Instead)
				}
			}
			press(m, "u")
		}
		if linked && outside == 0 {
			t.Errorf("%s: no value outside the span %g–%g was tried", p.Key, span.Lo, span.Hi)
		}
	}
}

// TestSpansAreSweptOnlyWhenTheScenarioChanges: moving the cursor, the selection or the year sweeps
// nothing; a move sweeps for the new scenario, and stepping back finds the sweep done. A sweep
// runs the engine into the memo's scratch result, so a mark left there shows whether one ran.
func TestSpansAreSweptOnlyWhenTheScenarioChanges(t *testing.T) {
	m := newModel(t, 120, 40)
	scratch := &m.spanMemo.scratch
	if len(scratch.Months) == 0 {
		t.Fatal("the first frame should have swept GPU supply's span")
	}
	mark := func() { scratch.Months[0].Revenue = -1 }
	swept := func() bool { return scratch.Months[0].Revenue != -1 }
	mark()
	press(m, "]", "[", "down", "up", "tab", "?", "esc")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	_ = m.render()
	if swept() {
		t.Fatal("cursor moves and redraws swept a span")
	}
	press(m, "right")
	if !swept() {
		t.Fatal("a move to a new scenario should sweep")
	}
	mark()
	press(m, "left", "right", "u", "ctrl+y")
	if swept() {
		t.Fatal("stepping back and forth should find its sweeps done")
	}
}

// TestHelpExplainsTheSpanMark: the help names the mark in the screen's own glyphs.
func TestHelpExplainsTheSpanMark(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		m, _ := New(Options{Scenario: baseScenario(t), Theme: "dark", ASCII: ascii})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		press(m, "?")
		mark := "━━━ where the lever's link binds"
		if ascii {
			mark = "=== where the lever's link binds"
		}
		if help := ansi.Strip(m.render()); !strings.Contains(help, mark) {
			t.Errorf("ascii %v: help lacks %q:\n%s", ascii, mark, help)
		}
	}
}

// TestClickPutsTheKnobUnderThePointer: a click anywhere on a track leaves the knob drawn in the
// clicked cell.
func TestClickPutsTheKnobUnderThePointer(t *testing.T) {
	m := newModel(t, 120, 40)
	row := m.lay.rowRects[1]
	for pos := range m.lay.cols.positions() {
		x := row.x + m.lay.cols.trackX() + pos
		m.Update(tea.MouseClickMsg{X: x, Y: row.y, Button: tea.MouseLeft})
		m.Update(tea.MouseReleaseMsg{X: x, Y: row.y, Button: tea.MouseLeft})
		line, _ := rowText(t, m, engine.GPUSupply)
		if got := strings.IndexRune(line, '◆'); got < 0 || len([]rune(line[:got])) != x {
			t.Fatalf("clicked column %d (position %d), the knob is drawn at column %d:\n%s", x, pos, len([]rune(line[:max(0, got)])), line)
		}
	}
}
