package tui

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
)

// pickItem is one scenario the picker offers: a preset or a saved file.
type pickItem struct {
	kind, name, title, desc string
	broken                  string // why a saved file does not load
}

// picker is the `o` overlay: every preset and saved scenario, filtered by what is typed.
type picker struct {
	filter textinput.Model
	items  []pickItem
	shown  []int // indexes into items matching the filter
	sel    int   // index into shown
	top    int   // first shown row on screen
}

func newInput(limit int) textinput.Model {
	in := textinput.New()
	in.CharLimit = limit
	in.SetWidth(min(limit, 24))
	// A blinking cursor would tick while the user thinks: an idle dashboard must not redraw.
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// savedListMsg brings the saved scenarios, listed off the UI loop.
type savedListMsg struct {
	entries []saved.Entry
	err     error
}

// openPicker shows the presets at once (they are built in) and asks for the saved scenarios,
// which are read from disk by a command rather than in Update.
func (m *Model) openPicker() tea.Cmd {
	p := &picker{filter: newInput(40)}
	p.filter.Placeholder = m.lang.T("type to filter")
	p.filter.Focus()
	for _, name := range data.Presets() {
		s, err := data.Preset(name)
		item := pickItem{kind: "preset", name: name, title: s.Name, desc: s.Description}
		if err != nil {
			item.broken = err.Error()
		}
		p.items = append(p.items, item)
	}
	p.refilter()
	m.picker = p
	st := m.opts.Store
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		entries, err := st.List()
		return savedListMsg{entries, err}
	}
}

// addSaved adds the listed saved scenarios to an open picker.
func (m *Model) addSaved(msg savedListMsg) {
	if msg.err != nil {
		m.errMsg = m.storeText(msg.err.Error())
	}
	if m.picker == nil {
		return
	}
	for _, e := range msg.entries {
		item := pickItem{kind: "saved", name: e.Name, title: e.Title, desc: e.Description}
		if e.Err != nil {
			item.broken = m.storeText(e.Err.Error())
		}
		m.picker.items = append(m.picker.items, item)
	}
	m.picker.refilter()
}

// refilter keeps the items whose kind, name or title contains every typed word.
func (p *picker) refilter() {
	words := strings.Fields(strings.ToLower(p.filter.Value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		hay := strings.ToLower(it.kind + " " + it.name + " " + it.title)
		match := true
		for _, w := range words {
			match = match && strings.Contains(hay, w)
		}
		if match {
			p.shown = append(p.shown, i)
		}
	}
	p.sel = clampInt(p.sel, 0, max(0, len(p.shown)-1))
}

func (m *Model) handlePicker(msg tea.KeyPressMsg) tea.Cmd {
	p := m.picker
	switch msg.String() {
	case "esc":
		m.picker = nil
	case "up", "ctrl+p":
		p.sel = max(0, p.sel-1)
	case "down", "ctrl+n":
		p.sel = min(max(0, len(p.shown)-1), p.sel+1)
	case "enter":
		if len(p.shown) > 0 {
			return m.pick(p.items[p.shown[p.sel]])
		}
	default:
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(msg)
		p.refilter()
		return cmd
	}
	return nil
}

// loadedMsg brings a scenario read from disk.
type loadedMsg struct {
	name string
	s    engine.Scenario
	err  error
}

// pick loads the chosen scenario — a preset at once, a saved file by a command — and undo brings
// back the one it replaces.
func (m *Model) pick(it pickItem) tea.Cmd {
	if it.broken != "" {
		m.errMsg = it.broken
		return nil
	}
	m.picker = nil
	if it.kind == "preset" {
		s, err := data.Preset(it.name)
		m.takeLoaded(loadedMsg{it.name, s, err})
		return nil
	}
	st := m.opts.Store
	return func() tea.Msg {
		s, err := st.Load(it.name)
		return loadedMsg{it.name, s, err}
	}
}

// takeLoaded makes a picked scenario current.
func (m *Model) takeLoaded(msg loadedMsg) {
	if msg.err != nil {
		m.errMsg = m.storeText(msg.err.Error())
		return
	}
	m.load(msg.s, msg.name)
}

// pickerView fills the content area with the list, the selection marked and bold.
func (m *Model) pickerView(v *view, w, h int) []string {
	p := m.picker
	rows := []string{
		m.st.Dim.Render(m.lang.T("filter")+" ") + p.filter.View(),
		"",
	}
	// The selected scenario's description under the list, as the story it tells.
	var about []string
	if len(p.shown) > 0 {
		if desc := strings.Join(strings.Fields(engine.Printable(p.items[p.shown[p.sel]].desc)), " "); desc != "" {
			about = append([]string{""}, wrap(desc, w-4, 3)...)
		}
	}
	listH := max(1, h-2-len(rows)-1-len(about))
	p.top = clampInt(p.top, max(0, p.sel-listH+1), p.sel)
	for i := p.top; i < len(p.shown) && i < p.top+listH; i++ {
		it := p.items[p.shown[i]]
		mark := "  "
		kind := m.lang.T(it.kind)
		// A saved file's name, title and error come from the folder: shown, never obeyed.
		shownName := fit(engine.Printable(it.name), 20)
		name := m.st.Text.Render(shownName)
		if i == p.sel {
			mark = m.st.Selected.Render(m.st.Glyphs.Select + " ")
			name = m.st.Selected.Render(shownName)
		}
		title := engine.Printable(it.title)
		if it.broken != "" {
			title = m.st.Warn.Render(m.lang.F("broken: {0}", engine.Printable(it.broken)))
		}
		rows = append(rows, mark+m.st.Dim.Render(fit(kind, 8))+name+"  "+title)
	}
	if len(p.shown) == 0 {
		rows = append(rows, m.st.Dim.Render("  "+m.lang.T("no scenario matches")))
	}
	rows = block(rows, w-2, h-3-len(about))
	for _, l := range about {
		rows = append(rows, m.st.Dim.Render(l))
	}
	rows = append(rows, m.st.Dim.Render(m.lang.T("↑/↓ choose  enter open  esc cancel  type to filter")))
	return v.box(m.st.Title.Render(m.lang.T("Open a scenario")), m.st.Dim.Render(m.lang.F("{0} of {1}", strconv.Itoa(len(p.shown)), strconv.Itoa(len(p.items)))), rows, w, h, true)
}

// saving is the `s` prompt: a name, then a confirmation when a file of that name exists.
type saving struct {
	input   textinput.Model
	confirm bool // waiting for y/n to overwrite
}

func (m *Model) openSave() {
	switch {
	case m.opts.ReadOnly:
		m.errMsg = m.lang.T("saving is off on this server (read-only)")
		return
	case m.opts.Store == nil && m.opts.Served:
		m.errMsg = m.lang.T("saving is off on this server")
		return
	case m.opts.Store == nil:
		m.errMsg = m.lang.T("saving is off: no folder for saved scenarios (set XDG_DATA_HOME or HOME)")
		return
	}
	in := newInput(64)
	in.Placeholder = m.lang.T("name")
	in.SetValue(m.scen.Name)
	in.CursorEnd()
	in.Focus()
	m.saving = &saving{input: in}
}

func (m *Model) handleSave(msg tea.KeyPressMsg) tea.Cmd {
	sv := m.saving
	name := strings.TrimSpace(sv.input.Value())
	if sv.confirm {
		switch msg.String() {
		case "y", "Y":
			return m.save(name, true)
		case "n", "N", "esc":
			sv.confirm = false
		}
		return nil
	}
	switch msg.String() {
	case "esc":
		m.saving = nil
	case "enter":
		if err := saved.CheckName(name); err != nil {
			m.errMsg = err.Error()
			return nil
		}
		return m.save(name, false)
	default:
		var cmd tea.Cmd
		sv.input, cmd = sv.input.Update(msg)
		m.errMsg = ""
		return cmd
	}
	return nil
}

// savedMsg reports a save done off the UI loop.
type savedMsg struct {
	s    engine.Scenario
	path string
	err  error
}

// save writes the current scenario under name by a command (a save syncs to disk); the file
// carries that name as its title. Without overwrite, an existing file asks for confirmation.
func (m *Model) save(name string, overwrite bool) tea.Cmd {
	s := m.scen
	s.Name, s.Description = name, m.savedDescription()
	st := m.opts.Store
	return func() tea.Msg {
		path, err := st.Save(name, &s, overwrite)
		return savedMsg{s, path, err}
	}
}

// wasSaved takes the result of a save: the scenario is now the saved one, or the prompt asks to
// overwrite, or says why it failed.
func (m *Model) wasSaved(msg savedMsg) {
	if m.saving == nil {
		return
	}
	switch {
	case errors.Is(msg.err, saved.ErrExists):
		m.saving.confirm = true
	case msg.err != nil:
		m.saving.confirm = false
		m.errMsg = m.storeText(msg.err.Error())
	default:
		m.scen.Name = msg.s.Name
		m.loaded = m.scen
		m.saving = nil
		m.info = m.lang.F("saved “{0}” to {1}", msg.s.Name, m.storeText(msg.path))
	}
}

// savedDescription keeps the opened scenario's description while its numbers are the ones it
// describes; once levers moved it first says what it was based on and what changed, so a saved
// file never tells one scenario's story over another's numbers.
func (m *Model) savedDescription() string {
	if !m.edited() {
		return m.scen.Description
	}
	moved := changed(engine.Levers[:], m.loaded.Levers[:], m.scen.Levers[:])
	moved = append(moved, changed(engine.Settings[:], m.loaded.Settings[:], m.scen.Settings[:])...)
	d := "Based on “" + m.loaded.Name + "” with " + strings.Join(moved, ", ") + "."
	if m.loaded.Description != "" {
		d += " " + m.loaded.Name + ": " + m.loaded.Description
	}
	return d
}

// changed lists "key new (was old)" for each value that differs between was and now.
func changed(ps []engine.Param, was, now []float64) []string {
	var out []string
	for i, p := range ps {
		if was[i] != now[i] {
			out = append(out, p.Key+" "+engine.FormatNumber(now[i])+" (was "+engine.FormatNumber(was[i])+")")
		}
	}
	return out
}

// saveLine is the prompt shown in place of the insight line.
func (m *Model) saveLine() string {
	sv := m.saving
	if sv.confirm {
		return " " + m.st.Warn.Render(m.lang.F("“{0}” exists: overwrite it?", strings.TrimSpace(sv.input.Value()))+" ") + m.st.Bold.Render("y") +
			m.st.Dim.Render(" / ") + m.st.Bold.Render("n")
	}
	line := " " + m.st.Title.Render(m.lang.T("Save as")+" ") + sv.input.View()
	if m.errMsg != "" { // the reason matters more than the hint
		return line + " " + m.st.Warn.Render("✗ "+engine.Printable(m.errMsg))
	}
	return line + m.st.Dim.Render("   "+m.lang.T("enter save · esc cancel"))
}

// storeText is a message about saved scenarios as the screen shows it: in a served dashboard the
// store's folder is cut from it, so a user sees names and never the server's paths.
func (m *Model) storeText(s string) string {
	if !m.opts.Served || m.opts.Store == nil {
		return s
	}
	return HidePath(s, m.opts.Store.Dir)
}

// HidePath cuts the folder dir from the paths in s: "…/alice/plan.yaml:3: …" reads "plan.yaml:3: …".
func HidePath(s, dir string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, dir+string(filepath.Separator), ""), dir, ".")
}
