//go:build linux

package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// TestServeRefusesBadSetup: without keys, with a bad limit in a flag, the environment or the
// file, `flywheel serve` refuses to start with one line naming it, exit 2.
func TestServeRefusesBadSetup(t *testing.T) {
	path := isolate(t)
	hostKey := "--host-key=" + filepath.Join(t.TempDir(), "host")
	cases := []struct {
		name, file string
		env        [2]string
		args       []string
		want       string
	}{
		{"no keys", "", [2]string{}, nil, "flywheel: no --authorized-keys: give the file of the keys allowed in, or --open to let any key in\n"},
		{"flag", "", [2]string{}, []string{"--open", "--max-sessions=0"}, `flywheel: max-sessions = "0": want a whole number of at least 1 (from flag --max-sessions)` + "\n"},
		{"env", "", [2]string{"FLYWHEEL_SERVE_IDLE_TIMEOUT", "soon"}, []string{"--open"}, `flywheel: idle-timeout = "soon": want a duration above 0, e.g. 15m or 8h (from env FLYWHEEL_SERVE_IDLE_TIMEOUT)` + "\n"},
		{"file", "theme: dark\nserve_max_per_key: -1\n", [2]string{}, []string{"--open"}, `flywheel: max-per-key = "-1": want a whole number of at least 1 (from file ` + path + ":2)\n"},
		{"listen", "", [2]string{"FLYWHEEL_SERVE_LISTEN", "2222"}, []string{"--open"}, `flywheel: listen = "2222": want host:port, e.g. 127.0.0.1:2222 (from env FLYWHEEL_SERVE_LISTEN)` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, []byte(c.file), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.env[0] != "" {
				t.Setenv(c.env[0], c.env[1])
			}
			_, errOut, code := flywheel(t, append([]string{"serve", hostKey}, c.args...)...)
			if code != 2 || errOut != c.want {
				t.Fatalf("exit %d, stderr %q; want 2, %q", code, errOut, c.want)
			}
		})
	}
}

// runSession runs command over a session with a pty and returns what the client read and the
// exit status.
func runSession(t *testing.T, addr string, key gossh.Signer, command string) (string, int) {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	var out testutil.SyncBuffer
	sess.Stdout, sess.Stderr = &out, &out
	err = sess.Run(command)
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &ee):
		return out.String(), ee.ExitStatus()
	}
	t.Fatalf("%q: %v", command, err)
	return "", -1
}

// TestServeCommand: the serve command checks a session's options as the CLI checks its flags,
// re-reads the keys on SIGHUP, and on SIGTERM stops its sessions and exits 0.
func TestServeCommand(t *testing.T) {
	isolate(t)
	alice, bob := testutil.SSHKey(t), testutil.SSHKey(t)
	keys := filepath.Join(t.TempDir(), "keys")
	line := func(k gossh.Signer, name string) string {
		return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey()))) + " " + name + "\n"
	}
	if err := os.WriteFile(keys, []byte(line(alice, "alice")), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs testutil.SyncBuffer
	exited := make(chan int, 1)
	go func() {
		exited <- execute([]string{"serve", "--listen", "127.0.0.1:0", "--authorized-keys", keys}, &logs, &logs)
	}()
	listening := regexp.MustCompile(`serving listen=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == ""; time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start:\n%s", logs.String())
		}
	}

	out, code := runSession(t, addr, alice, "--theme purple")
	want := `flywheel: theme = "purple": want one of auto, dark, light (from the session's --theme)` + "\r\n"
	if code != 2 || out != want {
		t.Fatalf("a bad session option: exit %d, %q; want 2, %q", code, out, want)
	}
	if out, code = runSession(t, addr, alice, "--colour 256"); code != 2 || !strings.Contains(out, "unknown flag: --colour") {
		t.Fatalf("an unknown session option: exit %d, %q", code, out)
	}

	if err := os.WriteFile(keys, []byte(line(alice, "alice")+line(bob, "bob")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "keys=2"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload the keys:\n%s", logs.String())
		}
	}
	if out, code = runSession(t, addr, bob, "--scenario nope"); code != 2 || !strings.Contains(out, `--scenario "nope": no preset of that name`) {
		t.Fatalf("bob after SIGHUP: exit %d, %q", code, out)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 0 {
			t.Fatalf("after SIGTERM: exit %d:\n%s", code, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not stop the server")
	}
}

// TestServeKeysInConfig: the serve keys come from the file and FLYWHEEL_SERVE_*, and
// `flywheel config` shows each with its source.
func TestServeKeysInConfig(t *testing.T) {
	path := isolate(t)
	if err := os.WriteFile(path, []byte("serve_listen: 0.0.0.0:2022\nserve_idle_timeout: 5m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FLYWHEEL_SERVE_MAX_SESSIONS", "8")
	for key, want := range map[string][2]string{
		"serve_listen":       {"0.0.0.0:2022", "file " + path + ":1"},
		"serve_idle_timeout": {"5m", "file " + path + ":2"},
		"serve_max_sessions": {"8", "env FLYWHEEL_SERVE_MAX_SESSIONS"},
		"serve_max_per_key":  {"4", "default"},
	} {
		if got, source := configLine(t, nil, key); got != want[0] || source != want[1] {
			t.Errorf("%s = %s from %s, want %s from %s", key, got, source, want[0], want[1])
		}
	}
}
