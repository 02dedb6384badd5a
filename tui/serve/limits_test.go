package serve

import (
	"context"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestNoPtyHint: a session without a terminal gets the one-line hint and exit status 1.
func TestNoPtyHint(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	c := ts.open(t, key, dialOpts{})
	if got := c.exit(); got != 1 {
		t.Fatalf("exit status %d, want 1", got)
	}
	if got := strings.TrimSpace(c.rawText()); got != noPty {
		t.Fatalf("the client read %q, want %q", got, noPty)
	}
}

// TestCaps: the server cap and the per-key cap each refuse with their own line; a freed slot is
// taken again.
func TestCaps(t *testing.T) {
	alice, bob, carol := testutil.SSHKey(t), testutil.SSHKey(t), testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(alice, "alice")+authorizedLine(bob, "bob")+authorizedLine(carol, "carol"))
	cfg.MaxSessions, cfg.MaxPerKey = 2, 1
	ts := start(t, cfg)
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	a := ts.open(t, alice, pty)
	a.waitFor("Levers")

	again := ts.open(t, alice, pty)
	if got := again.exit(); got != 1 {
		t.Fatalf("second session of one key: exit %d, want 1", got)
	}
	if got, want := strings.TrimSpace(again.rawText()), "flywheel: this key already has 1 session open, the most allowed; close one first"; got != want {
		t.Fatalf("per-key cap: %q, want %q", got, want)
	}

	b := ts.open(t, bob, pty)
	b.waitFor("Levers")
	full := ts.open(t, carol, pty)
	if got := full.exit(); got != 1 {
		t.Fatalf("third session: exit %d, want 1", got)
	}
	if got, want := strings.TrimSpace(full.rawText()), "flywheel: the server is full (2 sessions); try again later"; got != want {
		t.Fatalf("server cap: %q, want %q", got, want)
	}

	a.send("q")
	if got := a.exit(); got != 0 {
		t.Fatalf("q: exit %d", got)
	}
	waitUntil(t, "the slot to free", func() bool { return ts.Sessions() == 1 })
	c := ts.open(t, carol, pty)
	c.waitFor("Levers")
}

// TestPerKeyCount: the per-key count follows each session's start and end, so a freed slot is
// one slot, never the whole allowance again, and a key with no session left is forgotten.
func TestPerKeyCount(t *testing.T) {
	alice := testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(alice, "alice"))
	cfg.MaxPerKey = 2
	ts := start(t, cfg)
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	refused := func(what string) {
		t.Helper()
		if got := ts.open(t, alice, pty).exit(); got != 1 {
			t.Fatalf("%s: exit %d, want 1 (refused)", what, got)
		}
	}
	a, b := ts.open(t, alice, pty), ts.open(t, alice, pty)
	a.waitFor("Levers")
	b.waitFor("Levers")
	refused("a third session")
	a.send("q")
	a.exit()
	waitUntil(t, "a slot to free", func() bool { return ts.Sessions() == 1 })
	c := ts.open(t, alice, pty)
	c.waitFor("Levers")
	refused("a third session after one of two ended")
	for _, s := range []*client{b, c} {
		s.send("q")
		s.exit()
	}
	waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(ts.perKey) != 0 {
		t.Errorf("keys without a session are still counted: %v", ts.perKey)
	}
}

// TestIdle: typing keeps a session; keepalives do not; silence ends it with the reason, the
// terminal restored.
func TestIdle(t *testing.T) {
	key := testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(key, "alice"))
	cfg.IdleTimeout = time.Second
	ts := start(t, cfg)
	c := ts.open(t, key, dialOpts{term: "xterm", w: 100, h: 30})
	c.waitFor("Levers")
	for range 20 { // 2 s of typing, twice the timeout
		c.send("\x1b[B") // ↓: selects the next lever
		time.Sleep(100 * time.Millisecond)
		if _, _, err := c.conn.SendRequest("keepalive@openssh.com", true, nil); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-c.done:
		t.Fatalf("a session with input every 100 ms ended: %q", c.rawText()[max(0, len(c.rawText())-120):])
	default:
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // keepalives alone
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				_, _, _ = c.conn.SendRequest("keepalive@openssh.com", true, nil)
			}
		}
	}()
	if got := c.exit(); got != 1 {
		t.Fatalf("idle: exit %d, want 1", got)
	}
	raw := c.rawText()
	if !strings.HasSuffix(raw, "flywheel: session ended after 1s without input\r\n") {
		t.Fatalf("idle: the last line is not the reason: %q", raw[max(0, len(raw)-120):])
	}
	if i, j := strings.LastIndex(raw, "\x1b[?1049h"), strings.LastIndex(raw, "\x1b[?1049l"); j < i {
		t.Fatal("idle: the terminal was left in the alternate screen")
	}
	waitUntil(t, "the log line", func() bool { return strings.Contains(ts.logs.String(), "reason=idle") })
}

// TestMaxSessionTime: a session ends at --max-session-time, input or not.
func TestMaxSessionTime(t *testing.T) {
	key := testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(key, "alice"))
	cfg.MaxSessionTime = 300 * time.Millisecond
	ts := start(t, cfg)
	c := ts.open(t, key, dialOpts{term: "xterm", w: 100, h: 30})
	c.waitFor("Levers")
	c.send("\x1b[B")
	if got := c.exit(); got != 1 {
		t.Fatalf("exit %d, want 1", got)
	}
	if !strings.Contains(c.rawText(), "flywheel: session ended: sessions last at most 300ms on this server") {
		t.Fatal("the reason is not shown")
	}
}

// panicky panics on "!", as a bug in the dashboard would.
type panicky struct{ tea.Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "!" {
		panic("injected failure")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m}, cmd
}

// TestPanicIsolated: a panic ends its own session (message, exit 1, logged with its stack) and
// a second session goes on working.
func TestPanicIsolated(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := startWith(t, testConfig(t, authorizedLine(key, "alice")), func(s *Server) {
		s.newModel = func(o sessionOptions) (tea.Model, error) {
			m, err := newDashboard(o)
			return panicky{m}, err
		}
	})
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	a, b := ts.open(t, key, pty), ts.open(t, key, pty)
	a.waitFor("Levers")
	b.waitFor("Levers", "$1.4T")
	a.send("!")
	if got := a.exit(); got != 1 {
		t.Fatalf("the failed session: exit %d, want 1", got)
	}
	if !strings.Contains(a.rawText(), "flywheel: the dashboard failed and this session ended") {
		t.Fatal("the failed session's user is not told")
	}
	logs := ts.logs.String()
	if !strings.Contains(logs, "session panic") || !strings.Contains(logs, "injected failure") || !strings.Contains(logs, "goroutine") {
		t.Fatalf("the panic is not logged with its stack:\n%s", logs)
	}
	b.send("\x1b[C")
	b.waitFor("$1.45T")
}

// TestShutdown: every session is told and ends with its terminal restored, well within 5 s;
// new connections are refused; Serve returns nil.
func TestShutdown(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	pty := dialOpts{term: "xterm", w: 100, h: 30}
	a, b := ts.open(t, key, pty), ts.open(t, key, pty)
	a.waitFor("Levers")
	b.waitFor("Levers")
	began := time.Now()
	if err := ts.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("shutdown took %s", took)
	}
	// Every end is in the log before the server says it stopped: the process exits then.
	logs := ts.logs.String()
	if n, stopped := strings.Count(logs, "session ended"), strings.Index(logs, "INFO  stopped"); n != 2 || stopped < strings.LastIndex(logs, "session ended") {
		t.Errorf("the log has %d session ends, want 2, all before it stopped:\n%s", n, logs)
	}
	for _, c := range []*client{a, b} {
		c.exit()
		raw := c.rawText()
		if !strings.Contains(raw, "flywheel: the server is stopping; session ended") {
			t.Errorf("a session was not told: %q", raw[max(0, len(raw)-100):])
		}
		if i, j := strings.LastIndex(raw, "\x1b[?1049h"), strings.LastIndex(raw, "\x1b[?1049l"); j < i {
			t.Error("a terminal was left in the alternate screen")
		}
	}
	if err := <-ts.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	ts.done <- nil // for the cleanup
	if c, err := ts.dialConn(t, key); err == nil {
		c.Close()
		t.Fatal("a new connection was accepted after shutdown")
	}
}

// TestHugePty: a 2000×2000 pty request is laid out at most 400×200 and costs little heap.
func TestHugePty(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := ts.open(t, key, dialOpts{term: "xterm", w: 2000, h: 2000})
	c.waitFor("Levers")
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if grew > 64<<20 {
		t.Fatalf("a 2000×2000 session grew the heap by %d MiB", grew>>20)
	}
	t.Logf("a 2000×2000 pty request: heap +%.1f MiB", float64(grew)/(1<<20))
	waitUntil(t, "the log line", func() bool { return strings.Contains(ts.logs.String(), "size=2000x2000") })
}

// TestHandshakeTimeout: a client that opens TCP and never authenticates is dropped.
func TestHandshakeTimeout(t *testing.T) {
	ts := startWith(t, testConfig(t, authorizedLine(testutil.SSHKey(t), "alice")), func(s *Server) {
		if s.ssh.HandshakeTimeout != handshakeTimeout {
			t.Fatalf("handshake timeout %s, want %s", s.ssh.HandshakeTimeout, handshakeTimeout)
		}
		s.ssh.HandshakeTimeout = 200 * time.Millisecond
	})
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	began := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, conn); err != nil {
		t.Fatalf("the silent connection was not closed: %v", err)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Fatalf("closed after %s", took)
	}
}

// TestForgedSizeReport: a size report typed into the session does not resize it: only the
// pty's window changes count.
func TestForgedSizeReport(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	c := ts.open(t, key, dialOpts{term: "xterm", w: 120, h: 40, env: map[string]string{"LANG": "en_US.UTF-8"}})
	c.waitFor("Levers", "$1.4T")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.send("\x1b[8;1000;1000t\x1b[8;30;50t")
	c.send("\x1b[C")
	c.waitFor("Levers", "$1.45T") // still laid out for 120×40: 50×30 would say the window is too small
	if strings.Contains(c.screen(), "this one is") {
		t.Fatal("a typed size report resized the session")
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 16<<20 {
		t.Fatalf("a typed 1000×1000 report grew the heap by %d MiB", grew>>20)
	}
	c.resize(50, 30)
	c.waitFor("this one is 50×30")
}
