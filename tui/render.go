package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

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
var asciiText = strings.NewReplacer("–", "-", "—", "-", "−", "-", "×", "x", "…", "~", "→", ">", "·", "-",
	"▲", "^", "▼", "v", "░", ":", "⚡", "!", "✗", "x", "✓", "v", "“", "\"", "”", "\"", "≤", "<", "≥", ">", "’", "'")

// plain applies asciiText on --ascii screens.
func (m *Model) plain(frame string) string {
	if m.st.ASCII {
		return asciiText.Replace(frame)
	}
	return frame
}

func (m *Model) tooSmall() string {
	msg := []string{
		m.lang.F("flywheel needs a window of at least {0}", strconv.Itoa(MinWidth)+"×"+strconv.Itoa(MinHeight)),
		m.lang.F("this one is {0} — enlarge it, or press q to quit", strconv.Itoa(m.w)+"×"+strconv.Itoa(m.h)),
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

// header is the title line and the headline figures, with ▲/▼ for those the last move changed.
func (m *Model) header(v *view) []string {
	g := m.st.Glyphs
	r := v.res
	years := strconv.Itoa(r.Years[0].Year) + "–" + strconv.Itoa(r.Years[len(r.Years)-1].Year)
	left := m.st.Title.Render("flywheel") + m.st.Dim.Render(" "+g.Dot+" ") + m.st.Bold.Render(m.scen.Name) +
		m.st.Dim.Render(" "+g.Dot+" "+years)
	baseline := m.st.Dim.Render(m.lang.T("baseline: none"))
	switch {
	case m.comparing():
		baseline = m.st.Dim.Render(m.lang.T("vs A:")+" ") + m.st.Bold.Render(m.pinName)
	case m.pinned:
		baseline = m.st.Warn.Render(m.lang.F("A: {0} has another time frame", m.pinName))
	}
	cursor := m.st.Dim.Render(m.lang.T("cursor")+" ") + m.st.Bold.Render(strconv.Itoa(m.year)) + m.st.Dim.Render(" [ ]")
	line1 := " " + left
	for _, right := range []string{ // the widest that fits
		cursor + "   " + baseline + m.st.Dim.Render("   "+m.lang.T("? help  q quit")),
		cursor + "  " + baseline + m.st.Dim.Render("  "+m.lang.T("? help")),
		cursor + "  " + baseline,
		cursor,
	} {
		if gap := m.w - cellWidth(left) - cellWidth(right) - 1; gap >= 2 {
			line1 = " " + left + strings.Repeat(" ", gap) + right
			break
		}
	}

	h, p := &r.Headline, &v.prev.Headline
	be := m.lang.F("none by {0}", strconv.Itoa(r.Years[len(r.Years)-1].Year))
	if h.BreakEvenYear > 0 {
		be = strconv.Itoa(h.BreakEvenYear)
	}
	if v.hasPrev && h.BreakEvenYear != p.BreakEvenYear {
		was := m.lang.T("none")
		if p.BreakEvenYear > 0 {
			was = strconv.Itoa(p.BreakEvenYear)
		}
		be += m.st.Dim.Render(" " + m.lang.F("(was {0})", was))
	}
	now := m.st.Strong[h.BottleneckNow].Render(strings.ToUpper(m.lang.T(h.BottleneckNow.String())))
	figure := func(label, value string) string {
		return m.st.Dim.Render(m.lang.T(label)+" ") + m.st.Bold.Render(value)
	}
	rev, raised := m.lang.T("n/a"), m.lang.T("n/a")
	if h.HasYear2030 {
		rev, raised = money(h.Revenue2030), money(h.FundingRaised2030)
	}
	long := []string{
		figure("Revenue 2030", rev) + v.delta(h.Revenue2030, p.Revenue2030, money, true),
		figure("Break-even", be),
		figure("Peak funding need", money(h.PeakFundingNeed)) + v.delta(h.PeakFundingNeed, p.PeakFundingNeed, money, false),
		figure("Raised by 2030", raised) + v.delta(h.FundingRaised2030, p.FundingRaised2030, money, false),
	}
	if h.PeakArrears > 0 {
		long = append(long, m.st.Warn.Render(m.arrears(h, false)))
	}
	long = append(long, m.st.Dim.Render(m.lang.T("Binding now: "))+now)
	line2, kept := joinFit(long, "   ", m.w-1)
	if kept < len(long) {
		short := []string{
			figure("Rev 2030", rev) + v.delta(h.Revenue2030, p.Revenue2030, money, true),
			figure("BE", be),
			figure("Peak need", money(h.PeakFundingNeed)),
		}
		if h.PeakArrears > 0 { // unpaid bills matter more than what was raised
			short = append(short, m.st.Warn.Render(m.arrears(h, true)))
		}
		short = append(short, figure("Raised '30", raised), m.st.Dim.Render(m.lang.T("Now "))+now)
		line2, _ = joinFit(short, "  ", m.w-1)
	}
	return []string{line1, " " + line2}
}

// arrears tells how far a funding shortfall went: the most bills left unpaid and from when, then
// restructuring and winding down if they came. Short names only the furthest stage, without dates.
func (m *Model) arrears(h *engine.Headline, short bool) string {
	if short {
		stage := ""
		switch {
		case !h.WindingDownFrom.IsZero():
			stage = m.lang.T(", winding down")
		case !h.RestructuredAt.IsZero():
			stage = m.lang.T(", restructured")
		}
		return m.lang.F("Arrears {0}", money(h.PeakArrears)) + stage
	}
	s := m.lang.F("Arrears {0} from {1}", money(h.PeakArrears), h.ArrearsFrom.String())
	if !h.RestructuredAt.IsZero() {
		s += m.lang.F(", restructured {0}", h.RestructuredAt.String())
		if h.Restructurings > 1 {
			s += m.lang.F(" (×{0})", strconv.Itoa(h.Restructurings))
		}
	}
	if !h.WindingDownFrom.IsZero() {
		s += m.lang.F(", winding down from {0}", h.WindingDownFrom.String())
	}
	return s
}

// timeline is the bottleneck strip across the horizon, one coloured letter per cell, the cursor
// year underlined; then the legend and the loops active at the cursor year.
func (m *Model) timeline(v *view) []string {
	x0, sw := m.stripGeometry()
	r := v.res
	first, last := r.Years[0].Year, r.Years[len(r.Years)-1].Year
	var b strings.Builder
	label := ""
	if m.lay.full {
		label = m.lang.T("Bottleneck") + "  "
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
	return []string{b.String(), line2}
}

// stripGeometry is where the timeline's strip starts and how wide it is.
func (m *Model) stripGeometry() (x0, width int) {
	label := 0
	if m.lay.full {
		label = cellWidth(m.lang.T("Bottleneck") + "  ")
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
		text := v.leverRow(l, m.scen.Levers[l], l == m.lever, m.lay.cols, r.w)
		if m.typing && l == m.lever {
			p := l.Param()
			text = fit(m.st.Selected.Render(m.st.Glyphs.Select+" "+fit(m.lang.T(p.Name), m.lay.cols.name))+m.input.View()+
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
	}
	return v.box(title, note, rows, m.lay.levers.w, m.lay.levers.h, false)
}

// insightLines fill the insight area: the sentence about the result and the change of the last
// move — on two lines in the full layout, else on one with the change first, as what the user
// just did is what they look for. A prompt, an error or a confirmation takes the first line.
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
	switch {
	case m.saving != nil:
		lines[0] = m.saveLine()
	case m.errMsg != "":
		lines[0] = " " + m.st.Warn.Render("✗ "+m.errMsg)
	case m.info != "":
		lines[0] = " " + m.st.Up.Render("✓ "+m.info)
	}
	return lines
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
