package tui

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/internal/testutil"

	"github.com/flywheel-dev/flywheel/tui/chart"
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

// TestCompareChartsDrawBothScenarios: with A pinned each pane's legend names A and B, each with
// the sample it is drawn with (A dotted); cleared, no legend names them.
func TestCompareChartsDrawBothScenarios(t *testing.T) {
	m := newModel(t, 120, 40)
	press(m, "c", "shift+left", "shift+left")
	v := m.frame()
	if !v.compare {
		t.Fatal("the view should be comparing")
	}
	dotted := chart.Sample(chart.Series{Dotted: true}, false)
	solid := chart.Sample(chart.Series{}, false)
	for i, p := range panes {
		out := ansi.Strip(strings.Join(v.drawPlots(p.plots(v, false), 56, 12), "\n"))
		if !strings.Contains(out, " A"+dotted+" B"+solid) {
			t.Errorf("pane %d (%s) legend lacks A%s and B%s:\n%s", i+1, p.title, dotted, solid, out)
		}
	}
	press(m, "c")
	v = m.frame()
	for i, p := range panes {
		if out := ansi.Strip(strings.Join(v.drawPlots(p.plots(v, false), 56, 12), "\n")); strings.Contains(out, " A"+dotted) {
			t.Errorf("pane %d (%s) still names A after clearing it:\n%s", i+1, p.title, out)
		}
	}
}

// TestCompareScreens pins what a person sees with A pinned and B moved on (investment +$0.2T):
// every legend names A (dotted, or o in ASCII) and B, at 80×24 and 120×40, in UTF-8 and ASCII,
// and zoomed with the year table's B − A rows. Without colour the screen is the same text: A and
// B differ by their glyphs, not their colour.
func TestCompareScreens(t *testing.T) {
	cases := []struct {
		name    string
		w, h    int
		ascii   bool
		noColor bool
		zoom    string // a pane's key, to zoom it
	}{
		{"compare-80x24", 80, 24, false, false, ""},
		{"compare-120x40", 120, 40, false, false, ""},
		{"compare-120x40", 120, 40, false, true, ""},
		{"compare-80x24-ascii", 80, 24, true, false, ""},
		{"compare-120x40-ascii", 120, 40, true, false, ""},
		{"compare-120x40-ascii", 120, 40, true, true, ""},
		{"compare-120x40-energy", 120, 40, false, false, "4"},
		{"compare-80x24-energy", 80, 24, false, false, "4"},
	}
	for _, c := range cases {
		t.Run(c.name+map[bool]string{true: "-nocolor"}[c.noColor], func(t *testing.T) {
			profile := colorprofile.ANSI256
			if c.noColor {
				profile = colorprofile.NoTTY
			}
			s := startScreenWith(t, c.w, c.h, Options{ASCII: c.ascii}, nil, tea.WithColorProfile(profile),
				tea.WithEnvironment([]string{"TERM=xterm-256color"}))
			s.waitFor(t, "the first frame", func(text string) bool { return strings.Contains(text, "Levers") })
			s.typeText("c")
			for range 4 {
				s.pressKey(tea.KeyRight)
			}
			s.waitFor(t, "the move", func(text string) bool { return strings.Contains(text, "$1.6T") })
			if c.zoom != "" {
				s.typeText(c.zoom)
				s.pressKey(tea.KeyEnter)
				s.waitFor(t, "the zoomed pane", func(text string) bool { return !strings.Contains(text, "Levers") })
			}
			got := s.settle(t)
			assertFits(t, got, c.w, c.h)
			if !strings.Contains(got, " A") || !strings.Contains(got, " B") {
				t.Errorf("no legend names A and B:\n%s", got)
			}
			testutil.Golden(t, filepath.Join("screens", c.name+".golden"), got)
		})
	}
}
