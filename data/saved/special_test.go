//go:build unix

package saved

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesInTheFolder: a named pipe, a directory, a link to a device and a 3 GiB file
// under a scenario's name neither block nor get read: Load refuses each at once with one line
// saying what it is, List shows it as broken, and the good file beside them still loads.
func TestSpecialFilesInTheFolder(t *testing.T) {
	st := store(t)
	good := scenario("Good")
	if _, err := st.Save("good", &good, false); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(st.Path("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(st.Path("dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", st.Path("zero")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(st.Dir, "gone"), st.Path("dangling")); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(st.Path("big"))
	if err == nil {
		err = big.Truncate(3 << 30) // sparse: no disk used
		big.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"fifo":     st.Path("fifo") + " is a named pipe (FIFO), not a file",
		"dir":      st.Path("dir") + " is a directory, not a file",
		"zero":     st.Path("zero") + " is a symbolic link to /dev/zero, which is a device, not a file",
		"dangling": st.Path("dangling") + " is a symbolic link to " + filepath.Join(st.Dir, "gone") + ", which does not exist",
		"big":      st.Path("big") + ": file is larger than 1 MiB (1048576 bytes allowed)",
	}
	start := time.Now()
	for name, msg := range want {
		if !st.Exists(name) {
			t.Errorf("Exists(%s) = false: the command line would say there is no such scenario", name)
		}
		if _, err := st.Load(name); err == nil || err.Error() != msg {
			t.Errorf("Load(%s) = %v\nwant %s", name, err, msg)
		}
	}
	entries, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch {
		case e.Name == "good" && e.Err != nil:
			t.Errorf("good: %v", e.Err)
		case e.Name != "good" && (e.Err == nil || e.Err.Error() != want[e.Name]):
			t.Errorf("List shows %s as %v, want broken: %s", e.Name, e.Err, want[e.Name])
		}
	}
	if len(entries) != 5 { // the directory is not listed
		t.Errorf("%d entries, want good, fifo, zero, dangling, big", len(entries))
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
}
