package tui

import (
	"errors"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// FPS caps how often the screen is redrawn. Bubble Tea's renderer wakes at this rate even when
// nothing changed (it then writes nothing): 20 keeps an idle dashboard near zero CPU while a
// slider still answers within 50 ms, and coalesces a burst of key repeats into one frame.
const FPS = 20

// ErrNoTerminal is returned by Run when the process has no terminal to draw on and read keys from.
var ErrNoTerminal = errors.New(`no terminal here — run it in a terminal, over SSH use "ssh -t", or use "flywheel run" for a table`)

// ErrInterrupted is returned by Run when a SIGINT from outside ended the dashboard (inside it,
// ctrl+c is a key): the caller exits 130, as a shell reports an interrupted command.
var ErrInterrupted = errors.New("interrupted")

// ErrHangup is returned by Run when the terminal hung up (SIGHUP: the window or the SSH
// connection closed): the caller exits 129, with nothing left to read a message.
var ErrHangup = errors.New("the terminal hung up")

// Run opens the dashboard on the terminal and returns when the user quits. Every signal that ends
// it leaves the terminal as it found it: Bubble Tea restores the screen on SIGINT and SIGTERM, and
// a SIGHUP, which would otherwise kill the process in raw mode with the alternate screen and mouse
// tracking on, quits the program the same way.
func Run(opts Options, programOpts ...tea.ProgramOption) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	if !hasTerminal() {
		return ErrNoTerminal
	}
	own := []tea.ProgramOption{tea.WithFPS(FPS),
		tea.WithFilter(realSizes(func() (int, int, error) { return term.GetSize(os.Stdout.Fd()) }))}
	p := tea.NewProgram(m, append(own, programOpts...)...)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	var hungUp atomic.Bool
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-hup:
			hungUp.Store(true)
			p.Quit()
		case <-done:
		}
	}()
	_, err = p.Run()
	switch {
	case hungUp.Load():
		return ErrHangup
	case errors.Is(err, tea.ErrInterrupted):
		return ErrInterrupted
	}
	return err
}

// realSizes is a program filter that drops a window size disagreeing with the terminal's own, as
// size reads it: a report typed or pasted into the input (ESC[8;h;wt parses as one). It acts
// before Bubble Tea sizes its renderer's buffers, which a forged 1024×1024 costs 280 MB, and
// before the dashboard lays out for it.
func realSizes(size func() (w, h int, err error)) func(tea.Model, tea.Msg) tea.Msg {
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		if ws, ok := msg.(tea.WindowSizeMsg); ok {
			if w, h, err := size(); err == nil && (w != ws.Width || h != ws.Height) {
				return nil
			}
		}
		return msg
	}
}

// hasTerminal reports whether the screen can be drawn: stdout is a terminal, and keys can be read
// from stdin or, as Bubble Tea does when stdin is a pipe, from the controlling terminal. Checked
// before starting Bubble Tea, whose own failure is framework text about /dev/tty, and which
// draws into a file or pipe without complaint.
func hasTerminal() bool {
	if !term.IsTerminal(os.Stdout.Fd()) {
		return false
	}
	if term.IsTerminal(os.Stdin.Fd()) {
		return true
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return false
	}
	in.Close()
	out.Close()
	return true
}
