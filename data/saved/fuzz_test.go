package saved

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/engine"
)

// FuzzSaveName: any name is refused with one short printable line, or saves to exactly one file
// inside the folder, reads back under that name and lists once; nothing lands outside the folder.
func FuzzSaveName(f *testing.F) {
	for _, seed := range []string{"my case", "../up", ".hidden", "a/b", "CON", "base", "Größe 2", "日本",
		"x\x1b]52;c;aGk=\x07", "\u202eevil", "a\x00b", strings.Repeat("x", 65), "nul.backup", " lead"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		root := t.TempDir()
		st := Store{Dir: filepath.Join(root, "scenarios")}
		s := scenario("fuzz")
		if err := CheckName(name); err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || len(msg) > 400 || engine.Printable(msg) != msg {
				t.Fatalf("refusal is not one short printable line: %q", msg)
			}
			if _, err := st.Save(name, &s, false); err == nil {
				t.Fatalf("Save took a name CheckName refuses: %q", name)
			}
			return
		}
		path, err := st.Save(name, &s, false)
		if err != nil {
			t.Fatalf("Save(%q): %v", name, err)
		}
		if filepath.Dir(path) != st.Dir {
			t.Fatalf("saved %q at %s, outside %s", name, path, st.Dir)
		}
		if ents, _ := os.ReadDir(root); len(ents) != 1 {
			t.Fatalf("saving %q wrote beside the folder: %v", name, ents)
		}
		got, err := st.Load(name)
		if err != nil || got.Levers != s.Levers {
			t.Fatalf("Load(%q) after Save: %v", name, err)
		}
		list, err := st.List()
		if err != nil || len(list) != 1 || list[0].Name != name {
			t.Fatalf("List after saving %q: %v, %+v", name, err, list)
		}
	})
}
