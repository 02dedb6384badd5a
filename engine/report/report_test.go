package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
)

func TestStages(t *testing.T) {
	ym := func(y, m int) engine.YearMonth { return engine.YearMonth{Year: y, Month: m} }
	for _, c := range []struct {
		h    engine.Headline
		want string
	}{
		{engine.Headline{}, "solvent"},
		{engine.Headline{PeakArrears: 29.6, ArrearsFrom: ym(2028, 5)}, "arrears $30B from 2028-05"},
		{engine.Headline{PeakArrears: 132, ArrearsFrom: ym(2029, 5), RestructuredAt: ym(2030, 6), Restructurings: 1,
			WindingDownFrom: ym(2034, 4)}, "arrears $132B from 2029-05 · restructured 2030-06 · winding down from 2034-04"},
		{engine.Headline{PeakArrears: 80, ArrearsFrom: ym(2029, 5), RestructuredAt: ym(2030, 6), Restructurings: 2},
			"arrears $80B from 2029-05 · restructured 2030-06 (×2)"},
	} {
		if got := stages(&c.h, &english); got != c.want {
			t.Errorf("stages(%+v) = %q, want %q", c.h, got, c.want)
		}
	}
}

// runPresets runs every preset: between them they pass through every stage of a shortfall.
func runPresets(t *testing.T) map[string]*engine.Result {
	t.Helper()
	out := map[string]*engine.Result{}
	for _, name := range data.Presets() {
		s, err := data.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		var r engine.Result
		if err := engine.Run(&s, &r); err != nil {
			t.Fatal(err)
		}
		out[name] = &r
	}
	return out
}

// TestJSONStagesAndRents: the stage months are "YYYY-MM" or null, and the yearly chip and shell
// rent, summed from the months, add up to the engine's compute rent.
func TestJSONStagesAndRents(t *testing.T) {
	reached := map[string]bool{}
	for name, r := range runPresets(t) {
		var b bytes.Buffer
		if err := JSON(&b, r, Years{}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Headline map[string]any   `json:"headline"`
			Years    []map[string]any `json:"years"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		h := &r.Headline
		for key, ym := range map[string]engine.YearMonth{"arrears_from": h.ArrearsFrom, "restructured_at": h.RestructuredAt,
			"winding_down_from": h.WindingDownFrom} {
			got, want := doc.Headline[key], any(nil)
			if !ym.IsZero() {
				want = ym.String()
				reached[key] = true
			}
			if got != want {
				t.Errorf("%s: %s = %v, want %v", name, key, got, want)
			}
		}
		if got := doc.Headline["restructurings"]; got != float64(h.Restructurings) {
			t.Errorf("%s: restructurings = %v, want %d", name, got, h.Restructurings)
		}
		for i, y := range r.Years {
			got := doc.Years[i]
			rent := got["chip_rent_usd_bn"].(float64) + got["shell_rent_usd_bn"].(float64)
			if math.Abs(rent-y.ComputeRent) > 0.002 {
				t.Errorf("%s %d: chip + shell rent %.3f, compute rent %.3f", name, y.Year, rent, y.ComputeRent)
			}
			if got["arrears_end_usd_bn"] != round3(y.ArrearsEnd) || got["restructured_debt_end_usd_bn"] != round3(y.RestructuredDebtEnd) {
				t.Errorf("%s %d: arrears %v, restructured debt %v; want %.3f, %.3f", name, y.Year,
					got["arrears_end_usd_bn"], got["restructured_debt_end_usd_bn"], y.ArrearsEnd, y.RestructuredDebtEnd)
			}
		}
	}
	if len(reached) != 3 {
		t.Errorf("the presets reach only %v: the null-or-month test needs each stage somewhere", reached)
	}
}

// TestCSVHasEveryMonthSeries: every number of engine.Month has a column, under a header of its own.
func TestCSVHasEveryMonthSeries(t *testing.T) {
	var m engine.Month
	v := reflect.ValueOf(&m).Elem()
	missing := map[float64]string{}
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Float64 {
			f.SetFloat(float64(i + 1))
			missing[float64(i+1)] = v.Type().Field(i).Name
		}
	}
	var headers []string
	for _, c := range Columns {
		delete(missing, c.Value(&m))
		if slices.Contains(headers, c.Header) {
			t.Errorf("header %s twice", c.Header)
		}
		headers = append(headers, c.Header)
	}
	if len(missing) > 0 {
		t.Errorf("no CSV column for %v", missing)
	}
}

// TestCSVStage: the stage column follows the bottleneck and gives each month's stage.
func TestCSVStage(t *testing.T) {
	seen := map[string]bool{}
	for name, r := range runPresets(t) {
		var b bytes.Buffer
		if err := CSV(&b, r, Years{}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0][:3], []string{"month", "bottleneck", "stage"}) || len(rows) != 1+len(r.Months) {
			t.Fatalf("%s: header %v, %d rows for %d months", name, rows[0][:3], len(rows)-1, len(r.Months))
		}
		for i, m := range r.Months {
			if got := rows[1+i][2]; got != m.Stage.String() {
				t.Errorf("%s %s: stage %q, want %q", name, m.Date, got, m.Stage)
			}
			seen[m.Stage.String()] = true
		}
	}
	if len(seen) != int(engine.NumStages) {
		t.Errorf("the presets reach only the stages %v", seen)
	}
}

// TestTableAlignsInCells: in every language the columns line up on screen, a Han character taking
// two cells: each row is as wide as the unit row before its bottleneck label.
func TestTableAlignsInCells(t *testing.T) {
	r := runPresets(t)["demand-stall"]
	for _, lang := range []insight.Language{insight.English, insight.Chinese} {
		var b bytes.Buffer
		if err := Table(&b, r, Years{}, lang); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		wd := wordsIn(lang)
		unitWidth := ansi.StringWidth(lines[3])
		for i, line := range lines[2 : 4+len(r.Years)] {
			label := "  " + wd.headings[11]
			if i > 1 {
				label = "  " + wd.bottleneck(r.Years[i-2].Bottleneck)
			}
			if i != 1 && (!strings.HasSuffix(line, label) || ansi.StringWidth(strings.TrimSuffix(line, label)) != unitWidth) {
				t.Errorf("lang %d, line %d is not aligned with the units (%d cells):\n%s\n%s", lang, i, unitWidth, lines[3], line)
			}
		}
		if lang == insight.Chinese && !strings.Contains(b.String(), "2029年5月起欠款，峰值 $132B · 2030年6月重组 · 2034年4月起清盘") {
			t.Errorf("the Chinese headline lacks the stages:\n%s", b.String())
		}
	}
}

// FuzzParseYears: any --years text is refused with a short message holding no character a terminal
// would act on, or gives years inside the horizon, in order.
func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"2026-2030", "2030", "2020-2022", "soon", "2030-2026", "-", " 2025 - 2035 "} {
		f.Add(s)
	}
	s := engine.DefaultScenario()
	var r engine.Result
	if err := engine.Run(&s, &r); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ys, err := ParseYears(text, &r)
		if err != nil {
			if engine.CheckText("message", err.Error(), false) != nil || len([]rune(err.Error())) > 200 {
				t.Fatalf("ParseYears(%q): %q", text, err)
			}
			return
		}
		if ys.From > ys.To || ys.From < r.Years[0].Year || ys.To > r.Years[len(r.Years)-1].Year {
			t.Fatalf("ParseYears(%q) = %+v, outside %d–%d", text, ys, r.Years[0].Year, r.Years[len(r.Years)-1].Year)
		}
	})
}

// TestHostileNameReachesNoTerminal: a scenario whose text is full of terminal controls (built in
// memory, past the file reader that refuses it) prints as table, JSON and CSV without one raw
// control, bidi or zero-width character, and the JSON still decodes to the exact name.
func TestHostileNameReachesNoTerminal(t *testing.T) {
	s := engine.DefaultScenario()
	hostile := "Evil\x1b]52;c;aGk=\x07\r\n\u202eevil\u200b\u009b2J\x7f\U000E0041"
	s.Name, s.Description = hostile, hostile
	s.Sources = map[string]string{"pue": hostile}
	var r engine.Result
	if err := engine.Run(&s, &r); err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, format, &r, Years{}, insight.English); err != nil {
			t.Fatal(err)
		}
		if err := engine.CheckText(format, b.String(), true); err != nil {
			t.Errorf("%v", err)
		}
		if format == "table" && !strings.HasPrefix(b.String(), `Evil\x1b]52;c;aGk=\x07  \u202eevil\u200b\u009b2J\x7f\U000e0041 · 2025–2035`) {
			t.Errorf("table heading: %q", strings.SplitN(b.String(), "\n", 2)[0])
		}
		if format == "json" {
			var doc struct{ Scenario struct{ Name string } }
			if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc.Scenario.Name != hostile {
				t.Errorf("JSON name %q, %v; want %q", doc.Scenario.Name, err, hostile)
			}
		}
	}
}
