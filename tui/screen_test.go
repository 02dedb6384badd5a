package tui

import (
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/testutil"
)

func baseScenario(t testing.TB) engine.Scenario {
	t.Helper()
	s, err := data.Preset(data.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// countingWriter counts the bytes the program writes to the terminal.
type countingWriter struct {
	mu sync.Mutex
	w  io.Writer
	n  int
}

// Write passes p on under the lock, so that reading the screen (screen.text) never races with
// the program drawing on it.
func (c *countingWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += len(p)
	return c.w.Write(p)
}

func (c *countingWriter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// screen runs the real program against a virtual terminal, as a person's terminal would.
type screen struct {
	emu  *vt.SafeEmulator
	prog *tea.Program
	out  *countingWriter
	done chan error
}

// startScreen runs the dashboard with a pinned 256-colour profile and environment, so screens
// and byte counts do not depend on the machine.
func startScreen(t testing.TB, w, h int, opts Options) *screen {
	t.Helper()
	return startScreenWith(t, w, h, opts, nil, tea.WithColorProfile(colorprofile.ANSI256),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}))
}

// startScreenWith also copies every byte written to the terminal into tee, when not nil.
func startScreenWith(t testing.TB, w, h int, opts Options, tee io.Writer, progOpts ...tea.ProgramOption) *screen {
	t.Helper()
	if opts.Scenario.Name == "" {
		opts.Scenario = baseScenario(t)
	}
	if opts.Theme == "" {
		opts.Theme = "dark"
	}
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	emu := vt.NewSafeEmulator(w, h)
	emu.Write([]byte(ansi.SetModeLineFeedNewLine))
	var out io.Writer = emu
	if tee != nil {
		out = io.MultiWriter(emu, tee)
	}
	s := &screen{emu: emu, out: &countingWriter{w: out}, done: make(chan error, 1)}
	progOpts = append([]tea.ProgramOption{tea.WithInput(emu), tea.WithOutput(s.out), tea.WithWindowSize(w, h),
		tea.WithoutSignalHandler(), tea.WithFPS(FPS)}, progOpts...)
	s.prog = tea.NewProgram(m, progOpts...)
	go func() {
		_, err := s.prog.Run()
		s.done <- err
	}()
	t.Cleanup(s.stop)
	return s
}

// typeText sends each character as a key press. Keys go to the program, not through the
// emulator: vt.SafeEmulator holds its lock while it writes a key into its input pipe, and when the
// program is drawing at that moment (its renderer waiting for the same lock) the two deadlock.
func (s *screen) typeText(text string) {
	for _, r := range text {
		s.prog.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// pressKey sends one key without text: tea.KeyRight, tea.KeyEnter, …
func (s *screen) pressKey(code rune) { s.prog.Send(tea.KeyPressMsg{Code: code}) }

// text is the screen's plain text, read under the output lock.
func (s *screen) text() string {
	s.out.mu.Lock()
	defer s.out.mu.Unlock()
	return s.emu.String()
}

func (s *screen) stop() {
	s.prog.Kill()
	<-s.done
	s.done <- nil // later stops return at once
}

// waitFor polls the screen until cond holds, failing after five seconds.
func (s *screen) waitFor(t testing.TB, what string, cond func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		text := s.text()
		if cond(text) {
			return text
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %s:\n%s", what, text)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until the screen has not changed for a while, then returns it.
func (s *screen) settle(t testing.TB) string {
	t.Helper()
	last, since := s.text(), time.Now()
	for time.Since(since) < 150*time.Millisecond {
		time.Sleep(10 * time.Millisecond)
		if now := s.text(); now != last {
			last, since = now, time.Now()
		}
	}
	return last
}

// TestScreens pins what a person sees at each size, in UTF-8 and ASCII, and the too-small notice.
func TestScreens(t *testing.T) {
	cases := []struct {
		name  string
		w, h  int
		ascii bool
		ready string
		lang  string
		keys  string // typed once the first frame is up
		scen  string // a preset; "" is the base case
	}{
		{"80x24", 80, 24, false, "Levers", "", "", ""},
		{"120x40", 120, 40, false, "Levers", "", "", ""},
		{"200x60", 200, 60, false, "Levers", "", "", ""},
		{"120x40-ascii", 120, 40, true, "Levers", "", "", ""},
		{"80x24-ascii", 80, 24, true, "Levers", "", "", ""},
		{"too-small", 50, 15, false, "at least 60×18", "", "", ""},
		{"too-small-narrow", 30, 8, false, "q to quit", "", "", ""}, // wrapped, not cut
		{"120x40-zh", 120, 40, false, "杠杆", "zh", "", ""},
		{"120x40-details", 120, 40, false, "esc close", "", "ji", ""},
		{"80x24-details", 80, 24, false, "esc close", "", "ji", ""},
		// A shortfall: the company's own plan runs into arrears and a restructuring, and every
		// part of the screen says so.
		{"80x24-shortfall", 80, 24, false, "Levers", "", "", "company-plan"},
		{"120x40-shortfall", 120, 40, false, "Levers", "", "", "company-plan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{ASCII: c.ascii, Lang: c.lang}
			if c.scen != "" {
				sc, err := data.Preset(c.scen)
				if err != nil {
					t.Fatal(err)
				}
				opts.Scenario = sc
			}
			s := startScreen(t, c.w, c.h, opts)
			if c.keys != "" {
				s.waitFor(t, "the first frame", func(text string) bool { return strings.Contains(text, "Levers") })
				s.typeText(c.keys)
			}
			s.waitFor(t, c.ready, func(text string) bool { return strings.Contains(text, c.ready) })
			got := s.settle(t)
			assertFits(t, got, c.w, c.h)
			if c.ascii {
				for _, r := range got {
					if r > 0x7e && r != '\n' {
						t.Fatalf("--ascii screen has %q", r)
					}
				}
			}
			testutil.Golden(t, filepath.Join("screens", c.name+".golden"), got)
		})
	}
}

// assertFits checks a frame against the terminal: no line wider, no more lines.
func assertFits(t testing.TB, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Fatalf("%d lines on a %d-line terminal", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("line %d is %d wide on a %d-wide terminal: %q", i, lw, w, l)
		}
	}
}

func containsAll(text string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(text, p) {
			return false
		}
	}
	return true
}
