package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// YearMonth is a calendar month, the engine's unit of time.
type YearMonth struct {
	Year, Month int // Month is 1–12
}

// ParseYearMonth reads "YYYY-MM".
func ParseYearMonth(s string) (YearMonth, error) {
	y, m, ok := strings.Cut(strings.TrimSpace(s), "-")
	if ok && len(y) == 4 && len(m) == 2 {
		yy, err1 := strconv.Atoi(y)
		mm, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && mm >= 1 && mm <= 12 {
			return YearMonth{yy, mm}, nil
		}
	}
	return YearMonth{}, fmt.Errorf("%s is not a month in the form YYYY-MM", Quote(s))
}

func (ym YearMonth) String() string { return fmt.Sprintf("%04d-%02d", ym.Year, ym.Month) }

// Add returns the month n months later.
func (ym YearMonth) Add(n int) YearMonth {
	i := ym.Year*12 + ym.Month - 1 + n
	return YearMonth{i / 12, i%12 + 1}
}

// Decimal is the calendar time at the start of the month in years, e.g. 2025-07 → 2025.5.
func (ym YearMonth) Decimal() float64 { return float64(ym.Year) + float64(ym.Month-1)/12 }

// Limits of the scenario's time frame. Every run begins at EarliestStart, the month the settings
// are calibrated at; a later start runs that history and reports from the start.
var (
	EarliestStart = YearMonth{2025, 1}
	LatestStart   = YearMonth{2040, 12}
)

// CheckStart refuses a start month outside EarliestStart–LatestStart, saying why the earliest is
// where it is.
func CheckStart(ym YearMonth) error {
	if ym.Month < 1 || ym.Month > 12 {
		return fmt.Errorf("start = %s is not a month", ym)
	}
	if ym.Decimal() < EarliestStart.Decimal() {
		return fmt.Errorf("start = %s is before %s: the settings are the state of %s, so a scenario starts then or later (a later start runs the calibrated history and reports from the start)", ym, EarliestStart, EarliestStart)
	}
	if ym.Decimal() > LatestStart.Decimal() {
		return fmt.Errorf("start = %s is after %s, the latest start", ym, LatestStart)
	}
	return nil
}

// MinHorizonYears and MaxHorizonYears bound a scenario's horizon.
const (
	MinHorizonYears = 1
	MaxHorizonYears = 30
)

// Scenario is everything one run needs. It is a value: copying it copies every number, which is
// what undo stacks and A/B comparisons want (Sources, being documentation, is shared).
type Scenario struct {
	Name         string
	Description  string
	Start        YearMonth
	HorizonYears int
	Levers       [NumLevers]float64
	Settings     [NumSettings]float64
	// Sources maps a lever or setting key to where its number comes from.
	Sources map[string]string
}

// DefaultScenario is the late-2025 base case as the parameter tables define it. data/base.yaml
// carries the same numbers with their sources; a test keeps the two equal.
func DefaultScenario() Scenario {
	s := Scenario{
		Name:         "Late 2025 base case",
		Description:  "The AI build-out as it stood in late 2025.",
		Start:        YearMonth{2025, 1},
		HorizonYears: 11,
	}
	for i := range Levers {
		s.Levers[i] = Levers[i].Default
	}
	for i := range Settings {
		s.Settings[i] = Settings[i].Default
	}
	return s
}

// Months is the number of monthly steps in the horizon.
func (s *Scenario) Months() int { return s.HorizonYears * 12 }

// Lever returns a lever's value.
func (s *Scenario) Lever(l Lever) float64 { return s.Levers[l] }

// Setting returns a setting's value.
func (s *Scenario) Setting(k Setting) float64 { return s.Settings[k] }

// Validate rejects any value a run cannot use. Nothing is clamped: an out-of-range value is an
// error naming the lever or setting, the value and the range.
func (s *Scenario) Validate() error {
	if s.HorizonYears < MinHorizonYears || s.HorizonYears > MaxHorizonYears {
		return fmt.Errorf("horizon_years = %d is out of range %d–%d", s.HorizonYears, MinHorizonYears, MaxHorizonYears)
	}
	if err := CheckStart(s.Start); err != nil {
		return err
	}
	for i := range Levers {
		if err := Levers[i].Check("lever", s.Levers[i]); err != nil {
			return err
		}
	}
	for i := range Settings {
		if err := Settings[i].Check("setting", s.Settings[i]); err != nil {
			return err
		}
	}
	from, peak, to := s.Settings[CommitFrom], s.Settings[CommitPeak], s.Settings[CommitTo]
	if from != float64(int(from)) || peak != float64(int(peak)) || to != float64(int(to)) {
		return fmt.Errorf("settings commit_from, commit_peak, commit_to must be whole years (got %s, %s, %s)",
			FormatNumber(from), FormatNumber(peak), FormatNumber(to))
	}
	if !(from <= peak && peak <= to) {
		return fmt.Errorf("settings need commit_from ≤ commit_peak ≤ commit_to (got %s, %s, %s)",
			FormatNumber(from), FormatNumber(peak), FormatNumber(to))
	}
	return nil
}

// Set assigns a lever, a setting, start or horizon_years by key from text, as `--set key=value`
// does. The value must parse and lie in range; an unknown key suggests the likely known ones.
func (s *Scenario) Set(key, value string) error {
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if err := CheckText("key "+Quote(key), key, false); err != nil {
		return err
	}
	switch key {
	case "start":
		ym, err := ParseYearMonth(value)
		if err != nil {
			return fmt.Errorf("start: %v", err)
		}
		if err := CheckStart(ym); err != nil {
			return err
		}
		s.Start = ym
		return nil
	case "horizon_years":
		n, err := strconv.Atoi(value)
		if err != nil || n < MinHorizonYears || n > MaxHorizonYears {
			return fmt.Errorf("horizon_years = %s: want a whole number of years in %d–%d", Quote(value), MinHorizonYears, MaxHorizonYears)
		}
		s.HorizonYears = n
		return nil
	}
	kind, p, dst := "lever", Param{}, (*float64)(nil)
	if l, ok := LeverByKey(key); ok {
		p, dst = Levers[l], &s.Levers[l]
	} else if k, ok := SettingByKey(key); ok {
		kind, p, dst = "setting", Settings[k], &s.Settings[k]
	} else {
		return UnknownKeyError("lever", key, append(ParamKeys(), "start", "horizon_years"))
	}
	v, err := parseValue(p, value)
	if err != nil {
		return err
	}
	if err := p.Check(kind, v); err != nil {
		return err
	}
	*dst = v
	return nil
}

// parseValue reads a number typed by a person for p. A percentage may carry its sign ("60%" is
// 60). A bare fraction for a percentage ("0.6") is refused, since people often mean 60 % by it and
// the run would silently model 0.6 %; "0.6%" says 0.6 % plainly. Files written by the tool are
// read elsewhere, without this guess.
func parseValue(p Param, text string) (float64, error) {
	percent := strings.HasPrefix(p.Unit, "%")
	number, signed := strings.CutSuffix(text, "%")
	if signed && !percent {
		return 0, fmt.Errorf("%s is in %s, not percent: write it without %%", p.Key, p.Unit)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(number), 64)
	if err != nil {
		return 0, fmt.Errorf("%s: %s is not a number", p.Key, Quote(text))
	}
	if percent && !signed && v > 0 && v < 1 && strings.Contains(number, ".") {
		if len(number) > quoteLimit { // a number typed that long is echoed as the float it reads as
			number = FormatNumber(v)
		}
		return 0, fmt.Errorf("%s is in percent (%s–%s %s); write %[5]s or %[5]s%% for %[5]s%%, or %[6]s%% if you mean %[6]s%%",
			p.Key, FormatNumber(p.Min), FormatNumber(p.Max), p.Unit, percentOf(v), number)
	}
	return v, nil
}

// percentOf is the fraction v as a percentage, rounded off float noise: 0.6 → "60", not 60.00000000000001.
func percentOf(v float64) string {
	return FormatNumber(math.Round(v*1e11) / 1e9)
}

// ParamKeys lists every lever key, then every setting key.
func ParamKeys() []string {
	return append(paramKeys(Levers[:]), paramKeys(Settings[:])...)
}
