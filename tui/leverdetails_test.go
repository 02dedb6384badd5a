package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/analysis"
)

// detailsText is the lever details panel as a person reads it, borders cut off and all
// whitespace removed, so text wrapped over lines still reads as one.
func detailsText(m *Model) string {
	lines := strings.Split(text(m), "\n")
	d := m.lay.details
	var b strings.Builder
	for _, l := range lines[d.y : d.y+d.h] {
		r := []rune(l)
		b.WriteString(string(r[1 : len(r)-1]))
	}
	return strings.Join(strings.Fields(b.String()), "")
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// TestLeverDetailsShowEveryLever: `i` opens the selected lever's details, which follow the
// selection; for every lever, in English and Chinese, they show its name, value, default, range,
// meaning, plausible band with its reason, the scenario's source, and for a linked lever where
// its link binds.
func TestLeverDetailsShowEveryLever(t *testing.T) {
	var scratch engine.Result
	for _, lang := range []string{"en", "zh"} {
		m, err := New(Options{Scenario: baseScenario(t), Theme: "dark", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		press(m, "a", "i")
		for l := engine.Lever(0); l < engine.NumLevers; l++ {
			if l > 0 {
				press(m, "down")
			}
			p := l.Param()
			tr := m.lang.T
			got := detailsText(m)
			band := engine.FormatNumber(p.Low) + "–" + engine.FormatNumber(p.High) + tr(p.Unit)
			want := []string{tr(p.Name), leverValue(m.lang, p, p.Default), band, tr(p.Band), tr(p.Meaning),
				engine.FormatNumber(p.Min) + "–" + engine.FormatNumber(p.Max) + tr(p.Unit)}
			if src, ok := m.Scenario().Sources[p.Key]; ok {
				want = append(want, squeeze(src)[:min(40, len(squeeze(src)))])
			} else {
				t.Errorf("the base case cites no source for %s", p.Key)
			}
			if span, linked, _ := analysis.BindingSpan(m.Scenario(), l, &scratch); linked {
				want = append(want, tr(span.Link.String()), engine.FormatNumber(span.Lo)+"–"+engine.FormatNumber(span.Hi))
			}
			for _, w := range want {
				if !strings.Contains(got, squeeze(w)) {
					t.Errorf("%s %s: the details lack %q:\n%s", lang, p.Key, w, text(m))
				}
			}
		}
		press(m, "esc")
		if m.details || strings.Contains(text(m), m.lang.T("esc close")) {
			t.Errorf("%s: esc should close the details", lang)
		}
	}
}

// TestLeverDetailsSayWhatBindsBeyond: inside its span GPU supply's details name what binds just
// above it; moved outside, what binds where it is.
func TestLeverDetailsSayWhatBindsBeyond(t *testing.T) {
	var scratch engine.Result
	m := newModel(t, 120, 40)
	press(m, "down", "i")
	span, _, _ := analysis.BindingSpan(m.Scenario(), engine.GPUSupply, &scratch)
	above := m.Scenario()
	above.Levers[engine.GPUSupply] = span.Hi + engine.Levers[engine.GPUSupply].Step
	past, _, _ := analysis.BindingSpan(above, engine.GPUSupply, &scratch)
	want := "above " + leverValue(m.lang, engine.Levers[engine.GPUSupply], span.Hi) + ", " + past.Instead.String() + " binds instead"
	if got := detailsText(m); !strings.Contains(got, squeeze(want)) {
		t.Errorf("the details should say %q:\n%s", want, text(m))
	}
	typeValue(m, 8)
	here, _, _ := analysis.BindingSpan(m.Scenario(), engine.GPUSupply, &scratch)
	want = "at 8 GW/yr, " + here.Instead.String() + " binds instead"
	if got := detailsText(m); here.Binds || !strings.Contains(got, squeeze(want)) {
		t.Errorf("at 8 GW/yr the details should say %q:\n%s", want, text(m))
	}
}

// TestLeverDetailsFitSmallWindows: at 80×24 and down to the smallest layout the details keep a
// line of every section, in both languages.
func TestLeverDetailsFitSmallWindows(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, size := range [][2]int{{80, 24}, {60, 18}} {
			m, _ := New(Options{Scenario: baseScenario(t), Theme: "dark", Lang: lang})
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			press(m, "down", "i")
			screen := text(m)
			assertFits(t, screen, size[0], size[1])
			for _, label := range []string{"Value", "Meaning", "Plausible", "Binding", "Source"} {
				if !strings.Contains(screen, " "+m.lang.T(label)+" ") {
					t.Errorf("%s %d×%d: the details lack their %q line:\n%s", lang, size[0], size[1], label, screen)
				}
			}
			if band := m.lang.T(engine.Levers[engine.GPUSupply].Band); size[0] >= 80 && !strings.Contains(detailsText(m), squeeze(band)) {
				t.Errorf("%s %d×%d: the band's reason should show whole:\n%s", lang, size[0], size[1], screen)
			}
		}
	}
}

// TestDoubleClickALeverNameOpensItsDetails: the mouse way in; a click on the name alone only
// selects.
func TestDoubleClickALeverNameOpensItsDetails(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m, _ := New(Options{Scenario: baseScenario(t), Theme: "dark", Now: func() time.Time { return clock }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	row := m.lay.rowRects[1]
	click := func() { m.Update(tea.MouseClickMsg{X: row.x + 4, Y: row.y, Button: tea.MouseLeft}) }
	click()
	if m.lever != engine.GPUSupply || m.details {
		t.Fatalf("one click on the name should select GPU supply only: lever %s, details %v", m.lever, m.details)
	}
	clock = clock.Add(200 * time.Millisecond)
	click()
	if !m.details || !strings.Contains(text(m), "Plausible") {
		t.Fatalf("a double-click on the name should open the details:\n%s", text(m))
	}
	if m.Scenario().Levers != baseScenario(t).Levers {
		t.Error("clicking the name must not move the lever")
	}
}
