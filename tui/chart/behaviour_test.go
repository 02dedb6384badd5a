package chart

import (
	"math"
	"math/bits"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// codesOf returns the opening sequence of a style.
func codesOf(t *testing.T, s lipgloss.Style) string {
	t.Helper()
	pre, _, ok := strings.Cut(s.Render("x"), "x")
	if !ok || pre == "" {
		t.Fatalf("style renders no codes: %q", s.Render("x"))
	}
	return pre
}

// rows splits a chart into its lines with escape codes removed.
func rows(out string) [][]rune {
	var rs [][]rune
	for l := range strings.SplitSeq(ansi.Strip(out), "\n") {
		rs = append(rs, []rune(l))
	}
	return rs
}

func constant(v float64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestCompact(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 25: "25", 12.5: "12.5", -100: "-100", 1234: "1.2k", 999.97: "1k", 12345: "12k",
		999_999: "1M", 3e6: "3M", 2.5e9: "2.5G", 0.05: "0.05", -0.25: "-0.25", 1e18: "1e+18",
	} {
		if got := Compact(v); got != want {
			t.Errorf("Compact(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestYRange(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name           string
		f              Frame
		mn, mx, lo, hi float64
	}{
		{"positive data starts at zero, top rounded up", Frame{}, 3, 23.7, 0, 25},
		{"crossing zero rounds both ends", Frame{}, -87, 240, -100, 250},
		{"negative data ends at zero", Frame{}, -87, -3, -100, 0},
		{"no data", Frame{}, inf, -inf, 0, 1},
		{"all zero", Frame{}, 0, 0, 0, 1},
		{"fixed bounds win", Frame{FixYMin: true, YMin: 10, FixYMax: true, YMax: 20}, 0, 100, 10, 20},
		{"fixed bounds swapped", Frame{FixYMin: true, YMin: 20, FixYMax: true, YMax: 10}, 0, 100, 10, 20},
		{"equal fixed bounds extend to zero", Frame{FixYMin: true, YMin: 5, FixYMax: true, YMax: 5}, 0, 1, 0, 5},
		{"non-finite fixed bound is ignored", Frame{FixYMax: true, YMax: math.NaN()}, 0, 7.5, 0, 8},
		{"huge", Frame{}, 0, math.MaxFloat64, 0, math.MaxFloat64},
	} {
		lo, hi := tc.f.yRange(tc.mn, tc.mx)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: yRange(%v, %v) = %v, %v, want %v, %v", tc.name, tc.mn, tc.mx, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestUnstyledChartsHaveNoEscapes(t *testing.T) {
	for name, out := range map[string]string{
		"line": Line([]Series{{Values: cash, Dashed: true}, {Values: served}}, LineOptions{
			Frame: Frame{Width: 40, Height: 8}, XLabels: xLabels,
			Bands: []Band{{A: 0, B: 1}, {A: 1, B: Baseline}}, ShowCursor: true, Cursor: 40,
		}),
		"bars":      Bars(fcf, BarOptions{Frame: Frame{Width: 40, Height: 8}, Labels: years}),
		"sparkline": Sparkline(cash, 20, false, lipgloss.NewStyle()),
	} {
		if strings.ContainsRune(out, '\x1b') {
			t.Errorf("%s: unstyled chart contains an escape code: %q", name, out)
		}
	}
}

func TestStyleOncePerRun(t *testing.T) {
	redCodes := codesOf(t, red)
	if out := Sparkline(cash, 30, false, red); strings.Count(out, redCodes) != 1 || strings.Count(out, "\x1b") != 2 {
		t.Errorf("sparkline should open and reset its style once: %q", out)
	}
	// A flat line is one run on its row: one opening, however wide the chart.
	out := Line([]Series{{Values: constant(5, 12), Style: red}}, LineOptions{Frame: Frame{Width: 60, Height: 3}})
	if got := strings.Count(out, redCodes); got != 1 {
		t.Errorf("flat line opened its style %d times, want 1: %q", got, out)
	}
	checkSize(t, out, 60, 3)
}

func TestLayoutStylesDoNotChangeTheSize(t *testing.T) {
	f := Frame{Width: 30, Height: 6, AxisStyle: boxy, LabelStyle: boxy}
	out := Line([]Series{{Values: cash, Style: boxy}}, LineOptions{Frame: f, XLabels: xLabels,
		Bands: []Band{{A: 0, B: Baseline, Style: boxy}}, ShowCursor: true, CursorStyle: boxy})
	checkSize(t, out, 30, 6)
	if !strings.Contains(out, "\x1b[1;") {
		t.Errorf("the style's colour and attributes should still apply: %q", out)
	}
	checkSize(t, Bars(fcf, BarOptions{Frame: f, Labels: years, Positive: boxy, Negative: boxy}), 30, 6)
	checkSize(t, Sparkline(cash, 30, false, boxy), 30, 1)
}

func TestSharedCellCombinesDotsLaterColourWins(t *testing.T) {
	// One row of 4 dot rows: 0 is the bottom dot row, 3 the top one.
	o := LineOptions{Frame: Frame{Width: 20, Height: 1, FixYMin: true, FixYMax: true, YMax: 3}}
	out := Line([]Series{{Values: constant(0, 5), Style: red}, {Values: constant(3, 5), Style: blue}}, o)
	checkSize(t, out, 20, 1)
	plot := rows(out)[0][3:] // after the axis "3 ┤"
	for i, r := range plot {
		if r != '⣉' {
			t.Fatalf("cell %d is %q, want ⣉ (⣀ of the first series OR ⠉ of the second): %q", i, r, string(plot))
		}
	}
	if strings.Contains(out, codesOf(t, red)) || !strings.Contains(out, codesOf(t, blue)) {
		t.Errorf("the later series' colour should win: %q", out)
	}
}

func TestLineJoinsPointsAndBreaksAtGaps(t *testing.T) {
	nan := math.NaN()
	// A jump from the bottom to the top between two x steps is joined by a
	// steep segment: every row of the plot has dots.
	out := Line([]Series{{Values: []float64{0, 0, 10, 10}}}, LineOptions{Frame: Frame{Width: 24, Height: 5}})
	for i, row := range rows(out) {
		if !strings.ContainsFunc(string(row[5:]), func(r rune) bool { return r > 0x2800 && r <= 0x28ff }) {
			t.Errorf("row %d has no dots, the points are not joined:\n%s", i, out)
		}
	}
	// A NaN leaves a gap of empty columns in the middle.
	out = Line([]Series{{Values: []float64{5, 5, 5, nan, nan, nan, 5, 5, 5}}}, LineOptions{Frame: Frame{Width: 30, Height: 1, FixYMax: true, YMax: 10}})
	plot := string(rows(out)[0][4:]) // after "10 ┤"
	if want := "⠤⠤⠤⠤⠤⠤⠤            ⠤⠤⠤⠤⠤⠤⠤"; plot != want {
		t.Errorf("want dots, a gap, dots: got %q, want %q", plot, want)
	}
}

func dotCount(out string) int {
	n := 0
	for _, r := range out {
		if r >= 0x2800 && r <= 0x28ff {
			n += bits.OnesCount(uint(r - 0x2800))
		}
	}
	return n
}

func TestDashedDrawsAboutHalfTheDots(t *testing.T) {
	o := LineOptions{Frame: Frame{Width: 40, Height: 8}}
	solid := dotCount(Line([]Series{{Values: installed}}, o))
	dashed := dotCount(Line([]Series{{Values: installed, Dashed: true}}, o))
	if dashed < solid/3 || dashed > solid*2/3 {
		t.Errorf("dashed line has %d dots, solid %d: want about half", dashed, solid)
	}
}

func TestZeroLineOnlyWhenCrossing(t *testing.T) {
	o := LineOptions{Frame: Frame{Width: 40, Height: 7}}
	crossing := rows(Line([]Series{{Values: cash}}, o))
	zero := -1
	for i, r := range crossing {
		if strings.HasPrefix(strings.TrimLeft(string(r), " "), "0 ┼") {
			zero = i
		}
	}
	if zero <= 0 || zero >= len(crossing)-1 || strings.Count(string(crossing[zero]), "─") < 20 {
		t.Fatalf("want a labelled zero line inside the plot:\n%s", Line([]Series{{Values: cash}}, o))
	}
	if positive := Line([]Series{{Values: installed}}, o); strings.Contains(positive, "─") {
		t.Errorf("positive data needs no zero line:\n%s", positive)
	}
}

func TestCursorColumn(t *testing.T) {
	nan := math.NaN()
	gaps := []float64{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan} // 11 steps, nothing drawn
	// The axis "1 +" takes 3 columns, leaving 31 for the plot.
	for _, tc := range []struct{ cursor, col int }{{0, 0}, {10, 30}, {5, 15}, {11, -1}, {-1, -1}} {
		out := Line([]Series{{Values: gaps}}, LineOptions{Frame: Frame{Width: 34, Height: 3, ASCII: true}, ShowCursor: true, Cursor: tc.cursor})
		for y, r := range rows(out) {
			want := []rune(strings.Repeat(" ", 31))
			if tc.col >= 0 {
				want[tc.col] = '|'
			}
			if plot := string(r[3:]); plot != string(want) {
				t.Errorf("cursor %d, row %d: got %q, want %q", tc.cursor, y, plot, string(want))
			}
		}
	}
}

func TestBands(t *testing.T) {
	o := LineOptions{Frame: Frame{Width: 20, Height: 5, FixYMax: true, YMax: 10}}
	low, high := Series{Values: constant(0, 6)}, Series{Values: constant(10, 6)}
	for _, b := range []Band{{A: 0, B: 1}, {A: 1, B: 0}, {A: 1, B: Baseline}} {
		rs := rows(Line([]Series{low, high}, LineOptions{Frame: o.Frame, Bands: []Band{b}}))
		for y, r := range rs {
			plot := string(r[5:])
			shaded := strings.Count(plot, "░") == len([]rune(plot))
			if want := y > 0 && y < 4; shaded != want {
				t.Errorf("band %+v, row %d: shaded %v, want %v: %q", b, y, shaded, want, plot)
			}
		}
	}
	for _, b := range []Band{{A: 2, B: 0}, {A: 0, B: -2}, {A: -1, B: 1}} {
		if out := Line([]Series{low, high}, LineOptions{Frame: o.Frame, Bands: []Band{b}}); strings.Contains(out, "░") {
			t.Errorf("band %+v names a missing series and should draw nothing:\n%s", b, out)
		}
	}
}

func TestAxisLeftOutWhenTooNarrow(t *testing.T) {
	out := Line([]Series{{Values: cash}}, LineOptions{Frame: Frame{Width: 8, Height: 4}})
	checkSize(t, out, 8, 4)
	if strings.ContainsAny(out, "┤│┼") {
		t.Errorf("an axis as wide as the plot should be left out:\n%s", out)
	}
	if out := Line([]Series{{Values: cash}}, LineOptions{Frame: Frame{Width: 12, Height: 4}}); !strings.Contains(out, "-100 ┤") {
		t.Errorf("axis should show when it takes half the width:\n%s", out)
	}
}

func TestFormatter(t *testing.T) {
	f := Frame{Width: 30, Height: 4, Format: func(v float64) string { return "$" + Compact(v) + "B" }}
	out := Line([]Series{{Values: fcf}}, LineOptions{Frame: f})
	if !strings.Contains(out, "$350B ┤") || !strings.Contains(out, "$-40B ┼") {
		t.Errorf("tick labels should use the formatter:\n%s", out)
	}
}

func TestBars(t *testing.T) {
	out := Bars([]float64{10, -10, 5, math.NaN()}, BarOptions{Frame: Frame{Width: 20, Height: 5, ASCII: true}, Labels: []string{"a", "b", "c"}})
	want := "" +
		" 10 + ##            \n" +
		"    | ##    ##      \n" + // 5 is half of 10: the lower row only
		"  0 +---------------\n" +
		"-10 +    ##         \n" + // negative bars hang below the axis
		"      a  b  c       " //    NaN draws nothing; no label was given for it
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// Eighths in Unicode: two rows of 8 eighths stand for 10, so 2.5 is 4
	// eighths (▄) and -5 is 8 (one full cell below the axis).
	out = Bars([]float64{2.5, 10, -5}, BarOptions{Frame: Frame{Width: 12, Height: 5, FixYMin: true, YMin: -10}})
	want = "" +
		" 10 ┤   █   \n" +
		"    │ ▄ █   \n" +
		"  0 ┼───────\n" +
		"    │     █ \n" +
		"-10 ┤       "
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	out = Bars([]float64{-4, -2, -1}, BarOptions{Frame: Frame{Width: 10, Height: 2}})
	if want = " 0 ┼──────\n-4 ┤ █ ▀ ▔"; out != want { // 8, 4 and 2 eighths below zero
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestBarsAverageWhenNarrowerThanValues(t *testing.T) {
	// Two columns and no room for an axis: 8,8 | 0,0 average to one full bar and none.
	out := Bars([]float64{8, 8, 0, 0}, BarOptions{Frame: Frame{Width: 2, Height: 2, ASCII: true}})
	if want := "# \n--"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestSparkline(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		values []float64
		width  int
		ascii  bool
		want   string
	}{
		{[]float64{0, 0, 8, 8, 4, 4}, 3, false, "▁█▅"}, // averages of pairs: 0 8 4
		{[]float64{0, 8}, 4, false, "▁▁██"},            // fewer values than cells: stretched
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8, true, " .:-=+*#"},
		{[]float64{nan, 3, math.Inf(-1)}, 3, false, " █ "},
		{[]float64{-2, 2}, 2, false, "▁█"},
		{nil, 3, false, "   "},
		{[]float64{1}, 0, false, ""},
	} {
		if got := Sparkline(tc.values, tc.width, tc.ascii, lipgloss.Style{}); got != tc.want {
			t.Errorf("Sparkline(%v, %d, %v) = %q, want %q", tc.values, tc.width, tc.ascii, got, tc.want)
		}
	}
}

// paletteColor is a colour type that cannot be compared with ==.
type paletteColor []uint32

func (p paletteColor) RGBA() (r, g, b, a uint32) { return p[0], p[1], p[2], 0xffff }

func TestStyleCodesFollowEachLook(t *testing.T) {
	styles := []lipgloss.Style{
		red, blue, red.Bold(true), red.Underline(true), red.Background(lipgloss.Color("#0000ff")),
		lipgloss.NewStyle().Foreground(lipgloss.Color("1")), // basic red and true-colour red differ
		lipgloss.NewStyle().Foreground(lipgloss.Color("#800000")),
		lipgloss.NewStyle().Foreground(paletteColor{0xffff, 0, 0}),
	}
	for round := range 2 { // the second round takes the codes from the cache
		for i, s := range styles {
			if got, want := Sparkline([]float64{1}, 1, false, s), s.Render("█"); got != want {
				t.Errorf("round %d, style %d: got %q, want %q", round, i, got, want)
			}
		}
	}
}

func TestTinySizes(t *testing.T) {
	for w := range 7 {
		for h := range 5 {
			f := Frame{Width: w, Height: h}
			checkSize(t, Line([]Series{{Values: cash}, {Values: []float64{3}}}, LineOptions{Frame: f, XLabels: xLabels,
				Bands: []Band{{A: 0, B: 1}}, ShowCursor: true, Cursor: 3}), w, h)
			checkSize(t, Bars(fcf, BarOptions{Frame: f, Labels: years}), w, h)
			checkSize(t, Sparkline(cash, w, false, red), w, 1)
		}
	}
}

func TestLabels(t *testing.T) {
	out := Line(nil, LineOptions{Frame: Frame{Width: 30, Height: 2}, XLabels: []XLabel{
		{0, "2025"}, {0.05, "skip"}, {0.5, "年度"}, {0.7, "e\u0301\x1b[31m"}, {1, "end"},
	}})
	checkSize(t, out, 30, 2)
	// The axis takes "1 ┤", leaving 27 columns (54 dots) of plot: 年度 is at
	// dot 27, column 13, and é at dot 37, column 18. "skip" would touch
	// "2025"; "end" is shifted left to fit; the escape code is dropped.
	if want := "   2025         年度 e\u0301     end"; strings.Split(out, "\n")[1] != want {
		t.Errorf("got  %q\nwant %q", strings.Split(out, "\n")[1], want)
	}
}

func TestDottedDrawsAboutHalfTheDots(t *testing.T) {
	o := LineOptions{Frame: Frame{Width: 40, Height: 8}}
	solid := dotCount(Line([]Series{{Values: installed}}, o))
	dotted := dotCount(Line([]Series{{Values: installed, Dotted: true}}, o))
	if dotted < solid/3 || dotted > solid*2/3 {
		t.Errorf("dotted line has %d dots, solid %d: want about half", dotted, solid)
	}
	o.ASCII = true
	for _, r := range ansi.Strip(Line([]Series{{Values: installed, Dotted: true}}, o)) {
		if strings.ContainsRune("_-'/\\", r) { // '.' is in tick labels too
			t.Fatalf("a dotted ASCII line draws %q; want only o", r)
		}
	}
}

// TestSamplesTellPatternsApart: a legend's samples of solid, dashed, dotted and dotted dashes
// differ from each other, without colour, in braille and in ASCII.
func TestSamplesTellPatternsApart(t *testing.T) {
	want := map[bool][4]string{false: {"⠒⠒", "⠒ ⠒", "⠂⠂", "⠂ ⠂"}, true: {"--", "- -", "oo", "o o"}}
	for ascii, samples := range want {
		for i, s := range []Series{{}, {Dashed: true}, {Dotted: true}, {Dashed: true, Dotted: true}} {
			if got := Sample(s, ascii); got != samples[i] {
				t.Errorf("ascii=%v %+v: sample %q, want %q", ascii, s, got, samples[i])
			}
		}
		if got := Sample(Series{Hidden: true}, ascii); got != "" {
			t.Errorf("a hidden series has sample %q, want none", got)
		}
	}
}

// TestHiddenSeriesOnlyBoundsABand: a hidden series draws no dot, yet a band to it shades and the
// scale holds it.
func TestHiddenSeriesOnlyBoundsABand(t *testing.T) {
	o := LineOptions{Frame: Frame{Width: 20, Height: 5}, Bands: []Band{{A: 0, B: 1}}}
	out := Line([]Series{{Values: constant(10, 6)}, {Values: constant(0, 6), Hidden: true}}, o)
	if dotCount(out) == 0 || !strings.Contains(out, "░") || !strings.HasPrefix(out, "10 ┤") {
		t.Errorf("want the visible line, the band, and 10 on top:\n%s", out)
	}
	if n := dotCount(Line([]Series{{Values: cash, Hidden: true}}, LineOptions{Frame: o.Frame})); n != 0 {
		t.Errorf("a hidden series drew %d dots", n)
	}
}

// TestBarsShowEveryNonZeroValue: however small beside the largest, a value that is not zero has a
// mark on its side of zero, down to two rows, in eighths and in ASCII.
func TestBarsShowEveryNonZeroValue(t *testing.T) {
	values := []float64{1000, 1e-6, -1e-6, -300, 0, 2}
	for _, ascii := range []bool{false, true} {
		for h := 2; h <= 7; h++ {
			out := Bars(values, BarOptions{Frame: Frame{Width: 30, Height: h, ASCII: ascii}})
			rs := rows(out)
			zero := -1
			for y, r := range rs {
				if strings.HasPrefix(strings.TrimSpace(string(r)), "0 ") {
					zero = y
				}
			}
			// The sign of each column's bar, read off the side of zero it is on; then the
			// signs of the bars from left to right.
			signs := make([]byte, len(rs[0]))
			for y, r := range rs {
				for x, c := range r {
					if strings.ContainsRune(" ─-│|┤┼+.0123456789k", c) {
						continue
					}
					if zero >= 0 && y < zero || zero < 0 && y == 0 {
						signs[x] = '+'
					} else {
						signs[x] = '-'
					}
				}
			}
			var got []byte
			for x, c := range signs {
				if c != 0 && (x == 0 || signs[x-1] != c) {
					got = append(got, c)
				}
			}
			if string(got) != "++--+" {
				t.Errorf("ascii=%v h=%d: bars %s, want ++--+ (none for zero):\n%s", ascii, h, got, ansi.Strip(out))
			}
		}
	}
}
