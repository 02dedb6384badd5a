// Package serve runs the dashboard over SSH, one dashboard per session, for people who connect
// with their own key to a server many share. It is flywheel's only user of SSH (charm.land/ssh,
// the server Wish is built on): the command wires flags and signals to Config, New, Serve,
// Reload and Shutdown.
//
// It keeps what a shared server needs and Wish leaves out: keys parsed once (a bad line skipped,
// not fatal to the keys after it), a host key never readable by others, caps on sessions per
// server and per key, an idle timeout counted from the user's own input, window sizes bounded
// before anything is laid out, frames sent when the dashboard changes and never on a tick, a
// client that stops reading holding up only its own session, a panic confined to its session,
// and a shutdown that tells every session and restores its terminal.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/engine"
)

// Config is what `flywheel serve` is told by its flags, environment and configuration file.
type Config struct {
	Listen         string // host:port
	HostKey        string // the server's private key; created 0600 when missing
	AuthorizedKeys string // OpenSSH authorized_keys; "" with Open lets any key in
	Open           bool   // accept any key: an explicit, logged choice
	MaxSessions    int    // sessions at once on this server
	MaxPerKey      int    // sessions at once per identity
	IdleTimeout    time.Duration
	MaxSessionTime time.Duration
	Store          string // folder of per-identity saved scenarios; "" turns saving off
	ReadOnly       bool   // saved scenarios can be opened, never written
	// CheckOption is the CLI's own check of a configuration key's value ("theme", "lang"), so a
	// session's option is refused in the words its flag would be; nil leaves it to the dashboard.
	CheckOption func(key, value string) error
	Log         *log.Logger // one line per event; nil discards
}

// Defaults of the limits, as the flags show them.
const (
	DefaultListen         = "127.0.0.1:2222"
	DefaultMaxSessions    = 64
	DefaultMaxPerKey      = 4
	DefaultIdleTimeout    = 15 * time.Minute
	DefaultMaxSessionTime = 8 * time.Hour
)

// handshakeTimeout ends a connection that has not authenticated by then: a client that opens
// TCP and says nothing would otherwise hold a goroutine and a socket for ever.
const handshakeTimeout = 30 * time.Second

// stopGrace is how long Shutdown waits for sessions to restore their terminals before it drops
// their connections.
const stopGrace = 5 * time.Second

// The largest window a session lays out for. The dashboard bounds its own layout at 500×200;
// this bounds the session screen's buffers before it, whatever size a pty request claims (a
// 2000×2000 request would otherwise cost ~430 MiB).
const maxCols, maxRows = 400, 200

// Server is a running `flywheel serve`.
type Server struct {
	cfg    Config
	log    *log.Logger
	ssh    *ssh.Server
	keys   atomic.Pointer[map[string]identity]
	signer gossh.Signer

	mu       sync.Mutex
	sessions map[*session]struct{}
	perKey   map[string]int
	stopping bool
	done     sync.WaitGroup // one per admitted session

	// newModel builds each session's dashboard; tests wrap it to inject a failure.
	newModel func(o sessionOptions) (tea.Model, error)
	// endInput is written after a session's last input to end it; tests blank it to find the
	// input that cannot end a session.
	endInput string
}

// New checks the configuration, loads the host key (creating it if missing) and the authorised
// keys, and returns a server ready to Serve. Every refusal is one line naming the flag.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard)
	}
	switch {
	case cfg.MaxSessions < 1:
		return nil, fmt.Errorf("--max-sessions %d: want at least 1", cfg.MaxSessions)
	case cfg.MaxPerKey < 1:
		return nil, fmt.Errorf("--max-per-key %d: want at least 1", cfg.MaxPerKey)
	case cfg.IdleTimeout <= 0:
		return nil, fmt.Errorf("--idle-timeout %s: want a duration above 0, e.g. 15m", cfg.IdleTimeout)
	case cfg.MaxSessionTime <= 0:
		return nil, fmt.Errorf("--max-session-time %s: want a duration above 0, e.g. 8h", cfg.MaxSessionTime)
	case cfg.AuthorizedKeys == "" && !cfg.Open:
		return nil, errors.New(`no --authorized-keys: give the file of the keys allowed in, or --open to let any key in`)
	case cfg.HostKey == "":
		return nil, errors.New("--host-key: no path for the server's key")
	}
	s := &Server{cfg: cfg, log: cfg.Log, sessions: map[*session]struct{}{}, perKey: map[string]int{}}
	s.newModel, s.endInput = newDashboard, stringTerminator+endMark
	if cfg.AuthorizedKeys != "" {
		if err := s.Reload(); err != nil {
			return nil, err
		}
	}
	if cfg.Open {
		s.log.Warn("open server: any SSH key is let in (--open)", "listen", cfg.Listen)
	}
	signer, err := loadHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.signer = signer
	s.ssh = &ssh.Server{
		Addr:             cfg.Listen,
		Handler:          s.handle,
		HostSigners:      []ssh.Signer{signer},
		PublicKeyHandler: s.authorize,
		HandshakeTimeout: handshakeTimeout,
		// A connection with no traffic at all (no session, no keepalive) goes a minute after a
		// session's idle timeout would have ended it: later than any session's own clean end.
		IdleTimeout:              cfg.IdleTimeout + time.Minute,
		ConnectionFailedCallback: s.connFailed,
	}
	return s, nil
}

// Reload parses the authorised keys file again (at start and on SIGHUP). Bad lines are logged
// and skipped; a file that cannot be read keeps the keys already loaded. With no key at all and
// no --open it is an error: at start the server refuses to run, as nobody could get in.
func (s *Server) Reload() error {
	if s.cfg.AuthorizedKeys == "" {
		return nil
	}
	keys, bad, err := parseAuthorizedKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		return err
	}
	for _, e := range bad {
		s.log.Warn(engine.Printable(e.Error()))
	}
	if len(keys) == 0 && !s.cfg.Open {
		return fmt.Errorf("--authorized-keys %s: no valid key: nobody could connect (give keys, or --open to let any key in)", engine.Shown(s.cfg.AuthorizedKeys))
	}
	s.keys.Store(&keys)
	s.log.Info("authorised keys loaded", "file", s.cfg.AuthorizedKeys, "keys", len(keys), "skipped", len(bad))
	return nil
}

type ctxKey struct{}

// authorize lets a key in if it is listed (or the server is open) and records its identity on
// the connection: the identity is the key, never the user name the client typed.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	var keys map[string]identity
	if p := s.keys.Load(); p != nil {
		keys = *p
	}
	id, ok := keys[string(key.Marshal())]
	if !ok && s.cfg.Open {
		id, ok = newIdentity(key, ""), true
	}
	if !ok {
		s.log.Info("key refused", "fingerprint", gossh.FingerprintSHA256(key), "addr", ctx.RemoteAddr())
		return false
	}
	ctx.SetValue(ctxKey{}, id)
	return true
}

func (s *Server) connFailed(conn net.Conn, err error) {
	s.log.Info("connection failed", "addr", conn.RemoteAddr(), "err", err) // x/crypto quotes what it repeats of the client
}

// Serve accepts connections on l until Shutdown; it returns nil after a shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.log.Info("serving", "listen", l.Addr().String(), "host key", gossh.FingerprintSHA256(s.signer.PublicKey()))
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops the server: new connections are refused, every session is told the server is
// stopping and ends with its terminal restored; connections still open after the grace time
// (or ctx's end, if sooner) are dropped.
func (s *Server) Shutdown(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, stopGrace)
	defer cancel()
	s.mu.Lock()
	s.stopping = true
	for ss := range s.sessions {
		ss.end(endStopping)
	}
	s.mu.Unlock()
	go s.ssh.Shutdown(ctx) // closes the listeners now; its wait for connections is ours below
	done := make(chan struct{})
	go func() { s.done.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	s.log.Info("stopped")
	return s.ssh.Close()
}

// Sessions is the number of sessions running now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}
