package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestStorm throws random keys, mouse events and resizes (1×1 up to 300×100) at the dashboard:
// it must never panic, and every frame must fit its terminal.
func TestStorm(t *testing.T) {
	events := 20000
	if testing.Short() {
		events = 2000
	}
	rng := rand.New(rand.NewPCG(11, 29))
	m, _ := newModelWithStore(t) // saving writes into a temporary folder
	w, h := 120, 40
	names := make([]string, 0, len(keyCodes))
	for k := range keyCodes {
		if k != "ctrl+c" {
			names = append(names, k)
		}
	}
	runes := []rune("?=aArRuUjkhlHL[]1234iq-.0123456789x oscyn/")
	for i := 0; i < events; i++ {
		switch p := rng.IntN(100); {
		case p < 5:
			w, h = 1+rng.IntN(300), 1+rng.IntN(100)
			m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		case p < 45:
			send(m, keyCodes[names[rng.IntN(len(names))]]) // commands run too: saves, listings
		case p < 70:
			r := runes[rng.IntN(len(runes))]
			if r == 'q' { // quitting ends a real session; here it must only return tea.Quit or ask
				busy := m.typing || m.help || m.picker != nil || m.saving != nil || m.quitting
				if _, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: "q"}); cmd == nil && !busy && !m.quitting {
					t.Fatalf("q neither quit nor asked (zoomed %v, size %dx%d)", m.zoomed, w, h)
				}
				continue
			}
			send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
		default:
			x, y := rng.IntN(w+2)-1, rng.IntN(h+2)-1
			mouse := tea.Mouse{X: x, Y: y, Button: tea.MouseLeft}
			switch rng.IntN(4) {
			case 0:
				m.Update(tea.MouseClickMsg(mouse))
			case 1:
				m.Update(tea.MouseMotionMsg(mouse))
			case 2:
				m.Update(tea.MouseReleaseMsg(mouse))
			case 3:
				mouse.Button = tea.MouseWheelUp
				if rng.IntN(2) == 0 {
					mouse.Button = tea.MouseWheelDown
				}
				m.Update(tea.MouseWheelMsg(mouse))
			}
		}
		// Measured with cellWidth, which TestCellWidthMatchesAnsi holds to ansi.StringWidth: at
		// 20,000 frames the reference measure would be most of the test's time.
		frame := m.render()
		lines := strings.Split(frame, "\n")
		if len(lines) > h {
			t.Fatalf("event %d: %d lines at %d×%d", i, len(lines), w, h)
		}
		for j, l := range lines {
			if lw := cellWidth(l); lw > w {
				t.Fatalf("event %d: line %d is %d wide at %d×%d: %q", i, j, lw, w, h, ansi.Strip(l))
			}
		}
	}
}

// TestCellWidthMatchesAnsi: the fast width agrees with ansi.StringWidth on everything a frame
// is made of.
func TestCellWidthMatchesAnsi(t *testing.T) {
	m := newModel(t, 200, 60)
	frames := []string{m.render()}
	press(m, "a", "?")
	frames = append(frames, m.render())
	m.st = NewStyles(false, true)
	press(m, "esc", "4", "enter")
	frames = append(frames, m.render(), "⚡ wide", "e\u0301 combining", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "日本")
	for _, f := range frames {
		for _, l := range strings.Split(f, "\n") {
			if a, b := cellWidth(l), ansi.StringWidth(l); a != b {
				t.Fatalf("cellWidth %d, ansi %d: %q", a, b, l)
			}
		}
	}
}
