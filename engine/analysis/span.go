// Package analysis holds what is learned by running the engine many times: it is built on
// engine.Run only, so every answer is the model's own. It must not import any UI package.
package analysis

import "github.com/flywheel-dev/flywheel/engine"

// links maps the levers that act on one link of the loop to it: the binding constraint their
// slider can be said to move.
var links = map[engine.Lever]engine.Bottleneck{
	engine.GPUSupply:     engine.Supply,
	engine.SupplyGrowth:  engine.Supply,
	engine.EnergyBuild:   engine.Energy,
	engine.EnergyGrowth:  engine.Energy,
	engine.PowerLeadTime: engine.Energy,
}

// Link is the link of the loop lever l acts on, if it has one.
func Link(l engine.Lever) (engine.Bottleneck, bool) {
	b, ok := links[l]
	return b, ok
}

// from is the first month a lever's link is counted: the levers quoted "in 2026" act from then.
var from = engine.YearMonth{Year: 2026, Month: 1}

// minMonths is how many months from 2026 on a link must bind for its lever to count as binding:
// one month is only the backlog of 2025 falling due at once when 2026's supply cap takes over.
const minMonths = 2

// Span is where on its slider a lever's link binds in a scenario: the values, on the lever's
// step grid, at which the link binds in at least minMonths months from 2026 on.
type Span struct {
	Lever engine.Lever
	Link  engine.Bottleneck
	// Lo and Hi are the lowest and highest values at which the link binds; Found is false when
	// it binds nowhere on the slider.
	Lo, Hi float64
	Found  bool
	// Binds tells whether the link binds at the scenario's own value; when it does not,
	// Instead is what binds there in most months from 2026 on.
	Binds   bool
	Instead engine.Bottleneck
}

// Contains reports whether v lies in the span.
func (s Span) Contains(v float64) bool { return s.Found && v >= s.Lo-1e-9 && v <= s.Hi+1e-9 }

// BindingSpan sweeps lever l over its slider's steps in scenario s, using scratch for the runs
// (a reused result: the sweep allocates nothing once scratch has grown), and returns its span.
// It fails only if s does not validate; ok is false for a lever without a link.
func BindingSpan(s engine.Scenario, l engine.Lever, scratch *engine.Result) (span Span, ok bool, err error) {
	link, ok := Link(l)
	if !ok {
		return Span{}, false, nil
	}
	span = Span{Lever: l, Link: link}
	p := l.Param()
	own := s.Levers[l]
	steps := int((p.Max-p.Min)/p.Step + 0.5)
	for i := 0; i <= steps; i++ {
		s.Levers[l] = min(p.Max, p.Min+float64(i)*p.Step)
		if err := engine.Run(&s, scratch); err != nil {
			return Span{}, true, err
		}
		if monthsBound(scratch, link) >= minMonths {
			if !span.Found {
				span.Lo, span.Found = s.Levers[l], true
			}
			span.Hi = s.Levers[l]
		}
	}
	s.Levers[l] = own
	if err := engine.Run(&s, scratch); err != nil {
		return Span{}, true, err
	}
	span.Binds = monthsBound(scratch, link) >= minMonths
	span.Instead = mostBound(scratch)
	return span, true, nil
}

// monthsBound counts the months from 2026 on labelled b.
func monthsBound(r *engine.Result, b engine.Bottleneck) int {
	n := 0
	for i := range r.Months {
		if m := &r.Months[i]; m.Bottleneck == b && !before(m.Date, from) {
			n++
		}
	}
	return n
}

// mostBound is the label held in most months from 2026 on (ties: the earlier in the rule's
// order).
func mostBound(r *engine.Result) engine.Bottleneck {
	var count [engine.NumBottlenecks]int
	for i := range r.Months {
		if m := &r.Months[i]; !before(m.Date, from) {
			count[m.Bottleneck]++
		}
	}
	best := engine.Bottleneck(0)
	for b := range count {
		if count[b] > count[best] {
			best = engine.Bottleneck(b)
		}
	}
	return best
}

func before(a, b engine.YearMonth) bool {
	return a.Year < b.Year || a.Year == b.Year && a.Month < b.Month
}
