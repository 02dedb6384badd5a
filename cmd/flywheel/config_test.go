package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/viper"
)

// isolate points XDG_CONFIG_HOME at an empty folder and clears FLYWHEEL_* so the machine's own
// configuration never leaks into a test; it returns the config file path to write.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	for _, k := range configKeys {
		t.Setenv("FLYWHEEL_"+strings.ToUpper(k.key), "")
		os.Unsetenv("FLYWHEEL_" + strings.ToUpper(k.key))
	}
	t.Setenv("LANG", "C.UTF-8")
	path := filepath.Join(dir, "flywheel", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// configLine returns the value and source `flywheel config` prints for key.
func configLine(t *testing.T, args []string, key string) (string, string) {
	t.Helper()
	out, errOut, code := flywheel(t, append([]string{"config"}, args...)...)
	if code != 0 {
		t.Fatalf("config %v: exit %d: %s", args, code, errOut)
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == key {
			return f[1], strings.Join(f[2:], " ")
		}
	}
	t.Fatalf("no %s in:\n%s", key, out)
	return "", ""
}

// TestConfigPrecedence: for every key, flag > environment > file > default.
func TestConfigPrecedence(t *testing.T) {
	values := map[string][3]string{ // file, env, flag
		"scenario": {"energy-wall", "demand-stall", "supply-first"},
		"theme":    {"light", "dark", "auto"},
		"ascii":    {"true", "false", "true"},
		"lang":     {"zh", "en", "zh"},
	}
	for _, k := range configKeys {
		v := values[k.key]
		flag := "--" + k.flag + "=" + v[2]
		env := "FLYWHEEL_" + strings.ToUpper(k.key)
		cases := []struct {
			name                string
			file, setEnv, flags bool
			want, source        string
		}{
			{"default", false, false, false, "", "default"},
			{"file", true, false, false, v[0], "file "},
			{"env over file", true, true, false, v[1], "env " + env},
			{"flag over env", true, true, true, v[2], "flag --" + k.flag},
		}
		for _, c := range cases {
			t.Run(k.key+"/"+c.name, func(t *testing.T) {
				path := isolate(t)
				if c.file {
					if err := os.WriteFile(path, []byte(k.key+": "+v[0]+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if c.setEnv {
					t.Setenv(env, v[1])
				}
				var args []string
				if c.flags {
					args = append(args, flag)
				}
				got, source := configLine(t, args, k.key)
				if c.want != "" && got != c.want {
					t.Errorf("%s = %q, want %q", k.key, got, c.want)
				}
				if !strings.HasPrefix(source, c.source) {
					t.Errorf("%s comes from %q, want %q", k.key, source, c.source)
				}
				if c.name == "file" && !strings.HasSuffix(source, path+":1") {
					t.Errorf("file source should name the file and line: %q", source)
				}
			})
		}
	}
}

func TestConfigErrors(t *testing.T) {
	path := isolate(t)
	cases := []struct {
		file string
		args []string
		env  [2]string
		want string
	}{
		{"thme: dark\n", nil, [2]string{}, path + `:1: unknown key "thme" (did you mean "theme"?)`},
		{"theme: dark\nascci: true\n", nil, [2]string{}, path + `:2: unknown key "ascci" (did you mean "ascii"?)`},
		{"theme: blue\n", nil, [2]string{}, `theme = "blue": want one of auto, dark, light (from file ` + path + ":1)"},
		{"", []string{"--config", filepath.Join(t.TempDir(), "nope.yaml")}, [2]string{}, "nope.yaml: no such file"},
		{"", nil, [2]string{"FLYWHEEL_THEME", "purple"}, `theme = "purple": want one of auto, dark, light (from env FLYWHEEL_THEME)`},
		{"", []string{"--lang", "zz"}, [2]string{}, `lang = "zz": want one of en, zh (from flag --lang)`},
		{"- a\n", nil, [2]string{}, path + ":1: a configuration file is a mapping"},
		{"theme: dark\nlang: [en\n", nil, [2]string{}, path + ":2: not valid YAML: did not find expected ',' or ']'"},
		{"theme: dark\n- ascii\n", nil, [2]string{}, path + ":2: not valid YAML: did not find expected key"},
		{"", nil, [2]string{"FLYWHEEL_THEM", "dark"}, `environment: unknown variable "FLYWHEEL_THEM" (did you mean "FLYWHEEL_THEME"?)`},
		{"theme: dark\nlang: en\nTheme: light\n", nil, [2]string{}, path + `:3: "Theme" repeats "theme" from line 1`},
		{"lang: en\nlang: zh\n", nil, [2]string{}, path + `:2: "lang" repeats "lang" from line 1`},
		{"scenario:\n  - base\n  - energy-wall\n", nil, [2]string{}, path + ":1: scenario is a list; give one value"},
		{"theme: dark\nlang: {en: 1}\n", nil, [2]string{}, path + ":2: lang is a mapping; give one value"},
		{"list: &l [a]\n", nil, [2]string{}, path + `:1: unknown key "list"`},
		{"scenario:\n", nil, [2]string{}, path + ":1: scenario has no value; give one or remove the line"},
		{"ascii: yes\n", nil, [2]string{}, `ascii = "yes": want true or false (from file ` + path + ":1)"},
		{"theme: dark\nlang: !!binary 0\n", nil, [2]string{}, path + ":2: lang: !!binary value contains invalid base64 data"},
	}
	for _, c := range cases {
		if c.file != "" {
			os.WriteFile(path, []byte(c.file), 0o644)
		} else {
			os.Remove(path)
		}
		if c.env[0] != "" {
			t.Setenv(c.env[0], c.env[1])
		}
		for _, cmd := range [][]string{{"config"}, {"run"}} {
			_, errOut, code := flywheel(t, append(cmd, c.args...)...)
			if code != 2 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%v with %q: exit %d, %q; want 2 and %q", cmd, c.file, code, errOut, c.want)
			}
		}
		if c.env[0] != "" {
			os.Unsetenv(c.env[0])
		}
	}
}

// TestEmptyVariableIsNotASource: FLYWHEEL_THEME= (empty) is ignored, as viper's AutomaticEnv
// ignores it, so `flywheel config` names the file or the default as the source.
func TestEmptyVariableIsNotASource(t *testing.T) {
	path := isolate(t)
	if err := os.WriteFile(path, []byte("theme: light\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FLYWHEEL_THEME", "")
	t.Setenv("FLYWHEEL_SCENARIO", "")
	if value, source := configLine(t, nil, "theme"); value != "light" || source != "file "+path+":1" {
		t.Errorf("theme %s from %q, want light from the file", value, source)
	}
	if value, source := configLine(t, nil, "scenario"); value != "base" || source != "default" {
		t.Errorf("scenario %s from %q, want base by default", value, source)
	}
}

// TestNoConfigFileIsFine: a missing default configuration file is not an error.
func TestNoConfigFileIsFine(t *testing.T) {
	isolate(t)
	out, errOut, code := flywheel(t, "config")
	if code != 0 || !strings.Contains(out, "config file: none") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
}

func TestScenarioFromConfigReachesRun(t *testing.T) {
	path := isolate(t)
	os.WriteFile(path, []byte("scenario: half-commitments\n"), 0o644)
	out, _, code := flywheel(t, "run", "--format", "json", "--years", "2025")
	if code != 0 || !strings.Contains(out, `"name": "Half commitments"`) {
		t.Fatalf("exit %d: the configured scenario should run:\n%s", code, out)
	}
}

// TestASCIIFollowsTheLocale: without a setting, a locale that is not UTF-8 turns --ascii on.
func TestASCIIFollowsTheLocale(t *testing.T) {
	isolate(t)
	for _, c := range []struct{ lcAll, lcCtype, lang, want string }{
		{"", "", "en_US.UTF-8", "false"},
		{"", "", "C", "true"},
		{"", "", "", "true"},
		{"C", "", "en_US.UTF-8", "true"},
		{"", "zh_CN.utf8", "C", "false"},
	} {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_CTYPE", c.lcCtype)
		t.Setenv("LANG", c.lang)
		if got, source := configLine(t, nil, "ascii"); got != c.want || !strings.HasPrefix(source, "default (locale") {
			t.Errorf("LC_ALL=%q LC_CTYPE=%q LANG=%q: ascii %s (%s), want %s", c.lcAll, c.lcCtype, c.lang, got, source, c.want)
		}
	}
}

// FuzzConfigFile: any configuration file gives the lines of known keys only, or one line of error
// that names the file.
func FuzzConfigFile(f *testing.F) {
	for _, s := range []string{"theme: dark\n", "thme: dark\n", "- a\n", "lang: [zh\n", "theme: dark\n- ascii\n", "a: &x 1\nb: *x\n",
		"theme: dark\nTheme: light\n", "scenario: [a, b]\n", "theme: &t dark\nlang: *t\n", "scenario:\n", "ascii: {x: 1}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := configKeyLines(data, "c.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "c.yaml") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error does not name the file in one line: %q", err)
			}
			return
		}
		for key := range lines {
			if !slices.ContainsFunc(configKeys, func(k configKey) bool { return k.key == key }) {
				t.Fatalf("unknown key %q accepted", key)
			}
		}
		// What the check accepts, viper reads: its own errors are two lines and name no line.
		v := viper.New()
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			t.Fatalf("accepted, but viper says: %v", err)
		}
	})
}

// TestUnknownScenarioBlamesItsSource: a scenario name that is nothing is reported against where it
// came from — the flag, the environment variable or the config file's line — never a flag that
// was not given; a huge one is quoted short.
func TestUnknownScenarioBlamesItsSource(t *testing.T) {
	path := isolate(t)
	const tail = `"nope": no preset, saved scenario or file of that name`
	if _, errOut, code := flywheel(t, "run", "--scenario", "nope"); code != 2 || !strings.Contains(errOut, "flywheel: --scenario "+tail) {
		t.Errorf("flag: exit %d: %s", code, errOut)
	}
	t.Setenv("FLYWHEEL_SCENARIO", "nope")
	if _, errOut, code := flywheel(t, "run"); code != 2 || !strings.Contains(errOut, "flywheel: FLYWHEEL_SCENARIO "+tail) {
		t.Errorf("environment: exit %d: %s", code, errOut)
	}
	os.Unsetenv("FLYWHEEL_SCENARIO")
	if err := os.WriteFile(path, []byte("theme: dark\nscenario: nope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := flywheel(t, "run"); code != 2 || !strings.Contains(errOut, "flywheel: "+path+":2: scenario "+tail) {
		t.Errorf("config file: exit %d: %s", code, errOut)
	}
	_, errOut, _ := flywheel(t, "run", "--scenario", strings.Repeat("n", 100000))
	if len(errOut) > 400 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a 100 KB name should give one short line, got %d bytes", len(errOut))
	}
}
