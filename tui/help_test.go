package tui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// pageKeys are the keys that turn help's pages, by the names Bubble Tea gives them.
var pageKeys = map[string]tea.KeyPressMsg{
	"pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp}, "home": {Code: tea.KeyHome},
	"end": {Code: tea.KeyEnd}, "space": {Code: tea.KeySpace, Text: " "},
}

// turn presses keys by name, help's page keys included.
func turn(m *Model, keys ...string) {
	for _, k := range keys {
		if msg, ok := pageKeys[k]; ok {
			send(m, msg)
			continue
		}
		press(m, k)
	}
}

// pageOf reads "page i/n" from the footer, as a person would; a part of one page says nothing.
var pageOf = regexp.MustCompile(`(\d+)/(\d+)`)

func footerPage(t *testing.T, screen string) string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, " \n"), "\n")
	return pageOf.FindString(lines[len(lines)-1])
}

// TestHelpScreens pins every page of the keys and of the glossary as a person sees them, at the
// smallest size, the compact and the full layout, in Chinese and in ASCII.
func TestHelpScreens(t *testing.T) {
	cases := []struct {
		name  string
		w, h  int
		lang  string
		ascii bool
		keys  string // typed once help is open
		title string // what shows that it is
	}{
		{"help-60x18", 60, 18, "", false, "", "flywheel — keys"},
		{"help-80x24", 80, 24, "", false, "", "flywheel — keys"},
		{"help-120x40", 120, 40, "", false, "", "flywheel — keys"},
		{"glossary-60x18", 60, 18, "", false, "g", "flywheel — glossary"},
		{"glossary-80x24", 80, 24, "", false, "g", "flywheel — glossary"},
		{"glossary-120x40", 120, 40, "", false, "g", "flywheel — glossary"},
		{"glossary-80x24-zh", 80, 24, "zh", false, "g", "flywheel — 术语表"},
		{"help-80x24-ascii", 80, 24, "", true, "", "flywheel - keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startScreen(t, c.w, c.h, Options{ASCII: c.ascii, Lang: c.lang})
			s.waitFor(t, "the dashboard", func(text string) bool { return strings.TrimSpace(text) != "" })
			s.typeText("?" + c.keys)
			s.waitFor(t, c.title, func(text string) bool { return strings.Contains(text, c.title) })
			var pages []string
			for {
				got := s.settle(t)
				assertFits(t, got, c.w, c.h)
				if c.ascii && strings.IndexFunc(got, func(r rune) bool { return r > 0x7e }) >= 0 {
					t.Fatalf("--ascii help has a byte above 0x7E:\n%s", got)
				}
				pages = append(pages, got)
				at := pageOf.FindStringSubmatch(footerPage(t, got))
				if at == nil || at[1] == at[2] {
					break
				}
				s.typeText(" ")
				s.waitFor(t, "the next page", func(text string) bool { return text != got })
			}
			var b strings.Builder
			for i, p := range pages {
				fmt.Fprintf(&b, "──── page %d of %d ────\n%s\n", i+1, len(pages), p)
			}
			testutil.Golden(t, filepath.Join("screens", c.name+".golden"), b.String())
		})
	}
}

// helpSizes are window sizes from the dashboard's minimum to 200×60: the edges of each layout,
// and widths where one more column just fits or just does not.
var helpSizes = func() [][2]int {
	var out [][2]int
	for _, w := range []int{MinWidth, MinWidth + 1, 77, 80, 97, 98, 119, 120, 137, 160, 199, 200} {
		for _, h := range []int{MinHeight, MinHeight + 1, 24, 31, 40, 60} {
			out = append(out, [2]int{w, h})
		}
	}
	return out
}()

// TestHelpFitsEverySize: at every size, in both languages and in ASCII, every page of the keys and
// of the glossary fits the window, and every entry — a key and what it does, a loop, a binding
// label, a figure and what it means — appears whole, in one column of one page.
func TestHelpFitsEverySize(t *testing.T) {
	missing = map[string]bool{}
	defer func() { missing = nil }()
	for _, lang := range []string{"en", "zh", "ascii"} {
		m, err := New(Options{Scenario: baseScenario(t), Theme: "dark", Lang: strings.TrimSuffix(lang, "ascii"), ASCII: lang == "ascii"})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight})
		turn(m, "?")
		for _, size := range helpSizes {
			w, h := size[0], size[1]
			m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			for part := range numHelpParts {
				l := m.layOutHelp(part)
				var columns []string // each column's text without spaces, so that wrapping does not matter
				turn(m, "home")
				for page := range l.pages {
					where := fmt.Sprintf("%s %d×%d part %d page %d/%d", lang, w, h, part, page+1, l.pages)
					raw := m.helpScreen()
					if len(raw) > h {
						t.Fatalf("%s: %d lines", where, len(raw))
					}
					for _, line := range raw {
						if cw := cellWidth(line); cw > w {
							t.Fatalf("%s: a line %d wide: %q", where, cw, ansi.Strip(line))
						}
					}
					screen := m.render()
					assertFits(t, screen, w, h)
					if lang == "ascii" && strings.IndexFunc(screen, func(r rune) bool { return r > 0x7e && r != '\n' }) >= 0 {
						t.Fatalf("%s: a byte above 0x7E:\n%s", where, screen)
					}
					rows := strings.Split(ansi.Strip(screen), "\n")
					for c := range l.cols {
						x := c * (l.colW + helpColGap)
						var col strings.Builder
						for _, row := range rows[2 : len(rows)-1] { // between the title and the footer
							col.WriteString(ansi.Cut(row, x, x+l.colW))
						}
						columns = append(columns, squeeze(col.String()))
					}
					footer := rows[len(rows)-1]
					if close := m.plain(m.lang.T("esc close")); !strings.Contains(footer, close) {
						t.Fatalf("%s: the footer lacks %q: %q", where, close, footer)
					}
					turn(m, "pgdown")
				}
				for _, s := range m.helpSections(part) {
					for _, it := range s.items {
						for _, want := range append(slices.Clone(it.pairs), it.term+it.text) {
							want = squeeze(m.plain(want))
							if want != "" && !slices.ContainsFunc(columns, func(c string) bool { return strings.Contains(c, want) }) {
								t.Fatalf("%s %d×%d part %d: no column shows %q whole", lang, w, h, part, want)
							}
						}
					}
				}
				turn(m, "g")
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d help texts have no Chinese: %q", len(missing), slices.Sorted(func(yield func(string) bool) {
			for k := range missing {
				if !yield(k) {
					return
				}
			}
		}))
	}
}

// TestHelpPaging: the page keys turn pages and stop at either end, g and tab switch between the
// keys and the glossary, and ?, esc and q close help, which reopens where it was left.
func TestHelpPaging(t *testing.T) {
	m := newModel(t, MinWidth, MinHeight)
	turn(m, "?")
	keys, glossary := m.layOutHelp(helpKeys).pages, m.layOutHelp(helpGlossary).pages
	if keys < 3 || glossary < 3 {
		t.Fatalf("at the smallest size the keys take %d pages and the glossary %d; the test needs 3", keys, glossary)
	}
	at := func(part string, page, pages int) {
		t.Helper()
		screen := text(m)
		if title := "flywheel — " + part; !strings.Contains(screen, title) {
			t.Fatalf("want %q:\n%s", title, screen)
		}
		if got, want := footerPage(t, screen), fmt.Sprintf("%d/%d", page, pages); got != want {
			t.Fatalf("%s: on page %s, want %s:\n%s", part, got, want, screen)
		}
	}
	at("keys", 1, keys)
	for _, k := range []string{"left", "pgup", "home"} {
		turn(m, k)
		at("keys", 1, keys)
	}
	turn(m, "right")
	at("keys", 2, keys)
	turn(m, "pgdown")
	at("keys", 3, keys)
	turn(m, "left")
	at("keys", 2, keys)
	turn(m, "space")
	at("keys", 3, keys)
	turn(m, "pgup")
	at("keys", 2, keys)
	for _, k := range []string{"end", "right", "pgdown", "space"} {
		turn(m, k)
		at("keys", keys, keys)
	}
	turn(m, "home")
	at("keys", 1, keys)

	turn(m, "right", "g")
	at("glossary", 1, glossary)
	turn(m, "end")
	at("glossary", glossary, glossary)
	turn(m, "tab")
	at("keys", 1, keys)

	turn(m, "right")
	for _, k := range []string{"esc", "?", "q"} {
		turn(m, k)
		if m.help {
			t.Fatalf("%s should close help", k)
		}
		if _, cmd := m.Update(tea.KeyPressMsg{Code: '?', Text: "?"}); cmd != nil || !m.help {
			t.Fatal("? should open help and nothing else")
		}
		at("keys", 2, keys)
	}
}

// TestHelpResizes: when the window grows under the last page, help shows the new last page, and
// the page keys turn from there.
func TestHelpResizes(t *testing.T) {
	m := newModel(t, MinWidth, MinHeight)
	turn(m, "?", "end")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	pages := m.layOutHelp(helpKeys).pages
	if got, want := footerPage(t, text(m)), fmt.Sprintf("%d/%d", pages, pages); got != want {
		t.Fatalf("after the window grew, on page %s, want %s:\n%s", got, want, text(m))
	}
	turn(m, "left")
	if got, want := footerPage(t, text(m)), fmt.Sprintf("%d/%d", pages-1, pages); got != want {
		t.Fatalf("← after the window grew: on page %s, want %s:\n%s", got, want, text(m))
	}
}
