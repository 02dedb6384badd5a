package tui

import (
	"image/color"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/tui/chart"
)

// runScenario runs a scenario, failing the test on an error.
func runScenario(t testing.TB, s engine.Scenario) *engine.Result {
	t.Helper()
	r := new(engine.Result)
	if err := engine.Run(&s, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// testView is a frame of b, compared with a when a is not nil, at year 2028.
func testView(st *Styles, b, a *engine.Result) *view {
	v := &view{st: st, res: b, prev: b, year: 2028, lang: Languages["en"]}
	if a != nil {
		v.prev, v.hasPrev, v.compare = a, true, true
	}
	return v
}

// scenarioPairs are the presets, each against the base case, and random lever sets, each against
// another: what the charts are checked on.
func scenarioPairs(t *testing.T, random int) [][2]*engine.Result {
	t.Helper()
	base := runScenario(t, baseScenario(t))
	var out [][2]*engine.Result
	for _, name := range data.Presets() {
		s, err := data.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if r := runScenario(t, s); sameFrame(&r.Scenario, &base.Scenario) {
			out = append(out, [2]*engine.Result{r, base})
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	randomScenario := func() *engine.Result {
		s := baseScenario(t)
		for l := range engine.NumLevers {
			p := l.Param()
			s.Levers[l] = p.Min + rng.Float64()*(p.Max-p.Min)
		}
		return runScenario(t, s)
	}
	for range random {
		out = append(out, [2]*engine.Result{randomScenario(), randomScenario()})
	}
	return out
}

// TestEveryDrawnSeriesIsInItsLegend: in every pane, zoomed or not, alone or against a baseline,
// in UTF-8 and ASCII, each series the chart draws is named in the legend with the sample it is
// drawn in (in its colour, A dotted, B solid), and the legend names nothing the chart does not
// draw: a hidden band edge has no entry, a band only when it shades a cell, bars only the signs
// they have.
func TestEveryDrawnSeriesIsInItsLegend(t *testing.T) {
	pairs := scenarioPairs(t, 3)
	for _, ascii := range []bool{false, true} {
		st := NewStyles(true, ascii)
		shade := chart.Shade(ascii)
		for _, pair := range pairs {
			for _, a := range []*engine.Result{nil, pair[1]} {
				v := testView(&st, pair[0], a)
				tags := []string{""}
				if v.compare {
					tags = []string{"A", "B"}
				}
				for idx := range panes {
					for _, size := range []struct {
						w, h int
						zoom bool
					}{{60, 16, false}, {40, 8, false}, {120, 34, true}, {80, 19, true}} {
						pane := strings.Join(renderPane(idx, v, size.w, size.h, false, size.zoom), "\n")
						plain := ansi.Strip(pane)
						where := func() string {
							return panes[idx].title + " " + strconv.Itoa(size.w) + "×" + strconv.Itoa(size.h) + " ascii=" +
								strconv.FormatBool(ascii) + " compare=" + strconv.FormatBool(v.compare) + "\n" + plain
						}
						want := func(label string, paint *Paint, tag, sample string) {
							t.Helper()
							if !strings.Contains(plain, v.t(label)) || !strings.Contains(pane, paint.Render(tag+sample)) {
								t.Errorf("legend lacks %q %q%q in its colour: %s", label, tag, sample, where())
							}
						}
						if !size.zoom && v.drawPlots(panes[idx].plots(v, false), size.w-2, size.h-4) == nil {
							// Too short for a chart: the sparkline is named on its row.
							if !strings.Contains(plain, v.t(panes[idx].spark.label)+" ") {
								t.Errorf("sparkline is not named: %s", where())
							}
							continue
						}
						for _, p := range panes[idx].plots(v, size.zoom) {
							for _, l := range p.lines {
								if l.hidden {
									continue
								}
								for _, tag := range tags {
									want(l.label, l.paint, tag, chart.Sample(chart.Series{Dashed: l.dashed, Dotted: tag == "A"}, ascii))
								}
							}
							if p.bars != nil {
								values := v.yearly(p.bars.value)
								for _, sign := range []struct {
									tag   string
									paint Paint
									f     float64
								}{{"+", st.Up, 1}, {"−", st.Down, -1}} {
									has := false
									for _, x := range values {
										has = has || x*sign.f > 0
									}
									if got := strings.Contains(pane, sign.paint.Render(sign.tag+chart.BarSample(ascii))); got != has {
										t.Errorf("legend names %s bars: %v, chart has them: %v: %s", sign.tag, got, has, where())
									}
								}
							}
							for _, b := range p.bands {
								inLegend := strings.Contains(pane, b.paint.Render(tags[len(tags)-1]+shade))
								// Above the figures (which start with the cursor year), every shade but the
								// legend's sample is the chart's.
								shades := strings.Count(figuresStart.Split(plain, 2)[0], shade)
								if inLegend {
									shades--
								}
								if drawn := shades > 0; inLegend != drawn {
									t.Errorf("band %q in legend: %v, shaded in the chart: %v: %s", b.label, inLegend, drawn, where())
								}
							}
						}
					}
				}
			}
		}
	}
	// Energy's effective line is only the edge of the stranded band: never named, never drawn.
	st := NewStyles(true, false)
	v := testView(&st, runScenario(t, baseScenario(t)), nil)
	if out := ansi.Strip(strings.Join(renderPane(PaneEnergy, v, 120, 34, false, true), "\n")); strings.Contains(out, "effective") {
		t.Errorf("energy legend names the hidden effective line:\n%s", out)
	}
}

// figuresStart is where a pane's figures begin, below its charts.
var figuresStart = regexp.MustCompile(`\n[│|]2028`)

// topTick reads the top y label of a chart drawn by drawPlots: the first row with a tick mark.
var topTick = regexp.MustCompile(`^\s*(-?[0-9.]+)([kMGT]?) [┤┼]`)

// TestAxisHoldsEverySeries: every chart's top label is at least the largest value of every
// series it draws, A's and B's, on the presets and on random lever sets; nothing is clipped.
func TestAxisHoldsEverySeries(t *testing.T) {
	st := NewStyles(true, false)
	for _, pair := range scenarioPairs(t, 20) {
		for _, a := range []*engine.Result{nil, pair[1]} {
			v := testView(&st, pair[0], a)
			for idx := range panes {
				for _, zoom := range []bool{false, true} {
					for _, p := range panes[idx].plots(v, zoom) {
						top := math.Inf(-1)
						for _, r := range []*engine.Result{v.res, v.prev} {
							if r == v.prev && !v.compare {
								continue
							}
							for _, l := range p.lines {
								for _, x := range monthly(r, l.value) {
									top = max(top, x)
								}
							}
							if p.bars != nil {
								for i := range r.Years {
									top = max(top, p.bars.value(&r.Years[i]))
								}
							}
						}
						lines := v.drawPlots([]plot{p}, 56, 14)
						label := ""
						for _, l := range lines {
							if m := topTick.FindStringSubmatch(ansi.Strip(l)); m != nil {
								label = m[1] + m[2]
								break
							}
						}
						if got := parseCompact(t, label); got < top*(1-1e-9) {
							t.Errorf("%s zoom=%v compare=%v (%s): axis tops at %s, a series reaches %.4g:\n%s", panes[idx].title, zoom,
								v.compare, v.res.Scenario.Name, label, top, ansi.Strip(strings.Join(lines, "\n")))
						}
					}
				}
			}
		}
	}
}

// parseCompact reads a tick label written by chart.Compact.
func parseCompact(t *testing.T, s string) float64 {
	t.Helper()
	mult := 1.0
	if i := strings.IndexAny(s, "kMGT"); i >= 0 {
		mult = math.Pow10(3 * (1 + strings.IndexByte("kMGT", s[i])))
		s = s[:i]
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("tick label %q: %v", s, err)
	}
	return x * mult
}

// zeroRow finds the zero label of a bar chart's y axis.
var zeroRow = regexp.MustCompile(`^\s*0 [+|]`)

// TestASCIIBarsShowEveryYear: in ASCII, every year whose free cash flow is not zero has a bar on
// its side of zero, at every height down to two rows, on the presets and random lever sets.
func TestASCIIBarsShowEveryYear(t *testing.T) {
	st := NewStyles(true, true)
	for _, pair := range scenarioPairs(t, 20) {
		v := testView(&st, pair[0], nil)
		fcf := v.yearly(func(y *engine.Year) float64 { return y.FCF })
		var want []byte
		for _, x := range fcf {
			switch {
			case x > 0:
				want = append(want, '+')
			case x < 0:
				want = append(want, '-')
			}
		}
		for _, w := range []int{38, 56, 116} {
			for h := 2; h <= 12; h++ {
				rows := strings.Split(ansi.Strip(strings.Join(v.barChart(fcf, w, h), "\n")), "\n")
				// The sign of each column's bar: above the zero row (or, with none, on the first
				// row) is +, below it −.
				zero := -1
				for i, r := range rows {
					if zeroRow.MatchString(r) {
						zero = i
					}
				}
				cols := make([]byte, w)
				for i, r := range rows {
					for x, c := range r {
						if c != '#' {
							continue
						}
						switch {
						case zero < 0 && i == 0, zero >= 0 && i < zero:
							cols[x] = '+'
						default:
							cols[x] = '-'
						}
					}
				}
				var got []byte
				for x, c := range cols {
					if c != 0 && (x == 0 || cols[x-1] != c) {
						got = append(got, c)
					}
				}
				if string(got) != string(want) {
					t.Errorf("%s %d×%d: bars %s, want %s for FCF %.3g:\n%s", v.res.Scenario.Name, w, h, got, want, fcf, strings.Join(rows, "\n"))
				}
			}
		}
	}
}

// TestSeriesColoursContrast: within each chart, in both themes, in truecolour and after the
// 256-colour downsampling, any two colours of its legend are at least 3:1 apart (WCAG), and two
// entries of one colour differ in their sample, so every series reads apart from the others.
func TestSeriesColoursContrast(t *testing.T) {
	r := runScenario(t, baseScenario(t))
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark, false)
		for _, a := range []*engine.Result{nil, r} {
			v := testView(&st, r, a)
			for idx := range panes {
				for _, zoom := range []bool{false, true} {
					for _, p := range panes[idx].plots(v, zoom) {
						var keys []legendKey
						if p.bars != nil {
							keys = []legendKey{{label: "FCF", tag: "+", paint: &st.Up}, {label: "FCF", tag: "−", paint: &st.Down}}
						} else {
							keys, _ = v.linePlot(&p, 60)
						}
						for i, k := range keys {
							for _, o := range keys[:i] {
								for _, prof := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
									ck, co := prof.Convert(k.paint.GetForeground()), prof.Convert(o.paint.GetForeground())
									if sameColour(ck, co) {
										if k.tag+k.sample == o.tag+o.sample && k.label != o.label {
											t.Errorf("dark=%v %s: %q and %q share colour and sample", dark, panes[idx].title, k.label, o.label)
										}
										continue
									}
									if c := contrast(ck, co); c < 3 {
										t.Errorf("dark=%v %s %s: %q and %q are %.2f:1 apart, want ≥ 3", dark, prof, panes[idx].title, k.label, o.label, c)
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

func sameColour(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return ar == br && ag == bg && ab == bb
}
