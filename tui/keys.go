package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the dashboard. Update matches keys against it and the help
// screen lists it, so help can never drift from behaviour.
type KeyMap struct {
	NextPane, PrevPane, Pane1, Pane2, Pane3, Pane4 key.Binding
	Zoom, Back                                     key.Binding
	LeverUp, LeverDown                             key.Binding
	Decrease, Increase, DecreaseBig, IncreaseBig   key.Binding
	Type, Reset, ResetAll, Advanced, Details       key.Binding
	Undo, Redo                                     key.Binding
	Open, Save, Compare                            key.Binding
	YearBack, YearForward                          key.Binding
	Help, Colours, Redraw, Quit, ForceQuit         key.Binding
	// Inside help: turn its pages and switch between the keys and the glossary.
	NextPage, PrevPage, FirstPage, LastPage, Glossary key.Binding
}

// DefaultKeyMap is the dashboard's bindings.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		NextPane:    b([]string{"tab"}, "tab", "next pane"),
		PrevPane:    b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Pane1:       b([]string{"1"}, "1", "compute pane"),
		Pane2:       b([]string{"2"}, "2", "capital pane"),
		Pane3:       b([]string{"3"}, "3", "products pane"),
		Pane4:       b([]string{"4"}, "4", "energy pane"),
		Zoom:        b([]string{"enter"}, "enter", "zoom the pane"),
		Back:        b([]string{"esc"}, "esc", "back"),
		LeverUp:     b([]string{"up", "k"}, "↑/k", "previous lever"),
		LeverDown:   b([]string{"down", "j"}, "↓/j", "next lever"),
		Decrease:    b([]string{"left", "h"}, "←/h", "lever down a step"),
		Increase:    b([]string{"right", "l"}, "→/l", "lever up a step"),
		DecreaseBig: b([]string{"shift+left", "H"}, "shift+←", "lever down ×10"),
		IncreaseBig: b([]string{"shift+right", "L"}, "shift+→", "lever up ×10"),
		Type:        b([]string{"="}, "=", "type an exact value"),
		Reset:       b([]string{"r"}, "r", "reset the lever to the scenario as opened"),
		ResetAll:    b([]string{"R"}, "R", "reset all levers to the scenario as opened"),
		Advanced:    b([]string{"a"}, "a", "advanced levers"),
		Details:     b([]string{"i"}, "i", "lever details"),
		Open:        b([]string{"o"}, "o", "open a scenario"),
		Save:        b([]string{"s"}, "s", "save the scenario"),
		Compare:     b([]string{"c"}, "c", "pin/clear baseline A"),
		Undo:        b([]string{"u", "ctrl+z"}, "u/ctrl+z", "undo"),
		Redo:        b([]string{"ctrl+y"}, "ctrl+y", "redo"),
		YearBack:    b([]string{"["}, "[", "year cursor back"),
		YearForward: b([]string{"]"}, "]", "year cursor forward"),
		Help:        b([]string{"?"}, "?", "help"),
		Colours:     b([]string{"C"}, "C", "colour depth (cycles)"),
		Redraw:      b([]string{"ctrl+l"}, "ctrl+l", "redraw the screen"),
		Quit:        b([]string{"q"}, "q", "quit (asks first if moves are unsaved)"),
		ForceQuit:   b([]string{"ctrl+c"}, "ctrl+c", "quit at once"),
		NextPage:    b([]string{"right", "pgdown", "space"}, "→/pgdn/space", "next page"),
		PrevPage:    b([]string{"left", "pgup"}, "←/pgup", "previous page"),
		FirstPage:   b([]string{"home"}, "home", "first page"),
		LastPage:    b([]string{"end"}, "end", "last page"),
		Glossary:    b([]string{"g", "tab"}, "g/tab", "glossary / keys"),
	}
}

// Groups lists the bindings by topic for the help screen, in the order shown.
func (k KeyMap) Groups() []KeyGroup {
	return []KeyGroup{
		{"Levers", []key.Binding{k.LeverUp, k.LeverDown, k.Decrease, k.Increase, k.DecreaseBig, k.IncreaseBig, k.Type, k.Reset, k.ResetAll, k.Advanced, k.Details}},
		{"Panes", []key.Binding{k.NextPane, k.PrevPane, k.Pane1, k.Pane2, k.Pane3, k.Pane4, k.Zoom, k.Back}},
		{"Scenarios", []key.Binding{k.Open, k.Save, k.Compare}},
		{"Time and history", []key.Binding{k.YearBack, k.YearForward, k.Undo, k.Redo}},
		{"General", []key.Binding{k.Help, k.Colours, k.Redraw, k.Quit, k.ForceQuit}},
		{"In help", []key.Binding{k.NextPage, k.PrevPage, k.FirstPage, k.LastPage, k.Glossary}},
	}
}

// KeyGroup is one titled list of the help screen.
type KeyGroup struct {
	Title    string
	Bindings []key.Binding
}
