package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/safefile"
	"github.com/flywheel-dev/flywheel/tui"
)

// Config is flywheel's configuration after flags, environment, file and defaults are merged.
type Config struct {
	Scenario string // preset name, saved scenario name, or path
	Theme    string // auto, dark, light
	ASCII    bool
	Lang     string // language of the screens
}

// configKey is one configuration key: its default, the flag that sets it, and how to check it.
type configKey struct {
	key, flag string
	def       any
	usage     string
	check     func(string) error
}

// languages the screens can be shown in, from the dashboard's catalogues.
var languages = func() []string {
	codes := make([]string, 0, len(tui.Languages))
	for code := range tui.Languages {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}()

var configKeys = []configKey{
	{key: "scenario", flag: "scenario", def: "base", usage: "preset name, saved scenario name or path of a scenario file"},
	{key: "theme", flag: "theme", def: "auto", usage: "colours for a dark or light background: auto, dark, light",
		check: oneOf("theme", "auto", "dark", "light")},
	{key: "ascii", flag: "ascii", def: false, usage: "ASCII borders and charts (default: on when the locale is not UTF-8)",
		check: func(v string) error {
			if _, err := strconv.ParseBool(v); err != nil {
				return fmt.Errorf("ascii = %q: want true or false", v)
			}
			return nil
		}},
	{key: "lang", flag: "lang", def: "en", usage: "language of the screens and of the run table: " + strings.Join(languages, ", "),
		check: oneOf("lang", languages...)},
}

func oneOf(key string, allowed ...string) func(string) error {
	return func(v string) error {
		if !slices.Contains(allowed, v) {
			return fmt.Errorf("%s = %q: want one of %s", key, v, strings.Join(allowed, ", "))
		}
		return nil
	}
}

// envPrefix prefixes every key in the environment: FLYWHEEL_THEME, FLYWHEEL_SERVE_PORT.
const envPrefix = "FLYWHEEL"

// configFlags registers the flags of the configuration keys, plus --config.
func configFlags(fs *pflag.FlagSet, configPath *string) {
	fs.StringVar(configPath, "config", "", "configuration file (default $XDG_CONFIG_HOME/flywheel/config.yaml)")
	keyFlags(fs, configKeys)
}

// keyFlags registers the flag of each key, typed by its default.
func keyFlags(fs *pflag.FlagSet, keys []configKey) {
	for _, k := range keys {
		switch d := k.def.(type) {
		case string:
			fs.String(k.flag, d, k.usage)
		case bool:
			fs.Bool(k.flag, d, k.usage)
		case int:
			fs.Int(k.flag, d, k.usage)
		case time.Duration:
			fs.Duration(k.flag, d, k.usage)
		}
	}
}

// allKeys are the keys of the dashboard and of `flywheel serve` (serveKeys, whose flags only the
// serve command has): all of them are read from the environment and the file.
func allKeys() []configKey {
	return append(slices.Clip(configKeys), serveKeys...)
}

// loadedConfig is the merged configuration and where each value came from.
type loadedConfig struct {
	Config
	File    string            // the configuration file read, or ""
	Sources map[string]string // key → "flag --x", "env FLYWHEEL_X", "file PATH:LINE", "default"
	values  map[string]string // every key's value as text, checked: the serve keys are read from it
}

// defaultConfigPath is $XDG_CONFIG_HOME/flywheel/config.yaml, else ~/.config/flywheel/config.yaml.
// XDG_CONFIG_HOME is checked first because os.UserConfigDir ignores it on macOS.
func defaultConfigPath(getenv func(string) string) string {
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "flywheel", "config.yaml")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".config", "flywheel", "config.yaml")
}

// loadConfig merges flags > environment > file > defaults with one viper instance. An explicit
// --config that does not exist is an error; a missing default file is not. Unknown keys in the
// file and bad values anywhere are errors naming the key, its source and the nearest valid key.
func loadConfig(cmd *cobra.Command, explicit string, getenv func(string) string) (*loadedConfig, error) {
	v := viper.New()
	for _, k := range allKeys() {
		v.SetDefault(k.key, k.def)
		if f := cmd.Flags().Lookup(k.flag); f != nil {
			if err := v.BindPFlag(k.key, f); err != nil {
				return nil, err
			}
		}
	}
	v.SetEnvPrefix(envPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()

	if err := checkEnv(os.Environ()); err != nil {
		return nil, badInput(err)
	}
	path := explicit
	if path == "" {
		path = defaultConfigPath(getenv)
	}
	lc := &loadedConfig{Sources: map[string]string{}}
	text, err := safefile.Read(path, maxConfigBytes)
	var lines map[string]int
	if err == nil {
		lines, err = configKeyLines(text, path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && explicit == "":
		// No configuration file: defaults, environment and flags only.
	case errors.Is(err, fs.ErrNotExist):
		return nil, badInput(fmt.Errorf("--config %s: no such file", explicit))
	case err != nil:
		return nil, badInput(err)
	default:
		// From the bytes already read and checked: the path is never opened a second time.
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(text)); err != nil {
			return nil, badInput(fmt.Errorf("%s: %s", path, strings.Join(strings.Fields(err.Error()), " ")))
		}
		lc.File = path
	}

	lc.values = map[string]string{}
	for _, k := range allKeys() {
		envName := envPrefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(k.key))
		inEnv := os.Getenv(envName) != "" // as AutomaticEnv: an empty variable is not a value
		source := "default"
		switch {
		case cmd.Flags().Changed(k.flag):
			source = "flag --" + k.flag
		case inEnv:
			source = "env " + envName
		case lines[k.key] > 0:
			source = fmt.Sprintf("file %s:%d", path, lines[k.key])
		}
		lc.Sources[k.key] = source
		if k.check != nil {
			if err := k.check(v.GetString(k.key)); err != nil {
				return nil, badInput(fmt.Errorf("%s (from %s)", err, source))
			}
		}
		lc.values[k.key] = v.GetString(k.key)
	}
	lc.Scenario, lc.Theme, lc.ASCII, lc.Lang = v.GetString("scenario"), v.GetString("theme"), v.GetBool("ascii"), v.GetString("lang")
	if lc.Sources["ascii"] == "default" {
		lc.ASCII = !tui.UTF8Locale(getenv)
		lc.Sources["ascii"] = "default (locale is not UTF-8)"
		if !lc.ASCII {
			lc.Sources["ascii"] = "default (locale is UTF-8)"
		}
	}
	return lc, nil
}

// maxConfigBytes bounds the configuration file, a handful of keys: anything larger is a mistake.
const maxConfigBytes = 64 << 10

// configKeyLines checks a configuration file's keys and returns the line of each. A misspelt
// key, a key given twice (in any case) and a value that is not one scalar are errors naming the
// file and the line. path is only used in messages.
func configKeyLines(data []byte, path string) (map[string]int, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, text := engine.YAMLSyntaxError(data, err)
		return nil, fmt.Errorf("%s:%d: not valid YAML: %s", path, line, text)
	}
	lines := map[string]int{}
	if len(doc.Content) == 0 {
		return lines, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a configuration file is a mapping of key: value", path, root.Line)
	}
	var valid []string
	for _, k := range allKeys() {
		valid = append(valid, k.key)
	}
	spelt := map[string]string{} // key → as the file first wrote it
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		key := strings.ToLower(k.Value)
		if !slices.Contains(valid, key) {
			return nil, fmt.Errorf("%s:%d: %v", path, k.Line, engine.UnknownKeyError("key", k.Value, valid))
		}
		// Viper lowercases keys and would keep one of the two silently.
		if first, ok := lines[key]; ok {
			return nil, fmt.Errorf("%s:%d: %q repeats %q from line %d", path, k.Line, k.Value, spelt[key], first)
		}
		lines[key], spelt[key] = k.Line, k.Value
		if val.Kind == yaml.AliasNode {
			val = val.Alias
		}
		// Viper would read a list or a mapping as "" and blame whatever checks the value later.
		switch {
		case val.Kind == yaml.SequenceNode:
			return nil, fmt.Errorf("%s:%d: %s is a list; give one value", path, k.Line, k.Value)
		case val.Kind == yaml.MappingNode:
			return nil, fmt.Errorf("%s:%d: %s is a mapping; give one value", path, k.Line, k.Value)
		case val.Tag == "!!null":
			return nil, fmt.Errorf("%s:%d: %s has no value; give one or remove the line", path, k.Line, k.Value)
		}
		// A tag the value does not fit (e.g. !!binary on text that is not base64) parses as a
		// node but fails viper's reading of the whole file, which names no line.
		var scalar any
		if err := val.Decode(&scalar); err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %s", path, k.Line, k.Value, engine.Printable(strings.TrimPrefix(err.Error(), "yaml: ")))
		}
	}
	return lines, nil
}

// checkEnv refuses a FLYWHEEL_* variable that names no key, as it would silently do nothing.
func checkEnv(environ []string) error {
	var valid []string
	for _, k := range allKeys() {
		valid = append(valid, envPrefix+"_"+strings.ToUpper(k.key))
	}
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, envPrefix+"_") && !slices.Contains(valid, name) {
			return fmt.Errorf("environment: %v", engine.UnknownKeyError("variable", name, valid))
		}
	}
	return nil
}

func newConfigCmd(configPath *string) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value comes from",
		Long: `Print every configuration key with its value and its source: a flag, the environment
(FLYWHEEL_<KEY>), the configuration file, or the default. Precedence: flag > environment > file >
default. The file is $XDG_CONFIG_HOME/flywheel/config.yaml (else ~/.config/flywheel/config.yaml)
or --config PATH.`,
		Example: `  flywheel config
  FLYWHEEL_THEME=light flywheel config
  flywheel config --config ./team.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lc, err := loadConfig(cmd, *configPath, os.Getenv)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			file := lc.File
			if file == "" {
				file = "none (" + defaultConfigPath(os.Getenv) + " does not exist)"
			}
			fmt.Fprintf(out, "config file: %s\n\n", file)
			values := map[string]string{"scenario": lc.Scenario, "theme": lc.Theme, "ascii": strconv.FormatBool(lc.ASCII), "lang": lc.Lang}
			for _, k := range configKeys {
				fmt.Fprintf(out, "%-9s %-12s %s\n", k.key, values[k.key], lc.Sources[k.key])
			}
			for _, k := range serveKeys {
				fmt.Fprintf(out, "%-22s %-15s %s\n", k.key, lc.values[k.key], lc.Sources[k.key])
			}
			return nil
		},
	}
}
