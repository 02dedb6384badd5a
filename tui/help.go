package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleHelp takes the keys while the help screen is open.
func (m *Model) handleHelp(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Help, m.keys.Back, m.keys.Quit) {
		m.help = false
	}
	return nil
}

// helpScreen lists every binding of the KeyMap by group, then the mouse and the legend.
func (m *Model) helpScreen() []string {
	t := m.lang.T
	g := m.st.Glyphs
	out := []string{"", " " + m.st.Title.Render(t("flywheel — keys")) + m.st.Dim.Render("   "+t("(? or esc to close)")), ""}
	for _, grp := range m.keys.Groups() {
		out = append(out, " "+m.st.Bold.Render(t(grp.Title)))
		for _, b := range grp.Bindings {
			h := b.Help()
			out = append(out, "   "+m.st.Accent.Render(fit(h.Key, 14))+m.st.Text.Render(t(h.Desc)))
		}
		out = append(out, "")
	}
	out = append(out,
		" "+m.st.Bold.Render(t("Mouse")),
		"   "+t("click a pane: focus; double-click: zoom"),
		"   "+t("click or drag a slider: set it"),
		"   "+t("wheel over a slider: nudge it"),
		"   "+t("wheel over a pane: move the year"),
		"   "+t("click the timeline: pick a year"),
		"   "+t("double-click a lever's name: its details"),
		"",
		" "+m.st.Bold.Render(t("Bottleneck letters")),
		"   d "+t("demand")+"  E "+t("energy")+"  S "+t("supply"),
		"   $ "+t("capital")+"  c "+t("compute"),
		"",
		" "+m.st.Bold.Render(t("Slider marks")),
		"   "+g.Knob+" "+t("value")+"  "+g.Default+" "+t("base case"),
		"   "+strings.Repeat(g.Span, 3)+" "+t("where the lever's link binds"),
		"       "+t("(found by moving that slider alone over its range)"),
	)
	return columnsToFit(out, m.w, m.h)
}

// columnsToFit flows a long list into as many columns as the height needs and the width allows.
func columnsToFit(lines []string, w, h int) []string {
	if len(lines) <= h || h <= 0 {
		return lines
	}
	cols := (len(lines) + h - 1) / h
	colW := w / cols
	out := make([]string, h)
	for c := 0; c < cols; c++ {
		for r := 0; r < h; r++ {
			i := c*h + r
			cell := ""
			if i < len(lines) {
				cell = lines[i]
			}
			out[r] += fit(cell, colW)
		}
	}
	return out
}
