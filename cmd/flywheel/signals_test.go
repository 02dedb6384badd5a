//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// ptyRun is the dashboard running on a pseudo-terminal, as in a person's terminal window.
type ptyRun struct {
	cmd   *exec.Cmd
	tty   *os.File // the terminal's side the program draws on, kept open to read its modes
	mu    sync.Mutex
	out   bytes.Buffer
	read  chan struct{}
	saved *unix.Termios
}

func startOnPty(t *testing.T, bin string) *ptyRun {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	saved, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	r := &ptyRun{tty: tty, read: make(chan struct{}), saved: saved}
	r.cmd = exec.Command(bin)
	r.cmd.Stdin, r.cmd.Stdout, r.cmd.Stderr = tty, tty, tty
	r.cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1", "XDG_CONFIG_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(r.read)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			r.mu.Lock()
			r.out.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return r
}

func (r *ptyRun) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// TestSignalsRestoreTheTerminal: SIGHUP, SIGTERM and SIGINT from outside each end a running
// dashboard with the terminal as it was — the alternate screen left, mouse tracking off, the
// cursor shown and the line discipline back from raw mode — and the exit status a shell expects.
func TestSignalsRestoreTheTerminal(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "flywheel")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGHUP, 129}, {syscall.SIGTERM, 0}, {syscall.SIGINT, 130}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			r := startOnPty(t, bin)
			deadline := time.Now().Add(10 * time.Second)
			for !strings.Contains(r.output(), "Levers") {
				if time.Now().After(deadline) {
					r.cmd.Process.Kill()
					t.Fatalf("no dashboard after 10 s:\n%q", r.output())
				}
				time.Sleep(20 * time.Millisecond)
			}
			raw, err := unix.IoctlGetTermios(int(r.tty.Fd()), unix.TCGETS)
			if err != nil || raw.Lflag&unix.ICANON != 0 {
				t.Fatalf("the dashboard should run in raw mode (%v)", err)
			}
			before := len(r.output())
			if err := r.cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			waited := make(chan error, 1)
			go func() { waited <- r.cmd.Wait() }()
			select {
			case <-waited:
			case <-time.After(5 * time.Second):
				r.cmd.Process.Kill()
				t.Fatalf("still running 5 s after %v", c.sig)
			}
			if got := r.cmd.ProcessState.ExitCode(); got != c.code {
				t.Errorf("exit status %d, want %d; output after the signal: %q", got, c.code, r.output()[before:])
			}
			// The program has exited, but its last bytes may still be on their way through the pty.
			restored := func(s string) bool { return strings.Contains(s, "\x1b[?1049l") && strings.Contains(s, "\x1b[?25h") }
			for end := time.Now().Add(2 * time.Second); !restored(r.output()[before:]) && time.Now().Before(end); {
				time.Sleep(10 * time.Millisecond)
			}
			after := r.output()[before:]
			for _, seq := range []struct{ what, esc string }{
				{"leave the alternate screen", "\x1b[?1049l"},
				{"show the cursor", "\x1b[?25h"},
				{"stop mouse tracking", "\x1b[?1002l"},
			} {
				if !strings.Contains(after, seq.esc) {
					t.Errorf("after %v the terminal was not told to %s (%q): %q", c.sig, seq.what, seq.esc, after)
				}
			}
			if strings.Contains(after, "program was") || strings.Contains(after, "flywheel:") {
				t.Errorf("framework text or an error on the terminal: %q", after)
			}
			now, err := unix.IoctlGetTermios(int(r.tty.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if now.Lflag != r.saved.Lflag || now.Iflag != r.saved.Iflag || now.Oflag != r.saved.Oflag {
				t.Errorf("the terminal's modes were not restored after %v: lflag %#x, want %#x", c.sig, now.Lflag, r.saved.Lflag)
			}
		})
	}
}
