//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// special is a path that is not a plain file of reasonable size, made at a given place.
type special struct {
	name string
	make func(t *testing.T, at string)
	why  func(at, limit string) string // what follows the path in the message
}

// link makes at a symbolic link to target.
func link(target string) func(*testing.T, string) {
	return func(t *testing.T, at string) {
		if err := os.Symlink(target, at); err != nil {
			t.Fatal(err)
		}
	}
}

// specials are made wherever a reader looks; the devices themselves appear as links, since only
// root can make a device node, and directly where a reader takes a path (see directDevices).
func specials(t *testing.T) []special {
	elsewhere := t.TempDir()
	fifo, dir, big := filepath.Join(elsewhere, "fifo"), filepath.Join(elsewhere, "dir"), filepath.Join(elsewhere, "big")
	makeFIFO := func(t *testing.T, at string) {
		if err := syscall.Mkfifo(at, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	makeDir := func(t *testing.T, at string) {
		if err := os.Mkdir(at, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	makeBig := func(t *testing.T, at string) { // 3 GiB, sparse: no disk used
		f, err := os.Create(at)
		if err == nil {
			err = f.Truncate(3 << 30)
			f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	makeFIFO(t, fifo)
	makeDir(t, dir)
	makeBig(t, big)
	is := func(s string) func(string, string) string { return func(string, string) string { return s } }
	linkTo := func(target, what string) func(string, string) string {
		return is(" is a symbolic link to " + target + ", which is " + what + ", not a file")
	}
	tooBig := func(_, limit string) string { return ": file is larger than " + limit }
	cases := []special{
		{"fifo", makeFIFO, is(" is a named pipe (FIFO), not a file")},
		{"directory", makeDir, is(" is a directory, not a file")},
		{"3 GiB", makeBig, tooBig},
		{"link to fifo", link(fifo), linkTo(fifo, "a named pipe (FIFO)")},
		{"link to directory", link(dir), linkTo(dir, "a directory")},
		{"link to /dev/zero", link("/dev/zero"), linkTo("/dev/zero", "a device")},
		{"link to /dev/null", link("/dev/null"), linkTo("/dev/null", "a device")},
		{"link to 3 GiB", link(big), tooBig},
		{"dangling link", link(filepath.Join(elsewhere, "gone")), is(" is a symbolic link to " + filepath.Join(elsewhere, "gone") + ", which does not exist")},
	}
	if os.Geteuid() != 0 { // root reads a file of mode 000
		cases = append(cases, special{"unreadable", func(t *testing.T, at string) {
			if err := os.WriteFile(at, []byte("theme: dark\n"), 0o000); err != nil {
				t.Fatal(err)
			}
		}, is(" cannot be read: permission denied")})
	}
	return cases
}

// directDevices are given as they are to the readers that take a path.
var directDevices = []string{"/dev/zero", "/dev/null"}

// reader is one way an outside path reaches flywheel.
type reader struct {
	name  string
	limit string // the size limit it names
	// place returns where the special path goes (in the folders of env) and how to run flywheel
	// on it; takesPath readers are given the path, the others look in a fixed place.
	place     func(home string) (at string, args, env []string)
	takesPath bool
}

var readers = []reader{
	{"--scenario", "1 MiB (1048576 bytes allowed)", func(home string) (string, []string, []string) {
		at := filepath.Join(home, "scenario.yaml")
		return at, []string{"run", "--scenario", at}, nil
	}, true},
	{"FLYWHEEL_SCENARIO", "1 MiB (1048576 bytes allowed)", func(home string) (string, []string, []string) {
		at := filepath.Join(home, "scenario.yaml")
		return at, []string{"run"}, []string{"FLYWHEEL_SCENARIO=" + at}
	}, true},
	{"--config", "64 KiB (65536 bytes allowed)", func(home string) (string, []string, []string) {
		at := filepath.Join(home, "team.yaml")
		return at, []string{"config", "--config", at}, nil
	}, true},
	{"default config", "64 KiB (65536 bytes allowed)", func(home string) (string, []string, []string) {
		return filepath.Join(home, "config", "flywheel", "config.yaml"), []string{"config"}, nil
	}, false},
	{"saved scenario", "1 MiB (1048576 bytes allowed)", func(home string) (string, []string, []string) {
		return filepath.Join(home, "data", "flywheel", "scenarios", "mine.yaml"), []string{"scenarios", "show", "mine"}, nil
	}, false},
}

// TestSpecialPaths: every reader of an outside path refuses a named pipe, a directory, a device,
// a link to any of them, a dangling link, an unreadable file and a 3 GiB file within a second,
// with one line naming the path and what it is, and exit status 2.
//
// The built binary runs under `ulimit -v` (RLIMIT_AS) of 2 GiB: the Go runtime starts in about
// 700 MiB of address space and its threads' stacks need more (at 1 GiB a thread could fail to
// start), while reading /dev/zero or the 3 GiB file whole dies in an allocation at 2 GiB, a crash
// the exact-message check catches, instead of filling the machine's memory.
// GOMEMLIMIT or debug.SetMemoryLimit would not do: they are targets for the collector, not bounds.
func TestSpecialPaths(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ulimit -v and the devices are checked on Linux")
	}
	bin := filepath.Join(t.TempDir(), "flywheel")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	sp := specials(t)
	for _, r := range readers {
		for _, s := range sp {
			t.Run(r.name+"/"+s.name, func(t *testing.T) {
				home := t.TempDir()
				at, args, env := r.place(home)
				if err := os.MkdirAll(filepath.Dir(at), 0o755); err != nil {
					t.Fatal(err)
				}
				s.make(t, at)
				refused(t, bin, home, args, env, "flywheel: "+at+s.why(at, r.limit))
			})
		}
		if !r.takesPath {
			continue
		}
		for _, dev := range directDevices {
			t.Run(r.name+"/"+dev, func(t *testing.T) {
				home := t.TempDir()
				at, args, env := r.place(home)
				for i := range args {
					if args[i] == at {
						args[i] = dev
					}
				}
				for i := range env {
					env[i] = "FLYWHEEL_SCENARIO=" + dev
				}
				refused(t, bin, home, args, env, "flywheel: "+dev+" is a device, not a file")
			})
		}
	}
}

// refused runs the binary with its folders in home and checks it exits 2 within a second with
// exactly the line want.
func refused(t *testing.T, bin, home string, args, env []string, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", `ulimit -v 2097152 && exec "$@"`, "sh", bin}, args...)...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_DATA_HOME=" + filepath.Join(home, "data")}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != 2 || out.Len() != 0 || errOut.String() != want+"\n" {
		t.Errorf("%v %v: exit %d (%v), stdout %q, stderr %q\nwant exit 2 and %q", env, args, code, err, out.String(), firstLine(errOut.String()), want)
	}
	if took > time.Second {
		t.Errorf("%v %v took %v, want under a second", env, args, took)
	}
}

// firstLine keeps a crash's stack trace out of the failure message.
func firstLine(s string) string {
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		return s[:i+1]
	}
	return s
}
