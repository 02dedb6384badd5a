package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
)

// money formats $B compactly — $1.2T, $332B, $12.8B, −$8.0B — as the insight line does: one
// rounding rule, so a figure the sentence calls unchanged shows no ▲/▼ either.
var money = insight.Money

// num formats a plain figure with the given decimals, using a true minus sign.
func num(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s[1:], "0.") == "" {
			return s[1:] // no "−0.0"
		}
		return "−" + s[1:]
	}
	return s
}

// pct formats a 0–1 share as a whole percentage.
func pct(v float64) string { return num(v*100, 0) + "%" }

// signedPct formats a 0–1 change as a whole percentage with its sign: +196%, −12%.
func signedPct(v float64) string {
	s := num(v*100, 0)
	if !strings.HasPrefix(s, "−") && s != "0" {
		s = "+" + s
	}
	return s + "%"
}

// leverValue formats a lever or setting value with its unit the way the levers panel shows it.
func leverValue(l *Lang, p engine.Param, v float64) string {
	n := engine.FormatNumber(round(v, 4))
	switch p.Unit {
	case "$T":
		return "$" + n + "T"
	case "$B":
		return "$" + n + "B"
	case "$B/yr":
		return "$" + n + l.T("B/yr")
	case "$/MWh":
		return "$" + n + "/MWh"
	case "%", "×":
		return n + p.Unit
	case "%/yr":
		return n + l.T("%/yr")
	case "months":
		return n + " " + l.T("mo")
	case "years":
		return n + " " + l.T("yr")
	}
	return n + " " + l.T(p.Unit)
}

func round(v float64, decimals int) float64 {
	f := math.Pow(10, float64(decimals))
	return math.Round(v*f) / f
}

// delta renders the change of a figure since the last move as ▲/▼ and its size, styled good or
// bad; "" when it did not move visibly. format prints the size; higherIsBetter picks the colour.
func (v *view) delta(cur, prev float64, format func(float64) string, higherIsBetter bool) string {
	if !v.hasPrev {
		return ""
	}
	d := cur - prev
	text := format(math.Abs(d))
	if format(0) == text || math.IsNaN(d) {
		return ""
	}
	mark, good := v.st.Glyphs.Up, d > 0 == higherIsBetter
	if d < 0 {
		mark = v.st.Glyphs.Down
	}
	style := v.st.Down
	if good {
		style = v.st.Up
	}
	return style.Render(mark + text)
}
