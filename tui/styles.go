package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui/chart"
)

// Styles is every colour and text style of the dashboard, built once per theme. Colours are full
// hex; Bubble Tea's renderer downsamples them to the terminal's profile (256, 16 colours, or none
// with NO_COLOR), so nothing here may carry meaning by colour alone: bottlenecks also have letters,
// focus a heavier border, deltas ▲/▼.
type Styles struct {
	Dark, ASCII bool

	Text, Dim, Bold, Title, Accent, Warn, Up, Down Paint
	Border, FocusBorder, Selected, Track, Knob     Paint
	// Bottleneck colours a link everywhere; Strong is its bold form, Cursor marks the year cursor.
	Bottleneck, Strong, Cursor [engine.NumBottlenecks]Paint
	// Series colours by meaning, shared by all panes. One chart takes two colours, at least 3:1
	// apart in luminance (with each 3:1 from the background no third can be), so that they tell
	// apart in any theme; a further series shares a colour and differs by its dash or shade.
	Installed, Effective, Backlog, Power, Stranded, Demand, Served, Cash, Capability Paint
	// Baseline labels the pinned scenario A's rows in the zoomed tables.
	Baseline Paint
	Glyphs   Glyphs
}

// Paint is a style with its escape codes worked out once: a lipgloss Render costs microseconds,
// and a frame paints hundreds of short texts. The embedded Style is what charts take.
type Paint struct {
	lipgloss.Style
	pre, suf string
}

func newPaint(s lipgloss.Style) Paint {
	pre, suf := chart.Codes(s)
	return Paint{Style: s, pre: pre, suf: suf}
}

// Render paints one line of text, with the same bytes as the style's own Render.
func (p Paint) Render(text string) string {
	if text == "" || p.pre == "" {
		return text
	}
	return p.pre + text + p.suf
}

// Glyphs are the characters that differ between UTF-8 and --ascii screens. Span and SpanDefault
// draw the stretch of a slider's track where its link binds: a heavier line, so it reads without
// colour.
type Glyphs struct {
	Up, Down, Left, Right, Bullet, Hollow, Knob, Default, TrackL, TrackR, Track, Select, Ellipsis, Dot, Lightning string
	Span, SpanDefault                                                                                             string
	Box                                                                                                           BoxChars
}

// BoxChars draws pane borders.
type BoxChars struct{ TL, TR, BL, BR, H, V, HeavyH, HeavyV, HeavyTL, HeavyTR, HeavyBL, HeavyBR string }

var unicodeGlyphs = Glyphs{
	Up: "▲", Down: "▼", Left: "◀", Right: "▶", Bullet: "●", Hollow: "○", Knob: "◆", Default: "┼",
	TrackL: "├", TrackR: "┤", Track: "─", Select: "▸", Ellipsis: "…", Dot: "·", Lightning: "⚡",
	Span: "━", SpanDefault: "╋",
	Box: BoxChars{TL: "╭", TR: "╮", BL: "╰", BR: "╯", H: "─", V: "│",
		HeavyH: "━", HeavyV: "┃", HeavyTL: "┏", HeavyTR: "┓", HeavyBL: "┗", HeavyBR: "┛"},
}

var asciiGlyphs = Glyphs{
	Up: "^", Down: "v", Left: "<", Right: ">", Bullet: "*", Hollow: "o", Knob: "O", Default: "+",
	TrackL: "|", TrackR: "|", Track: "-", Select: ">", Ellipsis: "~", Dot: "-", Lightning: "!",
	Span: "=", SpanDefault: "+",
	Box: BoxChars{TL: "+", TR: "+", BL: "+", BR: "+", H: "-", V: "|",
		HeavyH: "=", HeavyV: "#", HeavyTL: "#", HeavyTR: "#", HeavyBL: "#", HeavyBR: "#"},
}

// NewStyles builds the styles for a dark or light background, with or without UTF-8.
func NewStyles(dark, ascii bool) Styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkHex string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkHex)) }
	fg := func(col color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(col) }
	paint := func(col color.Color) Paint { return newPaint(fg(col)) }

	text := c("#1F2328", "#E6EDF3")
	dim := c("#57606A", "#8B949E")
	accent := c("#0550AE", "#79C0FF")
	// Series colours are xterm-256 cube colours, so 256-colour terminals keep their contrast.
	installed := c("#000087", "#87FFFF")
	served := c("#008700", "#87FFAF")
	s := Styles{
		Dark: dark, ASCII: ascii,
		Text:        paint(text),
		Dim:         paint(dim),
		Bold:        newPaint(fg(text).Bold(true)),
		Title:       newPaint(fg(accent).Bold(true)),
		Accent:      paint(accent),
		Warn:        newPaint(fg(c("#B42318", "#FF7B72")).Bold(true)),
		Up:          paint(c("#00875F", "#AFFF87")),
		Down:        paint(c("#5F0000", "#D75F5F")),
		Border:      paint(c("#8C959F", "#484F58")),
		FocusBorder: paint(accent),
		Selected:    newPaint(fg(accent).Bold(true)),
		Track:       paint(dim),
		Knob:        newPaint(fg(c("#8250DF", "#D2A8FF")).Bold(true)),
		Installed:   paint(installed),
		Effective:   paint(c("#008700", "#00875F")),
		Backlog:     paint(installed), // dashed: GPUs to come
		Power:       paint(c("#AF8700", "#D75F00")),
		Stranded:    paint(installed), // shaded: GPUs installed without power
		Demand:      paint(c("#00005F", "#0087D7")),
		Served:      paint(served),
		Cash:        paint(c("#0087AF", "#87FFFF")),
		Capability:  paint(served), // dashed: what the capacity could serve
		Baseline:    paint(c("#818B98", "#6E7681")),
		Glyphs:      unicodeGlyphs,
	}
	links := [engine.NumBottlenecks]color.Color{
		engine.Demand:  c("#0550AE", "#79C0FF"),
		engine.Energy:  c("#9A8700", "#E6DB74"),
		engine.Supply:  c("#A000A0", "#D670D6"),
		engine.Capital: c("#B42318", "#FF7B72"),
		engine.Compute: c("#0E7C86", "#56B6C2"),
	}
	for b, col := range links {
		s.Bottleneck[b] = paint(col)
		s.Strong[b] = newPaint(fg(col).Bold(true))
		s.Cursor[b] = newPaint(fg(col).Bold(true).Underline(true))
	}
	if ascii {
		s.Glyphs = asciiGlyphs
	}
	return s
}
