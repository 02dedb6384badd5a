package serve

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/pflag"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui"
)

// sessionOptions are one session's dashboard options and its colour profile (nil: from TERM).
type sessionOptions struct {
	tui     tui.Options
	profile *colorprofile.Profile
}

// colorDepths are the values of a session's --color: most SSH clients send TERM but not
// COLORTERM, so a truecolor terminal must be able to say so.
var colorDepths = map[string]colorprofile.Profile{
	"truecolor": colorprofile.TrueColor, "256": colorprofile.ANSI256, "16": colorprofile.ANSI, "none": colorprofile.Ascii,
}

// options reads what a session chose after "--" (`ssh -t host -- --theme light`), checked as
// the CLI checks its flags, with ASCII following the client's locale unless chosen. The scenario
// is a preset or one of the identity's own saved scenarios: never a path on the server.
func (s *Server) options(sess ssh.Session, id identity) (sessionOptions, error) {
	fs := pflag.NewFlagSet("session", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	theme := fs.String("theme", "auto", "")
	color := fs.String("color", "auto", "")
	ascii := fs.Bool("ascii", false, "")
	lang := fs.String("lang", "en", "")
	scen := fs.String("scenario", "base", "")
	args := sess.Command()
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return sessionOptions{}, fmt.Errorf("%v (options: --theme, --color, --ascii, --lang, --scenario)", err)
	}
	if fs.NArg() > 0 {
		return sessionOptions{}, fmt.Errorf("%s is not an option (options: --theme, --color, --ascii, --lang, --scenario)", engine.Quote(fs.Arg(0)))
	}
	if s.cfg.CheckOption != nil {
		for _, key := range []string{"theme", "lang"} {
			if err := s.cfg.CheckOption(key, fs.Lookup(key).Value.String()); err != nil {
				return sessionOptions{}, fmt.Errorf("%v (from the session's --%s)", err, key)
			}
		}
	}
	var o sessionOptions
	if *color != "auto" {
		p, ok := colorDepths[*color]
		if !ok {
			return o, fmt.Errorf("--color %s: want one of auto, truecolor, 256, 16, none", engine.Quote(*color))
		}
		o.profile = &p
	}
	env := sess.Environ()
	getenv := func(k string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], k+"="); ok {
				return v
			}
		}
		return ""
	}
	if !fs.Changed("ascii") {
		*ascii = !tui.UTF8Locale(getenv)
	}
	var store *saved.Store
	if s.cfg.Store != "" {
		store = &saved.Store{Dir: filepath.Join(s.cfg.Store, id.folder)}
	}
	sc, err := s.scenario(*scen, store)
	if err != nil {
		return o, err
	}
	o.tui = tui.Options{Scenario: sc, Theme: *theme, ASCII: *ascii, Lang: *lang, Store: store, Served: true, ReadOnly: s.cfg.ReadOnly}
	return o, nil
}

// scenario is a preset, or a saved scenario of the session's own identity.
func (s *Server) scenario(name string, store *saved.Store) (engine.Scenario, error) {
	if slices.Contains(data.Presets(), name) {
		return data.Preset(name)
	}
	if store != nil && saved.CheckName(name) == nil && store.Exists(name) {
		sc, err := store.Load(name)
		if err != nil {
			return sc, fmt.Errorf("--scenario %s: %s", engine.Quote(name), tui.HidePath(err.Error(), store.Dir))
		}
		return sc, nil
	}
	what := "no preset of that name"
	if store != nil {
		what = "no preset or saved scenario of that name"
	}
	return engine.Scenario{}, fmt.Errorf("--scenario %s: %s (presets: %s)", engine.Quote(name), what, strings.Join(data.Presets(), ", "))
}

// newDashboard is each session's own dashboard: scenario, levers, undo and compare of its own.
func newDashboard(o sessionOptions) (tea.Model, error) {
	return tui.New(o.tui)
}
