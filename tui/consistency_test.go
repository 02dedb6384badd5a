package tui

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
)

// storyScenarios are every preset and n lever sets drawn from the levers' plausible bands.
func storyScenarios(t *testing.T, n int) map[string]engine.Scenario {
	t.Helper()
	out := map[string]engine.Scenario{}
	for _, name := range data.Presets() {
		s, err := data.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	rng := rand.New(rand.NewPCG(8, 2026))
	for i := range n {
		s := baseScenario(t)
		for l := range engine.Levers {
			p := &engine.Levers[l]
			s.Levers[l] = p.Low + rng.Float64()*(p.High-p.Low)
		}
		out["random "+strconv.Itoa(i)] = s
	}
	return out
}

// TestOneStoryOnEveryScreen renders every preset and 200 random lever sets at every cursor year
// and fails where two parts of the screen name different binding constraints for a month or a
// year: the header, each pane's "binding" note, the timeline (one cell per month at this width)
// and the zoomed year table must all say what the engine's label says.
func TestOneStoryOnEveryScreen(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	scenarios, spans := storyScenarios(t, n), 0
	for name, s := range scenarios {
		m, err := New(Options{Scenario: s, Theme: "dark"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		r := m.Result()
		for yi := range r.Years {
			y := &r.Years[yi]
			m.setYear(y.Year)
			label := strings.ToUpper(y.Bottleneck.String())
			lines := strings.Split(ansi.Strip(m.render()), "\n")
			if want := "cursor " + strconv.Itoa(y.Year) + ": " + label; !strings.Contains(lines[0], want) {
				t.Fatalf("%s %d: the header should say %q: %s", name, y.Year, want, lines[0])
			}
			screen := strings.Join(lines, "\n")
			for k := engine.Bottleneck(0); k < engine.NumBottlenecks; k++ {
				note := "binding " + strings.ToUpper(k.String())
				if k != y.Bottleneck && strings.Contains(screen, note) {
					t.Fatalf("%s %d: a pane says %q while %s binds", name, y.Year, note, label)
				}
			}
			if yi == 0 {
				checkStrip(t, name, m, lines)
				spans += checkInsight(t, name, r, lines[m.lay.insight.y])
			}
		}
		checkYearTable(t, name, m)
	}
	if spans < len(scenarios)/2 {
		t.Errorf("only %d walls read from %d insight lines: has the sentence's form changed?", spans, len(scenarios))
	}
}

var (
	wallSpan  = regexp.MustCompile(`(\w+) binds (from )?((?:[A-Z][a-z]{2} )?\d{4})(?:–((?:[A-Z][a-z]{2} )?\d{4}))?`)
	monthName = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// parseWhen reads "2031" or "Oct 2026" as the first (or, with last, the final) month it names.
func parseWhen(s string, last bool) engine.YearMonth {
	if y, err := strconv.Atoi(s); err == nil {
		if last {
			return engine.YearMonth{Year: y, Month: 12}
		}
		return engine.YearMonth{Year: y, Month: 1}
	}
	y, _ := strconv.Atoi(s[4:])
	return engine.YearMonth{Year: y, Month: slices.Index(monthName[:], s[:3])}
}

// checkInsight reads the insight line: a shortfall is told first, from the month it began, and
// the wall it names binds, by the engine's label, in every month (or whole year) it names.
func checkInsight(t *testing.T, name string, r *engine.Result, line string) (spans int) {
	t.Helper()
	line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "⚡"))
	if h := r.Headline; h.PeakArrears > 0 {
		from := monthName[h.ArrearsFrom.Month] + " " + strconv.Itoa(h.ArrearsFrom.Year)
		want := "In arrears " + from
		if !strings.HasPrefix(line, want) && !strings.HasPrefix(line, "In arrears from "+from) {
			t.Fatalf("%s: the insight should start with %q: %s", name, want, line)
		}
	}
	for _, sm := range wallSpan.FindAllStringSubmatch(line, -1) {
		spans++
		kind := strings.ToLower(sm[1])
		a := parseWhen(sm[3], false)
		b := parseWhen(sm[3], true)
		if sm[4] != "" {
			b = parseWhen(sm[4], true)
		}
		if sm[2] != "" {
			b = r.Months[len(r.Months)-1].Date
		}
		if !strings.Contains(sm[3], " ") { // whole years: the year table's label
			for y := a.Year; y <= b.Year; y++ {
				if got := r.Years[r.YearIndex(y)].Bottleneck.String(); got != kind {
					t.Fatalf("%s: the insight says %s binds in %d, the year table %s: %s", name, kind, y, got, line)
				}
			}
			continue
		}
		for i := range r.Months {
			if d := r.Months[i].Date; d.Decimal() >= a.Decimal() && d.Decimal() <= b.Decimal() && r.Months[i].Bottleneck.String() != kind {
				t.Fatalf("%s: the insight says %s binds in %s, the timeline %s: %s", name, kind, d, r.Months[i].Bottleneck, line)
			}
		}
	}
	return spans
}

// checkStrip reads the timeline's strip and checks each cell against its month's label.
func checkStrip(t *testing.T, name string, m *Model, lines []string) {
	t.Helper()
	r := m.Result()
	x0, sw := m.stripGeometry()
	if sw < len(r.Months) {
		t.Fatalf("at %d columns the strip (%d cells) should have a cell for every month (%d)", m.w, sw, len(r.Months))
	}
	row := []rune(lines[m.lay.timeline.y])
	for i := range sw {
		month := &r.Months[i*len(r.Months)/sw]
		if got := row[x0+i]; got != rune(month.Bottleneck.Letter()) {
			t.Fatalf("%s: the timeline shows %q for %s, the engine %s", name, got, month.Date, month.Bottleneck)
		}
	}
}

// checkYearTable zooms the Compute pane and reads its bottleneck row for every year shown.
func checkYearTable(t *testing.T, name string, m *Model) {
	t.Helper()
	r := m.Result()
	press(m, "1", "enter")
	defer press(m, "esc")
	for _, year := range []int{r.Years[0].Year, r.Years[len(r.Years)/2].Year, r.Years[len(r.Years)-1].Year} {
		m.setYear(year)
		var head, row []string
		for _, l := range strings.Split(ansi.Strip(m.render()), "\n") {
			fields := strings.Fields(strings.Trim(l, "│┃ "))
			switch {
			case len(fields) > 3 && fields[0] == strconv.Itoa(r.Years[0].Year) || len(fields) > 3 && isYearRow(fields):
				head = fields
			case len(fields) > 1 && fields[0] == "bottleneck":
				row = fields[1:]
			}
		}
		if len(head) == 0 || len(head) != len(row) {
			t.Fatalf("%s: no year table with a bottleneck row (years %v, row %v)", name, head, row)
		}
		for i, ys := range head {
			y, _ := strconv.Atoi(ys)
			if want := r.Years[r.YearIndex(y)].Bottleneck.String(); row[i] != want {
				t.Fatalf("%s: the year table says %s binds in %d, the engine %s", name, row[i], y, want)
			}
		}
	}
}

func isYearRow(fields []string) bool {
	for _, f := range fields {
		if y, err := strconv.Atoi(f); err != nil || y < 2000 || y > 2200 {
			return false
		}
	}
	return true
}
