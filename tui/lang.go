package tui

import (
	"strconv"
	"strings"
)

// Lang is the language of the screens. The English text in the code is the key: other languages
// map it to their own, so a string missing from a catalogue shows in English rather than blank,
// and a test lists any that are missing.
type Lang struct {
	Code  string
	words map[string]string
}

// Languages are the languages the screens can be shown in, by code.
var Languages = map[string]*Lang{
	"en": {Code: "en"},
	"zh": {Code: "zh", words: zhWords},
}

// missing, when set (by tests), collects the texts a catalogue lacks.
var missing map[string]bool

// T is s in the language.
func (l *Lang) T(s string) string {
	if l == nil || l.words == nil {
		return s
	}
	if w, ok := l.words[s]; ok {
		return w
	}
	if missing != nil {
		missing[s] = true
	}
	return s
}

// F is the template in the language with {0}, {1}, … replaced by args: word order differs
// between languages, so figures are placed by position, not concatenated.
func (l *Lang) F(template string, args ...string) string {
	s := l.T(template)
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// addWords merges a part of a catalogue kept in its own file into the catalogue; a key in both is
// a mistake caught at start-up.
func addWords(dst, src map[string]string) {
	for k, v := range src {
		if _, dup := dst[k]; dup {
			panic("tui: catalogue has " + strconv.Quote(k) + " twice")
		}
		dst[k] = v
	}
}
