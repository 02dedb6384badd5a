package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/engine/insight"
)

// Options configure the dashboard.
type Options struct {
	Scenario engine.Scenario
	Theme    string // "dark", "light", or "" / "auto" to follow the terminal's background
	ASCII    bool   // ASCII borders and charts, no braille or box drawing
	Lang     string // language of the screens: a key of Languages; "" means English
	// Store is where `s` saves and `o` finds saved scenarios; nil turns saving off.
	Store *saved.Store
	// Now is the clock for telling double-clicks; nil means time.Now.
	Now func() time.Time
	// Served is set for a dashboard served over SSH (flywheel serve): with no Store, s says the
	// server has saving off rather than naming the server's variables, and messages about saved
	// scenarios name them, never the server's folders.
	Served bool
	// ReadOnly lets saved scenarios be opened but never written (flywheel serve --read-only).
	ReadOnly bool
}

// The largest window the dashboard lays out for: a bigger one (or a forged report of one) gets
// this much of the screen, as a frame's cost grows with its area.
const (
	MaxWidth, MaxHeight = 500, 200
)

// maxUndo bounds the history; older moves fall off.
const maxUndo = 500

// gestureGap is the longest pause between two key presses (or wheel steps) of one lever that
// still belong to one gesture: a held key repeats far faster, a burst of presses about as fast.
const gestureGap = 1500 * time.Millisecond

// gesture is a run of moves of one lever that the ▲/▼ deltas, the change clause and undo treat
// as one: a burst of presses or a held key, one drag, one typed value. from is the lever's value
// before it; the result before it stays in the spare buffer while it lasts.
type gesture struct {
	active bool
	lever  engine.Lever
	kind   gestureKind
	from   float64
	last   time.Time
}

type gestureKind uint8

const (
	byKeys gestureKind = iota // arrow keys, wheel
	byDrag
	byTyping
	byReset
)

// doubleClick is the longest gap between two clicks of a double-click.
const doubleClick = 400 * time.Millisecond

// Model is the dashboard's one Bubble Tea model: it owns every piece of state, and the panes and
// widgets are pure renderers of it.
type Model struct {
	keys KeyMap
	opts Options
	lang *Lang
	st   Styles
	lay  layout
	w, h int

	scen    engine.Scenario
	results [2]engine.Result // current and the one before the last move, swapped on each run
	cur     int
	hasPrev bool
	change  insight.Change
	insight [2]string // the main sentence and the change clause of the last move

	undo, redo []engine.Scenario
	loaded     engine.Scenario // as opened, to tell an edited scenario from it

	// Binding spans: swept on demand and memoised by scenario; spans holds those of the linked
	// levers on screen, beyond what binds outside the detailed lever's span.
	spanMemo spanMemo
	spans    [engine.NumLevers]shownSpan
	beyond   beyondSpan

	// The pinned baseline A: every figure then shows B − A and every chart both.
	pinned  bool
	base    engine.Result
	pinName string

	focus      int
	zoomed     bool
	details    bool // the selected lever's details fill the panes' area
	help       bool
	helpAt     helpPlace // where help was left: it reopens there
	advanced   bool
	lever      engine.Lever
	year       int
	typing     bool
	input      textinput.Model
	errMsg     string
	info       string // a confirmation (e.g. where a scenario was saved) until the next move
	picker     *picker
	saving     *saving
	dragging   bool
	dragSaved  bool // the drag in progress has put its undo entry on the stack
	gest       gesture
	typeFresh  bool // "=" just opened the prompt: the value is selected and typing replaces it
	quitting   bool // q asked whether to quit with unsaved moves
	lastClick  time.Time
	lastHit    int                  // what the last click hit, to tell a double-click: a pane, or numPanes + a lever
	profile    colorprofile.Profile // the colour depth the screen is drawn in, as Bubble Tea says
	depthAsked bool                 // C asked for a new depth that has not come yet
}

// New builds the dashboard on a scenario. The scenario must be valid.
func New(opts Options) (*Model, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	lang, ok := Languages[opts.Lang]
	if !ok && opts.Lang != "" {
		return nil, fmt.Errorf("no language %q", opts.Lang)
	}
	if !ok {
		lang = Languages["en"]
	}
	opts.Scenario = printable(opts.Scenario)
	m := &Model{keys: DefaultKeyMap(), opts: opts, lang: lang, scen: opts.Scenario, loaded: opts.Scenario,
		lever: engine.Investment, lastHit: -1}
	if err := engine.Run(&m.scen, &m.results[0]); err != nil {
		return nil, err
	}
	m.year = clampInt(m.scen.Start.Year+3, m.results[0].Years[0].Year, m.results[0].Years[len(m.results[0].Years)-1].Year)
	m.st = NewStyles(opts.Theme != "light", opts.ASCII)
	m.input = newInput(24)
	m.refreshInsight()
	return m, nil
}

// Result is the current run, for tests and callers.
func (m *Model) Result() *engine.Result { return &m.results[m.cur] }

// Scenario is the scenario as the levers now stand.
func (m *Model) Scenario() engine.Scenario { return m.scen }

// Init asks the terminal for its background colour when the theme follows it.
func (m *Model) Init() tea.Cmd {
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		return tea.RequestBackgroundColor
	}
	return nil
}

// Update handles one message. Nothing ticks: the model changes only on input, so an idle
// dashboard costs no CPU and sends no bytes.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.refreshSpans()
	return m, cmd
}

// update is Update without the span refresh that follows every message.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = min(msg.Width, MaxWidth), min(msg.Height, MaxHeight)
		m.relayout()
	case tea.PasteMsg:
		m.paste(msg)
	case tea.ColorProfileMsg:
		m.depthSet(msg.Profile)
	case tea.BackgroundColorMsg:
		// A malformed answer (or one typed by hand) parses without a colour: it says nothing.
		if msg.Color != nil && (m.opts.Theme == "" || m.opts.Theme == "auto") {
			m.st = NewStyles(msg.IsDark(), m.opts.ASCII)
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case savedListMsg:
		m.addSaved(msg)
	case loadedMsg:
		m.takeLoaded(msg)
	case savedMsg:
		m.wasSaved(msg)
	}
	return nil
}

// paste puts bracketed-paste text into the prompt that is open, cut to the prompt's length
// before it is read further; with no prompt open it is dropped, as keys it is not.
func (m *Model) paste(msg tea.PasteMsg) {
	var in *textinput.Model
	switch {
	case m.typing:
		in = &m.input
		if m.typeFresh { // the selected value is replaced
			m.typeFresh = false
			m.input.SetValue("")
		}
	case m.saving != nil && !m.saving.confirm:
		in = &m.saving.input
	case m.picker != nil:
		in = &m.picker.filter
		defer m.picker.refilter()
	default:
		return
	}
	if limit := 4 * max(in.CharLimit, 1); len(msg.Content) > limit {
		msg.Content = strings.ToValidUTF8(msg.Content[:limit], "")
	}
	*in, _ = in.Update(msg)
}

func (m *Model) relayout() {
	top := m.lay.firstVisible(m.advanced)
	m.lay = computeLayout(m.w, m.h, m.advanced, m.comparing(), m.lever, top)
}

// onDashboard reports whether keys go to the dashboard itself, not to a dialog, picker or help.
func (m *Model) onDashboard() bool {
	return !m.quitting && !m.typing && m.picker == nil && m.saving == nil && !m.help
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Redraw):
		return tea.ClearScreen
	}
	if m.onDashboard() && key.Matches(msg, k.Colours) {
		// Before the messages go: the screen must not change until it is drawn in the new depth.
		return m.nextDepth()
	}
	if m.saving == nil {
		m.errMsg, m.info = "", "" // a message lasts until the next key
	}
	switch {
	case m.quitting:
		return m.handleQuit(msg)
	case m.typing:
		return m.handleTyping(msg)
	case m.picker != nil:
		return m.handlePicker(msg)
	case m.saving != nil:
		return m.handleSave(msg)
	}
	if m.help {
		return m.handleHelp(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		if m.edited() {
			m.quitting = true
			return nil
		}
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.help = true
	case key.Matches(msg, k.Back):
		m.zoomed, m.details, m.errMsg = false, false, ""
	case key.Matches(msg, k.Zoom):
		m.zoomed, m.details = true, false
	case key.Matches(msg, k.Details):
		m.details, m.zoomed = !m.details, false
	case key.Matches(msg, k.NextPane):
		m.focus = (m.focus + 1) % numPanes
	case key.Matches(msg, k.PrevPane):
		m.focus = (m.focus + numPanes - 1) % numPanes
	case key.Matches(msg, k.Pane1, k.Pane2, k.Pane3, k.Pane4):
		m.focus = int(msg.String()[0] - '1')
	case key.Matches(msg, k.LeverUp):
		m.moveSelection(-1)
	case key.Matches(msg, k.LeverDown):
		m.moveSelection(1)
	case key.Matches(msg, k.DecreaseBig):
		m.nudge(m.lever, -10)
	case key.Matches(msg, k.IncreaseBig):
		m.nudge(m.lever, 10)
	case key.Matches(msg, k.Decrease):
		m.nudge(m.lever, -1)
	case key.Matches(msg, k.Increase):
		m.nudge(m.lever, 1)
	case key.Matches(msg, k.Type):
		m.startTyping()
	case key.Matches(msg, k.Reset):
		m.setLever(m.lever, m.loaded.Levers[m.lever], byReset)
	case key.Matches(msg, k.ResetAll):
		m.resetAll()
	case key.Matches(msg, k.Advanced):
		m.advanced = !m.advanced
		if !m.advanced && !isHeadline(m.lever) {
			m.lever = engine.Investment
		}
		m.relayout()
	case key.Matches(msg, k.Compare):
		m.togglePin()
	case key.Matches(msg, k.Open):
		return m.openPicker()
	case key.Matches(msg, k.Save):
		m.openSave()
	case key.Matches(msg, k.Undo):
		m.step(&m.undo, &m.redo, "Undo")
	case key.Matches(msg, k.Redo):
		m.step(&m.redo, &m.undo, "Redo")
	case key.Matches(msg, k.YearBack):
		m.setYear(m.year - 1)
	case key.Matches(msg, k.YearForward):
		m.setYear(m.year + 1)
	}
	return nil
}

func isHeadline(l engine.Lever) bool { return engine.Levers[l].Headline }

func (m *Model) moveSelection(d int) {
	list := leverList(m.advanced)
	i := 0
	for j, l := range list {
		if l == m.lever {
			i = j
		}
	}
	m.lever = list[clampInt(i+d, 0, len(list)-1)]
	m.relayout()
}

func (m *Model) setYear(y int) {
	ys := m.Result().Years
	m.year = clampInt(y, ys[0].Year, ys[len(ys)-1].Year)
}

// nudge moves a lever by steps of its step size to the next point of its step grid.
func (m *Model) nudge(l engine.Lever, steps int) {
	p := l.Param()
	i := (m.scen.Levers[l] - p.Min) / p.Step
	if steps > 0 {
		i = math.Floor(i+1e-9) + float64(steps)
	} else {
		i = math.Ceil(i-1e-9) + float64(steps)
	}
	m.setLever(l, snap(p, p.Min+i*p.Step), byKeys)
}

// setLever applies a value and re-runs the engine, reporting whether anything changed. A move
// that continues the gesture in progress (same lever, same kind, soon enough; every motion of one
// drag) joins it: one undo entry, and deltas and change clause measured from where it began.
func (m *Model) setLever(l engine.Lever, value float64, kind gestureKind) bool {
	p := l.Param()
	old := m.scen.Levers[l]
	if value == old {
		return false
	}
	next := m.scen
	next.Levers[l] = value
	if err := next.Validate(); err != nil {
		m.errMsg = err.Error()
		return false
	}
	now := m.opts.Now()
	g := &m.gest
	joins := g.active && g.lever == l && g.kind == kind && m.hasPrev &&
		((kind == byKeys && now.Sub(g.last) <= gestureGap) || (kind == byDrag && m.dragSaved))
	if !joins {
		m.pushUndo()
		*g = gesture{active: true, lever: l, kind: kind, from: old}
	}
	g.last = now
	d := value - g.from
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	ch := insight.Change{Label: m.lang.T(p.Name), Delta: sign + leverValue(m.lang, p, round(math.Abs(d), 6))}
	if span, ok := m.spanMemo.span(&next, l); ok && !span.Binds {
		ch.Unbound, ch.Instead = true, span.Instead
	}
	m.run(next, ch, joins)
	return true
}

// resetAll takes every lever back to the scenario as opened (or last saved), so its name stays
// true to its numbers.
func (m *Model) resetAll() {
	next := m.scen
	next.Levers = m.loaded.Levers
	if next.Levers == m.scen.Levers {
		return
	}
	m.pushUndo()
	m.apply(next, insight.Change{Label: m.lang.T("Reset all levers")})
}

func (m *Model) pushUndo() {
	m.undo = append(m.undo, m.scen)
	if len(m.undo) > maxUndo {
		m.undo = m.undo[1:]
	}
	m.redo = m.redo[:0]
}

// step pops a scenario from one history stack, pushing the present onto the other: undo and redo.
func (m *Model) step(from, to *[]engine.Scenario, label string) {
	if len(*from) == 0 {
		return
	}
	prev := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, m.scen)
	m.apply(prev, insight.Change{Label: m.lang.T(label)})
}

// apply makes next the current scenario as a move of its own (undo, reset, open): it ends any
// gesture in progress.
func (m *Model) apply(next engine.Scenario, ch insight.Change) {
	m.gest.active = false
	m.run(next, ch, false)
}

// run re-runs the engine on next. A new move runs into the spare result buffer and the run it
// replaces becomes the reference of the ▲/▼ deltas — unless a load changed the time frame, when
// month-by-month deltas would mean nothing; a move that joins a gesture overwrites the current
// run, so the reference stays the run from before the gesture.
func (m *Model) run(next engine.Scenario, ch insight.Change, joins bool) {
	into := 1 - m.cur
	if joins {
		into = m.cur
	}
	if err := engine.Run(&next, &m.results[into]); err != nil {
		m.errMsg = err.Error()
		return
	}
	same := sameFrame(&next, &m.scen)
	m.scen, m.cur, m.change, m.errMsg, m.info = next, into, ch, "", ""
	if !joins {
		m.hasPrev = same
	}
	m.setYear(m.year)
	m.refreshInsight()
	if m.lay.compare != m.comparing() {
		m.relayout()
	}
}

// sameFrame reports whether two scenarios share start and horizon, so their months line up.
func sameFrame(a, b *engine.Scenario) bool {
	return a.Start == b.Start && a.HorizonYears == b.HorizonYears
}

// load replaces the scenario with one from a file or a preset; undo brings the old one back.
func (m *Model) load(s engine.Scenario, name string) {
	s = printable(s)
	m.pushUndo()
	m.loaded = s
	m.apply(s, insight.Change{Label: m.lang.F("Opened {0}", engine.Printable(name))})
}

// printable is the scenario with its text made safe for a terminal (engine.Printable): the name,
// description and sources reach the window title, the header, the picker and the panes, and a
// scenario built in memory has not passed the file reader's check. Sources is copied, not
// changed, as scenarios share it.
func printable(s engine.Scenario) engine.Scenario {
	s.Name, s.Description = engine.Printable(s.Name), engine.Printable(s.Description)
	if s.Sources != nil {
		src := make(map[string]string, len(s.Sources))
		for k, v := range s.Sources {
			src[engine.Printable(k)] = engine.Printable(v)
		}
		s.Sources = src
	}
	return s
}

// togglePin pins the current result as baseline A, or clears the pin.
func (m *Model) togglePin() {
	defer m.relayout()
	if m.pinned {
		m.pinned = false
		return
	}
	m.Result().CopyTo(&m.base)
	m.pinned, m.pinName = true, m.scen.Name
	if m.edited() {
		m.pinName += " " + m.lang.T("(edited)")
	}
}

// edited reports whether the levers or settings moved since the scenario was opened or saved.
func (m *Model) edited() bool {
	return m.scen.Levers != m.loaded.Levers || m.scen.Settings != m.loaded.Settings
}

func (m *Model) refreshInsight() {
	var prev *engine.Result
	if m.hasPrev {
		prev = &m.results[1-m.cur]
	}
	lang, _ := insight.ParseLanguage(m.lang.Code)
	m.insight[0], m.insight[1] = insight.PartsIn(lang, m.Result(), prev, m.change)
}

func (m *Model) startTyping() {
	m.typing = true
	m.errMsg = ""
	m.input.SetValue(engine.FormatNumber(m.scen.Levers[m.lever]))
	m.input.CursorEnd()
	m.input.Focus()
	m.typeFresh = true
}

func (m *Model) handleTyping(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.typing = false
		m.input.Blur()
		return nil
	case "enter":
		p := m.lever.Param()
		text := strings.TrimSpace(m.input.Value())
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			m.errMsg = m.lang.F("{0}: {1} is not a number (allowed {2}–{3} {4})", p.Key, engine.Quote(text),
				engine.FormatNumber(p.Min), engine.FormatNumber(p.Max), m.lang.T(p.Unit))
			return nil
		}
		if err := p.Check("lever", v); err != nil {
			m.errMsg = err.Error()
			return nil
		}
		m.typing = false
		m.input.Blur()
		m.setLever(m.lever, v, byTyping)
		return nil
	}
	if m.typeFresh { // the value is selected: a character or a deletion replaces it
		m.typeFresh = false
		switch {
		case msg.Text != "":
			m.input.SetValue("")
		case msg.String() == "backspace" || msg.String() == "delete":
			m.input.SetValue("")
			return nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// handleQuit takes the answer to "quit with unsaved moves?": y quits, s saves first, any other
// key stays.
func (m *Model) handleQuit(msg tea.KeyPressMsg) tea.Cmd {
	m.quitting = false
	switch msg.String() {
	case "y", "Y":
		return tea.Quit
	case "s", "S":
		m.openSave()
	}
	return nil
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.lay.tooSmall || m.typing {
		return nil
	}
	switch msg.(type) {
	case tea.MouseReleaseMsg:
		m.dragging = false
	case tea.MouseMotionMsg:
		if m.dragging && mouse.Button == tea.MouseLeft {
			m.dragTo(mouse.X)
		}
	case tea.MouseWheelMsg:
		m.wheel(mouse)
	case tea.MouseClickMsg:
		if mouse.Button == tea.MouseLeft {
			return m.click(mouse.X, mouse.Y)
		}
	}
	return nil
}

func (m *Model) click(x, y int) tea.Cmd {
	if m.help {
		m.help = false
		return nil
	}
	if m.picker != nil {
		p := m.picker
		if i := p.top + y - (m.lay.zoom.y + 3); m.lay.zoom.contains(x, y) && i >= p.top && i < len(p.shown) {
			p.sel = i
			return m.pick(p.items[p.shown[i]])
		}
		return nil
	}
	if m.zoomed || m.saving != nil {
		return nil
	}
	if i, ok := m.leverRowAt(x, y); ok {
		m.lever = m.lay.rows[i]
		if x-m.lay.rowRects[i].x < m.lay.cols.trackX()-1 { // the name or value, not the track
			if m.doubleClicked(numPanes + int(m.lever)) {
				m.details, m.zoomed = true, false
			}
			return nil
		}
		m.dragging, m.dragSaved = true, false
		m.dragTo(x)
		return nil
	}
	for i, r := range m.lay.panes {
		if r.contains(x, y) && !m.details {
			if m.doubleClicked(i) {
				m.zoomed = true
			}
			m.focus = i
			return nil
		}
	}
	if m.lay.timeline.contains(x, y) {
		if year, ok := m.timelineYear(x); ok {
			m.setYear(year)
		}
	}
	return nil
}

// doubleClicked records a click on target and reports whether it completes a double-click.
func (m *Model) doubleClicked(target int) bool {
	now := m.opts.Now()
	if target == m.lastHit && now.Sub(m.lastClick) <= doubleClick {
		m.lastHit = -1
		return true
	}
	m.lastClick, m.lastHit = now, target
	return false
}

// dragTo sets the dragged lever to the value under column x of its track; the first change of a
// drag goes on the undo stack, the rest of the drag joins it.
func (m *Model) dragTo(x int) {
	for i, l := range m.lay.rows {
		if l != m.lever {
			continue
		}
		pos := x - m.lay.rowRects[i].x - m.lay.cols.trackX()
		if pos < -1 || pos > m.lay.cols.positions() {
			return
		}
		if m.setLever(l, m.lay.cols.valueAt(l.Param(), pos), byDrag) {
			m.dragSaved = true
		}
	}
}

func (m *Model) wheel(mouse tea.Mouse) {
	steps := 0
	switch mouse.Button {
	case tea.MouseWheelUp:
		steps = 1
	case tea.MouseWheelDown:
		steps = -1
	default:
		return
	}
	if i, ok := m.leverRowAt(mouse.X, mouse.Y); ok {
		m.lever = m.lay.rows[i]
		m.nudge(m.lever, steps)
		return
	}
	for _, r := range m.lay.panes {
		if r.contains(mouse.X, mouse.Y) && !m.help && !m.details {
			m.setYear(m.year + steps)
		}
	}
}

func (m *Model) leverRowAt(x, y int) (int, bool) {
	if m.help {
		return 0, false
	}
	for i, r := range m.lay.rowRects {
		if r.contains(x, y) {
			return i, true
		}
	}
	return 0, false
}
