package tui

import (
	"math"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/engine"
)

// helpPart is a part of help: the keys, or the glossary of the words the screens use.
type helpPart uint8

const (
	helpKeys helpPart = iota
	helpGlossary
	numHelpParts
)

// helpPlace is where a reader is in help. Help reopens where it was left.
type helpPlace struct {
	part helpPart
	page int
}

func (m *Model) helpPlace() *helpPlace { return &m.helpAt }

// handleHelp takes the keys while the help screen is open: it turns pages, switches between the
// keys and the glossary, and closes.
func (m *Model) handleHelp(msg tea.KeyPressMsg) tea.Cmd {
	k, p := &m.keys, m.helpPlace()
	last := m.layOutHelp(p.part).pages - 1
	p.page = clampInt(p.page, 0, last) // the window may have grown since the page was turned
	switch {
	case key.Matches(msg, k.Help, k.Back, k.Quit):
		m.help = false
	case key.Matches(msg, k.Glossary):
		p.part, p.page = (p.part+1)%numHelpParts, 0
	case key.Matches(msg, k.NextPage):
		p.page = min(p.page+1, last)
	case key.Matches(msg, k.PrevPage):
		p.page = max(p.page-1, 0)
	case key.Matches(msg, k.FirstPage):
		p.page = 0
	case key.Matches(msg, k.LastPage):
		p.page = last
	}
	return nil
}

// helpScreen is the open page of help, sized to the window; render spells it in ASCII with the
// rest of the screen (asciiText).
func (m *Model) helpScreen() []string {
	p := m.helpPlace()
	l := m.layOutHelp(p.part)
	return m.helpPage(p.part, l, clampInt(p.page, 0, l.pages-1))
}

const (
	helpColGap = 2  // cells between columns
	helpMinCol = 38 // the narrowest column worth a second one
	helpMaxCol = 96 // the widest line that still reads at a glance
)

// helpLayout is a part of help flowed into columns of colW cells and rows lines, cols of them
// to a page.
type helpLayout struct {
	cols, colW, rows int
	columns          [][]string
	pages            int
}

// layOutHelp lays a part out for the window: the fewest pages, then the fewest columns, so that
// text wraps no more than it must and never is cut. A part on one page is balanced over its
// columns rather than filling the first.
func (m *Model) layOutHelp(part helpPart) helpLayout {
	secs := m.helpSections(part)
	rows := max(1, m.h-3) // under the title and a blank line, over the footer
	var best helpLayout
	for cols := 1; cols == 1 || (m.w-(cols-1)*helpColGap)/cols >= helpMinCol; cols++ {
		colW := min(helpMaxCol, (m.w-(cols-1)*helpColGap)/cols)
		blocks := m.helpBlocks(secs, colW)
		columns := flowColumns(blocks, rows)
		if len(columns) <= cols {
			short, tall := 1, rows // the shortest height that still fits cols columns
			for short < tall {
				if mid := (short + tall) / 2; len(flowColumns(blocks, mid)) <= cols {
					tall = mid
				} else {
					short = mid + 1
				}
			}
			columns = flowColumns(blocks, tall)
		}
		l := helpLayout{cols: cols, colW: colW, rows: rows, columns: columns, pages: (len(columns) + cols - 1) / cols}
		if cols == 1 || l.pages < best.pages {
			best = l
		}
	}
	return best
}

// helpPage is one page: the title, the page's columns side by side, and a footer with the page
// and the keys that turn it.
func (m *Model) helpPage(part helpPart, l helpLayout, page int) []string {
	t := m.lang.T
	title, other := "flywheel — keys", "glossary"
	if part == helpGlossary {
		title, other = "flywheel — glossary", "keys"
	}
	out := []string{" " + m.st.Title.Render(t(title)), ""}
	gap := strings.Repeat(" ", helpColGap)
	for r := range l.rows {
		var b strings.Builder
		for c := range l.cols {
			cell := ""
			if i := page*l.cols + c; i < len(l.columns) && r < len(l.columns[i]) {
				cell = l.columns[i][r]
			}
			if c > 0 {
				b.WriteString(gap)
			}
			b.WriteString(fit(cell, l.colW))
		}
		out = append(out, b.String())
	}
	var foot []string
	if l.pages > 1 {
		foot = append(foot, m.lang.F("page {0}/{1}", strconv.Itoa(page+1), strconv.Itoa(l.pages)), t("←/→ or pgup/pgdn"))
	}
	foot = append(foot, m.keys.Glossary.Help().Key+" "+t(other), t("esc close"))
	return append(out, " "+m.st.Dim.Render(strings.Join(foot, " · ")))
}

// helpSection is a titled list of help entries.
type helpSection struct {
	title string
	items []helpItem
}

// helpItem is one entry: a term (a key, a loop, a figure) and what it means; text alone is a
// line of prose; pairs are short legend entries set side by side.
type helpItem struct {
	term, text string
	pairs      []string
}

// helpSections are the sections of a part in the screen's language: the keys part lists the
// KeyMap by group, so help never drifts from behaviour, then the mouse and the legends.
func (m *Model) helpSections(part helpPart) []helpSection {
	if part == helpGlossary {
		return m.glossary()
	}
	t := m.lang.T
	g := m.st.Glyphs
	var secs []helpSection
	for _, grp := range m.keys.Groups() {
		s := helpSection{title: t(grp.Title)}
		for _, b := range grp.Bindings {
			h := b.Help()
			s.items = append(s.items, helpItem{term: h.Key, text: t(h.Desc)})
		}
		secs = append(secs, s)
	}
	var letters []string
	for b := range engine.NumBottlenecks {
		letters = append(letters, string(b.Letter())+" "+t(b.String()))
	}
	return append(secs,
		helpSection{t("Mouse"), []helpItem{
			{text: t("click a pane: focus; double-click: zoom")},
			{text: t("click or drag a slider: set it")},
			{text: t("wheel over a slider: nudge it")},
			{text: t("wheel over a pane: move the year")},
			{text: t("click the timeline: pick a year")},
			{text: t("double-click a lever's name: its details")},
		}},
		helpSection{t("Compare"), []helpItem{
			{text: m.lang.F("{0}: pin the current levers as baseline A; {0} again: clear it", m.keys.Compare.Help().Key)},
			{text: t("B is the levers as you move them: figures show B − A, charts draw both")},
		}},
		helpSection{t("Bottleneck letters"), []helpItem{{pairs: letters}}},
		helpSection{t("Slider marks"), []helpItem{
			{pairs: []string{g.Knob + " " + t("value"), g.Default + " " + t("as opened (r goes back to it)")}},
			{text: strings.Repeat(g.Span, 3) + " " + t("where the lever's link binds")},
			{text: t("(found by moving that slider alone over its range)")},
		}},
	)
}

// glossary explains the loops, the binding labels and the figures the screens show.
func (m *Model) glossary() []helpSection {
	t := m.lang.T
	loops := helpSection{title: t("Loops")}
	for l := range engine.NumLoops {
		loops.items = append(loops.items, helpItem{term: l.String() + " " + t(l.Title()), text: t(loopMeanings[l])})
	}
	binds := helpSection{title: t("What binds"), items: []helpItem{{text: t(bindingRule)}}}
	for _, b := range bindingOrder {
		binds.items = append(binds.items, helpItem{term: string(b.Letter()) + " " + t(b.String()), text: t(bindingMeanings[b])})
	}
	figures := helpSection{title: t("Figures")}
	for _, f := range figureMeanings {
		figures.items = append(figures.items, helpItem{term: t(f[0]), text: t(f[1])})
	}
	return []helpSection{loops, binds, figures}
}

// loopMeanings say in plain words what each loop of MODEL.md does.
var loopMeanings = [engine.NumLoops]string{
	engine.R1: "revenue → cash → new compute contracts → capacity → served demand → more revenue (reinforcing)",
	engine.R2: "training compute raises model capability, which speeds up demand growth, then revenue and compute (reinforcing)",
	engine.B1: "installed GPUs need power, which takes years to build; GPUs without power earn nothing but are still paid for (balancing)",
	engine.B2: "contracted GPUs arrive no faster than chip makers and their suppliers can deliver (balancing)",
	engine.B3: "take-or-pay compute bills drain cash; equity and debt are limited and cost money (balancing)",
	engine.B4: "the price of a unit of intelligence falls every year, so revenue per GW falls unless usage grows faster (balancing)",
}

// bindingRule, bindingOrder and bindingMeanings are MODEL.md's binding rule: one label a month,
// first match wins, capital first because a company that cannot pay is stopped by nothing else.
const bindingRule = "each month gets one label, the first that applies in this order; short of compute means demand exceeds what the powered fleet can earn"

var bindingOrder = []engine.Bottleneck{engine.Capital, engine.Demand, engine.Energy, engine.Supply, engine.Compute}

var bindingMeanings = [engine.NumBottlenecks]string{
	engine.Capital: "the company is in arrears or restructuring (this outranks the rest); or it is short of compute, not for power or supply, and cannot afford the contracts it wants",
	engine.Demand:  "the fleet could earn at least what customers want to pay: some capacity is idle (utilisation under 100%)",
	engine.Energy:  "short of compute, and GPUs waiting for power exceed 2% of those installed",
	engine.Supply:  "short of compute, and GPUs due but not yet delivered exceed 2% of those installed",
	engine.Compute: "short of compute for none of those reasons: the contracts signed are too few or not yet due",
}

// figureMeanings define the figures of the header and the panes, in the words they are shown with.
var figureMeanings = [][2]string{
	{"revenue 2030", "revenue in calendar 2030: the lesser of demand and what the powered inference fleet can earn"},
	{"break-even", "the first year of positive free cash flow (revenue less cash costs)"},
	{"peak cash need", "the deepest point of cumulative free cash flow: the most outside money needed; in-kind vendor financing counts as paid"},
	{"cash raised", "equity and debt raised to date; in-kind vendor financing is shown apart"},
	{"vendor-financed", "compute bills that suppliers take in equity instead of cash, such as a chip maker investing per GW deployed"},
	{"arrears", "bills the company could not pay, carried as negative cash and charged interest at the debt rate"},
	{"restructuring", "when arrears last too long, creditors turn them into debt and cancel part of the undelivered backlog and its power, for a fee"},
	{"winding down", "cash flow stays negative with no financing left: the GPUs retire and are not replaced"},
	{"installed", "GW of accelerators delivered and in service; each retires after its useful life"},
	{"effective", "installed GPUs with power (the lesser of installed and power online): the compute that works"},
	{"stranded", "installed GPUs waiting for power: paid for, earning nothing"},
	{"backlog", "GW contracted but not yet delivered"},
	{"utilisation", "revenue ÷ what the inference fleet could earn; under 100% means idle capacity"},
	{"coverage", "cumulative revenue ÷ cumulative compute rent: above 1, revenue so far exceeds the compute bills so far"},
	{"capability", "model capability index, 1.0 at the start; rises with cumulative training compute (loop R2)"},
	{"power online", "GW of IT load that can be powered now; the grid supplies that × PUE"},
	{"pipeline", "GW of power under construction, online after the power lead time"},
	{"run-rate", "a month's revenue × 12: the yearly revenue if that month lasted a year"},
}

// helpBlock is a section rendered for a column: its title, the title that heads a column it
// continues into, and the lines of each entry.
type helpBlock struct {
	title, cont string
	entries     [][]string
}

// helpBlocks renders sections for a column colW wide. Terms share one column, or, when that
// leaves the text too narrow, stand on a line of their own above it.
func (m *Model) helpBlocks(secs []helpSection, colW int) []helpBlock {
	const indent, hang = 3, 5 // entries, and prose's wrapped lines
	termW := 0
	for _, s := range secs {
		for _, it := range s.items {
			termW = max(termW, cellWidth(it.term))
		}
	}
	textW := colW - indent - termW - 2
	inline := 2*textW >= colW
	pad := func(n int) string { return strings.Repeat(" ", n) }
	out := make([]helpBlock, 0, len(secs))
	for _, s := range secs {
		b := helpBlock{title: " " + m.st.Bold.Render(s.title),
			cont: " " + m.st.Bold.Render(m.lang.F("{0} (continued)", s.title))}
		for _, it := range s.items {
			var e []string
			switch {
			case it.pairs != nil:
				for _, l := range pairLines(it.pairs, colW-indent) {
					e = append(e, pad(indent)+m.st.Text.Render(l))
				}
			case it.term == "":
				for i, l := range wrap(it.text, colW-hang, math.MaxInt) {
					e = append(e, pad(min(i, 1)*(hang-indent)+indent)+m.st.Text.Render(l))
				}
			case inline:
				for i, l := range wrap(it.text, textW, math.MaxInt) {
					lead := pad(indent + termW + 2)
					if i == 0 {
						lead = pad(indent) + m.st.Accent.Render(it.term) + pad(termW+2-cellWidth(it.term))
					}
					e = append(e, lead+m.st.Text.Render(l))
				}
			default:
				e = append(e, pad(indent)+m.st.Accent.Render(it.term))
				for _, l := range wrap(it.text, colW-hang, math.MaxInt) {
					e = append(e, pad(hang)+m.st.Text.Render(l))
				}
			}
			b.entries = append(b.entries, e)
		}
		out = append(out, b)
	}
	return out
}

// pairLines sets legend entries side by side, two spaces apart, in lines of at most w cells.
func pairLines(pairs []string, w int) []string {
	var out []string
	line := ""
	for _, p := range pairs {
		if line != "" && cellWidth(line)+2+cellWidth(p) > w {
			out, line = append(out, line), ""
		}
		if line != "" {
			line += "  "
		}
		line += p
	}
	return append(out, line)
}

// flowColumns fills columns of at most rows lines with the blocks' entries in order. An entry
// splits only when taller than a column; a section starts a column with more than its title and
// first entry, and carries over into the next, titled again there, more than its last entry; a
// blank line parts sections within a column.
func flowColumns(blocks []helpBlock, rows int) [][]string {
	var cols [][]string
	var col []string
	next := func() { cols, col = append(cols, col), nil }
	for _, b := range blocks {
		for i, e := range b.entries {
			var head []string
			switch {
			case i == 0 && len(col) > 0:
				head = []string{"", b.title}
			case i == 0:
				head = []string{b.title}
			}
			need := len(e)
			if (i == 0 || i == len(b.entries)-2) && i+1 < len(b.entries) && len(e)+len(b.entries[i+1]) < rows {
				need += len(b.entries[i+1]) // no lone first entry under a title, no lone last one carried over
			}
			if len(col) > 0 && len(col)+len(head)+need > rows {
				next()
				head = []string{b.cont}
				if i == 0 {
					head = []string{b.title}
				}
			}
			col = append(col, head...)
			for _, l := range e {
				if len(col) >= rows {
					next()
				}
				col = append(col, l)
			}
		}
	}
	if len(col) > 0 {
		next()
	}
	return cols
}
