package tui

import (
	"image/color"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestColourDepthKey: C redraws the whole screen in the next deeper colour depth — from 256 to
// true colour, then none, 16, 256 and true again — and says which; the figures stay as they were.
func TestColourDepthKey(t *testing.T) {
	var raw testutil.SyncBuffer
	s := startScreenWith(t, 120, 40, Options{}, &raw)
	s.waitFor(t, "the dashboard", func(x string) bool { return strings.Contains(x, "Levers") })
	for _, step := range []struct{ says, codes string }{
		{"true colour", "true"}, {"no colour", ""}, {"16 colours", "16"}, {"256 colours", "256"}, {"true colour", "true"},
	} {
		from := len(raw.String())
		s.typeText("C")
		s.waitFor(t, step.says, func(x string) bool { return strings.Contains(x, "colours: "+step.says+" (C changes them)") })
		s.settle(t)
		frame := raw.String()[from:]
		if len(frame) < 4000 {
			t.Errorf("%s: %d bytes, not a whole screen", step.says, len(frame))
		}
		got := colourKinds(frame)
		if want := step.codes; want == "" && len(got) > 0 || want != "" && (len(got) != 1 || !got[want]) {
			t.Errorf("%s: colour codes written: %v, want only %q", step.says, got, step.codes)
		}
	}
	if !strings.Contains(s.text(), "$1.4T") {
		t.Errorf("the figures changed with the colours:\n%s", s.text())
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourKinds reads every SGR sequence in raw and names the kinds of colour they set: "true"
// (38/48;2), "256" (38/48;5) and "16" (30–37, 40–47, 90–97, 100–107).
func colourKinds(raw string) map[string]bool {
	kinds := map[string]bool{}
	for _, m := range sgr.FindAllStringSubmatch(raw, -1) {
		ps := strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' })
		for i := 0; i < len(ps); i++ {
			n, _ := strconv.Atoi(ps[i])
			switch {
			case (n == 38 || n == 48 || n == 58) && i+1 < len(ps) && ps[i+1] == "5":
				kinds["256"] = true
				i += 2
			case (n == 38 || n == 48 || n == 58) && i+1 < len(ps) && ps[i+1] == "2":
				kinds["true"] = true
				i += 4
			case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
				kinds["16"] = true
			}
		}
	}
	return kinds
}

// TestBackgroundWithoutColour: an answer to the background query that parses without a colour
// (malformed, or typed by hand) leaves the theme as the terminal's real answer set it.
func TestBackgroundWithoutColour(t *testing.T) {
	m, err := New(Options{Scenario: baseScenario(t), Theme: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	light := m.st
	if reflect.DeepEqual(light, NewStyles(true, false)) {
		t.Fatal("a white background should give the light theme")
	}
	m.Update(tea.BackgroundColorMsg{})
	if !reflect.DeepEqual(m.st, light) {
		t.Error("an answer without a colour changed the theme")
	}
}

// TestColourDepthWaitsForItsDepth: C leaves the screen as it is — its last message too — until
// the new depth is in place, so no frame is drawn in the old depth; in a prompt, the picker or help C is theirs.
func TestColourDepthWaitsForItsDepth(t *testing.T) {
	m := newModel(t, 120, 40)
	C := tea.KeyPressMsg{Code: 'C', Text: "C"}
	for _, want := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ASCII} {
		before := text(m)
		m.Update(C)
		if got := text(m); got != before {
			t.Fatalf("C changed the screen before its depth was in place:\n%s", got)
		}
		m.Update(tea.ColorProfileMsg{Profile: want})
		if says := "colours: " + depths[depthOf(want)].name; !strings.Contains(text(m), says) {
			t.Fatalf("once the depth is in place the screen should say %q:\n%s", says, text(m))
		}
	}
	for _, open := range []string{"=", "?", "o"} {
		press(m, open, "C")
		if m.profile != colorprofile.ASCII || !(m.typing || m.help || m.picker != nil) {
			t.Errorf("C after %q should stay in its dialog and leave the colours (%v)", open, m.profile)
		}
		press(m, "esc")
	}
}
