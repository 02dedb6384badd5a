package tui

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/flywheel-dev/flywheel/engine"
)

// recordingWriter keeps every byte the program writes.
type recordingWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.Write(p)
}

func (r *recordingWriter) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.String()
}

// TestNoColor: with NO_COLOR set the terminal gets no colour codes, and the screen still carries
// every meaning (letters, ▲/▼, heavier focus border, the heavy line of a binding span). Without
// it, the same terminal gets colour.
func TestNoColor(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		env := []string{"TERM=xterm-256color", "TTY_FORCE=1"}
		if noColor {
			env = append(env, "NO_COLOR=1")
		}
		rec := &recordingWriter{}
		s := startScreenWith(t, 120, 40, Options{}, rec, tea.WithEnvironment(env))
		s.waitFor(t, "the dashboard", func(text string) bool { return containsAll(text, "Levers", "Energy binds") })
		s.settle(t)
		out := rec.String()
		coloured := strings.Contains(out, "\x1b[38;") || strings.Contains(out, ";38;")
		if coloured == noColor {
			t.Errorf("NO_COLOR=%v: colour codes present = %v", noColor, coloured)
		}
		if text := s.text(); !containsAll(text, "SSSS", "EEEE", "┏━ 1 Compute", "├━━━", "━ supply binds") {
			t.Errorf("NO_COLOR=%v: the timeline letters, the focus border and GPU supply's span must show:\n%s", noColor, text)
		}
		s.stop()
	}
}

type teeWriter struct {
	a, b interface{ Write([]byte) (int, error) }
}

func (t teeWriter) Write(p []byte) (int, error) {
	t.b.Write(p)
	return t.a.Write(p)
}

// TestPalettesSurviveDownsampling: in 16 and 256 colours, on dark and light backgrounds, the five
// bottleneck colours stay five different colours, and no text colour collapses into the
// background.
func TestPalettesSurviveDownsampling(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark, false)
		bg := colorprofile.ANSI256.Convert(color.RGBA{0xff, 0xff, 0xff, 0xff})
		if dark {
			bg = colorprofile.ANSI256.Convert(color.RGBA{0x0d, 0x11, 0x17, 0xff})
		}
		for _, p := range []colorprofile.Profile{colorprofile.ANSI, colorprofile.ANSI256} {
			seen := map[color.Color]engine.Bottleneck{}
			for b := engine.Bottleneck(0); b < engine.NumBottlenecks; b++ {
				c := p.Convert(st.Bottleneck[b].GetForeground())
				if other, dup := seen[c]; dup {
					t.Errorf("dark=%v %s: %s and %s both become %v", dark, p, b, other, c)
				}
				seen[c] = b
			}
			for name, paint := range map[string]Paint{"text": st.Text, "dim": st.Dim, "title": st.Title,
				"up": st.Up, "down": st.Down, "installed": st.Installed, "power": st.Power} {
				fg := p.Convert(paint.GetForeground())
				if p == colorprofile.ANSI256 && fg == bg {
					t.Errorf("dark=%v %s: %s text becomes the background colour", dark, p, name)
				}
				if isBlackOrWhite(p.Convert(paint.GetForeground()), !dark) {
					t.Errorf("dark=%v %s: %s becomes the background colour %v", dark, p, name, fg)
				}
			}
		}
	}
}

// isBlackOrWhite reports whether c is the 16-colour black (wantWhite false) or white (true).
func isBlackOrWhite(c color.Color, wantWhite bool) bool {
	r, g, b, _ := c.RGBA()
	if wantWhite {
		return r > 0xf000 && g > 0xf000 && b > 0xf000
	}
	return r < 0x1000 && g < 0x1000 && b < 0x1000
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours, 1–21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestContrast: on a typical dark and light background, in truecolor and after the 256-colour
// downsampling, body text reaches WCAG AA (4.5:1) and every other colour — dim labels, series,
// bottleneck colours — stays readable (3:1).
func TestContrast(t *testing.T) {
	backgrounds := map[bool]color.Color{true: color.RGBA{0x0d, 0x11, 0x17, 0xff}, false: color.RGBA{0xff, 0xff, 0xff, 0xff}}
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark, false)
		paints := map[string]Paint{"dim": st.Dim, "title": st.Title, "up": st.Up, "down": st.Down, "warn": st.Warn,
			"installed": st.Installed, "effective": st.Effective, "power": st.Power, "stranded": st.Stranded,
			"demand": st.Demand, "served": st.Served, "cash": st.Cash, "capability": st.Capability, "knob": st.Knob,
			"baseline": st.Baseline}
		for b := engine.Bottleneck(0); b < engine.NumBottlenecks; b++ {
			paints["bottleneck "+b.String()] = st.Bottleneck[b]
		}
		for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
			bg := p.Convert(backgrounds[dark])
			if c := contrast(p.Convert(st.Text.GetForeground()), bg); c < 4.5 {
				t.Errorf("dark=%v %s: text contrast %.1f:1, want ≥ 4.5", dark, p, c)
			}
			for name, paint := range paints {
				if c := contrast(p.Convert(paint.GetForeground()), bg); c < 3 {
					t.Errorf("dark=%v %s: %s contrast %.1f:1, want ≥ 3", dark, p, name, c)
				}
			}
		}
	}
}

// TestThemeFollowsTheBackground: with the theme on auto the terminal's answer picks dark or
// light; an explicit --theme is not overridden.
func TestThemeFollowsTheBackground(t *testing.T) {
	m, err := New(Options{Scenario: baseScenario(t), Theme: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Init() == nil {
		t.Fatal("auto theme should ask the terminal for its background")
	}
	m.Update(tea.BackgroundColorMsg{Color: color.RGBA{0xfa, 0xfa, 0xfa, 0xff}})
	if m.st.Dark {
		t.Error("a white background should give the light theme")
	}
	m.Update(tea.BackgroundColorMsg{Color: color.RGBA{0x10, 0x10, 0x10, 0xff}})
	if !m.st.Dark {
		t.Error("a black background should give the dark theme")
	}
	fixed, _ := New(Options{Scenario: baseScenario(t), Theme: "light"})
	if fixed.Init() != nil {
		t.Error("an explicit theme needs no question to the terminal")
	}
	fixed.Update(tea.BackgroundColorMsg{Color: color.RGBA{0, 0, 0, 0xff}})
	if fixed.st.Dark {
		t.Error("--theme light must stay light on a dark background")
	}
}
