package serve

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/tui"
)

// text is a model showing one line, changed by the string messages it gets; a title message
// changes its window title and a mouse mode its mouse mode.
type text struct {
	s, title string
	mouse    tea.MouseMode
}

type title string

func (t *text) Init() tea.Cmd { return nil }
func (t *text) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case string:
		t.s = msg
	case title:
		t.title = string(msg)
	case tea.MouseMode:
		t.mouse = msg
	}
	return t, nil
}
func (t *text) View() tea.View {
	v := tea.NewView(t.s)
	v.AltScreen, v.MouseMode, v.WindowTitle = true, t.mouse, t.title
	return v
}

// screenRig is a screen on a terminal emulator, with the messages it sends itself.
type screenRig struct {
	*screen
	out  bytes.Buffer
	mu   sync.Mutex
	sent []tea.Msg
}

func newRig(t *testing.T, w, h int) *screenRig {
	t.Helper()
	r := &screenRig{}
	r.screen = newScreen(&text{title: "flywheel", mouse: tea.MouseModeCellMotion}, &r.out, []string{"TERM=xterm-256color"}, colorprofile.ANSI256)
	r.send = func(msg tea.Msg) {
		r.mu.Lock()
		r.sent = append(r.sent, msg)
		r.mu.Unlock()
	}
	r.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return r
}

// take returns what the screen wrote since the last take.
func (r *screenRig) take() string {
	s := r.out.String()
	r.out.Reset()
	return s
}

// settle delivers the frame held back, if any, as the program's loop would.
func (r *screenRig) settle(t *testing.T) {
	if r.held == nil {
		return
	}
	want := r.frameRequests() + 1
	waitUntil(t, "the held frame", func() bool { return r.frameRequests() == want })
	r.Update(frameMsg{})
}

func (r *screenRig) frameRequests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sent)
}

// TestScreenDrawsOnChange: the first change is drawn at once, changes within frameGap are held
// and drawn together by one frame, nothing is written while nothing changes, and closing
// gives the terminal back.
func TestScreenDrawsOnChange(t *testing.T) {
	r := newRig(t, 40, 5)
	first := r.take()
	for _, seq := range []string{ansi.SetModeAltScreenSaveCursor, ansi.ResetModeTextCursorEnable,
		ansi.SetModeMouseButtonEvent, ansi.SetModeBracketedPaste, ansi.SetWindowTitle("flywheel")} {
		if !strings.Contains(first, seq) {
			t.Errorf("the first frame lacks %q: %q", seq, first)
		}
	}
	if r.frameRequests() != 0 {
		t.Fatal("the first frame was held back")
	}

	r.Update("one")
	r.Update("two") // within frameGap of "one"'s frame: held
	if got := r.take(); strings.Contains(got, "two") {
		t.Fatalf("a change within %s of the last frame was drawn at once: %q", frameGap, got)
	}
	waitUntil(t, "the held frame", func() bool { return r.frameRequests() == 1 })
	r.Update(frameMsg{})
	got := r.take()
	if !strings.Contains(got, "two") || strings.Contains(got, "one") {
		t.Fatalf("the held frame should show the last change only: %q", got)
	}
	if strings.Contains(got, ansi.SetModeMouseButtonEvent) || strings.Contains(got, "\x1b]2;") {
		t.Errorf("an unchanged mouse mode or title was sent again: %q", got)
	}
	for _, c := range []struct {
		msg  tea.Msg
		want string
	}{
		{title("flywheel · energy-wall"), ansi.SetWindowTitle("flywheel · energy-wall")},
		{tea.MouseModeAllMotion, ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr + ansi.SetModeMouseAnyEvent},
		{tea.MouseModeNone, ansi.ResetModeMouseAnyEvent},
	} {
		time.Sleep(frameGap)
		r.Update(c.msg)
		if got := r.take(); !strings.Contains(got, c.want) {
			t.Errorf("after %v: want %q in %q", c.msg, c.want, got)
		}
	}
	time.Sleep(frameGap)
	r.Update(tea.MouseModeCellMotion)
	if got := r.take(); !strings.Contains(got, ansi.SetModeMouseButtonEvent) || strings.Contains(got, ansi.SetModeMouseAnyEvent) {
		t.Errorf("back to cell motion: %q", got)
	}

	time.Sleep(frameGap)
	r.Update(tea.KeyPressMsg{}) // a message that changes nothing
	r.Update(frameMsg{})
	if got := r.take(); got != "" {
		t.Fatalf("nothing changed, yet the screen wrote %q", got)
	}

	time.Sleep(frameGap)
	r.Update("three")
	if got := r.take(); !strings.Contains(got, "three") {
		t.Fatalf("a change after a pause was not drawn at once: %q", got)
	}
	time.Sleep(frameGap)
	r.Update(tea.KeyPressMsg{}) // a message that changes nothing holds back no change after it
	r.Update("four")
	if got := r.take(); !strings.Contains(got, "four") {
		t.Fatalf("a change right after a message that changed nothing was held back: %q", got)
	}
	if r.frameRequests() != 1 {
		t.Fatalf("%d frames requested, want the one held back", r.frameRequests())
	}

	r.close()
	last := r.take()
	for _, seq := range []string{ansi.ResetModeAltScreenSaveCursor, ansi.SetModeTextCursorEnable,
		ansi.ResetModeMouseButtonEvent, ansi.ResetModeBracketedPaste, ansi.PopKittyKeyboard(1), ansi.SetWindowTitle("")} {
		if !strings.Contains(last, seq) {
			t.Errorf("closing lacks %q: %q", seq, last)
		}
	}
	if strings.Index(last, ansi.ResetModeAltScreenSaveCursor) > strings.Index(last, ansi.SetModeTextCursorEnable) {
		t.Errorf("the cursor is shown before leaving the alternate screen: %q", last)
	}
}

// TestScreenRepaints: a resize, a new colour depth and ctrl+l's clear repaint every cell, in
// the depth asked for; the same depth or size again repaints nothing.
func TestScreenRepaints(t *testing.T) {
	red := "\x1b[38;2;255;0;0mred\x1b[m rest"
	r := newRig(t, 30, 3)
	time.Sleep(frameGap)
	r.Update(red)
	if got := r.take(); !strings.Contains(got, "38;5;196") {
		t.Fatalf("256 colours: want the palette's red, got %q", got)
	}
	for _, c := range []struct {
		name string
		msg  tea.Msg
		want string
	}{
		{"true colour", tea.ColorProfileMsg{Profile: colorprofile.TrueColor}, "38;2;255;0;0"},
		{"16 colours", tea.ColorProfileMsg{Profile: colorprofile.ANSI}, "91m"},
		{"no colour", tea.ColorProfileMsg{Profile: colorprofile.Ascii}, "red"},
		{"a clear", tea.ClearScreen(), "red"},
		{"a resize", tea.WindowSizeMsg{Width: 20, Height: 3}, "red"},
	} {
		time.Sleep(frameGap)
		r.Update(c.msg)
		got := r.take()
		if !strings.Contains(got, c.want) || !strings.Contains(got, "rest") {
			t.Errorf("after %s: want every cell again with %q, got %q", c.name, c.want, got)
		}
	}
	time.Sleep(frameGap)
	r.Update(tea.ColorProfileMsg{Profile: colorprofile.Ascii})
	if got := r.take(); got != "" {
		t.Errorf("the same depth again repainted: %q", got)
	}
	time.Sleep(frameGap)
	r.Update(tea.WindowSizeMsg{Width: 20, Height: 3}) // as a pty's first size comes twice
	if got := r.take(); got != "" {
		t.Errorf("the same size again repainted: %q", got)
	}
}

// TestScreenMatchesEmulator: what the screen writes, read by a terminal emulator, is the view,
// through changes and a resize.
func TestScreenMatchesEmulator(t *testing.T) {
	r := newRig(t, 30, 4)
	emu := vt.NewEmulator(30, 4)
	show := func(s string) {
		r.Update(s)
		r.settle(t)
		// Through the session's pty, which turns \n into \r\n as a terminal's onlcr does.
		if _, err := ssh.NewPtyWriter(emu).Write([]byte(r.take())); err != nil {
			t.Fatal(err)
		}
		want := strings.Split(s, "\n")
		got := strings.Split(emu.String(), "\n")
		for i, line := range want {
			if strings.TrimRight(got[i], " ") != line {
				t.Fatalf("line %d shows %q, want %q; screen:\n%s", i, got[i], line, emu.String())
			}
		}
	}
	show("alpha\nbeta\ngamma")
	show("alpha\nBETA\ngamma\ndelta")
	emu.Resize(20, 4)
	r.Update(tea.WindowSizeMsg{Width: 20, Height: 4})
	show("short\n\nlines")
}

// TestScreenBeforeSize: nothing is drawn before the program's first size, and a screen that
// never drew leaves the terminal untouched.
func TestScreenBeforeSize(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&text{s: "x"}, &out, nil, colorprofile.ANSI)
	s.send = func(tea.Msg) {}
	s.Update("y")
	s.close()
	if out.Len() != 0 {
		t.Fatalf("wrote %q without a size", out.String())
	}
}

// TestFramesDrawTheWholeView: the screen draws a view's content, mouse mode and title on the
// alternate screen, and nothing else; the dashboard's view, in every mode, asks for no more.
func TestFramesDrawTheWholeView(t *testing.T) {
	base, err := data.Preset(data.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tui.New(tui.Options{Scenario: base})
	if err != nil {
		t.Fatal(err)
	}
	var model tea.Model = m
	for _, msg := range []tea.Msg{
		tea.WindowSizeMsg{Width: 120, Height: 40}, nil,
		tea.KeyPressMsg{Code: '?'}, tea.KeyPressMsg{Code: tea.KeyEscape},
		tea.KeyPressMsg{Code: 'a'}, tea.KeyPressMsg{Code: '='}, tea.KeyPressMsg{Code: tea.KeyEscape},
		tea.KeyPressMsg{Code: 'o'}, tea.KeyPressMsg{Code: 'q'},
	} {
		if msg != nil {
			model, _ = model.Update(msg)
		}
		v := model.View()
		v.Content, v.MouseMode, v.WindowTitle = "", 0, ""
		if !reflect.DeepEqual(v, tea.View{AltScreen: true}) {
			t.Fatalf("after %#v the dashboard's view asks for more than the screen draws: %+v", msg, v)
		}
	}
}

// TestScreenDrawsOnlyChangedLines: drawing only the lines that changed leaves the screen's
// cells as drawing the whole view would, through random keys and resizes of the dashboard.
func TestScreenDrawsOnlyChangedLines(t *testing.T) {
	base, err := data.Preset(data.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tui.New(tui.Options{Scenario: base, Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := newScreen(m, &out, []string{"TERM=xterm-256color"}, colorprofile.TrueColor)
	s.send = func(tea.Msg) {}
	keys := []tea.Msg{
		tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyLeft},
		tea.KeyPressMsg{Code: tea.KeyUp}, tea.KeyPressMsg{Code: tea.KeyDown},
		tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyEnter}, tea.KeyPressMsg{Code: tea.KeyEscape},
		tea.KeyPressMsg{Code: 'L', Text: "L"}, tea.KeyPressMsg{Code: 'H', Text: "H"},
		tea.KeyPressMsg{Code: '[', Text: "["}, tea.KeyPressMsg{Code: ']', Text: "]"},
		tea.KeyPressMsg{Code: 'a', Text: "a"}, tea.KeyPressMsg{Code: 'i', Text: "i"},
		tea.KeyPressMsg{Code: 'c', Text: "c"}, tea.KeyPressMsg{Code: '?', Text: "?"},
		tea.KeyPressMsg{Code: 'u', Text: "u"}, tea.KeyPressMsg{Code: '3', Text: "3"},
	}
	rng := rand.New(rand.NewPCG(3, 5))
	w, h := 120, 40
	s.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for i := range 400 {
		if rng.IntN(20) == 0 {
			w, h = 60+rng.IntN(100), 18+rng.IntN(30)
			s.Update(tea.WindowSizeMsg{Width: w, Height: h})
		} else {
			s.Update(keys[rng.IntN(len(keys))])
		}
		s.Update(frameMsg{}) // the frame now, held back or not
		whole := uv.NewScreenBuffer(w, h)
		uv.NewStyledString(m.View().Content).Draw(whole, whole.Bounds())
		for y := range h {
			for x := range w {
				if got, want := s.cells.CellAt(x, y), whole.CellAt(x, y); !got.Equal(want) {
					t.Fatalf("step %d (%d×%d): cell %d,%d is %+v, the whole view has %+v", i, w, h, x, y, got, want)
				}
			}
		}
	}
}

// TestScreenWithoutTitle: a view without a title neither sets nor clears the terminal's.
func TestScreenWithoutTitle(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&text{s: "x"}, &out, nil, colorprofile.ANSI)
	s.send = func(tea.Msg) {}
	s.Update(tea.WindowSizeMsg{Width: 10, Height: 2})
	s.close()
	if !strings.Contains(out.String(), "x") || strings.Contains(out.String(), "\x1b]2;") {
		t.Fatalf("want the frame and no title sequence: %q", out.String())
	}
}
