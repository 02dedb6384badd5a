// Package saved keeps the user's own scenarios on disk: one YAML file per scenario, in the
// scenario file format, in $XDG_DATA_HOME/flywheel/scenarios (by default
// ~/.local/share/flywheel/scenarios). It owns that directory: it lists, loads and saves the files
// there, saving atomically so that a failed or interrupted save never leaves a half-written file
// or loses the one it was replacing.
//
// It does the file I/O so the engine stays pure: files are read and written only through
// engine.ReadScenario and engine.WriteScenario. Screens and commands call this package; it must
// not import any UI package (tui, cmd, lipgloss, bubbletea).
package saved

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/flywheel-dev/flywheel/data"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/safefile"
)

// Ext is the file extension of a saved scenario.
const Ext = ".yaml"

// MaxNameLen is the longest scenario name Save accepts, in characters.
const MaxNameLen = 64

// ErrExists is wrapped by the error Save returns when a scenario of that name exists and it was
// not told to overwrite it.
var ErrExists = errors.New("already exists")

// rename and link put the finished temporary file in place: rename replaces a file (an
// overwrite the user agreed to), link creates the name only if nothing has it yet. Tests replace
// them to simulate a crash or a failure at that moment.
var rename, link = os.Rename, os.Link

// staleAfter is the age at which List and Save remove a temporary file of Save: a save takes
// milliseconds, so a file that old was left by a save that was killed.
const staleAfter = time.Hour

// Dir is where saved scenarios live: $XDG_DATA_HOME/flywheel/scenarios, or
// $HOME/.local/share/flywheel/scenarios when XDG_DATA_HOME is unset (or, as the XDG spec asks, not
// an absolute path). Only when HOME is empty does it ask os.UserHomeDir. getenv is os.Getenv in
// the program and a map in tests. Dir does not create the directory.
func Dir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "flywheel", "scenarios"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil || h == "" {
			return "", fmt.Errorf("no place for saved scenarios: neither XDG_DATA_HOME nor HOME is set (%v)", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "flywheel", "scenarios"), nil
}

// Store is a directory of saved scenarios, one file name.yaml per scenario.
type Store struct {
	Dir string
}

// Entry is one saved scenario as List finds it.
type Entry struct {
	Name        string // the file name without .yaml: what Load, Save and Exists take
	Path        string // the file
	Title       string // the scenario's own name, from the file; "" when Err is set
	Description string // the scenario's description, from the file; "" when Err is set
	// Err is why the file does not load (it names file:line), for a UI to show as
	// "broken: <message>"; nil for a good file.
	Err error
}

// List returns the saved scenarios, the *.yaml files in the directory, sorted by name. A file that
// does not load is listed with Err set; hidden files and directories are skipped. A directory that
// does not exist yet holds no scenarios: the list is empty and the error nil.
// It removes the stale temporary files of killed saves on the way.
func (st Store) List() ([]Entry, error) {
	dirents, err := os.ReadDir(st.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list saved scenarios: %w", err)
	}
	st.sweep(dirents)
	var entries []Entry
	for _, d := range dirents {
		file := d.Name()
		if d.IsDir() || !strings.HasSuffix(file, Ext) || strings.HasPrefix(file, ".") || file == Ext {
			continue
		}
		e := Entry{Name: strings.TrimSuffix(file, Ext), Path: filepath.Join(st.Dir, file)}
		if s, err := readFile(e.Path); err != nil {
			e.Err = err
		} else {
			e.Title, e.Description = s.Name, s.Description
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Name, b.Name) })
	return entries, nil
}

// Load reads the saved scenario name (its file name without .yaml). Errors in the file name the
// file and line.
func (st Store) Load(name string) (engine.Scenario, error) {
	if err := checkFileName(name); err != nil {
		return engine.Scenario{}, err
	}
	path := st.Path(name)
	s, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return engine.Scenario{}, fmt.Errorf("no saved scenario %s (looked for %s)", engine.Quote(name), path)
	}
	return s, err
}

// Exists reports whether a saved scenario of that name is on disk. A link counts even when it
// leads nowhere, so that Load, not a "no such scenario", says what is wrong with it.
func (st Store) Exists(name string) bool {
	if checkFileName(name) != nil {
		return false
	}
	_, err := os.Lstat(st.Path(name))
	return err == nil
}

// Path is the file a scenario of that name is saved in.
func (st Store) Path(name string) string {
	return filepath.Join(st.Dir, name+Ext)
}

// Save writes s as the saved scenario name and returns the file's path. The name must pass
// CheckName. If the file exists and overwrite is false, the error wraps ErrExists and names the
// file; this holds even against another program saving the same name at the same moment, as a
// new name is created with a hard link, which fails if the name exists (on a file system without
// hard links, only the instant between a last look and the rename is left to a race). Save
// refuses a scenario that does not validate, and a symbolic link or anything but a regular file
// at the name, which it would otherwise write through or replace. It creates the directory if
// need be and writes atomically: into a temporary file in the same directory, synced and closed,
// then linked (a new name) or renamed over the target (an overwrite); on any failure the
// temporary file is removed and a file it was to replace is left as it was. When it replaces a
// file, the new one keeps the old one's permissions.
func (st Store) Save(name string, s *engine.Scenario, overwrite bool) (path string, err error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	if s == nil {
		return "", fmt.Errorf("cannot save %s: no scenario", engine.Quote(name))
	}
	if err := s.Validate(); err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	path = st.Path(name)
	exists := fmt.Errorf("saved scenario %s %w: %s", engine.Quote(name), ErrExists, path)
	old, err := os.Lstat(path)
	switch {
	case err == nil && old.Mode()&fs.ModeSymlink != 0:
		return "", fmt.Errorf("cannot save %s: %s is a symbolic link, which saving would replace (remove it or choose another name)", engine.Quote(name), path)
	case err == nil && !old.Mode().IsRegular():
		return "", fmt.Errorf("cannot save %s: %s is not a regular file", engine.Quote(name), path)
	case err == nil && !overwrite:
		return "", exists
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	if err := os.MkdirAll(st.Dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	if dirents, err := os.ReadDir(st.Dir); err == nil {
		st.sweep(dirents)
	}

	tmp, err := os.CreateTemp(st.Dir, "."+name+"-*.tmp")
	if err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	renamed := false
	defer func() {
		tmp.Close() // a second Close only returns an error, ignored here
		if !renamed {
			os.Remove(tmp.Name()) // after a link, the name stays on the saved file
		}
	}()
	if err := engine.WriteScenario(tmp, s); err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	if old != nil {
		if err := tmp.Chmod(old.Mode().Perm()); err != nil {
			return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
		}
	}
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	renamed, err = place(tmp.Name(), path, overwrite)
	if errors.Is(err, fs.ErrExist) {
		return "", exists
	}
	if err != nil {
		return "", fmt.Errorf("cannot save %s: %w", engine.Quote(name), err)
	}
	syncDir(st.Dir)
	return path, nil
}

// place puts the finished temporary file tmp at path and reports whether it was renamed there
// (else it was linked and tmp is still to be removed). Without overwrite, an existing path gives
// an error wrapping fs.ErrExist.
func place(tmp, path string, overwrite bool) (renamed bool, err error) {
	if !overwrite {
		err := link(tmp, path)
		if !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, fs.ErrPermission) {
			return false, err
		}
		// A file system without hard links (FAT, some network shares): look again just before
		// the rename, which leaves only that instant for a race.
		switch _, err := os.Lstat(path); {
		case err == nil:
			return false, fs.ErrExist
		case !errors.Is(err, fs.ErrNotExist):
			return false, err
		}
	}
	if err := rename(tmp, path); err != nil {
		return false, err
	}
	return true, nil
}

// sweep removes Save's temporary files that a killed save left behind, once they are stale;
// nothing else in the directory is touched.
func (st Store) sweep(dirents []fs.DirEntry) {
	for _, d := range dirents {
		if !d.Type().IsRegular() || !isTemp(d.Name()) {
			continue
		}
		if info, err := d.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.Remove(filepath.Join(st.Dir, d.Name()))
		}
	}
}

// isTemp matches only the names of Save's temporary files: "." + a valid name + "-" + the digits
// os.CreateTemp adds + ".tmp".
func isTemp(file string) bool {
	rest, dot := strings.CutPrefix(file, ".")
	rest, tmp := strings.CutSuffix(rest, ".tmp")
	i := strings.LastIndexByte(rest, '-')
	if !dot || !tmp || i < 0 || i == len(rest)-1 || CheckName(rest[:i]) != nil {
		return false
	}
	return strings.Trim(rest[i+1:], "0123456789") == ""
}

// syncDir makes a rename in dir durable where the system allows it; failures are ignored (some
// systems cannot open or sync a directory, and the file itself is already synced).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// readFile loads one scenario file through the engine. The folder is the user's, but anything
// can be put there: safefile refuses a named pipe, a device or an oversized file before reading.
func readFile(path string) (engine.Scenario, error) {
	b, err := safefile.Read(path, engine.MaxScenarioBytes)
	if err != nil {
		return engine.Scenario{}, err
	}
	return engine.ReadScenario(bytes.NewReader(b), path)
}

// maxNameBytes leaves room for the temporary file ".name-4294967295.tmp" within the 255 bytes most
// file systems allow a file name; only names of many 4-byte characters come near it.
const maxNameBytes = 255 - len(".-4294967295.tmp")

const allowedNames = "a name is 1–64 letters, digits, spaces, '-', '_' or '.', and does not start with '.'"

// CheckName returns nil if name can be saved, or an error saying what is wrong with it and what
// is allowed: 1–64 characters, each a letter, a digit, a space, '-', '_' or '.'; not starting with
// '.' and not starting or ending with a space; not a name Windows reserves for a device (CON,
// NUL, COM1, …); not a preset's name in any case, as `--scenario NAME` opens the preset first and
// the file would be out of reach.
func CheckName(name string) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("scenario name %s %s; %s", engine.Quote(name), fmt.Sprintf(format, args...), allowedNames)
	}
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		return fmt.Errorf("the scenario name is empty; %s", allowedNames)
	case !utf8.ValidString(name):
		return fail("is not valid UTF-8 text")
	case n > MaxNameLen:
		return fail("is %d characters long", n)
	case len(name) > maxNameBytes:
		return fail("is too long (%d bytes)", len(name))
	case name[0] == '.':
		return fail("starts with '.'")
	case name[0] == ' ' || name[len(name)-1] == ' ':
		return fail("starts or ends with a space")
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_. ", r) {
			what := fmt.Sprintf("%q", r)
			if r == '/' || r == '\\' {
				what += " (a path separator)"
			}
			return fail("contains %s", what)
		}
	}
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	base = strings.TrimRight(base, " ")
	if slices.Contains(windowsDevices, base) {
		return fmt.Errorf("scenario name %s is a device name on Windows; choose another name", engine.Quote(name))
	}
	for _, p := range data.Presets() {
		if strings.EqualFold(p, name) {
			return fmt.Errorf("scenario name %s is a preset's name; choose another name", engine.Quote(name))
		}
	}
	return nil
}

var windowsDevices = []string{"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"}

// checkFileName accepts what List can return and refuses what could reach outside the directory.
func checkFileName(name string) error {
	if name == "" || name[0] == '.' || strings.ContainsAny(name, `/\`+"\x00") || filepath.Base(name) != name {
		return fmt.Errorf("no saved scenario %s: %s", engine.Quote(name), allowedNames)
	}
	return nil
}
