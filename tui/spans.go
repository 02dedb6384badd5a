package tui

import (
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/analysis"
)

// shownSpan is a lever's binding span as the screen shows it; known is false for a lever without
// a link, or one not on screen.
type shownSpan struct {
	analysis.Span
	known bool
}

// spanMemo remembers binding spans by the scenario they were swept in. A sweep is dozens of
// engine runs, so only a move that changes the scenario pays for one, and a step back (the other
// arrow, undo) finds it already done; an idle or cursor-only redraw costs a lookup.
type spanMemo struct {
	scratch engine.Result
	memo    map[spanKey]analysis.Span
}

// spanKey is everything a sweep depends on: the lever and the scenario's numbers.
type spanKey struct {
	lever    engine.Lever
	start    engine.YearMonth
	horizon  int
	levers   [engine.NumLevers]float64
	settings [engine.NumSettings]float64
}

// maxSpans bounds the memo: when full it starts again, which costs one sweep per lever on screen.
const maxSpans = 64

// span is lever l's binding span in s; ok is false for a lever without a link (or a scenario the
// engine refuses, which Validate has kept out before any call).
func (c *spanMemo) span(s *engine.Scenario, l engine.Lever) (analysis.Span, bool) {
	if _, linked := analysis.Link(l); !linked {
		return analysis.Span{}, false
	}
	k := spanKey{lever: l, start: s.Start, horizon: s.HorizonYears, levers: s.Levers, settings: s.Settings}
	if sp, ok := c.memo[k]; ok {
		return sp, true
	}
	sp, _, err := analysis.BindingSpan(*s, l, &c.scratch)
	if err != nil {
		return analysis.Span{}, false
	}
	if c.memo == nil || len(c.memo) >= maxSpans {
		c.memo = make(map[spanKey]analysis.Span, maxSpans)
	}
	c.memo[k] = sp
	return sp, true
}

// refreshSpans fetches the spans the screen shows: those of the linked levers in view and, with
// the details open, what binds beyond the selected lever's span. Update calls it after every
// message, so the marks can never lag the scenario.
func (m *Model) refreshSpans() {
	m.spans = [engine.NumLevers]shownSpan{}
	for _, l := range m.lay.rows {
		sp, ok := m.spanMemo.span(&m.scen, l)
		m.spans[l] = shownSpan{sp, ok}
	}
	m.beyond = beyondSpan{}
	if m.details {
		m.beyond = m.spanBeyond(m.lever)
	}
}

// beyondSpan is what binds outside a lever's span: at the lever's own value when it sits
// outside, else just past the span's nearer end (above it when there is room, else below).
type beyondSpan struct {
	at      float64
	here    bool // at is the lever's own value
	instead engine.Bottleneck
	known   bool // false when the link binds over the whole slider
}

// spanBeyond sweeps l from a value just outside its span when the lever sits inside it: the
// span's Instead is only what binds at the value it was swept from.
func (m *Model) spanBeyond(l engine.Lever) beyondSpan {
	sp := m.spans[l]
	v := m.scen.Levers[l]
	switch {
	case !sp.known:
		return beyondSpan{}
	case !sp.Binds:
		return beyondSpan{at: v, here: true, instead: sp.Instead, known: true}
	}
	p := l.Param()
	s := m.scen
	switch {
	case sp.Hi < p.Max:
		s.Levers[l] = snap(p, sp.Hi+p.Step)
	case sp.Lo > p.Min:
		s.Levers[l] = snap(p, sp.Lo-p.Step)
	default:
		return beyondSpan{}
	}
	out, ok := m.spanMemo.span(&s, l)
	return beyondSpan{at: s.Levers[l], instead: out.Instead, known: ok}
}
