// Package safefile is the one way flywheel reads a file that comes from outside: a scenario file,
// a saved scenario, the configuration file. A path from a user can name anything — a named pipe
// that blocks an open forever, /dev/zero that never ends, a 3 GiB file, a directory, a link to any
// of these — so Read accepts only a regular file (after links) no larger than a limit, and says
// in one line what the path is when it refuses it.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/flywheel-dev/flywheel/engine"
)

// openFlags open without blocking (a named pipe swapped in after the check cannot hang the open)
// and without making a terminal the controlling one; on a regular file neither flag changes
// reading.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// Error is a path Read refuses; its message is one line: the path, then Reason, which follows it
// directly (" is a directory, not a file", " cannot be read: permission denied", …).
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return engine.Shown(e.Path) + e.Reason }

// Read returns the contents of the regular file at path, following links, if it holds at most
// limit bytes. A path that does not exist gives an error wrapping fs.ErrNotExist, for the caller
// to say what it looked for; every other refusal is an *Error.
func Read(path string, limit int64) ([]byte, error) {
	link := ""
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		link, _ = os.Readlink(path)
		info, err = os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{path, fmt.Sprintf(" is a symbolic link to %s, which does not exist", engine.Shown(link))}
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, unreadable(path, err)
	}
	if err := check(path, link, info, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, unreadable(path, err)
	}
	defer f.Close()
	// Check again what was opened: the path may have changed since the first look.
	if info, err = f.Stat(); err != nil {
		return nil, unreadable(path, err)
	}
	if err := check(path, link, info, limit); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unreadable(path, err)
	}
	if int64(len(b)) > limit { // it grew while being read
		return nil, tooLarge(path, limit)
	}
	return b, nil
}

// check refuses anything but a regular file of at most limit bytes; link is the target a
// symbolic link at path points to, or "".
func check(path, link string, info fs.FileInfo, limit int64) error {
	if info.Mode().IsRegular() {
		if info.Size() > limit {
			return tooLarge(path, limit)
		}
		return nil
	}
	what := "not a regular file"
	switch m := info.Mode(); {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	if link != "" {
		return &Error{path, fmt.Sprintf(" is a symbolic link to %s, which is %s, not a file", engine.Shown(link), what)}
	}
	return &Error{path, fmt.Sprintf(" is %s, not a file", what)}
}

// tooLarge keeps the wording scenario files have always had for this.
func tooLarge(path string, limit int64) error {
	return &Error{path, fmt.Sprintf(": file is larger than %s (%d bytes allowed)", size(limit), limit)}
}

// unreadable keeps only the reason of an *fs.PathError, which would repeat the path.
func unreadable(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &Error{path, fmt.Sprintf(" cannot be read: %v", err)}
}

// size writes a limit as people read it: "1 MiB", "64 KiB", else bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
