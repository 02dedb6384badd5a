package serve

import (
	"fmt"
	"net"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// settleGoroutines waits until the goroutines are back to at most base.
func settleGoroutines(t *testing.T, what string, base int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%s: %d goroutines, baseline %d:\n%s", what, runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// warmUp runs and quits one session, which starts the runtime's lazy goroutines, and returns
// the goroutines then running: the baseline every later session must return to.
func warmUp(t *testing.T, ts *testServer, key gossh.Signer, pty dialOpts) int {
	t.Helper()
	quitOne(t, ts, key, pty)
	time.Sleep(100 * time.Millisecond)
	return runtime.NumGoroutine()
}

// quitOne opens a session, quits it with q and closes its connection.
func quitOne(t *testing.T, ts *testServer, key gossh.Signer, pty dialOpts) {
	t.Helper()
	c := ts.open(t, key, pty)
	c.waitFor("Levers")
	c.send("q")
	c.exit()
	c.conn.Close()
	waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
}

// cpuTime is the process's user and system CPU time.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestNoLeaks: goroutines and sessions go back to baseline after a quit, a hang-up, a dropped
// TCP connection, and a session closed over a connection kept open (which must not spin).
func TestNoLeaks(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	base := warmUp(t, ts, key, pty) + 1 // each subtest runs on a goroutine of its own

	t.Run("quit", func(t *testing.T) {
		quitOne(t, ts, key, pty)
		settleGoroutines(t, "after quit", base)
	})
	t.Run("hang-up", func(t *testing.T) {
		c := ts.open(t, key, pty)
		c.waitFor("Levers")
		c.conn.Close()
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		settleGoroutines(t, "after hang-up", base)
	})
	t.Run("dropped TCP", func(t *testing.T) {
		raw, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		cc, chans, reqs, err := gossh.NewClientConn(raw, ts.addr, &gossh.ClientConfig{User: "x",
			Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if err != nil {
			t.Fatal(err)
		}
		c := openOn(t, gossh.NewClient(cc, chans, reqs), pty)
		c.waitFor("Levers")
		raw.Close() // the socket goes without an SSH goodbye
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		settleGoroutines(t, "after a dropped connection", base)
	})
	t.Run("resized while quitting", func(t *testing.T) {
		// Window changes that come after the session stopped watching them, before the client
		// has the session's close, must not wedge the connection.
		c := ts.open(t, key, pty)
		c.waitFor("Levers")
		c.send("q")
		for i := range 200 {
			if c.sess.WindowChange(30, 100-i%2) != nil {
				break // the session is closed
			}
		}
		c.exit()
		c.conn.Close()
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		settleGoroutines(t, "after resizes at the end", base)
	})
	t.Run("session closed, connection kept", func(t *testing.T) {
		c := ts.open(t, key, pty)
		c.waitFor("Levers")
		c.sess.Close()
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		before := cpuTime(t)
		time.Sleep(500 * time.Millisecond)
		if used := cpuTime(t) - before; used > 150*time.Millisecond {
			t.Errorf("with the session closed and its connection open, the process used %s of CPU in 500ms", used)
		}
		if !strings.Contains(ts.logs.String(), "reason=hang-up") {
			t.Errorf("the end is not logged as a hang-up:\n%s", ts.logs.String())
		}
		c.conn.Close()
		settleGoroutines(t, "after the kept connection closed", base)
	})
}

// TestHangUpInsideASequence: a client that hangs up inside an escape sequence (an OSC, a DCS,
// an APC or a CSI left open) still ends its session at once and frees its slot: the end of its
// input closes whatever it left open.
func TestHangUpInsideASequence(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	for _, tail := range []string{"\x1b]11;rgb:", "\x1bP1$r", "\x1b_x", "\x1b[1;", "\x1b]2;title"} {
		c := ts.open(t, key, pty)
		c.waitFor("Levers")
		c.send(tail)
		c.conn.Close()
		start := time.Now()
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		if took := time.Since(start); took > endGrace/2 {
			t.Errorf("hanging up after %q: the session took %s to end", tail, took)
		}
	}
	if logs := ts.logs.String(); strings.Contains(logs, "did not end by its input") {
		t.Errorf("a session had to be stopped:\n%s", logs)
	}
}

// TestNothingAfterTheEnd: a hang-up can end a session before its last bytes have gone from
// the connection to the program; those bytes must be dropped, not written after the end mark,
// where Bubble Tea's input reader would read them after the program ended and wait for ever to
// send their event. Forty sessions that type a little and hang up at once leave no goroutine.
func TestNothingAfterTheEnd(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	base := warmUp(t, ts, key, pty)
	tails := []string{"x", "\x1b", "\x1b[", "q\x1b[", "\xe4\xb8"}
	for i := range 40 {
		c := ts.open(t, key, pty)
		c.waitFor("Levers")
		c.send(tails[i%len(tails)])
		c.conn.Close()
		waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
		settleGoroutines(t, fmt.Sprintf("after a hang-up while typing %q", tails[i%len(tails)]), base)
	}
}

// TestSessionStoppedAfterGrace: a session whose input cannot end it (here, no end is written)
// is stopped endGrace after it was asked to end, logged as such, and frees its slot.
func TestSessionStoppedAfterGrace(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := startWith(t, testConfig(t, authorizedLine(key, "alice")), func(s *Server) { s.endInput = "" })
	base := runtime.NumGoroutine()
	c := ts.open(t, key, dialOpts{term: "xterm", w: 100, h: 30})
	c.waitFor("Levers")
	start := time.Now()
	c.conn.Close()
	waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
	if took := time.Since(start); took < endGrace || took > endGrace+time.Second {
		t.Errorf("the session ended %s after the hang-up, want %s", took, endGrace)
	}
	if !strings.Contains(ts.logs.String(), "session stopped: it did not end by its input") {
		t.Errorf("the stop is not logged:\n%s", ts.logs.String())
	}
	settleGoroutines(t, "after the stop", base)
}

// TestStalledClient: a client whose terminal stops reading (frozen, or suspended while its ssh
// still answers the connection) blocks the session's writes once the SSH window is full. Its
// window changes must not hold up the session's timers; the idle timeout still ends it, its
// connection is closed when nothing else gives the write back, and its slot is freed.
func TestStalledClient(t *testing.T) {
	key := testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(key, "alice"))
	cfg.IdleTimeout = 2 * time.Second
	ts := start(t, cfg)
	base := runtime.NumGoroutine()
	gate := make(chan struct{})
	c := ts.open(t, key, dialOpts{term: "xterm-256color", w: 400, h: 200, stall: gate})
	waitUntil(t, "the session", func() bool { return ts.Sessions() == 1 })
	ss := ts.only()
	// ctrl+l repaints the whole 400×200 screen (~50 KB); unread, the frames fill the 2 MB SSH
	// window, until a write waits. Each ctrl+l goes once the last frame is out, however long the
	// frame takes to draw (under -race on a busy machine, several hundred ms), so the input never
	// queues behind the frames: the idle timeout counts from the program taking the input, and
	// keys waiting on a slow program would let it fire while the test still types.
	deadline := time.Now().Add(60 * time.Second)
	for stalledFor := time.Duration(0); stalledFor < 300*time.Millisecond; {
		sent := ss.sent.Load()
		if ts.Sessions() == 0 {
			t.Fatalf("the session ended after %d bytes:\n%s", sent, ts.logs.String())
		}
		c.send("\x0c")      // ctrl+l
		var since time.Time // when the write under way began to be seen
		for stalledFor = 0; ss.sent.Load() == sent && stalledFor < 300*time.Millisecond; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the writes never waited: %d bytes sent", ss.sent.Load())
			}
			switch {
			case !ss.writing.Load():
				since = time.Time{}
			case since.IsZero():
				since = time.Now()
			default:
				stalledFor = time.Since(since)
			}
		}
	}
	// Window changes now, while the session cannot take them, must not hold up its idle end.
	for i := range 40 {
		if err := c.sess.WindowChange(200, 400-i%2); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	waitUntil(t, "the stalled session to end", func() bool { return ts.Sessions() == 0 })
	if took := time.Since(start); took > cfg.IdleTimeout+2*endGrace+2*time.Second {
		t.Errorf("the stalled session took %s to end", took)
	}
	logs := ts.logs.String()
	for _, want := range []string{"connection closed: the client took none of the session's output", "reason=idle"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log does not say %q:\n%s", want, logs)
		}
	}
	close(gate)
	settleGoroutines(t, "after the stalled session", base)
}

// only is the server's one session.
func (ts *testServer) only() *session {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for ss := range ts.sessions {
		return ss
	}
	return nil
}
