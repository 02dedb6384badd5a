package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxScenarioBytes bounds a scenario file: anything larger is refused before parsing.
const MaxScenarioBytes = 1 << 20

// FileError locates a problem in a scenario file: file:line: message.
type FileError struct {
	File string
	Line int // 0 when the problem is the file as a whole
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// scenarioKeys are the top-level keys of a scenario file, in the order they are written.
var scenarioKeys = []string{"name", "description", "start", "horizon_years", "levers", "settings", "sources"}

// ReadScenario parses a scenario file. Levers and settings it leaves out keep the base-case
// defaults; anything unknown, duplicated, out of range or not a finite number is an error that
// names the file, the line and the key. Text that may not reach a terminal (CheckText) is refused
// too: in the name and in keys anywhere, and, line feeds and tabs apart, in the description and
// the sources, which are prose. file is only used in messages.
func ReadScenario(r io.Reader, file string) (Scenario, error) {
	fail := func(line int, format string, args ...any) (Scenario, error) {
		return Scenario{}, &FileError{File: file, Line: line, Err: fmt.Errorf(format, args...)}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxScenarioBytes+1))
	if err != nil {
		return fail(0, "cannot read: %v", err)
	}
	if len(data) > MaxScenarioBytes {
		return fail(0, "file is larger than 1 MiB (%d bytes allowed)", MaxScenarioBytes)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fail(0, "empty scenario file")
		}
		line, text := YAMLSyntaxError(data, err)
		return fail(line, "not valid YAML: %s", text)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil { // the second document is broken too: point at the break
			line, _ = YAMLSyntaxError(data, err)
		}
		return fail(line, "a scenario file holds one YAML document")
	}
	if bad := findAlias(&doc); bad != nil {
		return fail(bad.Line, "anchors and aliases (&, *) are not allowed in scenario files")
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return fail(doc.Line, "a scenario file is a mapping with keys %s", strings.Join(scenarioKeys, ", "))
	}
	root := doc.Content[0]

	s := DefaultScenario()
	s.Name, s.Description, s.Sources = "", "", nil
	seen := map[string]bool{}
	err = eachPair(root, "", func(key string, v *yaml.Node) error {
		seen[key] = true
		switch key {
		case "name":
			return readText(v, key, false, &s.Name)
		case "description":
			return readText(v, key, true, &s.Description)
		case "start":
			text, err := scalarString(v, key)
			if err != nil {
				return err
			}
			ym, err := ParseYearMonth(text)
			if err != nil {
				return fmt.Errorf("start: %v", err)
			}
			s.Start = ym
			if err := CheckStart(ym); err != nil {
				return err
			}
		case "horizon_years":
			var n int
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&n) != nil {
				return fmt.Errorf("horizon_years must be a whole number of years, got %s", Quote(v.Value))
			}
			if n < MinHorizonYears || n > MaxHorizonYears {
				return fmt.Errorf("horizon_years = %d is out of range %d–%d", n, MinHorizonYears, MaxHorizonYears)
			}
			s.HorizonYears = n
		case "levers":
			return readParams(v, "levers", "lever", Levers[:], s.Levers[:])
		case "settings":
			return readParams(v, "settings", "setting", Settings[:], s.Settings[:])
		case "sources":
			s.Sources = map[string]string{}
			return eachPair(v, "sources", func(name string, val *yaml.Node) error {
				if _, ok := LeverByKey(name); !ok {
					if _, ok := SettingByKey(name); !ok {
						return UnknownKeyError("lever or setting in sources", name, ParamKeys())
					}
				}
				var text string
				err := readText(val, "sources."+name, true, &text)
				s.Sources[name] = text
				return err
			})
		default:
			return UnknownKeyError("key", key, scenarioKeys)
		}
		return nil
	})
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return fail(le.line, "%v", le.err)
		}
		return fail(0, "%v", err)
	}
	for _, req := range []string{"name", "start", "horizon_years", "levers"} {
		if !seen[req] {
			return fail(root.Line, "missing %s", req)
		}
	}
	if s.Name == "" {
		return fail(root.Line, "name is empty")
	}
	if err := s.Validate(); err != nil {
		return fail(0, "%v", err)
	}
	return s, nil
}

// lineError carries the line of the node an error is about up to ReadScenario.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }

// eachPair calls fn for every key of a mapping node (where names it in messages), refusing
// repeated keys and attaching the key's line to fn's error.
func eachPair(m *yaml.Node, where string, fn func(key string, v *yaml.Node) error) error {
	if m.Kind != yaml.MappingNode {
		return &lineError{m.Line, fmt.Errorf("%s must be a mapping of key: value", where)}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return &lineError{k.Line, fmt.Errorf("keys must be plain names")}
		}
		field := "key " + Quote(k.Value)
		if where != "" {
			field += " in " + where
		}
		if err := CheckText(field, k.Value, false); err != nil {
			return &lineError{k.Line, err}
		}
		if seen[k.Value] {
			return &lineError{k.Line, fmt.Errorf("%s is given twice", strings.TrimPrefix(where+"."+k.Value, "."))}
		}
		seen[k.Value] = true
		if err := fn(k.Value, v); err != nil {
			var le *lineError
			if errors.As(err, &le) {
				return err
			}
			return &lineError{k.Line, err}
		}
	}
	return nil
}

// readParams reads a mapping of parameter key → number into values, indexed like table.
func readParams(m *yaml.Node, section, kind string, table []Param, values []float64) error {
	return eachPair(m, section, func(name string, val *yaml.Node) error {
		i := paramIndex(table, name)
		if i < 0 {
			return UnknownKeyError(kind, name, paramKeys(table))
		}
		x, err := scalarNumber(val, section+"."+name)
		if err != nil {
			return err
		}
		values[i] = x
		return table[i].Check(kind, x)
	})
}

// readText reads a text field, trimmed, into dst, refusing characters that may not reach a
// terminal (CheckText) on the line of the value; multiline allows line feeds and tabs.
func readText(v *yaml.Node, key string, multiline bool, dst *string) error {
	text, err := scalarString(v, key)
	if err != nil {
		return err
	}
	*dst = strings.TrimSpace(text)
	if err := CheckText(key, *dst, multiline); err != nil {
		return &lineError{v.Line, err}
	}
	return nil
}

func scalarString(v *yaml.Node, key string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return "", fmt.Errorf("%s must be text", key)
	}
	return v.Value, nil
}

// scalarNumber accepts YAML ints and floats only: a quoted "1.4" is text, not a number.
func scalarNumber(v *yaml.Node, key string) (float64, error) {
	var x float64
	if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!float") || v.Decode(&x) != nil {
		return 0, fmt.Errorf("%s must be a number, got %s", key, Quote(v.Value))
	}
	return x, nil // NaN and ±Inf pass here: the range check names them as not finite
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if bad := findAlias(c); bad != nil {
			return bad
		}
	}
	return nil
}

// YAMLSyntaxError turns a go.yaml.in/yaml/v3 syntax error for data into the line of the problem
// and the message without its "yaml: line N:" prefix. The line in yaml.v3's own message cannot
// be used as it is: it counts from 0 for parser errors (from 1 for scanner errors), names the line
// where the enclosing mapping began rather than the offending one, names the end of the file for
// a quote or bracket left open on line 1, and is missing for an error on line 1. So data is cut
// at line ends and parsed again, O(log lines) times: the line is the first from yaml.v3's on where
// a cut fails with the same message, moved back over the lines of a quote or bracket left open
// (every cut inside one fails) to the line that opened it.
func YAMLSyntaxError(data []byte, err error) (line int, text string) {
	text = yamlErrorText(err)
	reported := yamlErrorLine(err)
	var ends []int // ends[k-1] is the length of the first k lines
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	// fails reports whether the first k lines fail to parse (with the same message, if same).
	fails := func(k int, same bool) bool {
		if k == 0 {
			return false
		}
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[k-1]]))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				return !errors.Is(err, io.EOF) && (!same || yamlErrorText(err) == text)
			}
		}
	}
	n := len(ends)
	if !fails(n, true) {
		return max(reported, 1), text
	}
	// search returns the first failing cut in (lo, hi], given that hi fails.
	search := func(lo, hi int, same bool) int {
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; fails(mid, same) {
				hi = mid
			} else {
				lo = mid
			}
		}
		return hi
	}
	hi := search(min(max(reported, 1), n)-1, n, true)
	for step := 1; ; step *= 2 {
		lo := max(hi-step, 0)
		if !fails(lo, false) {
			return search(lo, hi, false), text
		}
		hi = lo
	}
}

// yamlErrorLine is the line number in a yaml.v3 error ("yaml: line 3: ..."), 0 when none.
func yamlErrorLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return line
}

// yamlErrorText strips the "yaml: line N: " prefix that FileError already states.
func yamlErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			return msg[i+2:]
		}
	}
	return msg
}
