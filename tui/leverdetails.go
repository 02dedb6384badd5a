package tui

import "github.com/flywheel-dev/flywheel/engine"

// detail is one labelled section of the lever details: plain text, wrapped to the width.
type detail struct {
	label, text string
	paint       *Paint
}

// leverDetails is the `i` panel, in the panes' area: the selected lever's value against its
// default and range, what it means, its plausible band and why, where its link binds and what
// binds beyond, and where the scenario's number comes from. Short of rows, every section keeps its
// first line before any gets a second, so a small window still shows each.
func (v *view) leverDetails(l engine.Lever, beyond beyondSpan, w, h int) []string {
	p := l.Param()
	s := &v.res.Scenario
	value := s.Levers[l]
	unit := v.t(p.Unit)
	figures := v.f("{0} · default {1} · range {2} · step {3}", leverValue(v.lang, p, value), leverValue(v.lang, p, p.Default),
		engine.FormatNumber(p.Min)+"–"+engine.FormatNumber(p.Max)+" "+unit, leverValue(v.lang, p, p.Step))
	if g, ok := revenueGrowth2026(v.res); ok && l == engine.RevenueGrowth {
		figures += " · " + v.f("revenue 2026 {0}", signedPct(g))
	}
	source := v.t("not cited in this scenario")
	if text, ok := s.Sources[p.Key]; ok {
		source = text
	}
	ds := []detail{
		{"Value", figures, &v.st.Bold},
		{"Meaning", v.t(p.Meaning), &v.st.Text},
		{"Plausible", v.f("{0}: {1}", engine.FormatNumber(p.Low)+"–"+engine.FormatNumber(p.High)+" "+unit, v.t(p.Band)), &v.st.Text},
	}
	if span := v.spans[l]; span.known {
		ds = append(ds, detail{"Binding", v.bindingText(l, beyond), &v.st.Bottleneck[span.Link]})
	}
	ds = append(ds, detail{"Source", source, &v.st.Dim})

	title := v.st.Title.Render(v.t(p.Name))
	note := v.st.Dim.Render(v.t("esc close"))
	return v.box(title, note, v.detailLines(ds, w-2, h-2), w, h, true)
}

// bindingText says where lever l's link binds on its slider and what binds outside that span.
func (v *view) bindingText(l engine.Lever, beyond beyondSpan) string {
	p := l.Param()
	span := v.spans[l]
	link := v.t(span.Link.String())
	value := func(x float64) string { return leverValue(v.lang, p, x) }
	var where string
	switch {
	case !span.Found:
		where = v.f("{0} binds nowhere on this slider", link)
	case span.Lo <= p.Min && span.Hi >= p.Max:
		where = v.f("{0} {1} binds over the whole slider", v.st.Glyphs.Span, link)
	default:
		where = v.f("{0} {1} binds at {2}", v.st.Glyphs.Span, link,
			engine.FormatNumber(span.Lo)+"–"+engine.FormatNumber(span.Hi)+" "+v.t(p.Unit))
	}
	instead := v.t(beyond.instead.String())
	switch {
	case !beyond.known:
		return v.f("{0}.", where)
	case beyond.here:
		return v.f("{0}; {1}.", where, v.f("at {0}, {1} binds instead", value(beyond.at), instead))
	case beyond.at > span.Hi:
		return v.f("{0}; {1}.", where, v.f("above {0}, {1} binds instead", value(span.Hi), instead))
	default:
		return v.f("{0}; {1}.", where, v.f("below {0}, {1} binds instead", value(span.Lo), instead))
	}
}

// detailLines lays the sections out in w×h: labels in a column, text wrapped beside them. Each
// section gets one line, then the rest go to the sections in order; a blank line parts them
// when there is room for all.
func (v *view) detailLines(ds []detail, w, h int) []string {
	labelW := 0
	for _, d := range ds {
		labelW = max(labelW, 1+cellWidth(v.t(d.label))+2)
	}
	tw := max(1, w-labelW)
	full := make([]int, len(ds))
	alloc := make([]int, len(ds))
	rows := h
	for i, d := range ds {
		full[i] = len(wrap(d.text, tw, h))
		if rows > 0 {
			alloc[i], rows = 1, rows-1
		}
	}
	for i := range ds {
		extra := min(rows, full[i]-alloc[i])
		alloc[i], rows = alloc[i]+extra, rows-extra
	}
	gap := rows >= len(ds)-1
	var out []string
	for i, d := range ds {
		if alloc[i] == 0 {
			break
		}
		if gap && i > 0 {
			out = append(out, "")
		}
		for j, line := range wrap(d.text, tw, alloc[i]) {
			label := ""
			if j == 0 {
				label = " " + v.t(d.label)
			}
			out = append(out, v.st.Dim.Render(fit(label, labelW))+d.paint.Render(line))
		}
	}
	return out
}
