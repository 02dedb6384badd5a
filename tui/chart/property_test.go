package chart

import (
	"math"
	"testing"

	"charm.land/lipgloss/v2"
	"pgregory.net/rapid"
)

// Generators for the property tests: any size the rule covers, and values
// that include everything a model run could produce and worse.
var (
	genValue = rapid.OneOf(
		rapid.Float64(),
		rapid.Float64Range(-1000, 1000),
		rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -0.0,
			math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-300, 1e300}),
	)
	genValues = rapid.SliceOfN(genValue, 0, 200)
	genStyle  = rapid.SampledFrom([]lipgloss.Style{{}, red, blue, boxy})
	genWidth  = rapid.IntRange(0, 300)
	genHeight = rapid.IntRange(0, 100)
	// Labels mix ASCII, wide, zero-width and control characters.
	genLabel = rapid.OneOf(rapid.SampledFrom([]string{"", "2028", "年度", "e\u0301", "a\tb", "\x1b[31mred"}), rapid.String())
)

func genFrame(t *rapid.T) Frame {
	f := Frame{
		Width:      genWidth.Draw(t, "width"),
		Height:     genHeight.Draw(t, "height"),
		ASCII:      rapid.Bool().Draw(t, "ascii"),
		FixYMin:    rapid.Bool().Draw(t, "fixMin"),
		FixYMax:    rapid.Bool().Draw(t, "fixMax"),
		YMin:       genValue.Draw(t, "yMin"),
		YMax:       genValue.Draw(t, "yMax"),
		AxisStyle:  genStyle.Draw(t, "axisStyle"),
		LabelStyle: genStyle.Draw(t, "labelStyle"),
	}
	if rapid.Bool().Draw(t, "format") {
		label := genLabel.Draw(t, "tickLabel")
		f.Format = func(float64) string { return label }
	}
	return f
}

func TestLineSizeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var series []Series
		for range rapid.IntRange(0, 5).Draw(t, "series") {
			series = append(series, Series{
				Values: genValues.Draw(t, "values"),
				Style:  genStyle.Draw(t, "style"),
				Dashed: rapid.Bool().Draw(t, "dashed"),
			})
		}
		o := LineOptions{
			Frame:       genFrame(t),
			ShowCursor:  rapid.Bool().Draw(t, "showCursor"),
			Cursor:      rapid.IntRange(-5, 205).Draw(t, "cursor"),
			CursorStyle: genStyle.Draw(t, "cursorStyle"),
		}
		for range rapid.IntRange(0, 3).Draw(t, "bands") {
			o.Bands = append(o.Bands, Band{
				A: rapid.IntRange(-2, 6).Draw(t, "a"), B: rapid.IntRange(-2, 6).Draw(t, "b"),
				Style: genStyle.Draw(t, "bandStyle"),
			})
		}
		for range rapid.IntRange(0, 6).Draw(t, "xLabels") {
			o.XLabels = append(o.XLabels, XLabel{At: genValue.Draw(t, "at"), Text: genLabel.Draw(t, "text")})
		}
		checkSize(t, Line(series, o), o.Width, o.Height)
	})
}

func TestBarsSizeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := BarOptions{
			Frame:    genFrame(t),
			Labels:   rapid.SliceOfN(genLabel, 0, 20).Draw(t, "labels"),
			Positive: genStyle.Draw(t, "positive"),
			Negative: genStyle.Draw(t, "negative"),
		}
		checkSize(t, Bars(genValues.Draw(t, "values"), o), o.Width, o.Height)
	})
}

func TestSparklineSizeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWidth.Draw(t, "width")
		out := Sparkline(genValues.Draw(t, "values"), w, rapid.Bool().Draw(t, "ascii"), genStyle.Draw(t, "style"))
		checkSize(t, out, w, 1)
	})
}
