package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// writeWidth is the column that folded text and the header stay within where they can.
const writeWidth = 100

const writeHeader = `# A flywheel scenario. Every lever and setting is listed, each with its unit, its allowed range
# and what it means, and every lever with its plausible band and why; edit a number and load the
# file again (a wrong value is named with its line).
`

// WriteScenario writes s in the scenario file format ReadScenario reads: name, description, start
// and horizon_years, then every lever and every setting in table order, each with a comment giving
// its unit, range and meaning (and a lever's plausible band), then the sources it has. Numbers are
// written exactly (shortest form that parses back to the same float64 bits) and text in whatever
// YAML style reads back to the same string, so ReadScenario(WriteScenario(s)) == s.
//
// Like ReadScenario, it treats name, description and sources as text trimmed of surrounding white
// space: it writes them trimmed. It refuses, writing nothing, a scenario ReadScenario would reject
// (invalid values, an empty name, a source for an unknown key, text that is not valid UTF-8), and
// it reads its own output back before writing it, so a file it writes always loads as s.
func WriteScenario(w io.Writer, s *Scenario) error {
	if s == nil {
		return errors.New("write scenario: no scenario")
	}
	want, err := writable(s)
	if err != nil {
		return fmt.Errorf("write scenario: %w", err)
	}
	out, err := encodeScenario(&want)
	if err != nil {
		return fmt.Errorf("write scenario %q: %w", want.Name, err)
	}
	if len(out) > MaxScenarioBytes {
		return fmt.Errorf("write scenario %q: it would take %d bytes, more than the %d a scenario file may hold",
			want.Name, len(out), MaxScenarioBytes)
	}
	got, err := ReadScenario(bytes.NewReader(out), "written scenario")
	if err != nil {
		return fmt.Errorf("write scenario %q: the output does not read back (%v)", want.Name, err)
	}
	if diff := scenarioDiff(&got, &want); diff != "" {
		return fmt.Errorf("write scenario %q: the output reads back with a different %s", want.Name, diff)
	}
	_, err = w.Write(out)
	return err
}

// writable checks that s can be written so that it reads back, and returns it as ReadScenario will
// read it: text trimmed.
func writable(s *Scenario) (Scenario, error) {
	c := *s
	c.Name = strings.TrimSpace(s.Name)
	c.Description = strings.TrimSpace(s.Description)
	if !utf8.ValidString(c.Name) {
		return c, errors.New("the name is not valid UTF-8 text")
	}
	if c.Name == "" {
		return c, errors.New("the scenario has no name")
	}
	if !utf8.ValidString(c.Description) {
		return c, fmt.Errorf("the description of %q is not valid UTF-8 text", c.Name)
	}
	if err := s.Validate(); err != nil {
		return c, err
	}
	size := len(c.Name) + len(c.Description)
	for _, text := range s.Sources {
		size += len(text)
	}
	if size > MaxScenarioBytes {
		return c, fmt.Errorf("its text takes %d bytes, more than the %d a scenario file may hold", size, MaxScenarioBytes)
	}
	if s.Sources != nil {
		c.Sources = make(map[string]string, len(s.Sources))
		for key, text := range s.Sources {
			if _, ok := LeverByKey(key); !ok {
				if _, ok := SettingByKey(key); !ok {
					return c, UnknownKeyError("lever or setting in sources", key, ParamKeys())
				}
			}
			if !utf8.ValidString(text) {
				return c, fmt.Errorf("the source of %s is not valid UTF-8 text", key)
			}
			c.Sources[key] = strings.TrimSpace(text)
		}
	}
	return c, nil
}

func encodeScenario(s *Scenario) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(writeHeader)
	for _, f := range []struct{ key, text string }{{"name", s.Name}, {"description", s.Description}} {
		pair, err := textPair(f.key, f.text, 0)
		if err != nil {
			return nil, err
		}
		b.WriteString(pair)
	}
	fmt.Fprintf(&b, "start: %s\nhorizon_years: %d\n", s.Start, s.HorizonYears)
	writeParams(&b, "levers", Levers[:], s.Levers[:])
	writeParams(&b, "settings", Settings[:], s.Settings[:])
	if s.Sources != nil {
		if len(s.Sources) == 0 {
			b.WriteString("\nsources: {}\n")
			return b.Bytes(), nil
		}
		b.WriteString("\nsources:\n")
		for _, key := range ParamKeys() {
			text, ok := s.Sources[key]
			if !ok {
				continue
			}
			pair, err := textPair(key, text, 2)
			if err != nil {
				return nil, err
			}
			b.WriteString(pair)
		}
	}
	return b.Bytes(), nil
}

// writeParams writes one section of numbers, every key of the table, with the comments aligned.
// Comments wrap within writeWidth onto comment lines below the value, each note starting a line
// and its continuation indented: a lever's band and its reason run to 200 characters.
func writeParams(b *bytes.Buffer, section string, table []Param, values []float64) {
	lines := make([]string, len(table))
	col := 0
	for i, p := range table {
		lines[i] = "  " + p.Key + ": " + formatExact(values[i])
		col = max(col, len(lines[i]))
	}
	pad := strings.Repeat(" ", col+2) + "# "
	width := writeWidth - len(pad) - len(noteIndent)
	fmt.Fprintf(b, "\n%s:\n", section)
	for i, p := range table {
		for j, note := range paramNotes(p) {
			for k, line := range foldLines(note, width) {
				switch {
				case j == 0 && k == 0:
					fmt.Fprintf(b, "%-*s  # %s\n", col, lines[i], line)
				case k == 0:
					b.WriteString(pad + line + "\n")
				default:
					b.WriteString(pad + noteIndent + line + "\n")
				}
			}
		}
	}
}

// noteIndent sets off the continuation of a wrapped note from the start of the next.
const noteIndent = "  "

// paramNotes are the comment on a value, one note each: "unit, range min–max — meaning" (the range
// first, where wrapping never splits it), then for a lever "plausible low–high: why", so a file
// read on its own says which values are worth arguing for.
func paramNotes(p Param) []string {
	notes := []string{oneLine(fmt.Sprintf("%s, range %s–%s — %s", p.Unit, FormatNumber(p.Min), FormatNumber(p.Max), p.Meaning))}
	if p.Band != "" {
		notes = append(notes, oneLine(fmt.Sprintf("plausible %s–%s: %s", FormatNumber(p.Low), FormatNumber(p.High), p.Band)))
	}
	return notes
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// formatExact is the shortest text YAML reads back as exactly v, sign of zero included.
func formatExact(v float64) string {
	if v == 0 && math.Signbit(v) {
		return "-0.0" // "-0" would read as the integer 0
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// textPair renders "key: text" as YAML lines indented by indent spaces, in the first of these
// styles that reads back as text: folded over several lines (one long line of printable text), a
// literal block (printable lines), plain or single-quoted (one line of printable text), else
// double-quoted, which escapes what cannot be shown (control characters, odd line breaks).
func textPair(key, text string, indent int) (string, error) {
	for _, pair := range []string{
		foldedPair(key, text, indent),
		literalPair(key, text, indent),
		plainPair(key, text, indent),
		singleQuotedPair(key, text, indent),
		encodedPair(key, text, indent, yaml.DoubleQuotedStyle),
	} {
		if pair != "" && pairReadsBack(pair, indent, key, text) {
			return pair, nil
		}
	}
	return "", fmt.Errorf("%s: %q cannot be written as YAML text", key, text)
}

// yaml11Special matches plain words that YAML 1.1 readers take for booleans or sexagesimal numbers;
// yaml.v3 reads them as text, but quoting them keeps the file unambiguous to other tools.
var yaml11Special = regexp.MustCompile(`^(?i:y|n|yes|no|on|off)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$`)

// plainPair is text unquoted when yaml.v3 would write it so, it is printable and no YAML 1.1
// reader would take it for something else; "" otherwise.
func plainPair(key, text string, indent int) string {
	if !printable(text, "") || yaml11Special.MatchString(text) {
		return ""
	}
	pair := encodedPair(key, text, indent, 0)
	rest := strings.TrimPrefix(pair, strings.Repeat(" ", indent)+key+": ")
	if rest == "" || rest == pair || strings.ContainsAny(rest[:1], `'"|>`) {
		return "" // yaml.v3 quoted it or made it a block
	}
	return pair
}

// printable reports whether text holds only printable characters, spaces and the given extras:
// nothing a YAML block or single-quoted scalar would have to escape or take as a line break.
func printable(text, extra string) bool {
	for _, r := range text {
		if r != ' ' && (!unicode.IsPrint(r) || r == '\uFEFF') && !strings.ContainsRune(extra, r) {
			return false
		}
	}
	return true
}

// foldedPair writes one long line of text as a folded block scalar (">") broken at single spaces;
// "" if the text fits on the key's line, has line breaks or anything but printable characters.
func foldedPair(key, text string, indent int) string {
	pad := strings.Repeat(" ", indent)
	if utf8.RuneCountInString(pad+key+": "+text) <= writeWidth || !printable(text, "") {
		return ""
	}
	lines := foldLines(text, writeWidth-indent-2)
	if len(lines) < 2 {
		return ""
	}
	return pad + key + ": >\n" + pad + "  " + strings.Join(lines, "\n"+pad+"  ") + "\n"
}

// literalPair writes text with line breaks as a literal block scalar ("|-"); "" if it has none or
// holds anything but printable characters, tabs and "\n".
func literalPair(key, text string, indent int) string {
	if !strings.Contains(text, "\n") || !printable(text, "\t\n") {
		return ""
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(pad + key + ": |-\n")
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			b.WriteString(pad + "  " + line)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// singleQuotedPair writes one line of printable text single-quoted; "" for other text.
func singleQuotedPair(key, text string, indent int) string {
	if !printable(text, "") {
		return ""
	}
	return strings.Repeat(" ", indent) + key + ": '" + strings.ReplaceAll(text, "'", "''") + "'\n"
}

// foldLines breaks s into lines of at most width runes where it can, only at a single space between
// two other characters: a folded block scalar turns each of those line breaks back into the space.
// A word longer than width stays whole.
func foldLines(s string, width int) []string {
	var lines []string
	start, cut, n := 0, -1, 0 // n counts the runes of s[start:i]; cut is the last break point
	for i, r := range s {
		if r == ' ' && i > start && s[i-1] != ' ' && i+1 < len(s) && s[i+1] != ' ' {
			if n > width && cut >= 0 {
				lines = append(lines, s[start:cut])
				start, cut = cut+1, -1
				n = utf8.RuneCountInString(s[start:i])
			}
			if n > width {
				lines = append(lines, s[start:i])
				start, n = i+1, 0
				continue
			}
			cut = i
		}
		n++
	}
	if n > width && cut >= 0 {
		lines = append(lines, s[start:cut])
		start = cut + 1
	}
	return append(lines, s[start:])
}

// encodedPair lets yaml.v3 write "key: text" in the given style (0: its own choice).
func encodedPair(key, text string, indent int, style yaml.Style) string {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: text, Style: style},
	}}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if enc.Encode(m) != nil || enc.Close() != nil {
		return ""
	}
	out := b.String()
	if indent == 0 {
		return out
	}
	pad := strings.Repeat(" ", indent)
	lines := strings.SplitAfter(out, "\n")
	for i, l := range lines {
		if l != "" && l != "\n" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "")
}

// pairReadsBack parses pair as ReadScenario would (inside a mapping when indented) and reports
// whether it gives exactly key: text.
func pairReadsBack(pair string, indent int, key, text string) bool {
	if indent > 0 {
		pair = "sources:\n" + pair
	}
	dec := yaml.NewDecoder(strings.NewReader(pair))
	var doc yaml.Node
	if dec.Decode(&doc) != nil {
		return false
	}
	var extra yaml.Node
	if !errors.Is(dec.Decode(&extra), io.EOF) || findAlias(&doc) != nil || len(doc.Content) != 1 {
		return false
	}
	m := doc.Content[0]
	if indent > 0 {
		if m.Kind != yaml.MappingNode || len(m.Content) != 2 {
			return false
		}
		m = m.Content[1]
	}
	if m.Kind != yaml.MappingNode || len(m.Content) != 2 || m.Content[0].Value != key {
		return false
	}
	v := m.Content[1]
	return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && strings.TrimSpace(v.Value) == text
}

// scenarioDiff names the first field in which a and b differ, comparing numbers bit for bit; "" if
// they are the same.
func scenarioDiff(a, b *Scenario) string {
	switch {
	case a.Name != b.Name:
		return "name"
	case a.Description != b.Description:
		return "description"
	case a.Start != b.Start:
		return "start"
	case a.HorizonYears != b.HorizonYears:
		return "horizon_years"
	case !reflect.DeepEqual(a.Sources, b.Sources):
		return "sources"
	}
	for i := range a.Levers {
		if math.Float64bits(a.Levers[i]) != math.Float64bits(b.Levers[i]) {
			return "lever " + Levers[i].Key
		}
	}
	for i := range a.Settings {
		if math.Float64bits(a.Settings[i]) != math.Float64bits(b.Settings[i]) {
			return "setting " + Settings[i].Key
		}
	}
	return ""
}
