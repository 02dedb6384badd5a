package tui

import "strings"

// UTF8Locale reports whether LC_ALL, else LC_CTYPE, else LANG names a UTF-8 locale: without one
// the dashboard defaults to ASCII borders and charts. getenv is os.Getenv for a local terminal,
// and the client's environment for a session served over SSH.
func UTF8Locale(getenv func(string) string) bool {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(k); v != "" {
			v = strings.ToLower(v)
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return false
}
