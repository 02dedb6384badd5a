package engine

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds every kind of character that may not reach a terminal: an OSC 52 clipboard write,
// a title change, CR LF, a C1 CSI, bidi overrides and isolates, zero-width characters, DEL and an
// invalid byte.
const hostile = "Evil\x1b]52;c;aGk=\x07 \x1b]0;pwned\x07\r\nline\u009b2J \u202eevil\u202c \u2066x\u2069 zero\u200bwidth\ufeff\u00ad\x7f\xff end"

func TestCheckTextNamesTheCharacter(t *testing.T) {
	for _, c := range []struct {
		text      string
		multiline bool
		want      string // "" when allowed
	}{
		{"Energy wall — 日本語 🚀 ج", false, ""},
		{"two\nlines\twith tab", true, ""},
		{"two\nlines", false, "name: contains U+000A (line feed), which is not allowed"},
		{"a\tb", false, "name: contains U+0009 (tab), which is not allowed"},
		{"crlf\r\n", true, "name: contains U+000D (carriage return), which is not allowed"},
		{"clip\x1b]52;c;aGk=\x07", true, "name: contains U+001B (escape), which is not allowed"},
		{"del\x7f", false, "name: contains U+007F (delete), which is not allowed"},
		{"c1\u009b2J", false, "name: contains U+009B (control sequence introducer), which is not allowed"},
		{"c1\u0090", false, "name: contains U+0090 (C1 control character), which is not allowed"},
		{"rlo\u202eevil", true, "name: contains U+202E (right-to-left override), which is not allowed"},
		{"alm\u061c", false, "name: contains U+061C (Arabic letter mark), which is not allowed"},
		{"iso\u2067", false, "name: contains U+2067 (right-to-left isolate), which is not allowed"},
		{"zw\u200b", false, "name: contains U+200B (zero width space), which is not allowed"},
		{"zwj👩\u200d💻", false, "name: contains U+200D (zero width joiner), which is not allowed"},
		{"bom\ufeff", false, "name: contains U+FEFF (zero width no-break space), which is not allowed"},
		{"shy\u00ad", false, "name: contains U+00AD (soft hyphen), which is not allowed"},
		{"inv\u2064", false, "name: contains U+2064 (invisible format character), which is not allowed"},
		{"tag\U000E0041", false, "name: contains U+E0041 (invisible format character), which is not allowed"},
		{"ls\u2028", true, "name: contains U+2028 (line separator), which is not allowed"},
		{"bad\xffutf8", false, "name: contains the byte 0xFF, which is not valid UTF-8"},
		{"\uFFFD is a real character", false, ""},
	} {
		err := CheckText("name", c.text, c.multiline)
		if got := ""; err != nil {
			got = err.Error()
			if got != c.want {
				t.Errorf("CheckText(%q, %v) = %q, want %q", c.text, c.multiline, got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("CheckText(%q, %v) accepted, want %q", c.text, c.multiline, c.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Energy wall — 日本語 🚀":   "Energy wall — 日本語 🚀",
		"a\r\nb\tc":             "a  b c",
		"\x1b]52;c;aGk=\x07":    `\x1b]52;c;aGk=\x07`,
		"\u202eevil\u202c":      `\u202eevil\u202c`,
		"c1\u009b2J del\x7f":    `c1\u009b2J del\x7f`,
		"zero\u200bwidth\ufeff": `zero\u200bwidth\ufeff`,
		"tag\U000E0041":         `tag\U000e0041`,
		"bad\xff\xfe":           `bad\xff\xfe`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"gpu_suply":                 `"gpu_suply"`,
		"say \"hi\"":                `"say \"hi\""`,
		"\x1b]0;t\x07\u202e":        `"\x1b]0;t\a\u202e"`,
		strings.Repeat("x", 80):     `"` + strings.Repeat("x", 80) + `"`,
		strings.Repeat("x", 81):     `"` + strings.Repeat("x", 80) + `"… (81 bytes)`,
		strings.Repeat("é", 60):     `"` + strings.Repeat("é", 60) + `"`,
		strings.Repeat("\x1b", 100): `"` + strings.Repeat(`\x1b`, 20) + `"… (100 bytes)`,
		strings.Repeat("\xa1", 40):  `"` + strings.Repeat(`\xa1`, 20) + `"… (40 bytes)`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	if got := Quote(strings.Repeat("k", 1<<20)); utf8.RuneCountInString(got) > 110 || !strings.HasSuffix(got, "… (1048576 bytes)") {
		t.Errorf("Quote of 1 MiB = %s", got)
	}
}

// FuzzPrintable: whatever the input, Printable and Quote give valid UTF-8 that CheckText accepts
// as one line, Quote at most 80 characters of the value, and Printable leaves text CheckText
// accepts unchanged.
func FuzzPrintable(f *testing.F) {
	f.Add(hostile)
	f.Add("plain text — 日本語")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Printable(s), Quote(s)} {
			if !utf8.ValidString(out) || CheckText("out", out, false) != nil {
				t.Fatalf("%q gives %q: %v", s, out, CheckText("out", out, false))
			}
		}
		if q, _, _ := strings.Cut(Quote(s), "… ("); utf8.RuneCountInString(q) > 82 {
			t.Fatalf("Quote(%q) = %s: more than 80 characters of the value", s, Quote(s))
		}
		if CheckText("in", s, false) == nil && Printable(s) != s {
			t.Fatalf("Printable changed allowed text %q to %q", s, Printable(s))
		}
	})
}

// TestShown: a short printable value is shown bare; a long or unprintable one is quoted and cut.
func TestShown(t *testing.T) {
	for in, want := range map[string]string{
		"gpu_supply=8":           "gpu_supply=8",
		"/tmp/a b.yaml":          "/tmp/a b.yaml",
		"a\x1b]0;x\x07":          `"a\x1b]0;x\a"`,
		strings.Repeat("n", 256): strings.Repeat("n", 256),
		strings.Repeat("n", 257): Quote(strings.Repeat("n", 257)),
		"\u202eevil":             `"\u202eevil"`,
	} {
		if got := Shown(in); got != want {
			t.Errorf("Shown(%q) = %s, want %s", in, got, want)
		}
	}
}
