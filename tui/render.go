package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/engine"
)

// View draws the whole screen for the current size: every line exactly the terminal's width and
// no more lines than its height, whatever the state.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "flywheel · " + m.scen.Name
	return v
}

func (m *Model) frame() *view {
	v := &view{st: &m.st, res: m.Result(), prev: m.Result(), year: m.year, focus: m.focus, lang: m.lang, spans: &m.spans}
	switch {
	case m.comparing():
		v.prev, v.hasPrev, v.compare = &m.base, true, true
	case m.hasPrev:
		v.prev, v.hasPrev = &m.results[1-m.cur], true
	}
	return v
}

// comparing reports whether a baseline is pinned and lines up with the current scenario.
func (m *Model) comparing() bool { return m.pinned && sameFrame(&m.base.Scenario, &m.scen) }

func (m *Model) render() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.lay.tooSmall {
		return m.plain(m.tooSmall())
	}
	v := m.frame()
	if m.help {
		return m.plain(strings.Join(block(m.helpScreen(), m.w, m.h), "\n"))
	}
	out := make([]string, 0, m.h)
	out = append(out, m.header(v)...)
	if m.picker != nil {
		z := m.lay.zoom
		out = append(out, m.pickerView(v, z.w, z.h)...)
	} else if m.zoomed {
		z := m.lay.zoom
		out = append(out, renderPane(m.focus, v, z.w, z.h, true, true)...)
	} else {
		if m.details {
			d := m.lay.details
			out = append(out, v.leverDetails(m.lever, m.beyond, d.w, d.h)...)
		} else {
			top := joinColumns(
				renderPane(PaneCompute, v, m.lay.panes[PaneCompute].w, m.lay.panes[PaneCompute].h, m.focus == PaneCompute, false),
				renderPane(PaneCapital, v, m.lay.panes[PaneCapital].w, m.lay.panes[PaneCapital].h, m.focus == PaneCapital, false))
			bottom := joinColumns(
				renderPane(PaneProducts, v, m.lay.panes[PaneProducts].w, m.lay.panes[PaneProducts].h, m.focus == PaneProducts, false),
				renderPane(PaneEnergy, v, m.lay.panes[PaneEnergy].w, m.lay.panes[PaneEnergy].h, m.focus == PaneEnergy, false))
			out = append(out, top...)
			out = append(out, bottom...)
		}
		out = append(out, m.timeline(v)...)
		out = append(out, m.leversBox(v)...)
	}
	out = append(out, m.insightLines()...)
	return m.plain(strings.Join(block(out, m.w, m.h), "\n"))
}

// asciiText swaps the typography of the figures and sentences for ASCII of the same width or
// narrower, so an --ascii screen has no byte above 0x7E and no line grows.
var asciiText = strings.NewReplacer("–", "-", "—", "-", "−", "-", "×", "x", "…", "~", "→", ">", "←", "<", "↑", "^", "↓", "v", "÷", "/", "·", "-",
	"▲", "^", "▼", "v", "░", ":", "⚡", "!", "✗", "x", "✓", "v", "“", "\"", "”", "\"", "≤", "<", "≥", ">", "’", "'")

// plain applies asciiText on --ascii screens.
func (m *Model) plain(frame string) string {
	if m.st.ASCII {
		return asciiText.Replace(frame)
	}
	return frame
}

func (m *Model) tooSmall() string {
	// Wrapped, so a narrow window shows all of it rather than the start of each line.
	var msg []string
	for _, s := range []string{
		m.lang.F("flywheel needs a window of at least {0}", strconv.Itoa(MinWidth)+"×"+strconv.Itoa(MinHeight)),
		m.lang.F("this one is {0} — enlarge it, or press q to quit", strconv.Itoa(m.w)+"×"+strconv.Itoa(m.h)),
	} {
		msg = append(msg, wrap(s, max(m.w, 1), max(m.h, 1))...)
	}
	out := make([]string, m.h)
	top := max(0, (m.h-len(msg))/2)
	for i := range out {
		line := ""
		if j := i - top; j >= 0 && j < len(msg) {
			pad := max(0, (m.w-cellWidth(msg[j]))/2)
			line = strings.Repeat(" ", pad) + msg[j]
		}
		out[i] = fit(line, m.w)
	}
	return strings.Join(out, "\n")
}

// header is the title line and the headline figures, each with ▲/▼ for how the gesture moved
// it (B − A when comparing), at every width: narrower screens get shorter labels, then drop the
// figures of least weight, never the deltas.
func (m *Model) header(v *view) []string {
	return []string{m.titleLine(v), " " + m.figuresLine(v)}
}

// titleLine is the name, the time frame, the year cursor with what binds in that year, the
// baseline and the help key; the scenario's name yields first, "? help" last.
func (m *Model) titleLine(v *view) string {
	g := m.st.Glyphs
	r := v.res
	years := strconv.Itoa(r.Years[0].Year) + "–" + strconv.Itoa(r.Years[len(r.Years)-1].Year)
	name := m.scen.Name
	if m.edited() {
		name += " " + m.lang.T("(edited)")
	}
	k := v.yr(r).Bottleneck
	binds := m.st.Strong[k].Render(strings.ToUpper(m.lang.T(k.String())))
	cursor := m.st.Dim.Render(m.lang.T("cursor")+" ") + m.st.Bold.Render(strconv.Itoa(m.year)) + m.st.Dim.Render(": ") + binds + m.st.Dim.Render(" [ ]")
	var baseline string
	switch {
	case m.comparing():
		baseline = m.st.Dim.Render(m.lang.T("vs A:")+" ") + m.st.Bold.Render(m.pinName)
	case m.pinned:
		baseline = m.st.Warn.Render(m.lang.F("A: {0} has another time frame", m.pinName))
	}
	rights := []string{cursor, m.st.Dim.Render(m.lang.T("? help"))}
	if baseline != "" {
		rights = []string{cursor, baseline, m.st.Dim.Render(m.lang.T("? help"))}
	}
	right := strings.Join(rights, "   ")
	if m.w-cellWidth(right) < 50 {
		right = strings.Join(rights, "  ")
	}
	tail := m.st.Dim.Render(" " + g.Dot + " " + years)
	room := m.w - 2 - cellWidth(right) - cellWidth("flywheel "+g.Dot+" ") - cellWidth(tail) - 2
	if room < 4 { // the baseline's name yields to the scenario's
		right = cursor + "  " + m.st.Dim.Render(m.lang.T("? help"))
		room = m.w - 2 - cellWidth(right) - cellWidth("flywheel "+g.Dot+" ") - cellWidth(tail) - 2
	}
	left := m.st.Title.Render("flywheel") + m.st.Dim.Render(" "+g.Dot+" ") + m.st.Bold.Render(ansi.Truncate(name, max(1, room), "…")) + tail
	gap := max(1, m.w-1-cellWidth(left)-cellWidth(right))
	return " " + left + strings.Repeat(" ", gap) + right
}

// figure is one headline figure in its three widths of label.
type figure struct {
	labels [3]string // long, medium, short: keys of the catalogue
	value  string
	delta  string    // ▲/▼ and size, or "(was …)"; kept at every width
	detail [3]string // what follows the delta at each width of label
	warn   bool
}

// figuresLine is the headline figures, in order of weight, at the widest labels that fit; when
// even the short labels do not fit, the lightest figures go.
func (m *Model) figuresLine(v *view) string {
	figs := m.figures(v)
	render := func(f figure, form int) string {
		label, delta := m.lang.T(f.labels[form]), f.delta
		if delta != "" {
			delta = " " + delta
		}
		if f.warn {
			return m.st.Warn.Render(label+" "+f.value) + delta + m.st.Warn.Render(f.detail[form])
		}
		return m.st.Dim.Render(label+" ") + m.st.Bold.Render(f.value) + delta + m.st.Dim.Render(f.detail[form])
	}
	for n := len(figs); n > 0; n-- {
		for form := 0; form < 3; form++ {
			parts := make([]string, n)
			for i := range parts {
				parts[i] = render(figs[i], form)
			}
			sep := "   "
			if form > 0 {
				sep = "  "
			}
			if line := strings.Join(parts, sep); cellWidth(line) <= m.w-1 {
				return line
			}
		}
	}
	return fit(render(figs[0], 2), m.w-1)
}

// figures is the header's figures, heaviest first: revenue 2030, break-even, the shortfall when
// there is one, peak cash need, cash raised by 2030 with what came in kind.
func (m *Model) figures(v *view) []figure {
	r := v.res
	h, p := &r.Headline, &v.prev.Headline
	na := m.lang.T("n/a")
	rev, raised, inKind := na, na, ""
	if h.HasYear2030 {
		rev, raised = money(h.Revenue2030), money(h.CashRaised2030)
		if money(h.VendorFinanced2030) != money(0) {
			inKind = " " + m.lang.F("(+{0} in kind)", money(h.VendorFinanced2030))
		}
	}
	be := m.lang.F("none by {0}", strconv.Itoa(r.Years[len(r.Years)-1].Year))
	if h.BreakEvenYear > 0 {
		be = strconv.Itoa(h.BreakEvenYear)
	}
	beDelta := ""
	if v.hasPrev && h.BreakEvenYear != p.BreakEvenYear {
		was := m.lang.T("none")
		if p.BreakEvenYear > 0 {
			was = strconv.Itoa(p.BreakEvenYear)
		}
		tmpl := "(was {0})"
		if v.compare {
			tmpl = "(A {0})"
		}
		beDelta = m.st.Dim.Render(m.lang.F(tmpl, was))
	}
	figs := []figure{
		{labels: [3]string{"Revenue 2030", "Rev 2030", "Rev'30"}, value: rev, delta: v.delta(h.Revenue2030, p.Revenue2030, money, true)},
		{labels: [3]string{"Break-even", "BE", "BE"}, value: be, delta: beDelta},
	}
	if h.PeakArrears > 0 || (v.hasPrev && p.PeakArrears > 0) {
		long, short := m.stages(h)
		figs = append(figs, figure{labels: [3]string{"Arrears", "Arrears", "Arrears"}, value: money(h.PeakArrears),
			delta: v.delta(h.PeakArrears, p.PeakArrears, money, false), detail: [3]string{long, short, short}, warn: h.PeakArrears > 0})
	}
	return append(figs,
		figure{labels: [3]string{"Peak cash need", "Cash need", "Need"}, value: money(h.PeakFundingNeed),
			delta: v.delta(h.PeakFundingNeed, p.PeakFundingNeed, money, false)},
		figure{labels: [3]string{"Cash raised by 2030", "Raised 2030", "Raised'30"}, value: raised,
			delta: v.delta(h.CashRaised2030, p.CashRaised2030, money, false), detail: [3]string{inKind, inKind, ""}})
}

// stages tells how far a shortfall went, after its size: from when, restructured (how often),
// winding down, with the month each began; short names only the furthest stage, without dates.
func (m *Model) stages(h *engine.Headline) (long, short string) {
	if h.PeakArrears <= 0 {
		return "", ""
	}
	switch {
	case !h.WindingDownFrom.IsZero():
		short = m.lang.T(", winding down")
	case !h.RestructuredAt.IsZero():
		short = m.lang.T(", restructured")
	}
	long = m.lang.F(" from {0}", h.ArrearsFrom.String())
	if !h.RestructuredAt.IsZero() {
		long += m.lang.F(", restructured {0}", h.RestructuredAt.String())
		if h.Restructurings > 1 {
			long += m.lang.F(" (×{0})", strconv.Itoa(h.Restructurings))
		}
	}
	if !h.WindingDownFrom.IsZero() {
		long += m.lang.F(", winding down from {0}", h.WindingDownFrom.String())
	}
	return long, short
}

// timeline is the bottleneck strip across the horizon, one coloured letter per cell, the cursor
// year underlined — B's above A's when comparing — then the legend and the loops active at the
// cursor year.
func (m *Model) timeline(v *view) []string {
	x0, _ := m.stripGeometry()
	r := v.res
	var out []string
	if v.compare {
		out = []string{m.strip(r, "B"), m.strip(v.prev, "A")}
	} else {
		out = []string{m.strip(r, "")}
	}
	// Legend and loops.
	var legend []string
	for k := engine.Bottleneck(0); k < engine.NumBottlenecks; k++ {
		legend = append(legend, m.st.Strong[k].Render(string(k.Letter()))+" "+m.st.Dim.Render(m.lang.T(k.String())))
	}
	loops := m.st.Dim.Render(m.lang.F("loops {0}:", strconv.Itoa(m.year)))
	active := m.loopsAt(r)
	for l := engine.Loop(0); l < engine.NumLoops; l++ {
		mark := m.st.Dim.Render(m.st.Glyphs.Hollow)
		if active.Has(l) {
			mark = m.st.Accent.Render(m.st.Glyphs.Bullet)
		}
		loops += " " + m.st.Dim.Render(l.String()) + mark
	}
	// Legend under the strip and loops on the right; when short of room the legend tightens,
	// then moves to the margin.
	line2 := ""
	for _, indent := range []int{x0, 1} {
		for _, sep := range []string{"  ", " "} {
			left := strings.Repeat(" ", indent) + strings.Join(legend, sep)
			if gap := m.w - cellWidth(left) - cellWidth(loops) - 1; gap >= 2 && line2 == "" {
				line2 = left + strings.Repeat(" ", gap) + loops
			}
		}
	}
	if line2 == "" {
		line2 = strings.Repeat(" ", x0) + strings.Join(legend, " ")
	}
	return append(out, line2)
}

// strip is one result's bottleneck strip, tagged A or B when comparing.
func (m *Model) strip(r *engine.Result, tag string) string {
	_, sw := m.stripGeometry()
	first, last := r.Years[0].Year, r.Years[len(r.Years)-1].Year
	var b strings.Builder
	label := ""
	if m.lay.full {
		label = m.lang.T("Bottleneck") + "  "
		if tag == "A" {
			label = strings.Repeat(" ", cellWidth(label))
		}
	}
	if tag != "" {
		label += tag + " "
	}
	b.WriteString(m.st.Dim.Render(" " + label + strconv.Itoa(first) + " "))
	n := len(r.Months)
	runStyle := -1
	var run strings.Builder
	flush := func(style int) {
		if run.Len() == 0 {
			return
		}
		st := m.st.Bottleneck[style%int(engine.NumBottlenecks)]
		if style >= int(engine.NumBottlenecks) {
			st = m.st.Cursor[style%int(engine.NumBottlenecks)]
		}
		b.WriteString(st.Render(run.String()))
		run.Reset()
	}
	for i := 0; i < sw; i++ {
		a, z := i*n/sw, max(i*n/sw+1, (i+1)*n/sw)
		var counts [engine.NumBottlenecks]int
		cursor := false
		for j := a; j < z && j < n; j++ {
			counts[r.Months[j].Bottleneck]++
			cursor = cursor || r.Months[j].Date.Year == m.year
		}
		best := engine.Bottleneck(0)
		for k := range counts {
			if counts[k] > counts[best] {
				best = engine.Bottleneck(k)
			}
		}
		style := int(best)
		if cursor {
			style += int(engine.NumBottlenecks)
		}
		if style != runStyle {
			flush(runStyle)
			runStyle = style
		}
		run.WriteByte(best.Letter())
	}
	flush(runStyle)
	b.WriteString(m.st.Dim.Render(" " + strconv.Itoa(last)))
	return b.String()
}

// stripGeometry is where the timeline's strip starts and how wide it is.
func (m *Model) stripGeometry() (x0, width int) {
	label := 0
	if m.lay.full {
		label = cellWidth(m.lang.T("Bottleneck") + "  ")
	}
	if m.lay.compare {
		label += 2 // "A " / "B "
	}
	x0 = 1 + label + 5
	return x0, max(1, m.w-x0-6)
}

// timelineYear maps a column of the strip to its year.
func (m *Model) timelineYear(x int) (int, bool) {
	x0, sw := m.stripGeometry()
	if x < x0 || x >= x0+sw {
		return 0, false
	}
	r := m.Result()
	return r.Months[(x-x0)*len(r.Months)/sw].Date.Year, true
}

// loopsAt is the set of loops active in at least half the months of the cursor year.
func (m *Model) loopsAt(r *engine.Result) engine.Loops {
	var counts [engine.NumLoops]int
	months := 0
	for i := range r.Months {
		if r.Months[i].Date.Year != m.year {
			continue
		}
		months++
		for l := engine.Loop(0); l < engine.NumLoops; l++ {
			if r.Months[i].Loops.Has(l) {
				counts[l]++
			}
		}
	}
	var out engine.Loops
	for l := engine.Loop(0); l < engine.NumLoops; l++ {
		if months > 0 && 2*counts[l] >= months {
			out |= 1 << l
		}
	}
	return out
}

// leversBox is the levers panel: the visible lever rows, one being typed into if "=" was pressed,
// and in the full layout a line of hints.
func (m *Model) leversBox(v *view) []string {
	all := strconv.Itoa(int(engine.NumLevers))
	title := m.st.Title.Render(m.lang.T("Levers"))
	note := m.st.Dim.Render(m.lang.F("a: all {0}", all))
	if m.advanced {
		title = m.st.Title.Render(m.lang.T("Levers") + " " + m.st.Glyphs.Dot + " " + m.lang.F("all {0}", all))
		note = m.st.Dim.Render(m.lang.T("a: headline 3"))
	}
	rows := make([]string, m.lay.levers.h-2)
	for i := range rows {
		rows[i] = ""
	}
	for i, l := range m.lay.rows {
		r := m.lay.rowRects[i]
		line := r.y - m.lay.levers.y - 1
		text := v.leverRow(l, m.scen.Levers[l], m.loaded.Levers[l], l == m.lever, m.lay.cols, r.w)
		if m.typing && l == m.lever {
			p := l.Param()
			field := m.input.View()
			if m.typeFresh { // selected: what is typed replaces it
				field = selection.Render(m.input.Value()) + strings.Repeat(" ", max(0, m.input.Width()-cellWidth(m.input.Value())))
			}
			text = fit(m.st.Selected.Render(m.st.Glyphs.Select+" "+fit(m.lang.T(p.Name), m.lay.cols.name))+field+
				m.st.Dim.Render("  "+engine.FormatNumber(p.Min)+"–"+engine.FormatNumber(p.Max)+" "+m.lang.T(p.Unit)+"  "+
					m.lang.T("enter apply · esc cancel")), r.w)
		}
		rows[line] += text
	}
	if m.lay.full {
		hint := "  ↑/↓ choose  ←/→ move  shift ×10  = type  r reset  R reset all  u undo  ctrl+y redo  [ ] year  enter zoom  i details"
		if m.st.ASCII { // the arrows spelt out take the room of redo, which the help lists
			hint = "  up/down choose  left/right move  shift x10  = type  r reset  R reset all  u undo  [ ] year  enter zoom  i details"
		}
		rows[len(rows)-1] = m.st.Dim.Render(m.lang.T(hint))
		if status := m.status(); status != "" {
			rows[len(rows)-1] = "  " + status
		}
		return v.box(title, note, rows, m.lay.levers.w, m.lay.levers.h, false)
	}
	return v.boxWithFooter(title, note, m.status(), rows, m.lay.levers.w, m.lay.levers.h)
}

// selection marks a selected value by reverse video, which shows in every colour profile.
var selection = newPaint(lipgloss.NewStyle().Reverse(true))

// status is the line of errors, confirmations and the quit question: under the lever rows, apart
// from the insight, until the next key.
func (m *Model) status() string {
	switch {
	case m.quitting:
		keys := m.st.Bold.Render("y") + m.st.Dim.Render(" "+m.lang.T("quit")+" · ") + m.st.Bold.Render("s") +
			m.st.Dim.Render(" "+m.lang.T("save first")+" · "+m.lang.T("any other key stays"))
		long := m.st.Warn.Render(m.lang.T("Levers moved since the last open or save. Quit and lose them?")+" ") + keys
		if room := m.w - 6; cellWidth(long) <= room || (m.lay.full && cellWidth(long) <= room+2) {
			return long
		}
		return m.st.Warn.Render(m.lang.T("Quit and lose the moved levers?")+" ") + m.st.Bold.Render("y") + m.st.Dim.Render("/") +
			m.st.Bold.Render("n") + m.st.Dim.Render(" · ") + m.st.Bold.Render("s") + m.st.Dim.Render(" "+m.lang.T("save first"))
	case m.errMsg != "" && m.saving == nil: // errors and paths carry outside text: shown, never obeyed
		return m.st.Warn.Render("✗ " + engine.Printable(m.errMsg))
	case m.info != "":
		return m.st.Up.Render("✓ " + engine.Printable(m.info))
	}
	return ""
}

// insightLines fill the insight area: the sentence about the result and the change of the last
// gesture — on two lines in the full layout, else on one with the change first, as what the user
// just did is what they look for. The save prompt takes the first line.
func (m *Model) insightLines() []string {
	lines := make([]string, m.lay.insight.h)
	main := m.st.Text.Render(m.insight[0])
	change := ""
	if m.insight[1] != "" {
		change = m.st.Accent.Render(m.insight[1])
	}
	switch {
	case len(lines) >= 2:
		lines[0] = " " + m.st.Accent.Render(m.st.Glyphs.Lightning) + " " + main
		lines[1] = "   " + change
	case change != "":
		lines[0] = " " + change + " " + main
	default:
		lines[0] = " " + m.st.Accent.Render(m.st.Glyphs.Lightning) + " " + main
	}
	if m.saving != nil {
		lines[0] = m.saveLine()
	}
	return lines
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
