package engine

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"pgregory.net/rapid"
)

type fatalfer interface{ Fatalf(string, ...any) }

// roundTrip writes s, reads it back and fails unless the result equals want exactly: DeepEqual,
// and every number bit for bit. It returns the file text.
func roundTrip(t fatalfer, s, want Scenario) string {
	var b bytes.Buffer
	if err := WriteScenario(&b, &s); err != nil {
		t.Fatalf("WriteScenario: %v", err)
	}
	text := b.String()
	got, err := ReadScenario(strings.NewReader(text), "rt.yaml")
	if err != nil {
		t.Fatalf("ReadScenario of the written file: %v\n%s", err, text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip changed the scenario\n got  %#v\n want %#v\nfile:\n%s", got, want, text)
	}
	if d := scenarioDiff(&got, &want); d != "" {
		t.Fatalf("round trip changed the bits of %s\nfile:\n%s", d, text)
	}
	return text
}

func TestWriteScenarioRoundTripsDefault(t *testing.T) {
	d := DefaultScenario()
	roundTrip(t, d, d)
}

// TestWriteScenarioRoundTripsBaseFile: the shipped base case, with its long folded sources.
func TestWriteScenarioRoundTripsBaseFile(t *testing.T) {
	f, err := os.Open("../data/base.yaml")
	if err != nil {
		t.Skipf("no base.yaml: %v", err)
	}
	defer f.Close()
	s, err := ReadScenario(f, "base.yaml")
	if err != nil {
		t.Skipf("base.yaml does not load (the data tests report it): %v", err)
	}
	if len(s.Sources) == 0 {
		t.Fatal("base.yaml has no sources")
	}
	roundTrip(t, s, s)
}

// awkwardTexts are strings YAML gives meaning to, or that need quoting, escaping or a block.
var awkwardTexts = []string{
	`say "hi"`, `it's`, `'single'`, `"double"`, `a: b`, `key: value # not a comment`, `#hashtag`, `a #b`,
	`- item`, `? q`, `: colon`, `|pipe`, `>fold`, `*alias`, `&anchor`, `!tag`, `%directive`, `@at`, "`tick`",
	`[flow]`, `{flow: map}`, `---`, `...`, `null`, `~`, `Null`, `true`, `no`, `yes`, `on`, `123`, `-1.5`,
	`1e3`, `0x1F`, `0o17`, `.inf`, `.nan`, `2025-01-01`, `12:30`, `1:20:30`, `<<`, `=`,
	`back\slash`, `tab	inside`, `Größe — 30 GW ≥ ✓ 日本語 🚀`, `ج متن`, "zero\u200bwidth", "\ufeffbom",
	"nbsp\u00a0inside", "line\u2028sep", "next\u0085line", "para\u2029sep", "ctrl\x01\x1f\x7fchars",
	"line one\nline two", "first\n   indented second\nthird", "trailing spaces   \non a line",
	"blank\n\n\nlines", "crlf\r\nline", "lone\rcr", "- list\n- like", "# comment\nlike", "a\n---\nb",
	"a\n...\nb", "tab\n\tindented", strings.Repeat("long words that need folding ", 20) + "end",
	strings.Repeat("double  spaced  long  text ", 12), strings.Repeat("x", 300),
	strings.Repeat("a: b # c ", 30), strings.Repeat("überlange Zeile mit Umlauten ", 10),
	"long with tab\t" + strings.Repeat("word ", 40) + "end", "x",
}

// TestWriteScenarioRoundTripsAwkwardText: every awkward text a file may hold round-trips; the
// name takes those that are one line (CheckText), and text no field may hold is refused.
func TestWriteScenarioRoundTripsAwkwardText(t *testing.T) {
	for _, text := range awkwardTexts {
		s := DefaultScenario()
		s.Description = text
		s.Sources = map[string]string{"investment": text, "commit_to": text, "pue": "plain"}
		if CheckText("name", strings.TrimSpace(text), false) == nil {
			s.Name = text
		}
		if CheckText("description", strings.TrimSpace(text), true) != nil {
			if err := WriteScenario(&bytes.Buffer{}, &s); err == nil || !strings.Contains(err.Error(), "which is not allowed") {
				t.Errorf("%q written: %v", text, err)
			}
			continue
		}
		roundTrip(t, s, trimmed(s))
	}
}

// TestWriteScenarioTrimsLikeReadScenario: ReadScenario trims text, so WriteScenario writes it
// trimmed and the round trip gives the trimmed text.
func TestWriteScenarioTrimsLikeReadScenario(t *testing.T) {
	s := DefaultScenario()
	s.Name = "  padded name \t"
	s.Description = "\n  indented first line\n  second\n\n"
	s.Sources = map[string]string{"gpu_supply": " \u00a0spaced\u2028"}
	want := s
	want.Name = "padded name"
	want.Description = "indented first line\n  second"
	want.Sources = map[string]string{"gpu_supply": "spaced"}
	roundTrip(t, s, want)
}

func TestWriteScenarioKeepsEveryBit(t *testing.T) {
	s := DefaultScenario()
	s.Levers[Investment] = math.Copysign(0, -1)
	s.Levers[GPUSupply] = math.Nextafter(0.5, 1)
	tenth, fifth := 0.1, 0.2
	s.Levers[RevenueGrowth] = tenth + fifth // 0.30000000000000004, not the constant 0.3
	s.Levers[SupplyGrowth] = math.SmallestNonzeroFloat64
	s.Levers[EnergyBuild] = math.Nextafter(Levers[EnergyBuild].Max, 0)
	s.Levers[PUE] = 1 + math.Nextafter(1, 2) - 1
	s.Levers[CapabilityElasticity] = 1e-300
	s.Levers[DebtRate] = 1.0 / 3
	s.Settings[DebtCap] = 10000
	s.Settings[DemandStart] = 4999.999999999999
	s.Settings[CashStart] = 1234.5678e-10
	got := roundTrip(t, s, s)
	if !strings.Contains(got, "investment: -0.0 ") || !strings.Contains(got, "revenue_growth: 0.30000000000000004 ") {
		t.Fatalf("numbers not written as expected:\n%s", got)
	}
}

// TestWriteScenarioSources: no sources stays no sources; an empty map stays an empty map; only
// keys with a source are written, in table order.
func TestWriteScenarioSources(t *testing.T) {
	s := DefaultScenario()
	if text := roundTrip(t, s, s); strings.Contains(text, "sources") {
		t.Fatalf("nil sources written:\n%s", text)
	}
	s.Sources = map[string]string{}
	roundTrip(t, s, s)
	s.Sources = map[string]string{"commit_to": "last", "investment": "first", "pue": "", "opex_variable": "mid"}
	text := roundTrip(t, s, s)
	_, tail, _ := strings.Cut(text, "\nsources:\n")
	var keys []string
	for _, line := range strings.Split(strings.TrimSpace(tail), "\n") {
		k, _, _ := strings.Cut(strings.TrimSpace(line), ":")
		keys = append(keys, k)
	}
	if want := []string{"investment", "pue", "opex_variable", "commit_to"}; !slices.Equal(keys, want) {
		t.Fatalf("sources keys %v, want %v", keys, want)
	}
}

// paramComments reads a section of a written file back into each key's comment notes, checking
// the layout: keys in table order, every comment line at one column and within writeWidth, each
// note starting a comment line and its continuation lines indented.
func paramComments(t *testing.T, text, section string, table []Param) map[string][]string {
	t.Helper()
	lines := strings.Split(text, "\n")
	start := slices.Index(lines, section+":")
	if start < 0 {
		t.Fatalf("no %s: section", section)
	}
	i := start
	notes := map[string][]string{}
	col := -1
	for _, p := range table {
		i++
		key, comment, ok := strings.Cut(lines[i], "  # ")
		if !strings.HasPrefix(key, "  "+p.Key+": ") || !ok {
			t.Fatalf("%s line %q, want key %s with a comment", section, lines[i], p.Key)
		}
		if col >= 0 && len(key) != col {
			t.Errorf("%s: comment at column %d, others at %d", p.Key, len(key), col)
		}
		col = len(key)
		got := []string{comment}
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], strings.Repeat(" ", col+2)+"# ") {
			i++
			more := lines[i][col+4:]
			if rest, ok := strings.CutPrefix(more, noteIndent); ok {
				got[len(got)-1] += " " + rest
			} else {
				got = append(got, more)
			}
		}
		notes[p.Key] = got
	}
	for _, line := range lines[start : i+1] {
		if n := utf8.RuneCountInString(line); n > writeWidth {
			t.Errorf("line of %d runes, more than %d: %q", n, writeWidth, line)
		}
	}
	return notes
}

// TestWriteScenarioDocumentsItself: every lever and setting, in table order, with its unit, range
// and meaning in a comment.
func TestWriteScenarioDocumentsItself(t *testing.T) {
	s := DefaultScenario()
	s.Description = "A test."
	var b bytes.Buffer
	if err := WriteScenario(&b, &s); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"\nname: Late 2025 base case\n", "\ndescription: A test.\n", "\nstart: 2025-01\n", "\nhorizon_years: 11\n",
		"\n  gpu_supply: 4 ", "# GW/yr, range 0.5–10 — accelerator capacity the supply chain can\n",
		"\n  commit_peak: 2028 ", "# year, range 2020–2040 — calendar year in which the schedule delivers\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	for section, table := range map[string][]Param{"levers": Levers[:], "settings": Settings[:]} {
		notes := paramComments(t, text, section, table)
		for _, p := range table {
			want := fmt.Sprintf("%s, range %s–%s — %s", p.Unit, FormatNumber(p.Min), FormatNumber(p.Max), p.Meaning)
			if got := notes[p.Key]; got[0] != want || !slices.Equal(got, paramNotes(p)) {
				t.Errorf("%s: comment %q, want it to begin %q", p.Key, got, want)
			}
		}
	}
	order := []string{"\nname:", "\ndescription:", "\nstart:", "\nhorizon_years:", "\nlevers:", "\nsettings:"}
	for i := 1; i < len(order); i++ {
		if strings.Index(text, order[i-1]) > strings.Index(text, order[i]) {
			t.Errorf("%s comes after %s", strings.TrimSpace(order[i-1]), strings.TrimSpace(order[i]))
		}
	}
}

// TestWriteScenarioShowsEveryBand: each lever's comment gives its plausible band, inside its
// range, and the reason for it; settings have none. Values that widen the comment column must
// not push a line past writeWidth.
func TestWriteScenarioShowsEveryBand(t *testing.T) {
	s := DefaultScenario()
	s.Levers[RevenueShareToPartner] = math.Nextafter(20, 0) // the longest key, with a long value
	s.Settings[LegacyRentDiscount] = 1.0 / 3
	var b bytes.Buffer
	if err := WriteScenario(&b, &s); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	levers := paramComments(t, text, "levers", Levers[:])
	for _, p := range Levers {
		if p.Band == "" || !(p.Min <= p.Low && p.Low < p.High && p.High <= p.Max) {
			t.Errorf("%s: band %v–%v %q is not a band inside %v–%v with a reason", p.Key, p.Low, p.High, p.Band, p.Min, p.Max)
		}
		want := "plausible " + FormatNumber(p.Low) + "–" + FormatNumber(p.High) + ": " + p.Band
		if got := levers[p.Key]; len(got) != 2 || got[1] != want {
			t.Errorf("%s: comment %q, want its second note %q", p.Key, got, want)
		}
	}
	for key, notes := range paramComments(t, text, "settings", Settings[:]) {
		if len(notes) != 1 || strings.Contains(notes[0], "plausible") {
			t.Errorf("setting %s has a band: %q", key, notes)
		}
	}
}

// TestWriteScenarioBlocks: long text is folded within the width, multi-line text is a literal block.
func TestWriteScenarioBlocks(t *testing.T) {
	s := DefaultScenario()
	s.Description = strings.Repeat("A long description that goes on. ", 10) + "End."
	s.Sources = map[string]string{"pue": "First line\nsecond line"}
	text := roundTrip(t, s, s)
	if !strings.Contains(text, "\ndescription: >\n  A long description") {
		t.Errorf("long description not folded:\n%s", text)
	}
	if !strings.Contains(text, "\n  pue: |-\n    First line\n    second line\n") {
		t.Errorf("multi-line source not a literal block:\n%s", text)
	}
	for _, line := range strings.Split(text, "\n") {
		if !strings.Contains(line, "#") && utf8.RuneCountInString(line) > writeWidth {
			t.Errorf("line longer than %d: %q", writeWidth, line)
		}
	}
}

// TestWriteScenarioTextIsReadable: text is written plain where it can be, quoted where YAML would
// misread it, and escaped only where it holds what cannot be shown.
func TestWriteScenarioTextIsReadable(t *testing.T) {
	for text, want := range map[string]string{
		"Bull case":           "name: Bull case\n",
		"Bull case 🚀":         "name: 'Bull case 🚀'\n",
		"no":                  "name: 'no'\n",
		"123":                 "name: '123'\n",
		"it's: odd":           "name: 'it''s: odd'\n",
		"a\x01b":              `name: "a\x01b"` + "\n",
		"two\nlines 🚀":        "name: |-\n  two\n  lines 🚀\n",
		"gap\n\nafter":        "name: |-\n  gap\n\n  after\n",
		"crlf\r\nline":        `name: "crlf\r\nline"` + "\n",
		"":                    "name: ''\n",
		"tab\tthen":           `name: "tab\tthen"` + "\n",
		"line\u2028separator": `name: "line\Lseparator"` + "\n",
	} {
		got, err := textPair("name", text, 0)
		if err != nil || got != want {
			t.Errorf("textPair(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
}

func TestFoldLines(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  []string
	}{
		{"aa bb cc", 5, []string{"aa bb", "cc"}},
		{"aa bb cc", 2, []string{"aa", "bb", "cc"}},
		{"aaaaaa bb", 3, []string{"aaaaaa", "bb"}},
		{"aa  bb cc", 3, []string{"aa  bb", "cc"}}, // never at a double space
		{"aaaaaa", 3, []string{"aaaaaa"}},
		{"ää öö", 3, []string{"ää", "öö"}},
	} {
		if got := foldLines(c.in, c.width); !slices.Equal(got, c.want) {
			t.Errorf("foldLines(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// TestWriteScenarioRefuses: what ReadScenario would reject is not written at all.
func TestWriteScenarioRefuses(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Scenario)
		want string
	}{
		{"out of range", func(s *Scenario) { s.Levers[GPUSupply] = 25 }, "lever gpu_supply = 25 is out of range"},
		{"nan", func(s *Scenario) { s.Settings[CashStart] = math.NaN() }, "setting cash_start = NaN is not a finite number"},
		{"no name", func(s *Scenario) { s.Name = " \n " }, "no name"},
		{"bad utf-8", func(s *Scenario) { s.Description = "a\xffb" }, "not valid UTF-8"},
		{"terminal control", func(s *Scenario) { s.Name = "clip\x1b]52;c;aGk=\x07" }, "name: contains U+001B (escape), which is not allowed"},
		{"unknown source", func(s *Scenario) { s.Sources = map[string]string{"gpu_suply": "x"} }, `unknown lever or setting in sources "gpu_suply" (did you mean "gpu_supply"?)`},
		{"horizon", func(s *Scenario) { s.HorizonYears = 0 }, "horizon_years = 0 is out of range"},
		{"too big", func(s *Scenario) { s.Description = strings.Repeat("x ", MaxScenarioBytes/2+1) }, "more than the"},
	}
	for _, c := range cases {
		s := DefaultScenario()
		c.edit(&s)
		var b bytes.Buffer
		err := WriteScenario(&b, &s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want …%s…", c.name, err, c.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite the error", c.name, b.Len())
		}
	}
	if err := WriteScenario(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil scenario accepted")
	}
}

// drawValue draws a value inside p's range: anywhere, or the sums and slider nudges that carry
// binary rounding (0.1+0.2, min + k×step added up step by step).
func drawValue(t *rapid.T, p Param, label string) float64 {
	switch rapid.IntRange(0, 3).Draw(t, label+"/kind") {
	case 0:
		return rapid.Float64Range(p.Min, p.Max).Draw(t, label)
	case 1:
		n := rapid.IntRange(0, int((p.Max-p.Min)/p.Step)).Draw(t, label+"/nudges")
		v := p.Min
		for range n {
			v += p.Step
		}
		return min(v, p.Max)
	case 2:
		a := float64(rapid.IntRange(0, 99).Draw(t, label+"/tenths")) * 0.1
		b := float64(rapid.IntRange(0, 99).Draw(t, label+"/hundredths")) * 0.01
		return min(max(p.Min+a+b, p.Min), p.Max)
	default:
		return rapid.SampledFrom([]float64{p.Min, p.Max, p.Default, math.Nextafter(p.Max, p.Min), math.Nextafter(p.Min, p.Max)}).Draw(t, label)
	}
}

var printableRune = rapid.RuneFrom([]rune{' '}, unicode.PrintRanges...)

// drawScenario draws a valid scenario: every number in range, start and horizon within the limits,
// a printable-Unicode name, and text drawn from text.
func drawScenario(t *rapid.T, text *rapid.Generator[string]) (s, want Scenario) {
	s = DefaultScenario()
	for i, p := range Levers {
		s.Levers[i] = drawValue(t, p, p.Key)
	}
	for i, p := range Settings[:CommitFrom] {
		s.Settings[i] = drawValue(t, p, p.Key)
	}
	years := []int{rapid.IntRange(2020, 2040).Draw(t, "from"), rapid.IntRange(2020, 2040).Draw(t, "peak"), rapid.IntRange(2020, 2040).Draw(t, "to")}
	slices.Sort(years)
	s.Settings[CommitFrom], s.Settings[CommitPeak], s.Settings[CommitTo] = float64(years[0]), float64(years[1]), float64(years[2])
	start := rapid.IntRange(0, (LatestStart.Year-EarliestStart.Year)*12+LatestStart.Month-EarliestStart.Month).Draw(t, "start")
	s.Start = EarliestStart.Add(start)
	s.HorizonYears = rapid.IntRange(MinHorizonYears, MaxHorizonYears).Draw(t, "horizon")
	s.Name = rapid.StringOfN(printableRune, 1, 80, -1).Filter(func(n string) bool { return strings.TrimSpace(n) != "" }).Draw(t, "name")
	s.Description = text.Draw(t, "description")
	if rapid.Bool().Draw(t, "has sources") {
		keys := rapid.SliceOfDistinct(rapid.SampledFrom(ParamKeys()), func(k string) string { return k }).Draw(t, "source keys")
		s.Sources = map[string]string{}
		for _, k := range keys {
			s.Sources[k] = text.Draw(t, "source "+k)
		}
	}
	return s, trimmed(s)
}

// trimmed is s as ReadScenario gives it back: text trimmed of surrounding white space.
func trimmed(s Scenario) Scenario {
	s.Name, s.Description = strings.TrimSpace(s.Name), strings.TrimSpace(s.Description)
	if s.Sources != nil {
		src := make(map[string]string, len(s.Sources))
		for k, v := range s.Sources {
			src[k] = strings.TrimSpace(v)
		}
		s.Sources = src
	}
	return s
}

func TestWriteScenarioRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, want := drawScenario(t, rapid.StringOfN(printableRune, 0, 300, -1))
		roundTrip(t, s, want)
	})
}

// TestWriteScenarioRoundTripAnyText: any valid UTF-8 text a description may hold (CheckText),
// line breaks and tabs included, round-trips too.
func TestWriteScenarioRoundTripAnyText(t *testing.T) {
	allowed := func(s string) string {
		return strings.Map(func(r rune) rune {
			if disallowed(r, true) {
				return -1
			}
			return r
		}, s)
	}
	anyText := rapid.Map(rapid.OneOf(
		rapid.String(),
		rapid.StringOf(rapid.RuneFrom([]rune(" \t\n\r#:-'\"|>\\\u0085\u2028\u00a0\ufeffaé"))),
		rapid.Custom(func(t *rapid.T) string { // long lines with breaks and odd spacing
			words := rapid.SliceOfN(rapid.SampledFrom([]string{"word", "a", " ", "  ", "\n", "\t", "#", ": ", "- ", "ü", strings.Repeat("x", 30)}), 0, 80).Draw(t, "words")
			return strings.Join(words, " ")
		}),
	), allowed)
	rapid.Check(t, func(t *rapid.T) {
		s, want := drawScenario(t, anyText)
		roundTrip(t, s, want)
	})
}
