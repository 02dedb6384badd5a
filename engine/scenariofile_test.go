package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimal = `name: Test
start: 2025-01
horizon_years: 11
levers:
  gpu_supply: 6
`

func TestReadScenarioKeepsDefaultsForOmittedLevers(t *testing.T) {
	s, err := ReadScenario(strings.NewReader(minimal), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultScenario()
	if s.Levers[GPUSupply] != 6 || s.Levers[Investment] != d.Levers[Investment] || s.Settings != d.Settings {
		t.Fatalf("got %v, want defaults with gpu_supply 6", s.Levers)
	}
	if s.Name != "Test" || s.Start != (YearMonth{2025, 1}) || s.HorizonYears != 11 {
		t.Fatalf("header: %q %v %d", s.Name, s.Start, s.HorizonYears)
	}
}

// TestReadScenarioErrors: each bad file gives one message naming file, line, key and the fix.
func TestReadScenarioErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"out of range", strings.Replace(minimal, "gpu_supply: 6", "gpu_supply: 25", 1),
			"t.yaml:5: lever gpu_supply = 25 is out of range 0.5–10 GW/yr"},
		{"unknown lever", strings.Replace(minimal, "gpu_supply: 6", "gpu_suply: 6", 1),
			`t.yaml:5: unknown lever "gpu_suply" (did you mean "gpu_supply"?)`},
		{"unknown key", minimal + "setings:\n  debt_cap: 5\n",
			`t.yaml:6: unknown key "setings" (did you mean "settings"?)`},
		{"unknown setting", minimal + "settings:\n  debt_cpa: 5\n",
			`t.yaml:7: unknown setting "debt_cpa" (did you mean "debt_cap"?)`},
		{"nan", strings.Replace(minimal, "gpu_supply: 6", "gpu_supply: .nan", 1),
			"t.yaml:5: lever gpu_supply = NaN is not a finite number (allowed 0.5–10 GW/yr)"},
		{"inf", strings.Replace(minimal, "gpu_supply: 6", "gpu_supply: -.inf", 1),
			"t.yaml:5: lever gpu_supply = -Inf is not a finite number"},
		{"text for number", strings.Replace(minimal, "gpu_supply: 6", `gpu_supply: "6"`, 1),
			`t.yaml:5: levers.gpu_supply must be a number, got "6"`},
		{"duplicate lever", minimal + "  gpu_supply: 7\n", "t.yaml:6: levers.gpu_supply is given twice"},
		{"duplicate key", minimal + "name: Again\n", "t.yaml:6: name is given twice"},
		{"missing levers", "name: x\nstart: 2025-01\nhorizon_years: 3\n", "t.yaml:1: missing levers"},
		{"bad start", strings.Replace(minimal, "2025-01", "2025-13", 1), `t.yaml:2: start: "2025-13" is not a month in the form YYYY-MM`},
		{"early start", strings.Replace(minimal, "2025-01", "1999-01", 1), "t.yaml:2: start = 1999-01 is before 2025-01: the settings are the state of 2025-01"},
		{"horizon", strings.Replace(minimal, "horizon_years: 11", "horizon_years: 2.5", 1), `t.yaml:3: horizon_years must be a whole number of years, got "2.5"`},
		{"horizon range", strings.Replace(minimal, "horizon_years: 11", "horizon_years: 99", 1), "t.yaml:3: horizon_years = 99 is out of range 1–30"},
		{"not a mapping", "- a\n- b\n", "t.yaml:1: a scenario file is a mapping with keys"},
		{"levers not mapping", "name: x\nstart: 2025-01\nhorizon_years: 3\nlevers: 5\n", "t.yaml:4: levers must be a mapping"},
		{"syntax", "name: [unclosed\n", "t.yaml:1: not valid YAML"},
		{"empty", "", "t.yaml: empty scenario file"},
		{"two documents", minimal + "---\nname: y\n", "t.yaml:6: a scenario file holds one YAML document"},
		{"alias", minimal + "settings:\n  cash_start: &c 10\n  debt_cap: *c\n", "t.yaml:7: anchors and aliases (&, *) are not allowed"},
		{"unknown source", minimal + "sources:\n  investmnt: Altman\n", `t.yaml:7: unknown lever or setting in sources "investmnt" (did you mean "investment"?)`},
		{"commit order", minimal + "settings:\n  commit_peak: 2034\n", "t.yaml: settings need commit_from ≤ commit_peak ≤ commit_to"},
	}
	for _, c := range cases {
		_, err := ReadScenario(strings.NewReader(c.text), "t.yaml")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s:\n got  %v\n want %s…", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: message spans lines: %q", c.name, err)
		}
	}
}

// TestReadScenarioRefusesTerminalText: text a terminal would act on (escape sequences, line
// breaks in one-line fields, bidi overrides, zero-width characters, C1 controls) is refused with
// the file, the line of the value and the character by code point.
func TestReadScenarioRefusesTerminalText(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"osc 52 in name", strings.Replace(minimal, "name: Test", `name: "Evil\e]52;c;aGk=\a"`, 1),
			"t.yaml:1: name: contains U+001B (escape), which is not allowed"},
		{"crlf in name", strings.Replace(minimal, "name: Test", `name: "two\r\nlines"`, 1),
			"t.yaml:1: name: contains U+000D (carriage return), which is not allowed"},
		{"line feed in name", strings.Replace(minimal, "name: Test", "name: |\n  two\n  lines", 1),
			"t.yaml:1: name: contains U+000A (line feed), which is not allowed"},
		{"bidi in description", minimal + "description: |\n  first line\n  then \u202eevil\n",
			"t.yaml:6: description: contains U+202E (right-to-left override), which is not allowed"},
		{"c1 in description", minimal + `description: "csi \u009b2J"` + "\n",
			"t.yaml:6: description: contains U+009B (control sequence introducer), which is not allowed"},
		{"zero width in source", minimal + "sources:\n  pue: \"a\u200bb\"\n",
			"t.yaml:7: sources.pue: contains U+200B (zero width space), which is not allowed"},
		{"cr in source", minimal + "sources:\n  pue: \"a\\rb\"\n",
			"t.yaml:7: sources.pue: contains U+000D (carriage return), which is not allowed"},
		{"bidi in lever key", minimal + "  \"gpu\u202e\": 1\n",
			`t.yaml:6: key "gpu\u202e" in levers: contains U+202E (right-to-left override), which is not allowed`},
		{"escape in top key", minimal + "\"x\\e[2J\": 1\n",
			`t.yaml:6: key "x\x1b[2J": contains U+001B (escape), which is not allowed`},
	}
	for _, c := range cases {
		_, err := ReadScenario(strings.NewReader(c.text), "t.yaml")
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got  %v\n want %s", c.name, err, c.want)
		}
	}
	ok := minimal + "description: |\n  two lines,\n  and\ta tab\nsources:\n  pue: \"first\\nsecond\"\n"
	s, err := ReadScenario(strings.NewReader(ok), "t.yaml")
	if err != nil || s.Description != "two lines,\nand\ta tab" || s.Sources["pue"] != "first\nsecond" {
		t.Errorf("prose may hold line feeds and tabs: %q %q %v", s.Description, s.Sources["pue"], err)
	}
}

// TestReadScenarioQuotesHugeValues: a huge value is quoted in part, so the message stays one
// short line.
func TestReadScenarioQuotesHugeValues(t *testing.T) {
	for _, text := range []string{
		strings.Replace(minimal, "gpu_supply: 6", "gpu_supply: "+strings.Repeat("x", 500_000), 1),
		strings.Replace(minimal, "2025-01", strings.Repeat("2", 500_000), 1),
		minimal + "  ? " + strings.Repeat("k", 500_000) + "\n  : 1\n", // an explicit key: a plain one ends at 1024 characters
	} {
		_, err := ReadScenario(strings.NewReader(text), "t.yaml")
		if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "… (500000 bytes)") {
			t.Errorf("got %.300v", err)
		}
	}
}

// TestYAMLErrorLines: a syntax error names the line a person would fix, whatever line yaml.v3
// states (0-based for parser errors, the start of the enclosing block, none on line 1).
func TestYAMLErrorLines(t *testing.T) {
	cases := []struct{ text, want string }{
		{"name: [x\nstart: 2025-01\n", "t.yaml:1: not valid YAML: did not find expected ',' or ']'"},
		{"name: x\nstart: 2025-01\nlevers: [1, 2\n", "t.yaml:3: not valid YAML: did not find expected ',' or ']'"},
		{"name: x\nstart: 2025-01\n- x\n", "t.yaml:3: not valid YAML: did not find expected key"},
		{minimal + "  - investment\n", "t.yaml:6: not valid YAML: did not find expected key"},
		{minimal + " investment: 1\n", "t.yaml:6: not valid YAML: did not find expected key"},
		{"name: x\nstart: 2025-01\n\tlevers: 1\n", "t.yaml:3: not valid YAML: found a tab character that violates indentation"},
		{"name: x\nstart: \"2025-01\nlevers:\n", "t.yaml:2: not valid YAML: found unexpected end of stream"},
		{"name: x\nstart: 2025-01\nhorizon_years: 3: 4\n", "t.yaml:3: not valid YAML: mapping values are not allowed in this context"},
		{"name: \"two\n  lines\"\nstart: 2025-01\nlevers:\n  pue: 1\n gpu_supply: 2\n", "t.yaml:6: not valid YAML: did not find expected key"},
		{"name: x\nstart: 2025-01\nlevers\nhorizon_years: 3\n", "t.yaml:3: not valid YAML: could not find expected ':'"},
		{"name: x\nlevers: {pue: 1\n", "t.yaml:2: not valid YAML: did not find expected ',' or '}'"},
		{minimal + "---\nname: [\n", "t.yaml:7: a scenario file holds one YAML document"},
		{"name: \"open\nstart: 2025-01\nhorizon_years: 3\nlevers:\n  pue: 1\n", "t.yaml:1: not valid YAML: found unexpected end of stream"},
		{"description: \"two\n  lines\"\nname: 'open\nstart: 2025-01\n", "t.yaml:3: not valid YAML: found unexpected end of stream"},
		{"name: x\nlevers: [1,\n  2,\n  3\nstart: 2025-01\n", "t.yaml:2: not valid YAML: did not find expected ',' or ']'"},
	}
	for _, c := range cases {
		_, err := ReadScenario(strings.NewReader(c.text), "t.yaml")
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\n got  %v\n want %s", c.text, err, c.want)
		}
	}
}

func TestReadScenarioRefusesHugeFiles(t *testing.T) {
	big := minimal + "description: " + strings.Repeat("x", MaxScenarioBytes) + "\n"
	_, err := ReadScenario(strings.NewReader(big), "big.yaml")
	if err == nil || !strings.Contains(err.Error(), "big.yaml: file is larger than 1 MiB") {
		t.Fatalf("got %v", err)
	}
}

// FuzzReadScenario: any bytes give a valid scenario or an error, never a panic; a scenario that
// loads must validate and run.
func FuzzReadScenario(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "data", "*.yaml"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(minimal))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("levers: {investment: .inf}\n"))
	f.Add([]byte("name: x\nstart: 2025-01\nlevers: [1, 2\n"))
	f.Add([]byte("name: x\nlevers:\n  pue: 1\n  - x\n---\n: [\n"))
	f.Add([]byte(minimal + "description: \"\\e]52;c;aGk=\\a\\r\\n\\u202e\\u200b\\u009b\"\n"))
	var r Result
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadScenario(strings.NewReader(string(b)), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			var fe *FileError
			if lines := strings.Count(string(b), "\n") + 1; errors.As(err, &fe) && (fe.Line < 0 || fe.Line > lines) {
				t.Fatalf("error on line %d of a %d-line file: %v", fe.Line, lines, err)
			}
			if strings.Contains(err.Error(), "not valid YAML") && fe.Line < 1 {
				t.Fatalf("a syntax error names no line: %v", err)
			}
			return
		}
		if err := Run(&s, &r); err != nil {
			t.Fatalf("loaded scenario does not run: %v", err)
		}
		texts := []error{CheckText("name", s.Name, false), CheckText("description", s.Description, true)}
		for k, v := range s.Sources {
			texts = append(texts, CheckText("source key", k, false), CheckText("source", v, true))
		}
		for _, err := range texts {
			if err != nil {
				t.Fatalf("loaded text a terminal would act on: %v", err)
			}
		}
	})
}
