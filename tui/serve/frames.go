package serve

import (
	"bytes"
	"io"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// frameGap is the least time between two frames of a session: a burst of key repeats or mouse
// motion is drawn at most 20 times a second, its last state always.
const frameGap = time.Second / 20

// screen draws a session's dashboard on its client's terminal as soon as it changes, and not at
// all while nothing does. Bubble Tea's own renderer redraws on a fixed tick: over SSH a key then
// waits up to a whole tick for its frame, and a hundred idle sessions wake two thousand times a
// second (7% of a core) to find nothing changed. Here the first change after a pause is drawn at
// once, later ones at most every frameGap, and an idle session sleeps.
//
// It sits between the panic guard and the dashboard, and is the only writer to the client's
// terminal while the program runs: Bubble Tea runs without its renderer and writes to nowhere.
// It draws what the dashboard's view asks for: its content on the alternate screen, its mouse
// mode and its window title (TestFramesDrawTheWholeView keeps the view to those).
type screen struct {
	m       tea.Model
	send    func(tea.Msg)   // the program's Send, to wake the loop for a frame that was held back
	out     io.Writer       // the client's terminal
	over    <-chan struct{} // closed once the session is asked to end: nothing more is drawn
	scr     *uv.TerminalRenderer
	buf     bytes.Buffer // what scr writes, sent to out once per frame
	cells   uv.ScreenBuffer
	w, h    int
	profile colorprofile.Profile
	shown   *tea.View // the last view drawn; nil before the first frame
	lines   []string  // its content's lines
	erase   bool      // the next frame repaints every cell
	last    time.Time // when the last frame was drawn
	held    *time.Timer
}

// frameMsg asks for the frame held back while the last one was younger than frameGap.
type frameMsg struct{}

func newScreen(m tea.Model, out io.Writer, env []string, profile colorprofile.Profile) *screen {
	s := &screen{m: m, out: out, cells: uv.NewScreenBuffer(0, 0), profile: profile}
	s.scr = uv.NewTerminalRenderer(&s.buf, env)
	s.scr.SetColorProfile(profile)
	s.scr.SetMapNewline(true) // the session's pty turns \n into \r\n, as a terminal's onlcr does
	s.scr.SetTabStops(-1)
	s.scr.SetScrollOptim(true)
	return s
}

func (s *screen) Init() tea.Cmd { return s.m.Init() }

// View is what Bubble Tea would draw: nothing, as it has no renderer here.
func (s *screen) View() tea.View { return tea.View{} }

func (s *screen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case frameMsg:
		s.held = nil
		s.draw()
		return s, nil
	case tea.WindowSizeMsg:
		s.resize(msg.Width, msg.Height)
	case tea.ColorProfileMsg:
		// Colours are chosen as cells are written: a new depth repaints every cell.
		if msg.Profile != s.profile {
			s.profile = msg.Profile
			s.scr.SetColorProfile(msg.Profile)
			s.erase = true
		}
	}
	switch msg {
	case tea.ClearScreen():
		s.erase = true
	case tea.RequestBackgroundColor():
		// Bubble Tea would queue the query on the output it no longer has.
		s.write(ansi.RequestBackgroundColor)
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	s.changed()
	return s, cmd
}

// changed draws the dashboard now, or once frameGap has passed since the last frame.
func (s *screen) changed() {
	if s.held != nil {
		return // the frame due will show this change too
	}
	if wait := frameGap - time.Since(s.last); wait > 0 {
		s.held = time.AfterFunc(wait, func() { s.send(frameMsg{}) })
		return
	}
	s.draw()
}

func (s *screen) resize(w, h int) {
	if w == s.w && h == s.h {
		return // the pty's first size comes twice: with the request and as its first change
	}
	s.w, s.h = w, h
	s.scr.Resize(w, h)
	s.cells.Resize(w, h)
	s.cells.Touched = nil
	s.erase = true
}

// draw sends the dashboard's view as it stands: only the cells that changed, unless a resize,
// a new colour depth or a redraw (ctrl+l) asks for every cell.
func (s *screen) draw() {
	if s.w == 0 || s.h == 0 {
		return // the size comes in the program's first messages
	}
	select {
	case <-s.over:
		// The events still queued before the end are read without a frame each: a slow
		// client, or a slow server, would otherwise keep the session from its end.
		return
	default:
	}
	v := s.m.View()
	prev := s.shown
	if prev != nil && !s.erase && v.Content == prev.Content && v.MouseMode == prev.MouseMode && v.WindowTitle == prev.WindowTitle {
		return // and the next change is drawn at once
	}
	s.last = time.Now()
	if prev == nil {
		// The alternate screen first, then the cursor hidden: some terminals keep one cursor
		// state per screen.
		s.buf.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable)
		s.scr.SaveCursor()
		s.scr.SetFullscreen(true)
		s.scr.SetRelativeCursor(false)
		// Keys told apart as the local dashboard has them (Bubble Tea's own renderer asks the same).
		_, _ = s.scr.WriteString(ansi.SetModeBracketedPaste + ansi.SetModifyOtherKeys2 + ansi.PushKittyKeyboard(1))
	}
	if s.erase {
		s.scr.Erase()
		s.erase = false
	}
	if prev == nil || v.MouseMode != prev.MouseMode {
		if prev != nil {
			_, _ = s.scr.WriteString(ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr)
		}
		switch v.MouseMode {
		case tea.MouseModeCellMotion:
			_, _ = s.scr.WriteString(ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr)
		case tea.MouseModeAllMotion:
			_, _ = s.scr.WriteString(ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr)
		}
	}
	if prev == nil && v.WindowTitle != "" || prev != nil && v.WindowTitle != prev.WindowTitle {
		_, _ = s.scr.WriteString(ansi.SetWindowTitle(v.WindowTitle))
	}
	// Only the lines that changed are drawn again, and the renderer compares those alone with
	// what the terminal shows (an erase still sends every cell). Each line of the dashboard's
	// view carries its own styles, so a line draws alone as it would in the whole.
	lines, was := strings.Split(v.Content, "\n"), s.lines
	for y := range s.h {
		line := ""
		if y < len(lines) {
			line = lines[y]
		}
		if y < len(was) && was[y] == line {
			continue
		}
		uv.NewStyledString(line).Draw(s.cells, uv.Rect(0, y, s.w, 1))
	}
	s.lines = lines
	s.scr.Render(s.cells.RenderBuffer)
	_ = s.scr.Flush() // into s.buf
	s.shown = &v
	s.write("")
}

// write sends seq after whatever the renderer has queued. A failed write is the connection
// going, which ends the session by its own path.
func (s *screen) write(seq string) {
	s.buf.WriteString(seq)
	if s.buf.Len() > 0 {
		_, _ = s.out.Write(s.buf.Bytes())
		s.buf.Reset()
	}
}

// close gives the client's terminal back as the session found it. It runs after the program
// has ended, so after the last frame.
func (s *screen) close() {
	if s.held != nil {
		s.held.Stop()
	}
	if s.shown == nil {
		return // nothing was drawn, nothing changed
	}
	seq := ansi.ResetModifyOtherKeys + ansi.PopKittyKeyboard(1) +
		ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr +
		ansi.ResetModeBracketedPaste
	if s.shown.WindowTitle != "" {
		seq += ansi.SetWindowTitle("")
	}
	s.write(seq + ansi.ResetModeAltScreenSaveCursor + ansi.SetModeTextCursorEnable)
}
