package tui

import (
	"math"
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/engine"
)

// deltaText is how a figure's change from a to b shows: ▲ or ▼ and the size, or nothing when
// the size rounds to zero.
func deltaText(b, a float64, format func(float64) string) string {
	switch d := b - a; {
	case format(0) == format(math.Abs(d)):
		return ""
	case d < 0:
		return "▼" + format(-d)
	default:
		return "▲" + format(d)
	}
}

// TestCompareShowsBMinusA: with A pinned, the headline figures show B − A, after any number of
// moves, not the change of the last move.
func TestCompareShowsBMinusA(t *testing.T) {
	m := newModel(t, 240, 40)
	press(m, "c")
	a := m.base.Headline
	press(m, "shift+right", "down", "shift+right") // investment +0.5, GPU supply +2.5
	press(m, "right")                              // and one more small move
	b := m.Result().Headline
	screen := text(m)
	cashA, cashB := a.CashRaised2030, b.CashRaised2030
	if b.PeakFundingNeed == a.PeakFundingNeed {
		t.Fatal("the moves should change the peak cash need")
	}
	for _, want := range []string{
		"Revenue 2030 " + money(b.Revenue2030) + " " + deltaText(b.Revenue2030, a.Revenue2030, money),
		"Peak cash need " + money(b.PeakFundingNeed) + " " + deltaText(b.PeakFundingNeed, a.PeakFundingNeed, money),
		"Cash raised by 2030 " + money(cashB) + " " + deltaText(cashB, cashA, money),
		"vs A: Late 2025 base case",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	yA, yB := &m.base.Years[m.base.YearIndex(2028)], year(m, 2028)
	gw := func(x float64) string { return num(x, 1) }
	if want := "installed " + gw(yB.InstalledEnd) + deltaText(yB.InstalledEnd, yA.InstalledEnd, gw); !strings.Contains(screen, want) {
		t.Errorf("compute figures should compare with A: want %q", want)
	}
	press(m, "c")
	if strings.Contains(text(m), "vs A:") {
		t.Error("c again should clear the baseline")
	}
	press(m, "c")
	if !strings.Contains(text(m), "vs A: Late 2025 base case (edited)") {
		t.Error("a baseline pinned after moves should say it is edited")
	}
}

// TestCompareChartsDrawBothScenarios: each line chart draws A's series (in the baseline colour)
// under B's, on one scale.
func TestCompareChartsDrawBothScenarios(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "c", "shift+left", "shift+left")
	v := m.frame()
	if !v.compare {
		t.Fatal("the view should be comparing")
	}
	installed := func(m *engine.Month) float64 { return m.Installed }
	plot := strings.Join(v.plot([]line{{installed, m.st.Installed, false}}, nil, 60, 12, 0), "\n")
	if !strings.Contains(plot, m.st.Baseline.pre) || !strings.Contains(plot, m.st.Installed.pre) {
		t.Errorf("the chart should draw A in the baseline colour and B in its own:\n%q", plot)
	}
	for i, p := range panes {
		out := strings.Join(p.chart(v, 50, 10, false), "\n")
		if !strings.Contains(out, m.st.Baseline.pre) {
			t.Errorf("pane %d (%s) draws no baseline series", i+1, p.title)
		}
	}
	press(m, "c")
	v = m.frame()
	for i, p := range panes {
		if out := strings.Join(p.chart(v, 50, 10, false), "\n"); strings.Contains(out, m.st.Baseline.pre) {
			t.Errorf("pane %d (%s) still draws a baseline after clearing it", i+1, p.title)
		}
	}
}
