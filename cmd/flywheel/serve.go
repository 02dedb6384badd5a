package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui/serve"
)

// serveKeys configure `flywheel serve`: flags of the serve command, FLYWHEEL_SERVE_* in the
// environment, serve_* in the configuration file.
var serveKeys = []configKey{
	{key: "serve_listen", flag: "listen", def: serve.DefaultListen, usage: "address to listen on, host:port (0.0.0.0:2222 for every interface)",
		check: func(v string) error {
			if _, _, err := net.SplitHostPort(v); err != nil {
				return fmt.Errorf("listen = %q: want host:port, e.g. 127.0.0.1:2222", v)
			}
			return nil
		}},
	{key: "serve_host_key", flag: "host-key", def: "", usage: "the server's private key, created 0600 if missing (default $XDG_DATA_HOME/flywheel/host_ed25519)"},
	{key: "serve_authorized_keys", flag: "authorized-keys", def: "", usage: "OpenSSH authorized_keys file of the keys let in; re-read on SIGHUP"},
	{key: "serve_open", flag: "open", def: false, usage: "let any SSH key in (logged as a warning)", check: boolCheck("open")},
	{key: "serve_max_sessions", flag: "max-sessions", def: serve.DefaultMaxSessions, usage: "sessions at once on this server", check: atLeastOne("max-sessions")},
	{key: "serve_max_per_key", flag: "max-per-key", def: serve.DefaultMaxPerKey, usage: "sessions at once per key", check: atLeastOne("max-per-key")},
	{key: "serve_idle_timeout", flag: "idle-timeout", def: serve.DefaultIdleTimeout, usage: "end a session after this long without input", check: positiveDuration("idle-timeout")},
	{key: "serve_max_session_time", flag: "max-session-time", def: serve.DefaultMaxSessionTime, usage: "end a session after this long", check: positiveDuration("max-session-time")},
	{key: "serve_store", flag: "store", def: "", usage: "folder of saved scenarios, one folder per key inside (default: saving off)"},
	{key: "serve_read_only", flag: "read-only", def: false, usage: "saved scenarios open but are never written", check: boolCheck("read-only")},
}

func boolCheck(name string) func(string) error {
	return func(v string) error {
		if _, err := strconv.ParseBool(v); err != nil {
			return fmt.Errorf("%s = %q: want true or false", name, v)
		}
		return nil
	}
}

func atLeastOne(name string) func(string) error {
	return func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			return fmt.Errorf("%s = %q: want a whole number of at least 1", name, v)
		}
		return nil
	}
}

func positiveDuration(name string) func(string) error {
	return func(v string) error {
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			return fmt.Errorf("%s = %q: want a duration above 0, e.g. 15m or 8h", name, v)
		}
		return nil
	}
}

// checkOption checks a session's option as the CLI checks the key's flag.
func checkOption(key, value string) error {
	for _, k := range configKeys {
		if k.key == key && k.check != nil {
			return k.check(value)
		}
	}
	return nil
}

// serveConfig is the server's configuration from the merged, checked keys.
func serveConfig(lc *loadedConfig, getenv func(string) string) (serve.Config, error) {
	val := lc.values
	num := func(k string) int { n, _ := strconv.Atoi(val[k]); return n }
	dur := func(k string) time.Duration { d, _ := time.ParseDuration(val[k]); return d }
	flag := func(k string) bool { b, _ := strconv.ParseBool(val[k]); return b }
	cfg := serve.Config{
		Listen: val["serve_listen"], HostKey: val["serve_host_key"], AuthorizedKeys: val["serve_authorized_keys"],
		Open: flag("serve_open"), MaxSessions: num("serve_max_sessions"), MaxPerKey: num("serve_max_per_key"),
		IdleTimeout: dur("serve_idle_timeout"), MaxSessionTime: dur("serve_max_session_time"),
		Store: val["serve_store"], ReadOnly: flag("serve_read_only"), CheckOption: checkOption,
	}
	if cfg.HostKey == "" {
		path, err := serve.DefaultHostKey(getenv)
		if err != nil {
			return cfg, fmt.Errorf("--host-key: no default place (%v): give a path", err)
		}
		cfg.HostKey = path
	}
	return cfg, nil
}

func newServeCmd(configPath *string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard over SSH: one dashboard per session",
		Long: `Serve the dashboard over SSH. Anyone with an authorised key runs "ssh -t -p 2222 HOST" and
gets a dashboard of their own (scenario, levers, undo, compare), with nothing installed on their
side. A session chooses its options after "--":
  ssh -t -p 2222 HOST -- --theme light --color 256 --ascii --lang zh --scenario energy-wall

Without --authorized-keys the server refuses to start, unless --open lets any key in. SIGINT or
SIGTERM tell every session the server is stopping and end them within 5 s; SIGHUP re-reads the
authorised keys. Every option is also a key of the configuration file (serve_listen, …) and a
variable (FLYWHEEL_SERVE_LISTEN, …).`,
		Example: `  flywheel serve --authorized-keys ~/.ssh/authorized_keys
  flywheel serve --listen 0.0.0.0:2222 --authorized-keys /etc/flywheel/keys --store /srv/flywheel
  ssh -t -p 2222 localhost`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lc, err := loadConfig(cmd, *configPath, os.Getenv)
			if err != nil {
				return err
			}
			cfg, err := serveConfig(lc, os.Getenv)
			if err != nil {
				return badInput(err)
			}
			cfg.Log = log.NewWithOptions(cmd.ErrOrStderr(), log.Options{ReportTimestamp: true, Prefix: "flywheel serve"})
			srv, err := serve.New(cfg)
			if err != nil {
				return badInput(err)
			}
			l, err := net.Listen("tcp", cfg.Listen)
			if err != nil {
				return fmt.Errorf("--listen %s: %v", engine.Shown(cfg.Listen), err)
			}
			return runServer(srv, l, cfg.Log)
		},
	}
	keyFlags(cmd.Flags(), serveKeys)
	return cmd
}

// runServer serves until SIGINT or SIGTERM, then stops every session and returns nil; SIGHUP
// re-reads the authorised keys (a failure keeps the keys loaded and is logged).
func runServer(srv *serve.Server, l net.Listener, logger *log.Logger) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	for {
		select {
		case err := <-served:
			return err
		case sig := <-sigs:
			if sig == syscall.SIGHUP {
				if err := srv.Reload(); err != nil {
					logger.Error("authorised keys not reloaded; the keys loaded before stay", "err", err)
				}
				continue
			}
			logger.Info("stopping", "signal", sig.String(), "sessions", srv.Sessions())
			if err := srv.Shutdown(context.Background()); err != nil {
				logger.Error("shutdown", "err", err)
			}
			return <-served
		}
	}
}
