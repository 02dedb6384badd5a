package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestSessionOptions: options after "--" choose language, ASCII, scenario and colour depth for
// that session only; ASCII otherwise follows the client's locale.
func TestSessionOptions(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	utf8 := map[string]string{"LANG": "en_US.UTF-8"}
	c := ts.open(t, key, dialOpts{term: "xterm", w: 120, h: 40, env: utf8,
		command: "--lang zh --ascii --scenario energy-wall --theme light --color 256"})
	c.waitFor("杠杆", "Energy wall")
	if strings.ContainsAny(c.screen(), "╭─│") {
		t.Error("--ascii: the screen has box-drawing characters")
	}
	if !strings.Contains(c.rawText(), "\x1b[38;5;") {
		t.Error("--color 256 on TERM=xterm: no 256-colour codes")
	}
	plain := ts.open(t, key, dialOpts{term: "xterm", w: 120, h: 40, env: utf8})
	plain.waitFor("Levers", "│")
	c.send("q")
	plain.send("q")
	c.exit()
	plain.exit()
}

// TestBadSessionOption: a bad option is one line and exit status 2, before any dashboard.
func TestBadSessionOption(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	for command, want := range map[string]string{
		"--color 99":      `flywheel: --color "99": want one of auto, truecolor, 256, 16, none`,
		"--scenario /etc": `flywheel: --scenario "/etc": no preset of that name (presets: `,
		"extra":           `flywheel: "extra" is not an option (options: --theme, --color, --ascii, --lang, --scenario)`,
		"--lang":          `flywheel: flag needs an argument: --lang (options: --theme, --color, --ascii, --lang, --scenario)`,
	} {
		c := ts.open(t, key, dialOpts{term: "xterm", w: 100, h: 30, command: command})
		if got := c.exit(); got != 2 {
			t.Errorf("%q: exit %d, want 2", command, got)
		}
		if got := c.rawText(); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
			t.Errorf("%q: the client read %q, want one line starting %q", command, got, want)
		}
	}
}

// TestClientTextInTheLog: what a client chooses (its TERM, its options) reaches the log as one
// line per event with its control characters made visible, so a client cannot forge a log line
// or send escapes to whoever reads the log in a terminal.
func TestClientTextInTheLog(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	c := ts.open(t, key, dialOpts{term: "xterm\x1b[31m\nINFO forged by TERM", w: 100, h: 30, command: "'--bo\nINFO forged by an option'"})
	if got := c.exit(); got != 2 {
		t.Fatalf("exit %d, want 2", got)
	}
	waitUntil(t, "the refusal in the log", func() bool { return strings.Contains(ts.logs.String(), "session refused") })
	logs := ts.logs.String()
	for i, line := range strings.Split(strings.TrimSuffix(logs, "\n"), "\n") {
		if !strings.HasPrefix(line, "INFO ") && !strings.HasPrefix(line, "WARN ") && !strings.HasPrefix(line, "ERRO ") {
			t.Errorf("log line %d is not an event of its own: %q", i+1, line)
		}
	}
	if strings.Contains(logs, "\x1b") || !strings.Contains(logs, `term="xterm\x1b[31m INFO forged by TERM"`) {
		t.Errorf("the TERM's escape is not made visible:\n%s", logs)
	}
	long := strings.Repeat("é", 100)
	if got := termForLog(long); got != strings.Repeat("é", 32)+"…" {
		t.Errorf("a 200-byte TERM is logged as %q, want 64 bytes and …", got)
	}
}

// TestStore: with --store each identity saves into a folder of its own and the screen names
// the scenario, never the server's path; another identity does not see it; --read-only and a
// server without --store refuse to save, saying why.
func TestStore(t *testing.T) {
	alice, bob := testutil.SSHKey(t), testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(alice, "alice")+authorizedLine(bob, "bob"))
	cfg.Store = t.TempDir()
	ts := start(t, cfg)
	pty := dialOpts{term: "xterm", w: 120, h: 40, env: map[string]string{"LANG": "en_US.UTF-8"}}
	a := ts.open(t, alice, pty)
	a.waitFor("Levers")
	a.send("\x1b[C")
	a.waitFor("$1.45T")
	a.send("s")
	a.waitFor("Save as")
	a.send("\x15plan\r") // ctrl+u clears the suggested name
	a.waitFor("saved “plan” to plan.yaml")
	if strings.Contains(a.screen(), cfg.Store) {
		t.Fatal("the screen shows the server's path")
	}
	if _, err := os.Stat(filepath.Join(cfg.Store, "alice", "plan.yaml")); err != nil {
		t.Fatalf("alice's scenario is not in her folder: %v", err)
	}
	if err := os.WriteFile(filepath.Join(cfg.Store, "alice", "broken.yaml"), []byte("levers: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := ts.open(t, alice, dialOpts{term: "xterm", w: 120, h: 40, env: pty.env, command: "--scenario plan"})
	again.waitFor("$1.45T")
	again.send("o")
	again.waitFor("broken: broken.yaml:")
	if strings.Contains(again.screen(), cfg.Store) {
		t.Fatalf("the picker shows the server's path:\n%s", again.screen())
	}
	b := ts.open(t, bob, dialOpts{term: "xterm", w: 120, h: 40, command: "--scenario plan"})
	if got := b.exit(); got != 2 || !strings.Contains(b.rawText(), `no preset or saved scenario of that name`) {
		t.Fatalf("bob opened alice's scenario: exit %d, %q", got, b.rawText())
	}

	for name, change := range map[string]func(*Config){
		"saving is off on this server (read-only)": func(c *Config) { c.ReadOnly = true },
		"saving is off on this server":             func(c *Config) { c.Store = "" },
	} {
		c := testConfig(t, authorizedLine(alice, "alice"))
		c.Store = t.TempDir()
		change(&c)
		s := start(t, c).open(t, alice, pty)
		s.waitFor("Levers")
		s.send("s")
		s.waitFor(name)
	}
}
