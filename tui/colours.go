package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// depths is the order C steps through colour depths, each deeper than the last, then round.
// A terminal's depth is guessed from its environment, which SSH mostly does not carry (OpenSSH
// passes TERM, not COLORTERM): a truecolor terminal drawn in 256 colours is one C away from
// its own depth.
var depths = []depth{
	{colorprofile.ASCII, "no colour"},
	{colorprofile.ANSI, "16 colours"},
	{colorprofile.ANSI256, "256 colours"},
	{colorprofile.TrueColor, "true colour"},
}

type depth struct {
	profile colorprofile.Profile
	name    string
}

// nextDepth draws the screen again in the next colour depth. It changes nothing on screen until
// the new depth is in place (depthSet says which then), so no frame is drawn in the old one.
func (m *Model) nextDepth() tea.Cmd {
	i := len(depths) - 1 // from an unknown depth, to the deepest
	if j := depthOf(m.profile); j >= 0 {
		i = (j + 1) % len(depths)
	}
	m.profile, m.depthAsked = depths[i].profile, true
	set := func() tea.Msg { return tea.ColorProfileMsg{Profile: depths[i].profile} }
	// The renderer picks colours as it writes cells: the clear makes it write them all again.
	return tea.Sequence(set, tea.ClearScreen)
}

// depthSet takes the colour depth the screen is now drawn in, and says it when C asked for it.
func (m *Model) depthSet(p colorprofile.Profile) {
	m.profile = p
	if i := depthOf(p); m.depthAsked && i >= 0 {
		m.errMsg, m.info = "", m.lang.F("colours: {0} (C changes them)", m.lang.T(depths[i].name))
	}
	m.depthAsked = false
}

// depthOf is p's place in depths, or -1.
func depthOf(p colorprofile.Profile) int {
	return slices.IndexFunc(depths, func(d depth) bool { return d.profile == p })
}
