package serve

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// testServer is a server on 127.0.0.1:0 with its host key and authorised keys in a temp folder.
type testServer struct {
	*Server
	addr string
	logs *testutil.SyncBuffer
	done chan error
}

// authorizedLine is a key's line in authorized_keys, with its comment.
func authorizedLine(k gossh.Signer, comment string) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey()))) + " " + comment + "\n"
}

func testConfig(t testing.TB, keysFile string) Config {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(path, []byte(keysFile), 0o600); err != nil {
		t.Fatal(err)
	}
	return Config{
		Listen: "127.0.0.1:0", HostKey: filepath.Join(dir, "host", "host_ed25519"), AuthorizedKeys: path,
		MaxSessions: DefaultMaxSessions, MaxPerKey: DefaultMaxPerKey,
		IdleTimeout: DefaultIdleTimeout, MaxSessionTime: DefaultMaxSessionTime,
	}
}

// start runs a server with cfg until the test ends.
func start(t testing.TB, cfg Config) *testServer {
	t.Helper()
	return startWith(t, cfg, nil)
}

// startWith runs a server changed by before, which runs before it serves.
func startWith(t testing.TB, cfg Config, before func(*Server)) *testServer {
	t.Helper()
	logs := &testutil.SyncBuffer{}
	cfg.Log = log.New(logs)
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(s)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, addr: l.Addr().String(), logs: logs, done: make(chan error, 1)}
	go func() { ts.done <- s.Serve(l) }()
	t.Cleanup(func() {
		_ = s.Shutdown(t.Context())
		<-ts.done
	})
	return ts
}

// client is one SSH session with a terminal emulator reading what the server sends.
type client struct {
	t    testing.TB
	conn *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser
	inMu sync.Mutex

	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer

	stall <-chan struct{} // while open, the terminal reads nothing (a frozen terminal)
	done  chan error
}

type dialOpts struct {
	term    string // "" for no pty
	w, h    int
	command string
	env     map[string]string
	stall   <-chan struct{} // see client.stall
}

func (ts *testServer) dialConn(t testing.TB, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "someone", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
}

// open connects with key and starts a shell (or the command) with a pty of o.term at o.w×o.h.
func (ts *testServer) open(t testing.TB, key gossh.Signer, o dialOpts) *client {
	t.Helper()
	conn, err := ts.dialConn(t, key)
	if err != nil {
		t.Fatal(err)
	}
	return openOn(t, conn, o)
}

func openOn(t testing.TB, conn *gossh.Client, o dialOpts) *client {
	t.Helper()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	w, h := max(o.w, 1), max(o.h, 1)
	c := &client{t: t, conn: conn, sess: sess, emu: vt.NewEmulator(min(w, 400), min(h, 200)),
		stall: o.stall, done: make(chan error, 1)}
	t.Cleanup(func() { sess.Close(); conn.Close() })
	for k, v := range o.env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if o.term != "" {
		if err := sess.RequestPty(o.term, o.h, o.w, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	sess.Stdout, sess.Stderr = c, c
	go func() { // the terminal's answers to the program's queries
		buf := make([]byte, 256)
		for {
			n, err := c.emu.Read(buf)
			if err != nil {
				return
			}
			c.send(string(buf[:n]))
		}
	}()
	if o.command != "" {
		err = sess.Start(o.command)
	} else {
		err = sess.Shell()
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		err := sess.Wait()
		// The session is over: the terminal answers nothing more, and its reader above ends.
		c.emu.InputPipe().(*io.PipeWriter).CloseWithError(io.EOF)
		c.done <- err
	}()
	return c
}

func (c *client) Write(p []byte) (int, error) {
	if c.stall != nil {
		<-c.stall
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.raw.Write(p)
	return c.emu.Write(p)
}

// resize changes the window, as a terminal does when the user resizes it.
func (c *client) resize(w, h int) {
	c.t.Helper()
	c.mu.Lock()
	c.emu.Resize(w, h)
	c.mu.Unlock()
	if err := c.sess.WindowChange(h, w); err != nil {
		c.t.Fatal(err)
	}
}

// send types text (or escape sequences) into the session.
func (c *client) send(s string) {
	c.inMu.Lock()
	defer c.inMu.Unlock()
	_, _ = io.WriteString(c.in, s)
}

// screen is what the user sees now.
func (c *client) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.emu.String()
}

func (c *client) rawText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.String()
}

func (c *client) rawLen() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.Len()
}

// waitFor waits until the screen shows every one of texts.
func (c *client) waitFor(texts ...string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s := c.screen()
		ok := true
		for _, x := range texts {
			ok = ok && strings.Contains(s, x)
		}
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatalf("the screen never showed %q; it shows:\n%s", texts, c.screen())
}

// exit waits for the session to end and returns its exit status.
func (c *client) exit() int {
	c.t.Helper()
	select {
	case err := <-c.done:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		}
		c.t.Fatalf("session ended without a status: %v", err)
	case <-time.After(10 * time.Second):
		c.t.Fatalf("session did not end; the screen shows:\n%s", c.screen())
	}
	return -1
}

// waitUntil polls cond for up to 10 s.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
