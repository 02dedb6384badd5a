package serve

import (
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/flywheel-dev/flywheel/engine"
)

// noPty is all a client without a terminal gets.
const noPty = `flywheel serve needs a terminal: connect with "ssh -t -p PORT HOST", or run "flywheel run" for a table`

// endReason is why a session ended; the first one set wins.
type endReason int32

const (
	endQuit     endReason = iota // the user quit
	endIdle                      // no input for --idle-timeout
	endTimeUp                    // --max-session-time reached
	endStopping                  // the server is shutting down
	endPanic                     // the dashboard failed
	endHangup                    // the client closed the session or the connection
)

func (r endReason) String() string {
	return [...]string{"quit", "idle", "time limit", "server stopping", "panic", "hang-up"}[r]
}

// session is one running dashboard.
type session struct {
	srv       *Server
	sess      ssh.Session
	id        identity
	p         *tea.Program
	reason    atomic.Int32  // endReason+1 once set
	size      atomic.Uint64 // the window as last reported by the client's pty, clamped: w<<32 | h
	in        *io.PipeReader
	inW       *io.PipeWriter // the program's input: the client's, then endMark
	inMu      sync.Mutex     // orders writes to inW: nothing follows endMark
	inEnded   bool           // endMark is written
	lastInput atomic.Int64   // unix nanoseconds of the user's last input
	sent      atomic.Int64   // bytes written to the client
	ending    chan struct{}  // closed when the session is asked to end
	writing   atomic.Bool    // a write to the client is under way
	dropped   atomic.Bool    // it was still writing endGrace after it was asked to end: its connection was closed
	killed    atomic.Bool    // it did not end by its input and was stopped
}

// endMark is written into the program's input after the user's last byte to end a session: an
// APC sequence no terminal sends (typed by hand, it only quits that session). The string
// terminator before it ends whatever sequence the user's last bytes left open (a client that
// hangs up inside an OSC, a DCS or an APC), which would otherwise swallow the mark.
const endMark = "\x1b_flywheel-session-end\x1b\\"

// stringTerminator (ESC \, 7-bit: x/ansi has only the C1 byte) ends an OSC, DCS or APC.
const stringTerminator = "\x1b\\"

// endGrace is how long a session that was asked to end may take to end by its input before it
// is stopped outright. Its input normally ends it within milliseconds; this bounds what any
// input could leave the parser in.
const endGrace = 2 * time.Second

// end asks the session to end for r, unless it is already ending. It never blocks: it may be
// called from inside the program's own loop.
//
// The program quits through its input rather than by Program.Quit: Bubble Tea's input reader
// (ultraviolet's TerminalReader) sends each event without watching for the program's end, so
// an event read as the program quits (a key, a terminal's late answer to a query) would block
// that goroutine for ever, holding the whole program in memory. Quitting on endMark, after
// every event before it, leaves the reader nothing to send but the end of input.
func (ss *session) end(r endReason) {
	if ss.reason.CompareAndSwap(0, int32(r)+1) {
		close(ss.ending)
		go func() {
			ss.inMu.Lock()
			defer ss.inMu.Unlock()
			ss.inEnded = true
			if _, err := io.WriteString(ss.inW, ss.srv.endInput); err == nil { // else the program is over
				ss.inW.Close()
			}
		}()
	}
}

// pump copies the client's input into the program's, noting the time of the user's last input:
// the idle timeout counts from it, where the connection's own timeout is reset by keepalives and
// by the server's writes. The client closing its input ends the session.
func (ss *session) pump() {
	buf := make([]byte, 4096)
	for {
		n, err := ss.sess.Read(buf)
		if n > 0 {
			ss.lastInput.Store(time.Now().UnixNano())
			if !ss.forward(buf[:n]) {
				return // the session is ending
			}
		}
		if err != nil {
			ss.end(endHangup)
			return
		}
	}
}

// forward passes the client's input to the program, unless the session's end is already
// written: bytes after endMark would reach Bubble Tea's input reader after the program ended,
// and the reader, which sends each event without watching for that, would wait for ever.
func (ss *session) forward(p []byte) bool {
	ss.inMu.Lock()
	defer ss.inMu.Unlock()
	if ss.inEnded {
		return false
	}
	_, err := ss.inW.Write(p)
	return err == nil
}

// filter sees every message before the screen and the dashboard size anything for it:
// a window size other than the pty's is dropped; endMark quits; a quit from the dashboard (q)
// ends the session through the input like any other end; a suspend (ctrl+z) resumes at once,
// as over SSH there is no shell to suspend to.
func (ss *session) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// A size report typed or pasted into the input (ESC[8;h;wt parses as one) would size the
		// screen's buffers to up to a million cells: only the pty's own sizes count.
		if packSize(msg.Width, msg.Height) != ss.size.Load() {
			return nil
		}
	case uv.UnknownApcEvent:
		if string(msg) == endMark {
			return tea.QuitMsg{}
		}
	case tea.QuitMsg, tea.InterruptMsg:
		ss.end(endQuit)
		return nil
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

func (ss *session) endReason() endReason {
	if r := ss.reason.Load(); r > 0 {
		return endReason(r - 1)
	}
	return endQuit
}

// message is what the user reads after the terminal is restored, and the exit status.
func (ss *session) message() (string, int) {
	c := ss.srv.cfg
	switch ss.endReason() {
	case endIdle:
		return fmt.Sprintf("flywheel: session ended after %s without input", c.IdleTimeout), 1
	case endTimeUp:
		return fmt.Sprintf("flywheel: session ended: sessions last at most %s on this server", c.MaxSessionTime), 1
	case endStopping:
		return "flywheel: the server is stopping; session ended", 1
	case endPanic:
		return "flywheel: the dashboard failed and this session ended (the error is in the server's log)", 1
	}
	return "", 0
}

// handle serves one SSH session: checks, one dashboard, then a clean end.
func (s *Server) handle(sess ssh.Session) {
	start := time.Now()
	id, _ := sess.Context().Value(ctxKey{}).(identity)
	logger := s.log.With("identity", id.name, "fingerprint", id.fingerprint, "addr", sess.RemoteAddr().String())
	pty, winch, ok := sess.Pty()
	if !ok {
		refuse(sess, noPty, 1)
		logger.Info("session refused", "reason", "no pty")
		return
	}
	logger = logger.With("term", termForLog(pty.Term))
	o, err := s.options(sess, id)
	if err != nil {
		why := engine.Printable(err.Error()) // it quotes the client's words
		refuse(sess, "flywheel: "+why, 2)
		logger.Info("session refused", "reason", "bad option", "err", why)
		return
	}
	m, err := s.newModel(o)
	if err != nil {
		why := engine.Printable(err.Error())
		refuse(sess, "flywheel: "+why, 1)
		logger.Error("session failed to start", "err", why)
		return
	}
	ss := &session{srv: s, sess: sess, id: id, ending: make(chan struct{})}
	ss.in, ss.inW = io.Pipe()
	defer ss.in.Close() // unblocks a write into a program that has ended
	ss.lastInput.Store(start.UnixNano())
	w, h := clamp(pty.Window.Width, pty.Window.Height)
	ss.size.Store(packSize(w, h))
	env := append(sess.Environ(), "TERM="+pty.Term)
	profile := colorprofile.Env(env)
	if o.profile != nil {
		profile = *o.profile
	}
	scr := newScreen(m, clientWriter{ss}, env, profile)
	ss.p = tea.NewProgram(&guard{m: scr, ss: ss, log: logger},
		tea.WithInput(ss.in),
		tea.WithFilter(ss.filter),
		tea.WithEnvironment(env),
		tea.WithColorProfile(profile),
		tea.WithWindowSize(w, h),
		tea.WithoutSignalHandler(),
		// The screen draws the frames; Bubble Tea reads the keys, and its idle tick is kept
		// to its slowest, as it has nothing to write.
		tea.WithoutRenderer(),
		tea.WithOutput(io.Discard),
		tea.WithFPS(1),
	)
	scr.send, scr.over = ss.p.Send, ss.ending
	if refusal := s.admit(ss); refusal != "" {
		refuse(sess, refusal, 1)
		logger.Info("session refused", "reason", refusal)
		return
	}
	logger.Info("session started", "size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height))

	stop := make(chan struct{})
	go ss.watch(winch, stop)
	go ss.pump()
	_, err = ss.p.Run()
	close(stop)
	scr.close()
	if ss.dropped.Load() {
		logger.Warn("connection closed: the client took none of the session's output", "within", endGrace)
	}
	switch {
	case ss.killed.Load():
		logger.Warn("session stopped: it did not end by its input", "within", endGrace)
	case err != nil && ss.endReason() != endPanic:
		ss.end(endPanic)
		logger.Error("session failed", "err", err)
	}
	msg, status := ss.message()
	if msg != "" {
		// On the terminal's own stream, after the bytes that restored it: on stderr, the client
		// could show it before them, inside the alternate screen it is about to leave.
		fmt.Fprint(clientWriter{ss}, msg+"\r\n")
	}
	_ = sess.Exit(status)
	// Logged before the release: once every session is released, Shutdown returns and the
	// process may exit, and a count of none means every end is in the log.
	logger.Info("session ended", "reason", ss.endReason().String(), "duration", time.Since(start).Round(time.Millisecond),
		"sent", ss.sent.Load())
	s.release(ss) // after the exit status: Shutdown drops the connections once all are released
}

// watch passes window changes (clamped) to the program and ends the session when the client
// closes it, when its connection goes, when it idles or when its time is up. A session that has
// not ended by its input within endGrace of being asked to is either still writing to a client
// that takes nothing (a frozen terminal): its connection is closed, which alone gives the write
// back; or it is stopped outright. The window channel closing is the sign a client closed the
// session but kept its connection (as OpenSSH's ControlMaster does): Wish's own middleware
// misses it and spins.
func (ss *session) watch(winch <-chan ssh.Window, stop <-chan struct{}) {
	c := ss.srv.cfg
	idle := time.NewTimer(c.IdleTimeout)
	defer idle.Stop()
	limit := time.NewTimer(c.MaxSessionTime)
	defer limit.Stop()
	resized := ss.resizer()
	defer close(resized)
	gone, ending := ss.sess.Context().Done(), ss.ending
	var kill <-chan time.Time
	for {
		select {
		case <-stop:
			// The SSH library hands over window changes until the client closes the channel,
			// and while one waits here it reads nothing else from the connection.
			if winch != nil {
				go drain(winch)
			}
			return
		case <-gone:
			gone = nil
			ss.end(endHangup)
		case win, ok := <-winch:
			if !ok {
				winch = nil
				ss.end(endHangup)
				continue
			}
			w, h := clamp(win.Width, win.Height)
			ss.size.Store(packSize(w, h))
			select {
			case resized <- struct{}{}:
			default: // a resize is already on its way; it will read the newest size
			}
		case <-idle.C:
			if rest := c.IdleTimeout - time.Since(time.Unix(0, ss.lastInput.Load())); rest > 0 {
				idle.Reset(rest)
				continue
			}
			ss.end(endIdle)
		case <-limit.C:
			ss.end(endTimeUp)
		case <-ending:
			ending, kill = nil, time.After(endGrace)
		case <-kill:
			if ss.writing.Load() && !ss.dropped.Load() {
				// Closed, the connection fails the write, and the program reads on to its end
				// mark. Program.Kill here would leave its input reader waiting for ever to hand
				// over the events still queued.
				ss.dropped.Store(true)
				if conn, ok := ss.sess.Context().Value(ssh.ContextKeyConn).(io.Closer); ok {
					conn.Close()
				}
				kill = time.After(endGrace)
				continue
			}
			ss.killed.Store(true)
			ss.p.Kill()
		}
	}
}

// resizer passes the newest window size to the program each time it is told to, on a goroutine
// of its own: the program takes nothing while it writes, and a client that does not read can
// keep it writing, which must not hold up the watch over the session's time.
func (ss *session) resizer() chan<- struct{} {
	resized := make(chan struct{}, 1)
	go func() {
		for range resized {
			w, h := unpackSize(ss.size.Load())
			ss.p.Send(tea.WindowSizeMsg{Width: w, Height: h}) // returns once the program has ended
		}
	}()
	return resized
}

// drain takes, and drops, the window changes a client sends after its session is over.
func drain(winch <-chan ssh.Window) {
	for range winch {
	}
}

func (s *Server) admit(ss *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.stopping:
		return "flywheel: the server is stopping; try again later"
	case len(s.sessions) >= s.cfg.MaxSessions:
		return fmt.Sprintf("flywheel: the server is full (%s); try again later", sessions(s.cfg.MaxSessions))
	case s.perKey[ss.id.fingerprint] >= s.cfg.MaxPerKey:
		return fmt.Sprintf("flywheel: this key already has %s open, the most allowed; close one first", sessions(s.cfg.MaxPerKey))
	}
	s.sessions[ss] = struct{}{}
	s.perKey[ss.id.fingerprint]++
	s.done.Add(1)
	return ""
}

// termForLog is a client's TERM as the log shows it: its words, so made printable on one line
// and cut to a length no terminal's name comes near.
func termForLog(term string) string {
	const limit = 64
	term = engine.Printable(term)
	if len(term) > limit {
		cut := limit
		for !utf8.RuneStart(term[cut]) {
			cut--
		}
		term = term[:cut] + "…"
	}
	return term
}

// sessions is n sessions, in words: "1 session", "4 sessions".
func sessions(n int) string {
	if n == 1 {
		return "1 session"
	}
	return fmt.Sprintf("%d sessions", n)
}

func (s *Server) release(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, ss)
	if s.perKey[ss.id.fingerprint]--; s.perKey[ss.id.fingerprint] <= 0 {
		delete(s.perKey, ss.id.fingerprint)
	}
	s.done.Done()
}

// refuse ends a session before it has a dashboard: one line, then the exit status.
func refuse(sess ssh.Session, line string, status int) {
	fmt.Fprint(sess.Stderr(), line+"\r\n")
	_ = sess.Exit(status)
}

func packSize(w, h int) uint64 { return uint64(uint32(w))<<32 | uint64(uint32(h)) }

func unpackSize(s uint64) (w, h int) { return int(s >> 32), int(uint32(s)) }

func clamp(w, h int) (int, int) {
	return max(0, min(w, maxCols)), max(0, min(h, maxRows))
}

// clientWriter sends to the client, counting the bytes for the log and noting while a write is under
// way: one that lasts is a client that takes nothing.
type clientWriter struct{ ss *session }

func (c clientWriter) Write(p []byte) (int, error) {
	c.ss.writing.Store(true)
	n, err := c.ss.sess.Write(p)
	c.ss.writing.Store(false)
	c.ss.sent.Add(int64(n))
	return n, err
}

// guard confines a panic in the dashboard to its session: it is logged with its stack, the
// program quits (restoring the terminal) and the user is told. Bubble Tea's own recovery would
// print the stack on the server's stderr instead of the log.
type guard struct {
	m      tea.Model
	ss     *session
	log    interface{ Error(any, ...any) }
	failed bool
}

func (g *guard) fail(r any) {
	g.failed = true
	g.log.Error("session panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	g.ss.end(endPanic)
}

func (g *guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			cmd = nil
		}
	}()
	return g.m.Init()
}

func (g *guard) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	if g.failed {
		return g, nil
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			model, cmd = g, nil
		}
	}()
	g.m, cmd = g.m.Update(msg)
	return g, cmd
}

func (g *guard) View() (v tea.View) {
	if g.failed {
		return tea.NewView("")
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			v = tea.NewView("")
		}
	}()
	return g.m.View()
}
