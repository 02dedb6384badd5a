package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that comes from outside (a scenario file, a saved scenario, a typed key) ends up in a
// terminal: the window title, the header, the run table, the scenarios list, error lines. A
// character that a terminal acts on rather than shows could write the clipboard (OSC 52), retitle
// the window, move the cursor or reorder what is shown, so this file is the one definition of the
// characters such text may not hold:
//
//   - invalid UTF-8;
//   - C0 controls U+0000–U+001F and DEL U+007F, except line feed and tab where a field allows more
//     than one line (a description);
//   - C1 controls U+0080–U+009F (U+009B is CSI, U+009D is OSC for terminals that honour them);
//   - every format character, Unicode category Cf: the bidi marks, embeddings, overrides and
//     isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the zero-width and
//     invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the soft hyphen U+00AD, the
//     tags U+E0001–U+E007F and the rest. This refuses the zero-width joiner of emoji sequences
//     too: a scenario name does without them, and an exception would let invisible text through;
//   - the line and paragraph separators U+2028 and U+2029, which break lines in some programs.
//
// Everything else, letters of any script, CJK, emoji and private-use icons included, is text.

// disallowed reports whether r may not reach a terminal; multiline allows line feed and tab.
func disallowed(r rune, multiline bool) bool {
	switch {
	case multiline && (r == '\n' || r == '\t'):
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f, r == '\u2028', r == '\u2029':
		return true
	}
	return r > 0x7f && unicode.Is(unicode.Cf, r)
}

// runeNames names the characters a person is most likely to meet in an error message.
var runeNames = map[rune]string{
	0x00: "null", 0x07: "bell", 0x08: "backspace", '\t': "tab", '\n': "line feed",
	0x0b: "vertical tab", 0x0c: "form feed", '\r': "carriage return", 0x1b: "escape", 0x7f: "delete",
	0x85: "next line", 0x9b: "control sequence introducer", 0x9d: "operating system command",
	0xad: "soft hyphen", 0x61c: "Arabic letter mark",
	0x200b: "zero width space", 0x200c: "zero width non-joiner", 0x200d: "zero width joiner",
	0x200e: "left-to-right mark", 0x200f: "right-to-left mark",
	0x2028: "line separator", 0x2029: "paragraph separator",
	0x202a: "left-to-right embedding", 0x202b: "right-to-left embedding", 0x202c: "pop directional formatting",
	0x202d: "left-to-right override", 0x202e: "right-to-left override",
	0x2060: "word joiner", 0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate",
	0x2068: "first strong isolate", 0x2069: "pop directional isolate", 0xfeff: "zero width no-break space",
}

func runeName(r rune) string {
	if name, ok := runeNames[r]; ok {
		return name
	}
	switch {
	case r < 0x20:
		return "control character"
	case r <= 0x9f:
		return "C1 control character"
	}
	return "invisible format character"
}

// CheckText refuses text holding a character that may not reach a terminal (see disallowed),
// naming field and the first such character by code point:
// "name: contains U+202E (right-to-left override), which is not allowed". multiline allows line
// feeds and tabs, for a description.
func CheckText(field, s string, multiline bool) error {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
				return fmt.Errorf("%s: contains the byte 0x%02X, which is not valid UTF-8", field, s[i])
			}
		}
		if (r < 0x20 || r >= 0x7f) && disallowed(r, multiline) {
			return fmt.Errorf("%s: contains U+%04X (%s), which is not allowed", field, r, runeName(r))
		}
		i += size
	}
	return nil
}

// Printable makes s safe to write as one terminal line: line feed, carriage return and tab become
// spaces, and every other character CheckText refuses becomes a visible escape (ESC → \x1b,
// U+202E → \u202e, an invalid byte 0xFF → \xff). Text CheckText accepts as one line comes back
// unchanged, so it can wrap anything printed: names, descriptions, whole error messages.
func Printable(s string) string {
	if CheckText("", s, false) == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case disallowed(r, false):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapeRune writes r as Go would in a quoted string: \x1b, \u202e, \U000e0001.
func escapeRune(r rune) string {
	switch {
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// quoteLimit is how many characters of a value an error message quotes: enough to recognise it,
// short enough that a 1 MB value still gives a one-line message.
const quoteLimit = 80

// shownLimit is the longest printable value Shown leaves bare: room for a deep path, which cut at
// 80 would no longer say which file is meant.
const shownLimit = 256

// Shown is a value for an error message that reads best bare, such as a path or a --set argument:
// as it is when it is printable and at most 256 bytes, else Quote.
func Shown(s string) string {
	if len(s) <= shownLimit && Printable(s) == s {
		return s
	}
	return Quote(s)
}

// Quote is a value for an error message: double-quoted and escaped like %q (so no control, bidi or
// invisible character survives), and, when that is longer than 80 characters, cut there and
// followed by its length: "xxxxxxxx"… (1048576 bytes).
func Quote(s string) string {
	var b strings.Builder
	n := 0 // characters written
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		q := strconv.Quote(s[i : i+size])
		q = q[1 : len(q)-1]
		if n += utf8.RuneCountInString(q); n > quoteLimit {
			return fmt.Sprintf(`"%s"… (%d bytes)`, b.String(), len(s))
		}
		b.WriteString(q)
		i += size
	}
	return `"` + b.String() + `"`
}
