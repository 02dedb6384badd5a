package chart

import (
	"testing"

	"charm.land/lipgloss/v2"
)

// The benchmarks render what a dashboard pane does on every change, with
// colours, and report the bytes written next to the time.

func BenchmarkLine(b *testing.B) {
	var (
		axis  = lipgloss.NewStyle().Foreground(lipgloss.Color("#666666"))
		green = lipgloss.NewStyle().Foreground(lipgloss.Color("#00aa00"))
		shade = lipgloss.NewStyle().Foreground(lipgloss.Color("#aa6600"))
	)
	series := []Series{
		{Values: installed, Style: red, Dashed: true},
		{Values: online, Style: blue},
		{Values: cash, Style: green},
		{Values: served, Style: axis},
	}
	o := LineOptions{
		Frame:   Frame{Width: 60, Height: 12, AxisStyle: axis, LabelStyle: axis},
		Bands:   []Band{{A: 0, B: 1, Style: shade}},
		XLabels: xLabels, ShowCursor: true, Cursor: 36, CursorStyle: shade,
	}
	var out string
	for b.Loop() {
		out = Line(series, o)
	}
	b.ReportMetric(float64(len(out)), "bytes/chart")
}

func BenchmarkSparkline(b *testing.B) {
	var out string
	for b.Loop() {
		out = Sparkline(cash, 20, false, red)
	}
	b.ReportMetric(float64(len(out)), "bytes/chart")
}

func BenchmarkBars(b *testing.B) {
	o := BarOptions{
		Frame:    Frame{Width: 50, Height: 8, AxisStyle: blue, LabelStyle: blue},
		Labels:   years,
		Positive: blue, Negative: red,
	}
	var out string
	for b.Loop() {
		out = Bars(fcf, o)
	}
	b.ReportMetric(float64(len(out)), "bytes/chart")
}
