//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRead: a regular file within the limit is read; every other kind of path is refused at once
// with one line naming the path and what it is.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(at("ok.yaml"), []byte("theme: dark\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(at("big"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(3 << 30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	big.Close()
	if err := os.WriteFile(at("limit+1"), make([]byte, 1<<20+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for target, link := range map[string]string{at("fifo"): "to-fifo", dir: "to-dir", "/dev/zero": "to-zero",
		at("ok.yaml"): "to-ok", at("missing"): "dangling", at("to-ok"): "to-to-ok"} {
		if err := os.Symlink(target, at(link)); err != nil {
			t.Fatal(err)
		}
	}

	if b, err := Read(at("ok.yaml"), 1<<20); err != nil || string(b) != "theme: dark\n" {
		t.Fatalf("regular file: %q, %v", b, err)
	}
	for _, p := range []string{at("to-ok"), at("to-to-ok")} {
		if b, err := Read(p, 1<<20); err != nil || string(b) != "theme: dark\n" {
			t.Errorf("%s: %q, %v; a link to a file reads the file", p, b, err)
		}
	}
	if b, err := Read(at("limit+1"), 1<<20+1); err != nil || len(b) != 1<<20+1 {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(b), err)
	}
	if _, err := Read(at("missing"), 1<<20); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}

	for path, want := range map[string]string{
		at("fifo"):     at("fifo") + " is a named pipe (FIFO), not a file",
		dir:            dir + " is a directory, not a file",
		"/dev/zero":    "/dev/zero is a device, not a file",
		"/dev/null":    "/dev/null is a device, not a file",
		at("to-fifo"):  at("to-fifo") + " is a symbolic link to " + at("fifo") + ", which is a named pipe (FIFO), not a file",
		at("to-dir"):   at("to-dir") + " is a symbolic link to " + dir + ", which is a directory, not a file",
		at("to-zero"):  at("to-zero") + " is a symbolic link to /dev/zero, which is a device, not a file",
		at("dangling"): at("dangling") + " is a symbolic link to " + at("missing") + ", which does not exist",
		at("big"):      at("big") + ": file is larger than 1 MiB (1048576 bytes allowed)",
		at("limit+1"):  at("limit+1") + ": file is larger than 1 MiB (1048576 bytes allowed)",
	} {
		start := time.Now()
		b, err := Read(path, 1<<20)
		var fe *Error
		if !errors.As(err, &fe) || err.Error() != want || b != nil {
			t.Errorf("Read(%s) = %d bytes, %v\nwant %q", path, len(b), err, want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Read(%s) took %v", path, d)
		}
	}
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads a file of mode 000")
	}
	path := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(path, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path, 1<<20); err == nil || err.Error() != path+" cannot be read: permission denied" {
		t.Errorf("got %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1 MiB", 64 << 10: "64 KiB", 1000: "1000 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
