package saved

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/flywheel-dev/flywheel/engine"
)

// scenario is a valid scenario with sources and awkward text.
func scenario(name string) engine.Scenario {
	s := engine.DefaultScenario()
	s.Name = name
	s.Description = "What if: \"more\" power # and less\nsecond line — ümlaut"
	s.Levers[engine.GPUSupply] = 6.25
	tenth, fifth := 0.1, 0.2
	s.Levers[engine.Investment] = tenth + fifth
	s.Sources = map[string]string{"gpu_supply": "my guess", "commit_to": "the plan"}
	return s
}

func store(t *testing.T) Store {
	return Store{Dir: filepath.Join(t.TempDir(), "flywheel", "scenarios")}
}

// dirNames lists every file in dir, hidden ones included.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveLoadRoundTrip(t *testing.T) {
	st := store(t)
	s := scenario("Power wall")
	path, err := st.Save("power wall", &s, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(st.Dir, "power wall.yaml"); path != want {
		t.Fatalf("saved to %s, want %s", path, want)
	}
	got, err := st.Load("power wall")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("load after save:\n got  %#v\n want %#v", got, s)
	}
	if !st.Exists("power wall") || st.Exists("other") || st.Exists("../scenarios/power wall") {
		t.Fatal("Exists is wrong")
	}
	if names := dirNames(t, st.Dir); !reflect.DeepEqual(names, []string{"power wall.yaml"}) {
		t.Fatalf("directory holds %q", names)
	}
	if info, err := os.Stat(st.Dir); err != nil || !info.IsDir() {
		t.Fatalf("directory not created: %v", err)
	}
}

func TestSaveRefusesToOverwriteUnlessTold(t *testing.T) {
	st := store(t)
	first, second := scenario("First"), scenario("Second")
	path, err := st.Save("plan", &first, false)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	_, err = st.Save("plan", &second, false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v, want ErrExists naming %s", err, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("refused save changed the file")
	}

	if _, err := st.Save("plan", &second, true); err != nil {
		t.Fatal(err)
	}
	got, err := st.Load("plan")
	if err != nil || got.Name != "Second" {
		t.Fatalf("after overwrite: %q, %v", got.Name, err)
	}
	if names := dirNames(t, st.Dir); len(names) != 1 {
		t.Fatalf("directory holds %q", names)
	}
}

// TestInterruptedSaveKeepsOldFile: a save that fails before the rename (a crash, a full disk)
// leaves the previous file byte for byte and no temporary file.
func TestInterruptedSaveKeepsOldFile(t *testing.T) {
	st := store(t)
	old := scenario("Old")
	path, err := st.Save("plan", &old, false)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	crash := errors.New("simulated crash before rename")
	var tmpSeen string
	rename = func(from, to string) error {
		tmpSeen = from
		if b, err := os.ReadFile(from); err != nil || !bytes.Contains(b, []byte("name: New")) {
			t.Errorf("temporary file not complete before the rename: %v", err)
		}
		return crash
	}
	t.Cleanup(func() { rename = os.Rename })

	s := scenario("New")
	if _, err := st.Save("plan", &s, true); !errors.Is(err, crash) {
		t.Fatalf("got %v, want the rename failure", err)
	}
	if filepath.Dir(tmpSeen) != st.Dir || !strings.HasPrefix(filepath.Base(tmpSeen), ".plan-") || !strings.HasSuffix(tmpSeen, ".tmp") {
		t.Errorf("temporary file %s is not .plan-*.tmp in the directory", tmpSeen)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("interrupted save changed the old file")
	}
	if names := dirNames(t, st.Dir); !reflect.DeepEqual(names, []string{"plan.yaml"}) {
		t.Fatalf("directory holds %q, want only plan.yaml", names)
	}

	// A new name: nothing appears at all.
	link = func(from, to string) error { return crash }
	t.Cleanup(func() { link = os.Link })
	if _, err := st.Save("fresh", &s, false); !errors.Is(err, crash) {
		t.Fatalf("got %v", err)
	}
	if names := dirNames(t, st.Dir); !reflect.DeepEqual(names, []string{"plan.yaml"}) {
		t.Fatalf("directory holds %q, want only plan.yaml", names)
	}
}

func TestSaveRefusesInvalidScenario(t *testing.T) {
	st := store(t)
	s := scenario("Bad")
	s.Levers[engine.GPUSupply] = 99
	_, err := st.Save("bad", &s, false)
	if err == nil || !strings.Contains(err.Error(), "gpu_supply = 99 is out of range") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(st.Dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("refused save touched the disk: %v", err)
	}
	if _, err := st.Save("nil", nil, false); err == nil {
		t.Fatal("nil scenario saved")
	}
}

func TestSaveKeepsPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	st := store(t)
	s := scenario("Shared")
	path, err := st.Save("shared", &s, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save("shared", &s, true); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v after overwrite, want 0640", info.Mode().Perm())
	}
}

func TestCheckName(t *testing.T) {
	for _, good := range []string{"a", "Base case 2", "bull-run_v1.2", "Größe", "日本", strings.Repeat("x", 64), "a.b", "con2"} {
		if err := CheckName(good); err != nil {
			t.Errorf("CheckName(%q) = %v", good, err)
		}
	}
	for bad, why := range map[string]string{
		"":                      "is empty",
		strings.Repeat("x", 65): "is 65 characters long",
		"../up":                 "starts with '.'",
		".hidden":               "starts with '.'",
		"a/b":                   `contains '/' (a path separator)`,
		`a\b`:                   `contains '\\' (a path separator)`,
		" lead":                 "starts or ends with a space",
		"trail ":                "starts or ends with a space",
		"what?":                 "contains '?'",
		"a:b":                   "contains ':'",
		"tab\tname":             `contains '\t'`,
		"a\x00b":                `contains '\x00'`,
		"bad\xffutf8":           "is not valid UTF-8",
		"CON":                   "is a device name on Windows",
		"nul.backup":            "is a device name on Windows",
		"base":                  "is a preset's name",
		"Energy-Wall":           "is a preset's name",
		strings.Repeat("𝒳", 63): "is too long",
	} {
		err := CheckName(bad)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("CheckName(%q) = %v, want …%s…", bad, err, why)
			continue
		}
		if why != "is a device name on Windows" && why != "is a preset's name" && !strings.Contains(err.Error(), allowedNames) {
			t.Errorf("CheckName(%q) = %v: does not say what is allowed", bad, err)
		}
	}
	st := store(t)
	s := scenario("x")
	if _, err := st.Save("../escape", &s, false); err == nil {
		t.Fatal("saved outside the directory")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(st.Dir), "escape.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("file written outside the directory")
	}
}

func TestListReportsBrokenFiles(t *testing.T) {
	st := store(t)
	a, b := scenario("Alpha"), scenario("Bravo")
	for name, s := range map[string]*engine.Scenario{"a": &a, "a b": &b} {
		if _, err := st.Save(name, s, false); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(st.Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("broken.yaml", "name: Broken\nstart: 2025-01\nhorizon_years: 3\nlevers:\n  gpu_supply: 99\n")
	write("notes.txt", "not a scenario")
	write(".hidden.yaml", "ignored")
	write(".a-123.tmp", "a leftover temporary file")
	if err := os.Mkdir(filepath.Join(st.Dir, "dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}

	entries, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name)
	}
	if want := []string{"a", "a b", "broken"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("List names %q, want %q", names, want)
	}
	if e := entries[0]; e.Err != nil || e.Title != "Alpha" || e.Description != a.Description || e.Path != filepath.Join(st.Dir, "a.yaml") {
		t.Fatalf("entry a = %+v", e)
	}
	if e := entries[1]; e.Err != nil || e.Title != "Bravo" {
		t.Fatalf("entry a b = %+v", e)
	}
	broken := entries[2]
	want := filepath.Join(st.Dir, "broken.yaml") + ":5: lever gpu_supply = 99 is out of range"
	if broken.Err == nil || !strings.HasPrefix(broken.Err.Error(), want) || broken.Title != "" {
		t.Fatalf("broken entry = %+v, want Err %s…", broken, want)
	}

	// Load of the broken one gives the same file:line message.
	if _, err := st.Load("broken"); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Load(broken) = %v", err)
	}
	if _, err := st.Load("missing"); err == nil || !strings.Contains(err.Error(), `no saved scenario "missing"`) {
		t.Fatalf("Load(missing) = %v", err)
	}
	if _, err := st.Load("../a"); err == nil {
		t.Fatal("Load reached outside the directory")
	}
}

func TestListMissingDirIsEmpty(t *testing.T) {
	entries, err := store(t).List()
	if err != nil || len(entries) != 0 {
		t.Fatalf("List of a missing directory = %v, %v", entries, err)
	}
}

func TestDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	xdg, home := filepath.Join(t.TempDir(), "xdg"), filepath.Join(t.TempDir(), "home")
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": xdg, "HOME": home}, filepath.Join(xdg, "flywheel", "scenarios")},
		{map[string]string{"HOME": home}, filepath.Join(home, ".local", "share", "flywheel", "scenarios")},
		{map[string]string{"XDG_DATA_HOME": "relative/path", "HOME": home}, filepath.Join(home, ".local", "share", "flywheel", "scenarios")},
	}
	for _, c := range cases {
		got, err := Dir(env(c.env))
		if err != nil || got != c.want {
			t.Errorf("Dir(%v) = %q, %v; want %q", c.env, got, err, c.want)
		}
		if _, err := os.Stat(got); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Dir created %s", got)
		}
	}

	// HOME empty: os.UserHomeDir decides (here pointed at a temporary directory).
	fallback := t.TempDir()
	t.Setenv("HOME", fallback)
	t.Setenv("USERPROFILE", fallback)
	t.Setenv("home", fallback)
	got, err := Dir(env(nil))
	if want := filepath.Join(fallback, ".local", "share", "flywheel", "scenarios"); err != nil || got != want {
		t.Errorf("Dir with HOME empty = %q, %v; want %q", got, err, want)
	}
}

// TestImportsNoUI: the package is storage only; screens import it, never the other way round.
func TestImportsNoUI(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			for _, ui := range []string{"flywheel/tui", "flywheel/cmd", "charm.land/", "charmbracelet/", "spf13/cobra"} {
				if strings.Contains(path, ui) {
					t.Errorf("%s imports %s", file, path)
				}
			}
		}
	}
}

// TestConcurrentSavesOfANewName: two savers (each its own Store, as two programs would have) saving
// the same new name at the same moment: exactly one succeeds, the other gets ErrExists, and the
// file is the winner's.
func TestConcurrentSavesOfANewName(t *testing.T) {
	dir := store(t).Dir
	for round := range 100 {
		name := fmt.Sprintf("plan %d", round)
		start := make(chan struct{})
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				s := scenario(fmt.Sprintf("Saver %d", i))
				<-start
				_, errs[i] = Store{Dir: dir}.Save(name, &s, false)
			})
		}
		close(start)
		wg.Wait()
		winner := slices.IndexFunc(errs, func(err error) bool { return err == nil })
		if winner < 0 || !errors.Is(errs[1-winner], ErrExists) {
			t.Fatalf("round %d: %v; want one success and one ErrExists", round, errs)
		}
		if got, err := (Store{Dir: dir}).Load(name); err != nil || got.Name != fmt.Sprintf("Saver %d", winner) {
			t.Fatalf("round %d: the file is %q (%v), want the winner's", round, got.Name, err)
		}
	}
	if names := dirNames(t, dir); len(names) != 100 {
		t.Fatalf("%d files, want 100 and no temporary ones: %q", len(names), names)
	}
}

// TestTwoProcessesSaveANewName is TestConcurrentSavesOfANewName with two processes, this test
// binary run again as saveProcess, released together by a file appearing.
func TestTwoProcessesSaveANewName(t *testing.T) {
	if os.Getenv("SAVED_TEST_DIR") != "" {
		saveProcess()
		return
	}
	dir := store(t).Dir
	for round := range 10 {
		name, signal := fmt.Sprintf("plan %d", round), filepath.Join(t.TempDir(), "go")
		outs := make([]*bytes.Buffer, 2)
		cmds := make([]*exec.Cmd, 2)
		for i := range cmds {
			cmds[i] = exec.Command(os.Args[0], "-test.run=^TestTwoProcessesSaveANewName$")
			cmds[i].Env = append(os.Environ(), "SAVED_TEST_DIR="+dir, "SAVED_TEST_NAME="+name, "SAVED_TEST_GO="+signal)
			outs[i] = new(bytes.Buffer)
			cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(signal, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		results := map[string]int{}
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Fatalf("process %d: %v\n%s", i, err, outs[i])
			}
			result, _, _ := strings.Cut(outs[i].String(), "\n")
			results[result]++
		}
		if results["saved"] != 1 || results["exists"] != 1 {
			t.Fatalf("round %d: %v; want one saved and one exists", round, results)
		}
	}
}

// saveProcess waits for the signal file, saves, and prints "saved", "exists" or the error.
func saveProcess() {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Microsecond) {
		if _, err := os.Stat(os.Getenv("SAVED_TEST_GO")); err == nil {
			break
		}
	}
	s := scenario("x")
	_, err := Store{Dir: os.Getenv("SAVED_TEST_DIR")}.Save(os.Getenv("SAVED_TEST_NAME"), &s, false)
	switch {
	case err == nil:
		fmt.Println("saved")
	case errors.Is(err, ErrExists):
		fmt.Println("exists")
	default:
		fmt.Println(err)
	}
}

// TestSaveRefusesALink: a symbolic link at the name, dangling or not, is neither written through
// nor replaced, even when told to overwrite.
func TestSaveRefusesALink(t *testing.T) {
	st := store(t)
	s := scenario("Mine")
	if err := os.MkdirAll(st.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "elsewhere.yaml")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, to := range map[string]string{"dangling": filepath.Join(t.TempDir(), "gone.yaml"), "pointing": target} {
		if err := os.Symlink(to, st.Path(name)); err != nil {
			t.Fatal(err)
		}
		for _, overwrite := range []bool{false, true} {
			_, err := st.Save(name, &s, overwrite)
			want := fmt.Sprintf("cannot save %q: %s is a symbolic link, which saving would replace (remove it or choose another name)", name, st.Path(name))
			if err == nil || err.Error() != want {
				t.Errorf("%s, overwrite %v: %v\nwant %s", name, overwrite, err, want)
			}
			if got, err := os.Readlink(st.Path(name)); err != nil || got != to {
				t.Errorf("%s: the link was changed: %q, %v", name, got, err)
			}
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("saved through the link: %q", b)
	}
}

// TestStaleTemporaryFilesAreSwept: List and Save remove the temporary files a killed save left,
// once an hour old, and nothing else.
func TestStaleTemporaryFilesAreSwept(t *testing.T) {
	st := store(t)
	if err := os.MkdirAll(st.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	write := func(file string, mtime time.Time) {
		path := filepath.Join(st.Dir, file)
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	kept := []string{".plan-2.tmp", ".notes.tmp", ".plan-12a.tmp", ".-12.tmp", ".plan-.tmp", "plan-12.tmp", ".plan-12.tmp.bak"}
	for _, sweep := range []func(){
		func() { st.List() },
		func() { s := scenario("x"); st.Save("other", &s, true) },
	} {
		write(".plan-1234567.tmp", old)
		write(".my plan.v2-1.tmp", old)
		write(".plan-2.tmp", time.Now()) // a save under way
		for _, f := range kept[1:] {
			write(f, old)
		}
		sweep()
		names := dirNames(t, st.Dir)
		for _, f := range kept {
			if !slices.Contains(names, f) {
				t.Errorf("%s was removed", f)
			}
		}
		for _, f := range []string{".plan-1234567.tmp", ".my plan.v2-1.tmp"} {
			if slices.Contains(names, f) {
				t.Errorf("stale %s was kept", f)
			}
		}
	}
}

// TestSaveWithoutHardLinks: where the file system refuses hard links (FAT, some network shares),
// a new name is still saved, and an existing one still gives ErrExists.
func TestSaveWithoutHardLinks(t *testing.T) {
	link = func(from, to string) error { return &os.LinkError{Op: "link", Old: from, New: to, Err: syscall.EPERM} }
	t.Cleanup(func() { link = os.Link })
	st := store(t)
	s := scenario("Fat")
	if _, err := st.Save("fat", &s, false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save("fat", &s, false); !errors.Is(err, ErrExists) {
		t.Fatalf("second save: %v, want ErrExists", err)
	}
	if got, err := st.Load("fat"); err != nil || got.Name != "Fat" {
		t.Fatalf("load: %q, %v", got.Name, err)
	}
	if names := dirNames(t, st.Dir); !reflect.DeepEqual(names, []string{"fat.yaml"}) {
		t.Fatalf("directory holds %q", names)
	}
}
