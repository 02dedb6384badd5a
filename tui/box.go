package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// fit cuts or pads a styled line to exactly w cells, so no frame line is ever wider than the
// terminal.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := cellWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = cellWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// cellWidth is ansi.StringWidth with a fast path for what the dashboard draws: escape codes,
// ASCII, and one-cell symbols (box drawing, braille, blocks, arrows, dashes). Anything else —
// a wide or combining character — goes to ansi.StringWidth. Measuring was most of a frame's cost.
func cellWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = skipEscape(s, i)
		case c < 0x80:
			if c >= 0x20 && c != 0x7f {
				w++
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return ansi.StringWidth(s)
			}
			w++
			i += size
		}
	}
	return w
}

// oneCell reports runes known to take exactly one cell.
func oneCell(r rune) bool {
	switch {
	case r >= 0xA0 && r < 0x300, r >= 0x2010 && r <= 0x2027, r >= 0x2190 && r <= 0x22FF,
		r >= 0x2500 && r <= 0x25FF, r >= 0x2800 && r <= 0x28FF:
		return true
	}
	return false
}

// skipEscape returns the index after the escape sequence starting at s[i]: CSI (ESC [ … final),
// OSC (ESC ] … BEL or ESC \), or a two-byte escape.
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case '[':
		for j := i + 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
	case ']':
		for j := i + 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
	default:
		return i + 2
	}
	return len(s)
}

// wrap breaks text into at most n lines of at most w cells, the last ending in … if cut. Lines
// break at spaces, between Chinese characters, and inside a word longer than a line (a URL).
func wrap(text string, w, n int) []string {
	var out []string
	var line strings.Builder
	lw := 0
	flush := func() {
		out = append(out, line.String())
		line.Reset()
		lw = 0
	}
	add := func(piece string, pw int, space bool) {
		if space && lw > 0 {
			if lw+1+pw <= w {
				line.WriteByte(' ')
				lw++
			} else {
				flush()
			}
		} else if lw > 0 && lw+pw > w {
			flush()
		}
		line.WriteString(piece)
		lw += pw
	}
	for _, word := range strings.Fields(text) {
		space := true
		for i := 0; i < len(word); {
			// The next piece: one wide character, or narrow ones up to the next wide one or as
			// many as fit on a line.
			j, pw := i, 0
			for j < len(word) {
				r, size := utf8.DecodeRuneInString(word[j:])
				rw := cellWidth(string(r))
				if rw > 1 && j > i || pw+rw > w && j > i {
					break
				}
				j, pw = j+size, pw+rw
				if rw > 1 {
					break
				}
			}
			add(word[i:j], pw, space)
			space, i = false, j
		}
	}
	if lw > 0 {
		flush()
	}
	if len(out) > n {
		out = out[:n]
		out[n-1] = fit(out[n-1]+" …", w)
	}
	return out
}

// lines fits each of ls to w cells and returns exactly h of them, blank-padded.
func block(ls []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(ls) {
			out[i] = fit(ls[i], w)
		} else {
			out[i] = strings.Repeat(" ", max(0, w))
		}
	}
	return out
}

// box draws a w×h pane: a border with the title in its top edge and a note on the right of it,
// heavier when focused (so focus shows without colour), around content fitted to the inside.
func (v *view) box(title, note string, content []string, w, h int, focused bool) []string {
	return v.framed(title, note, "", content, w, h, focused)
}

// boxWithFooter is an unfocused box with a message set into its bottom edge, where a layout has
// no line of its own for it.
func (v *view) boxWithFooter(title, note, footer string, content []string, w, h int) []string {
	return v.framed(title, note, footer, content, w, h, false)
}

func (v *view) framed(title, note, footer string, content []string, w, h int, focused bool) []string {
	if w < 2 || h < 2 {
		return block(nil, w, h)
	}
	g := v.st.Glyphs.Box
	tl, tr, bl, br, hz, vt := g.TL, g.TR, g.BL, g.BR, g.H, g.V
	border := v.st.Border
	if focused {
		tl, tr, bl, br, hz, vt = g.HeavyTL, g.HeavyTR, g.HeavyBL, g.HeavyBR, g.HeavyH, g.HeavyV
		border = v.st.FocusBorder
	}
	// Top edge: ╭─ title ───── note ─╮; the note goes first when space is short, then the title.
	inner := w - 2
	avail := inner - 3 // "─ " before the title and " " after it
	var top string
	if avail <= 0 {
		top = border.Render(tl + strings.Repeat(hz, inner) + tr)
	} else {
		title = ansi.Truncate(title, avail, "")
		used := cellWidth(title)
		tail := ""
		if nw := cellWidth(note); note != "" && used+nw+3 <= avail {
			tail = " " + note + border.Render(" "+hz)
			used += nw + 3
		}
		top = border.Render(tl+hz+" ") + title + border.Render(" "+strings.Repeat(hz, avail-used)) + tail + border.Render(tr)
	}
	out := make([]string, 0, h)
	out = append(out, top)
	side := border.Render(vt)
	for _, l := range block(content, inner, h-2) {
		out = append(out, side+l+side)
	}
	bottom := border.Render(bl + strings.Repeat(hz, inner) + br)
	if footer != "" && inner > 4 {
		footer = ansi.Truncate(footer, inner-4, "…")
		bottom = border.Render(bl+hz) + " " + footer + " " + border.Render(strings.Repeat(hz, inner-3-cellWidth(footer))+br)
	}
	out = append(out, bottom)
	return out
}

// joinColumns places blocks of equal height side by side.
func joinColumns(cols ...[]string) []string {
	if len(cols) == 0 {
		return nil
	}
	out := make([]string, len(cols[0]))
	for i := range out {
		var b strings.Builder
		for _, c := range cols {
			if i < len(c) {
				b.WriteString(c[i])
			}
		}
		out[i] = b.String()
	}
	return out
}
