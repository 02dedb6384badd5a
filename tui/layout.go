package tui

import "github.com/flywheel-dev/flywheel/engine"

// Minimum terminal size; below it the dashboard shows a centred message instead.
const (
	MinWidth, MinHeight   = 60, 18
	FullWidth, FullHeight = 120, 36 // from here the full layout: legends, meanings, hint line
)

// rect is a screen area in cells.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// layout is where everything goes for one window size and mode; View draws into it and mouse
// handling hit-tests against it, so the two always agree.
type layout struct {
	tooSmall bool
	full     bool // ≥ 120×36: the roomier layout
	compare  bool // a baseline A is pinned: the timeline shows A's strip under B's
	w, h     int
	header   rect
	panes    [numPanes]rect
	zoom     rect // the zoomed pane's area
	details  rect // the lever details' area: the panes'
	timeline rect
	levers   rect // the levers box, border included
	rows     []engine.Lever
	rowRects []rect // one per visible lever row
	cols     sliderCols
	insight  rect
}

const (
	headerRows   = 2
	timelineRows = 2
)

// computeLayout places header, panes, timeline, levers and insight line in w×h. advanced shows
// every lever instead of the three headline ones; top is the first visible lever row when they do
// not all fit; selected must stay visible.
func computeLayout(w, h int, advanced, compare bool, selected engine.Lever, top int) layout {
	l := layout{w: w, h: h, compare: compare}
	if w < MinWidth || h < MinHeight {
		l.tooSmall = true
		return l
	}
	l.full = w >= FullWidth && h >= FullHeight
	l.header = rect{0, 0, w, headerRows}
	// The insight: the state and, after a move, what it changed — two lines when there is room.
	insightRows := 1
	if l.full {
		insightRows = 2
	}

	levers := leverList(advanced)
	cols := 1
	if advanced && w >= FullWidth {
		cols = 2
	}
	hint := 0
	if l.full {
		hint = 1
	}
	timelineRows := timelineRows
	if compare {
		timelineRows++
	}
	fixed := headerRows + timelineRows + insightRows
	minPanes := 2 * 4 // two rows of panes of at least a border and two lines of figures
	maxRows := h - fixed - minPanes - 2 - hint
	perCol := (len(levers) + cols - 1) / cols
	visible := min(perCol, maxRows)
	boxH := visible + 2 + hint
	paneH := h - fixed - boxH

	l.panes[PaneCompute] = rect{0, headerRows, w / 2, paneH / 2}
	l.panes[PaneCapital] = rect{w / 2, headerRows, w - w/2, paneH / 2}
	l.panes[PaneProducts] = rect{0, headerRows + paneH/2, w / 2, paneH - paneH/2}
	l.panes[PaneEnergy] = rect{w / 2, headerRows + paneH/2, w - w/2, paneH - paneH/2}
	l.zoom = rect{0, headerRows, w, h - headerRows - insightRows}
	l.details = rect{0, headerRows, w, paneH}
	l.timeline = rect{0, headerRows + paneH, w, timelineRows}
	l.levers = rect{0, headerRows + paneH + timelineRows, w, boxH}
	l.insight = rect{0, h - insightRows, w, insightRows}

	// Visible lever rows: a window of `visible` rows per column that keeps the selection in view.
	sel := 0
	for i, lv := range levers {
		if lv == selected {
			sel = i
		}
	}
	first := clampInt(top, 0, max(0, perCol-visible))
	if row := sel % perCol; row < first {
		first = row
	} else if row >= first+visible {
		first = row - visible + 1
	}
	colW := (w - 2) / cols
	l.cols = newSliderCols(colW, l.full)
	for c := 0; c < cols; c++ {
		for r := first; r < first+visible; r++ {
			i := c*perCol + r
			if i >= len(levers) {
				break
			}
			l.rows = append(l.rows, levers[i])
			l.rowRects = append(l.rowRects, rect{1 + c*colW, l.levers.y + 1 + r - first, colW, 1})
		}
	}
	return l
}

// leverList is the levers the panel offers: the headline three, or all of them.
func leverList(advanced bool) []engine.Lever {
	if !advanced {
		return engine.HeadlineLevers
	}
	all := make([]engine.Lever, engine.NumLevers)
	for i := range all {
		all[i] = engine.Lever(i)
	}
	return all
}

// firstVisible is the top lever row after a layout, for the next layout to keep scrolling stable.
func (l *layout) firstVisible(advanced bool) int {
	if len(l.rows) == 0 {
		return 0
	}
	for i, lv := range leverList(advanced) {
		if lv == l.rows[0] {
			return i
		}
	}
	return 0
}
