package serve

import (
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestDashboardOverSSH: an authorised key gets the dashboard, a nudge changes investment from
// $1.4T to $1.45T, a window change reflows, and q exits 0 leaving the alternate screen.
func TestDashboardOverSSH(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	c := ts.open(t, key, dialOpts{term: "xterm-256color", w: 120, h: 40, env: map[string]string{"LANG": "en_US.UTF-8"}})
	c.waitFor("Levers", "$1.4T")
	c.send("\x1b[C") // →
	c.waitFor("$1.45T")
	c.resize(40, 10)
	c.waitFor("this one is 40×10")
	c.resize(120, 40)
	c.waitFor("Levers", "$1.45T")
	c.send("u") // undo: unsaved moves would make q ask first
	c.waitFor("$1.4T ")
	c.send("q")
	if got := c.exit(); got != 0 {
		t.Fatalf("q: exit status %d, want 0", got)
	}
	raw := c.rawText()
	if i, j := strings.LastIndex(raw, "\x1b[?1049h"), strings.LastIndex(raw, "\x1b[?1049l"); i < 0 || j < i {
		t.Fatalf("the alternate screen was not left (enter at %d, leave at %d)", i, j)
	}
	if !strings.Contains(ts.logs.String(), "identity=alice") {
		t.Errorf("the log does not name the identity:\n%s", ts.logs.String())
	}
}

// TestSessionsIndependent: a lever moved in one session is unchanged in another; two sessions
// with different TERM get different colour codes.
func TestSessionsIndependent(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	a := ts.open(t, key, dialOpts{term: "xterm-256color", w: 120, h: 40})
	b := ts.open(t, key, dialOpts{term: "xterm", w: 120, h: 40})
	a.waitFor("$1.4T")
	b.waitFor("$1.4T")
	a.send("\x1b[C")
	a.waitFor("$1.45T")
	b.send("\x1b[B") // b moves its own selection: a frame is drawn after a's move
	b.waitFor("> GPU supply")
	if strings.Contains(b.screen(), "$1.45T") {
		t.Fatal("a's move shows in b")
	}
	if !strings.Contains(a.rawText(), "\x1b[38;5;") {
		t.Error("xterm-256color got no 256-colour codes")
	}
	if strings.Contains(b.rawText(), "\x1b[38;5;") || strings.Contains(b.rawText(), "\x1b[38;2;") {
		t.Error("xterm got 256-colour or truecolor codes")
	}
}

// TestColourDepthOverSSH: OpenSSH does not pass COLORTERM, so a truecolor terminal is drawn in
// 256 colours until its user presses C, which redraws every cell in true colour.
func TestColourDepthOverSSH(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	c := ts.open(t, key, dialOpts{term: "xterm-256color", w: 120, h: 40, env: map[string]string{"LANG": "en_US.UTF-8"}})
	c.waitFor("Levers")
	if raw := c.rawText(); !strings.Contains(raw, "\x1b[38;5;") || strings.Contains(raw, "8;2;") {
		t.Fatal("xterm-256color should start in 256 colours")
	}
	from := c.rawLen()
	c.send("C")
	c.waitFor("colours: true colour")
	waitUntil(t, "the repaint", func() bool { return strings.Count(c.rawText()[from:], "8;2;") > 100 })
	after := c.rawText()[from:]
	if strings.Contains(after, "\x1b[38;5;") {
		t.Errorf("256-colour codes after C: %q", after[:min(len(after), 300)])
	}
}
