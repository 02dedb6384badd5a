package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestUnknownKeyRefused: a key not in authorized_keys does not get in, and the log says so.
func TestUnknownKeyRefused(t *testing.T) {
	ts := start(t, testConfig(t, authorizedLine(testutil.SSHKey(t), "alice")))
	stranger := testutil.SSHKey(t)
	if _, err := ts.dialConn(t, stranger); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key connected (err %v)", err)
	}
	if !strings.Contains(ts.logs.String(), "key refused") {
		t.Errorf("the refusal is not logged:\n%s", ts.logs.String())
	}
}

// TestKeyAfterBadLine: a bad line is logged with its line number and skipped; the key after it
// still gets in, under its comment as identity. A key with options (from=, command=, …) is
// skipped too, as flywheel cannot honour them: letting it in would drop its restrictions.
func TestKeyAfterBadLine(t *testing.T) {
	bob, carol := testutil.SSHKey(t), testutil.SSHKey(t)
	file := "# team\nssh-ed25519 AAAAnotbase64!! broken\n" + `from="10.0.0.0/8",no-pty ` + authorizedLine(carol, "carol") + authorizedLine(bob, "bob")
	ts := start(t, testConfig(t, file))
	for _, want := range []string{
		"authorized_keys:2: not a public key",
		`authorized_keys:3: key options (from="10.0.0.0/8",no-pty) are not supported; line skipped`,
		"keys=1 skipped=2",
	} {
		if !strings.Contains(ts.logs.String(), want) {
			t.Errorf("the log does not say %s:\n%s", want, ts.logs.String())
		}
	}
	if _, err := ts.dialConn(t, carol); err == nil {
		t.Error("a key with options got in without them")
	}
	c := ts.open(t, bob, dialOpts{term: "xterm", w: 100, h: 30})
	c.waitFor("Levers")
	waitUntil(t, "the session's log line", func() bool { return strings.Contains(ts.logs.String(), "identity=bob") })
}

// TestNoKeysRefusesToStart: without keys and without --open the server does not start; with
// --open it does, and warns.
func TestNoKeysRefusesToStart(t *testing.T) {
	cfg := testConfig(t, "")
	cfg.AuthorizedKeys = ""
	_, err := New(cfg)
	if err == nil || !strings.Contains(err.Error(), "no --authorized-keys") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("no keys: err %v, want one line naming --authorized-keys", err)
	}
	cfg = testConfig(t, "# nobody yet\nnot a key\n")
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "no valid key") {
		t.Fatalf("a file without a valid key: err %v", err)
	}
	cfg.AuthorizedKeys, cfg.Open = "", true
	ts := start(t, cfg)
	if !strings.Contains(ts.logs.String(), "WARN") || !strings.Contains(ts.logs.String(), "--open") {
		t.Errorf("--open is not logged as a warning:\n%s", ts.logs.String())
	}
	c := ts.open(t, testutil.SSHKey(t), dialOpts{term: "xterm", w: 100, h: 30})
	c.waitFor("Levers")
}

// TestNewRefusesBadLimits: a limit a program embedding the server got wrong is refused with one
// line naming its flag, before anything is created.
func TestNewRefusesBadLimits(t *testing.T) {
	cases := []struct {
		name string
		set  func(*Config)
		want string
	}{
		{"sessions", func(c *Config) { c.MaxSessions = 0 }, "--max-sessions 0: want at least 1"},
		{"per key", func(c *Config) { c.MaxPerKey = -1 }, "--max-per-key -1: want at least 1"},
		{"idle", func(c *Config) { c.IdleTimeout = 0 }, "--idle-timeout 0s: want a duration above 0, e.g. 15m"},
		{"session time", func(c *Config) { c.MaxSessionTime = -time.Second }, "--max-session-time -1s: want a duration above 0, e.g. 8h"},
		{"host key", func(c *Config) { c.HostKey = "" }, "--host-key: no path for the server's key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig(t, authorizedLine(testutil.SSHKey(t), "alice"))
			c.set(&cfg)
			if _, err := New(cfg); err == nil || err.Error() != c.want {
				t.Fatalf("err %v, want %q", err, c.want)
			}
			if cfg.HostKey != "" {
				if _, err := os.Stat(filepath.Dir(cfg.HostKey)); !os.IsNotExist(err) {
					t.Errorf("the host key's folder was created for a refused configuration (%v)", err)
				}
			}
		})
	}
}

// TestHostKeyModes: a missing key is created 0600 in a folder whose mode is left as it was; a
// key readable by others is refused with its mode.
func TestHostKeyModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, authorizedLine(testutil.SSHKey(t), "alice"))
	cfg.HostKey = filepath.Join(dir, "host_ed25519")
	if _, err := New(cfg); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(cfg.HostKey); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Errorf("the folder's mode changed to %v", fi.Mode().Perm())
	}
	first, _ := os.ReadFile(cfg.HostKey)
	if _, err := New(cfg); err != nil { // the key is reused, not replaced
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(cfg.HostKey); string(again) != string(first) {
		t.Error("the host key was replaced on the second start")
	}
	if err := os.Chmod(cfg.HostKey, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(cfg)
	if err == nil || !strings.Contains(err.Error(), "mode 0644") || !strings.Contains(err.Error(), "--host-key") {
		t.Fatalf("a 0644 host key: err %v, want a refusal naming --host-key and mode 0644", err)
	}
}

// TestDefaultHostKey follows XDG_DATA_HOME, else ~/.local/share.
func TestDefaultHostKey(t *testing.T) {
	env := map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/a"}
	if got, _ := DefaultHostKey(func(k string) string { return env[k] }); got != "/data/flywheel/host_ed25519" {
		t.Errorf("with XDG_DATA_HOME: %s", got)
	}
	delete(env, "XDG_DATA_HOME")
	if got, _ := DefaultHostKey(func(k string) string { return env[k] }); got != "/home/a/.local/share/flywheel/host_ed25519" {
		t.Errorf("without: %s", got)
	}
}

// TestReloadKeys: keys added to the file get in after Reload (SIGHUP), keys removed no longer do.
func TestReloadKeys(t *testing.T) {
	alice, bob := testutil.SSHKey(t), testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(alice, "alice"))
	ts := start(t, cfg)
	if _, err := ts.dialConn(t, bob); err == nil {
		t.Fatal("bob got in before being added")
	}
	if err := os.WriteFile(cfg.AuthorizedKeys, []byte(authorizedLine(bob, "bob")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ts.Reload(); err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dialConn(t, bob); err != nil {
		t.Fatalf("bob after reload: %v", err)
	} else {
		c.Close()
	}
	if _, err := ts.dialConn(t, alice); err == nil {
		t.Fatal("alice still gets in after her key was removed")
	}
}

// TestIdentityFolder: a key's comment names its folder of saved scenarios when it is a valid
// scenario name; otherwise (user@host, a path) the folder is named by the key's fingerprint.
func TestIdentityFolder(t *testing.T) {
	pub := testutil.SSHKey(t).PublicKey()
	if id := newIdentity(pub, "alice"); id.name != "alice" || id.folder != "alice" {
		t.Errorf("alice: %+v", id)
	}
	for _, comment := range []string{"alice@laptop", "../etc", ".hidden", ""} {
		id := newIdentity(pub, comment)
		if !strings.HasPrefix(id.folder, "key-") || strings.ContainsAny(id.folder, "/+=") {
			t.Errorf("%q: folder %q, want key-<fingerprint>", comment, id.folder)
		}
		if comment == "" && !strings.HasPrefix(id.name, "SHA256:") {
			t.Errorf("no comment: identity %q, want the fingerprint", id.name)
		}
	}
}

// TestNoTunnels: a key lets its holder into a dashboard and nothing else. A server many share must
// not become a way into its network: port forwarding either way and subsystems (sftp) are refused.
func TestNoTunnels(t *testing.T) {
	key := testutil.SSHKey(t)
	ts := start(t, testConfig(t, authorizedLine(key, "alice")))
	conn, err := ts.dialConn(t, key)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if c, err := conn.Dial("tcp", ts.addr); err == nil {
		c.Close()
		t.Error("a local forward (ssh -L) was opened")
	}
	if l, err := conn.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("a remote forward (ssh -R) was opened")
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was started")
	}
}
