package chart

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui/chart -update to create it)", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("%s differs (go test ./tui/chart -update accepts it)\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkSize asserts the package's size rule: h lines of exactly w cells.
func checkSize(t fataler, out string, w, h int) {
	t.Helper()
	if h <= 0 {
		if out != "" {
			t.Fatalf("height %d: want empty output, got %q", h, out)
		}
		return
	}
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		t.Fatalf("want %d lines, got %d: %q", h, len(lines), out)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != max(w, 0) {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
}

// Fixtures: 11 years of monthly figures shaped like the dashboard's.
const months = 132

func curve(f func(year float64) float64) []float64 {
	v := make([]float64, months)
	for i := range v {
		v[i] = f(float64(i) / 12)
	}
	return v
}

var (
	installed = curve(func(x float64) float64 { return 25 / (1 + math.Exp(-(x-4)*1.2)) })
	online    = curve(func(x float64) float64 { return math.Min(25/(1+math.Exp(-(x-4)*1.2)), 2+1.8*x) })
	demand    = curve(func(x float64) float64 { return 400 / (1 + math.Exp(-(x-6)*0.9)) })
	served    = curve(func(x float64) float64 { return math.Min(400/(1+math.Exp(-(x-6)*0.9)), 30*x) })
	cash      = curve(func(x float64) float64 { return 80*math.Sin(x/2) - 20 })
	fcf       = []float64{-40, -30, -10, 5, 60, 120, 200, 250, 280, 300, 310}
	years     = []string{"2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032", "2033", "2034", "2035"}
	xLabels   = []XLabel{{0, "2025"}, {3.0 / 11, "2028"}, {6.0 / 11, "2031"}, {9.0 / 11, "2034"}}
)

var (
	red  = lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000"))
	blue = lipgloss.NewStyle().Foreground(lipgloss.Color("#0000ff"))
	// boxy has layout properties a chart cell cannot honour.
	boxy = lipgloss.NewStyle().Foreground(lipgloss.Color("2")).Bold(true).
		Border(lipgloss.RoundedBorder()).Padding(1, 2).Margin(1).Width(9).Height(3).SetString("x")
)

func energy(ascii bool) string {
	return Line([]Series{{Values: installed, Dashed: true}, {Values: online}}, LineOptions{
		Frame:   Frame{Width: 50, Height: 8, ASCII: ascii},
		XLabels: xLabels,
		Bands:   []Band{{A: 0, B: 1}},
	})
}

func TestLineGolden(t *testing.T) {
	plain := []Series{{Values: installed}, {Values: online}}
	for _, tc := range []struct {
		name string
		out  string
	}{
		{"line_braille", Line(plain, LineOptions{Frame: Frame{Width: 50, Height: 8}, XLabels: xLabels})},
		{"line_ascii", Line(plain, LineOptions{Frame: Frame{Width: 50, Height: 8, ASCII: true}, XLabels: xLabels})},
		{"line_band", energy(false)},
		{"line_band_ascii", energy(true)},
		{"line_band_demand", Line([]Series{{Values: demand, Dashed: true}, {Values: served}}, LineOptions{
			Frame: Frame{Width: 50, Height: 6},
			Bands: []Band{{A: 0, B: 1}},
		})},
		{"line_cursor", Line(plain, LineOptions{
			Frame:      Frame{Width: 40, Height: 6},
			ShowCursor: true, Cursor: 36,
		})},
		{"line_negative", Line([]Series{{Values: cash}}, LineOptions{Frame: Frame{Width: 50, Height: 7}, XLabels: xLabels})},
		{"line_negative_ascii", Line([]Series{{Values: cash}}, LineOptions{Frame: Frame{Width: 50, Height: 7, ASCII: true}, XLabels: xLabels})},
	} {
		t.Run(tc.name, func(t *testing.T) { golden(t, tc.name, tc.out) })
	}
}

func TestBarsGolden(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		name := "bars_negative"
		if ascii {
			name += "_ascii"
		}
		golden(t, name, Bars(fcf, BarOptions{Frame: Frame{Width: 50, Height: 8, ASCII: ascii}, Labels: years}))
	}
}

func TestSparklineGolden(t *testing.T) {
	nan := math.NaN()
	var b strings.Builder
	for _, ascii := range []bool{false, true} {
		for _, v := range [][]float64{
			installed,
			cash,
			fcf,
			{1, 2, 3},
			{5, 5, 5, 5},
			{1, nan, nan, 3, math.Inf(1), 2},
			nil,
		} {
			b.WriteString("[" + Sparkline(v, 24, ascii, lipgloss.Style{}) + "]\n")
		}
	}
	golden(t, "sparkline", strings.TrimSuffix(b.String(), "\n"))
}
