package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
	"github.com/flywheel-dev/flywheel/internal/testutil"
	"github.com/flywheel-dev/flywheel/tui"
)

// TestMain keeps the machine's own configuration and saved scenarios out of every test.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "flywheel-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	for _, k := range configKeys {
		os.Unsetenv("FLYWHEEL_" + strings.ToUpper(k.key))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// flywheel runs the command in-process and returns stdout, stderr and the exit status.
func flywheel(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := execute(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestRunTableGolden(t *testing.T) {
	out, errOut, code := flywheel(t, "run")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	testutil.Golden(t, "run-base.txt", out)
}

// TestRunTableChineseGolden: --lang zh translates the headings, the binding labels, the headline
// and the insight; the numbers and units are those of the English table.
func TestRunTableChineseGolden(t *testing.T) {
	out, errOut, code := flywheel(t, "run", "--lang", "zh")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	testutil.Golden(t, "run-base-zh.txt", out)
	for code := range tui.Languages {
		if _, ok := insight.ParseLanguage(code); !ok {
			t.Errorf("the dashboard speaks %q, the run table does not", code)
		}
	}
	if js, _, _ := flywheel(t, "run", "--lang", "zh", "--format", "json"); !strings.Contains(js, `"bottleneck": "energy"`) {
		t.Errorf("JSON is for scripts and stays English")
	}
}

func TestRunJSONHasTheDocumentedKeys(t *testing.T) {
	out, _, code := flywheel(t, "run", "--format", "json", "--set", "gpu_supply=8")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	testutil.Golden(t, "run-gpu8.json", out)
	var doc struct {
		Scenario struct {
			Name   string             `json:"name"`
			Levers map[string]float64 `json:"levers"`
		} `json:"scenario"`
		Headline map[string]any   `json:"headline"`
		Years    []map[string]any `json:"years"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Scenario.Levers["gpu_supply"] != 8 {
		t.Errorf("levers.gpu_supply = %v, want 8", doc.Scenario.Levers["gpu_supply"])
	}
	for _, k := range []string{"revenue_2030_usd_bn", "break_even_year", "peak_funding_need_usd_bn",
		"funding_raised_2030_usd_bn", "peak_arrears_usd_bn", "arrears_from", "restructured_at", "winding_down_from",
		"restructurings", "gw_installed_2030", "stranded_gw_peak", "bottleneck_now"} {
		if _, ok := doc.Headline[k]; !ok {
			t.Errorf("headline lacks %s", k)
		}
	}
	if len(doc.Years) != 11 {
		t.Fatalf("%d years, want 11", len(doc.Years))
	}
	for _, k := range []string{"year", "revenue_usd_bn", "costs_usd_bn", "chip_rent_usd_bn", "shell_rent_usd_bn",
		"fcf_usd_bn", "cash_end_usd_bn", "equity_raised_usd_bn", "vendor_financed_usd_bn", "debt_end_usd_bn",
		"arrears_end_usd_bn", "restructured_debt_end_usd_bn", "run_rate_dec_usd_bn", "gw_installed_end",
		"gw_effective_end", "gw_stranded_end", "power_online_gw_end", "backlog_gw_end", "utilisation",
		"capability_end", "bottleneck"} {
		if _, ok := doc.Years[0][k]; !ok {
			t.Errorf("years[0] lacks %s", k)
		}
	}
}

func TestRunBreakEvenIsNullWhenNone(t *testing.T) {
	out, _, code := flywheel(t, "run", "--format", "json", "--set", "revenue_growth=0", "--set", "long_run_growth=0")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, `"break_even_year": null`) {
		t.Errorf("no break-even should be null:\n%s", out[:min(len(out), 2000)])
	}
}

func TestRunCSVIsMonthly(t *testing.T) {
	out, _, code := flywheel(t, "run", "--format", "csv", "--years", "2026-2027")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+24 {
		t.Fatalf("%d lines, want a header and 24 months", len(lines))
	}
	if !strings.HasPrefix(lines[0], "month,bottleneck,stage,backlog_gw,") || !strings.Contains(lines[0], ",arrears_usd_bn,") {
		t.Errorf("header: %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "2026-01,") || !strings.HasPrefix(lines[24], "2027-12,") || strings.Split(lines[1], ",")[2] != "solvent" {
		t.Errorf("months: %s … %s", lines[1], lines[24])
	}
}

func TestRunYearsLimitsTheTable(t *testing.T) {
	out, _, code := flywheel(t, "run", "--years", "2030")
	if code != 0 || !strings.Contains(out, "\n  2030 ") || strings.Contains(out, "\n  2029 ") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestRunLaterStart: a scenario starting in 2027 runs the calibrated history from 2025 but reports
// from its start, so its 2027 is the base case's 2027 and the years before are outside it.
func TestRunLaterStart(t *testing.T) {
	table, errOut, code := flywheel(t, "run", "--set", "start=2027-01")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows := strings.Split(table, "\n")
	if !strings.Contains(rows[0], "· 2027–2037 ·") || !strings.HasPrefix(rows[4], "  2027 ") ||
		!strings.Contains(table, "\n  2037 ") {
		t.Errorf("the table should run 2027–2037:\n%s", table)
	}
	type doc struct {
		Scenario struct{ Start string } `json:"scenario"`
		Years    []map[string]any       `json:"years"`
	}
	var later, base doc
	for _, c := range []struct {
		d    *doc
		args []string
	}{{&later, []string{"--set", "start=2027-01"}}, {&base, nil}} {
		out, _, code := flywheel(t, append([]string{"run", "--format", "json"}, c.args...)...)
		if err := json.Unmarshal([]byte(out), c.d); code != 0 || err != nil {
			t.Fatalf("%v: exit %d, %v", c.args, code, err)
		}
	}
	if later.Scenario.Start != "2027-01" || len(later.Years) != 11 || later.Years[0]["year"] != 2027.0 {
		t.Fatalf("start %s, %d years from %v; want 2027-01, 11 from 2027", later.Scenario.Start, len(later.Years), later.Years[0]["year"])
	}
	if !reflect.DeepEqual(later.Years[0], base.Years[2]) {
		t.Errorf("2027 differs from the base case's 2027:\n got %v\nwant %v", later.Years[0], base.Years[2])
	}
	if _, errOut, code := flywheel(t, "run", "--set", "start=2027-01", "--years", "2025-2026"); code != 2 ||
		!strings.Contains(errOut, "outside the horizon 2027–2037") {
		t.Errorf("--years before the start: exit %d, %q", code, errOut)
	}
}

// TestRunBadInput: every mistake exits 2 with one line that names what is wrong.
func TestRunBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nstart: 2025-01\nhorizon_years: 11\nlevers:\n  investment: 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--set", "gpu_suply=3"}, `unknown lever "gpu_suply" (did you mean "gpu_supply"?)`},
		{[]string{"run", "--set", "gpu_supply=99"}, "lever gpu_supply = 99 is out of range 0.5–10 GW/yr"},
		{[]string{"run", "--set", "gpu_supply"}, `--set "gpu_supply": want lever=value`},
		{[]string{"run", "--set", "pue=NaN"}, "lever pue = NaN is not a finite number"},
		{[]string{"run", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"run", "--years", "2020-2022"}, "outside the horizon 2025–2035"},
		{[]string{"run", "--years", "soon"}, "want FROM-TO"},
		{[]string{"run", "--scenario", "nope"}, `--scenario "nope": no preset, saved scenario or file of that name (presets: base`},
		{[]string{"run", "--scenario", bad}, bad + ":5: lever investment = 9 is out of range 0–4 $T"},
		{[]string{"run", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"run", "--set", "start=2024-06"}, "--set start=2024-06: " + engine.CheckStart(engine.YearMonth{Year: 2024, Month: 6}).Error()},
	}
	for _, c := range cases {
		out, errOut, code := flywheel(t, c.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

// BenchmarkRunJSONProcess times the whole process of `flywheel run --format json`, as a script
// would see it: start, run the base case, print, exit.
func BenchmarkRunJSONProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "flywheel")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for b.Loop() {
		if err := exec.Command(bin, "run", "--format", "json").Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBadScenarioFiles: each malformed file in testdata/bad gives its one-line message (pinned in
// testdata/bad-files.golden) and exit status 2, from `run` and from the dashboard alike.
func TestBadScenarioFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	huge := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(huge, []byte("name: x\ndescription: "+strings.Repeat("x", 1<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	for _, f := range append(files, huge) {
		for _, cmd := range [][]string{{"run"}, {}} {
			out, errOut, code := flywheel(t, append(cmd, "--scenario", f)...)
			if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, f) {
				t.Errorf("%v %s: exit %d, stdout %q, stderr %q; want exit 2 and one line naming the file", cmd, f, code, out, errOut)
			}
			if len(cmd) == 1 {
				report.WriteString(strings.ReplaceAll(errOut, filepath.Dir(huge), "$TMP"))
			}
		}
	}
	testutil.Golden(t, "bad-files.golden", report.String())
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, _, code := flywheel(t, "completion", shell)
		if code != 0 || !strings.Contains(out, "flywheel") {
			t.Errorf("completion %s: exit %d", shell, code)
		}
	}
	out, _, _ := flywheel(t, "__complete", "--scenario", "")
	if !strings.Contains(out, "energy-wall") || !strings.Contains(out, "base") {
		t.Errorf("--scenario should complete the preset names:\n%s", out)
	}
}

func TestScenariosListsPresetsAndSaved(t *testing.T) {
	dir := filepath.Join(os.Getenv("XDG_DATA_HOME"), "flywheel", "scenarios")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(filepath.Join("..", "..", "data", "energy-wall.yaml"))
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(strings.Replace(string(text), "name: Energy wall", "name: My wall", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("name: [\n"), 0o644)
	defer os.RemoveAll(dir)
	out, _, code := flywheel(t, "scenarios")
	for _, want := range []string{"base               preset  Late 2025 base case", "energy-wall", "mine               saved   My wall",
		"broken             saved   broken: "} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("scenarios lacks %q:\n%s", want, out)
		}
	}
	if out, _, code := flywheel(t, "run", "--scenario", "mine", "--years", "2025"); code != 0 || !strings.Contains(out, "My wall") {
		t.Errorf("--scenario should load a saved scenario by name: exit %d\n%s", code, out)
	}
	if out, _, code := flywheel(t, "scenarios", "show", "mine"); code != 0 || !strings.Contains(out, "name: My wall") {
		t.Errorf("scenarios show should print a saved file: exit %d", code)
	}
	if _, errOut, code := flywheel(t, "scenarios", "show", "nope"); code != 2 || !strings.Contains(errOut, `no preset "nope"`) {
		t.Errorf("an unknown name: exit %d, %s", code, errOut)
	}
	if _, errOut, code := flywheel(t, "scenarios", "show", "broken"); code != 2 || !strings.Contains(errOut, filepath.Join(dir, "broken.yaml")+":1: ") {
		t.Errorf("a broken saved file: exit %d, %s", code, errOut)
	}
}

// wrapped matches the break before a comment's continuation line.
var wrapped = regexp.MustCompile(`\n {2,}# +`)

// TestScenariosShowWritesEveryNumber: `scenarios show` prints a complete file that loads back as
// the preset — with the base case's sources for the numbers it leaves at the base's values —
// every lever with its range and its plausible band and why.
func TestScenariosShowWritesEveryNumber(t *testing.T) {
	for _, name := range data.Presets() {
		out, errOut, code := flywheel(t, "scenarios", "show", name)
		if code != 0 {
			t.Fatalf("show %s: exit %d, %s", name, code, errOut)
		}
		got, err := engine.ReadScenario(strings.NewReader(out), name)
		want, _ := data.Preset(name)
		if want = data.Sourced(want); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("show %s does not load back as the preset (%v)", name, err)
		}
		text := wrapped.ReplaceAllString(out, " ")
		for _, p := range engine.Levers {
			for _, want := range []string{"\n  " + p.Key + ": ", ", range " + engine.FormatNumber(p.Min) + "–" + engine.FormatNumber(p.Max) + " — "} {
				if !strings.Contains(out, want) {
					t.Errorf("show %s lacks %q", name, want)
				}
			}
			band := "plausible " + engine.FormatNumber(p.Low) + "–" + engine.FormatNumber(p.High) + ": " + p.Band
			if !strings.Contains(text, band) {
				t.Errorf("show %s lacks %s's band %q", name, p.Key, band)
			}
		}
	}
}

// TestUsageErrors: every wrong word on the command line — a mistyped command, a stray argument,
// a wrong --set — exits 2 with exactly one line, suggesting what was likely meant.
func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"rn"}, `unknown command "rn" (did you mean "run"?)`},
		{[]string{"scen"}, `unknown command "scen" (did you mean "scenarios"?)`},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"energy-wall"}, `unknown command "energy-wall": for the scenario, write --scenario energy-wall`},
		{[]string{"scenarios", "sho", "base"}, `scenarios: unknown command "sho" (did you mean "show"?)`},
		{[]string{"run", "extra"}, `run takes no arguments, got "extra"`},
		{[]string{"config", "x"}, `config takes no arguments, got "x"`},
		{[]string{"version", "x"}, `version takes no arguments, got "x"`},
		{[]string{"scenarios", "show"}, "scenarios show: accepts 1 arg(s), received 0 (usage: flywheel scenarios show NAME [flags])"},
		{[]string{"help", "rnu"}, `unknown command "rnu" (did you mean "run"?)`},
		{[]string{"help", "run", "x"}, `run takes no arguments, got "x"`},
		{[]string{"completion", "bsh"}, `completion: unknown command "bsh" (did you mean "bash"?)`},
		{[]string{"completion", "bash", "x"}, `completion bash takes no arguments, got "x"`},
		{[]string{"run", "--set", "gpu=8"}, `--set gpu=8: unknown lever "gpu" (did you mean "gpu_supply" or "gpu_lead_time"?)`},
		{[]string{"--set", "gpu=8"}, `--set gpu=8: unknown lever "gpu" (did you mean "gpu_supply" or "gpu_lead_time"?)`},
		{[]string{"run", "--set", "revenue_growth=0.6"}, "--set revenue_growth=0.6: revenue_growth is in percent (0–300 %/yr); write 60 or 60% for 60%, or 0.6% if you mean 0.6%"},
		{[]string{"run", "--set", "gpu_supply=8%"}, "--set gpu_supply=8%: gpu_supply is in GW/yr, not percent: write it without %"},
		{[]string{"run", "--set", "revenue_growth=301%"}, "--set revenue_growth=301%: lever revenue_growth = 301 is out of range 0–300 %/yr"},
	}
	for _, c := range cases {
		out, errOut, code := flywheel(t, c.args...)
		if want := "flywheel: " + c.want + "\n"; code != 2 || out != "" || errOut != want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q\nwant exit 2 and %q", c.args, code, out, errOut, want)
		}
	}
	for _, args := range [][]string{{"help"}, {"help", "scenarios", "show"}, {"completion"}} {
		if out, errOut, code := flywheel(t, args...); code != 0 || errOut != "" || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, stderr %q; want help and exit 0", args, code, errOut)
		}
	}
}

// TestSetPercentSign: `--set revenue_growth=60%` is 60, the same run as `=60`.
func TestSetPercentSign(t *testing.T) {
	signed, errOut, code := flywheel(t, "run", "--format", "json", "--set", "revenue_growth=60%")
	plain, _, _ := flywheel(t, "run", "--format", "json", "--set", "revenue_growth=60")
	if code != 0 || signed != plain || !strings.Contains(signed, `"revenue_growth": 60,`) {
		t.Errorf("exit %d, %s: 60%% should run as 60", code, errOut)
	}
}

// TestNoTerminal: the dashboard without a terminal says what to do instead, in one line, exit 1:
// the command line is right, the place it runs in is not.
func TestNoTerminal(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "flywheel")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, args := range [][]string{nil, {"--scenario", "energy-wall"}} {
		cmd := exec.Command(bin, args...) // stdin /dev/null, stdout a pipe
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		want := `flywheel: no terminal here — run it in a terminal, over SSH use "ssh -t", or use "flywheel run" for a table` + "\n"
		if cmd.ProcessState.ExitCode() != 1 || out.Len() != 0 || errOut.String() != want {
			t.Errorf("%v: %v, stdout %q, stderr %q; want exit 1 and %q", args, err, out.String(), errOut.String(), want)
		}
	}
}

// TestHostileTextReachesNoTerminal: scenario text and file names full of terminal controls (an
// OSC 52 clipboard write, CR LF, a C1 CSI, a right-to-left override, a zero-width space) never
// reach stdout or stderr raw: files are refused with file:line, and what is echoed is escaped.
func TestHostileTextReachesNoTerminal(t *testing.T) {
	dir := filepath.Join(os.Getenv("XDG_DATA_HOME"), "flywheel", "scenarios")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	evil := `"Evil\e]52;c;aGk=\a\r\n\u202eevil\u200b\u009b2J"`
	file := "name: " + evil + "\ndescription: " + evil + "\nstart: 2025-01\nhorizon_years: 11\nlevers:\n  gpu_supply: 6\nsources:\n  pue: " + evil + "\n"
	for name, text := range map[string]string{
		"evil":                         file,
		"clip\x1b]52;c;aGk=\x07\u202e": "name: Fine\nstart: 2025-01\nhorizon_years: 11\nlevers:\n  gpu_supply: 6\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"scenarios"},
		{"scenarios", "show", "evil"},
		{"scenarios", "show", "clip\x1b]52;c;aGk=\x07\u202e"},
		{"run", "--scenario", "evil"},
		{"run", "--scenario", filepath.Join(dir, "evil.yaml"), "--format", "json"},
		{"run", "--scenario", "clip\x1b]52;c;aGk=\x07\u202e", "--format", "csv", "--years", "2025"},
		{"run", "--scenario", "no\x1b]0;title\x07such\r\nfile"},
		{"run", "--set", "gpu\u202e\x1b[2J=1"},
		{"run", "--years", "\u009b2J"},
		{"scenarios", "show", "\x1b]52;c;aGk=\x07"},
		{"__complete", "--scenario", ""},
	} {
		out, errOut, _ := flywheel(t, args...)
		for stream, text := range map[string]string{"stdout": out, "stderr": errOut} {
			if err := engine.CheckText(stream, text, true); err != nil {
				t.Errorf("%q: %v\n%q", args, err, text)
			}
		}
		if strings.Contains(strings.Join(args, " "), "evil") && !strings.Contains(errOut, "evil.yaml:1: name: contains U+001B (escape), which is not allowed") {
			t.Errorf("%q: stderr %q, want the file refused at its line", args, errOut)
		}
	}
	if out, _, _ := flywheel(t, "__complete", "--scenario", ""); !strings.Contains(out, "\nevil\n") {
		t.Errorf("completion should offer the saved scenario evil:\n%s", out)
	}
	out, _, _ := flywheel(t, "scenarios")
	if !strings.Contains(out, `clip\x1b]52;c;aGk=\x07\u202e saved   Fine`) {
		t.Errorf("a hostile file name is listed escaped:\n%s", out)
	}
}
