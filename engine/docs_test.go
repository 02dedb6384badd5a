package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

// docsPath is the model's reference page, which lists every lever and setting from the tables.
var docsPath = filepath.Join("..", "docs", "model.md")

func leverRow(p Param) string {
	return "| `" + p.Key + "` " + p.Name + " | " + p.Unit + " | " + FormatNumber(p.Default) + " | " +
		FormatNumber(p.Min) + "–" + FormatNumber(p.Max) + " | " + FormatNumber(p.Low) + "–" +
		FormatNumber(p.High) + " | " + p.Band + " |"
}

func settingRow(p Param) string {
	return "| `" + p.Key + "` | " + p.Unit + " | " + FormatNumber(p.Default) + " | " + p.Meaning + " |"
}

// docTable replaces the rows of the table whose header starts with header in doc by rows.
func docTable(doc, header string, rows []string) (string, bool) {
	i := strings.Index(doc, header)
	if i < 0 {
		return doc, false
	}
	sep := strings.Index(doc[i:], "\n|---")
	body := i + sep + 1 + strings.Index(doc[i+sep+1:], "\n") + 1 // after the separator line
	end := strings.Index(doc[body:], "\n\n")
	if end < 0 {
		end = len(doc) - body
	}
	return doc[:body] + strings.Join(rows, "\n") + doc[body+end:], true
}

// TestDocsListEveryLever keeps docs/model.md's lever and setting tables equal to the parameter
// tables, band and reason included (`go test ./engine -run Docs -update` rewrites them).
func TestDocsListEveryLever(t *testing.T) {
	b, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	var levers, settings []string
	for _, p := range Levers {
		levers = append(levers, leverRow(p))
	}
	for _, p := range Settings {
		settings = append(settings, settingRow(p))
	}
	doc := string(b)
	doc, ok1 := docTable(doc, "| lever | unit | default | range | plausible | why the band |", levers)
	doc, ok2 := docTable(doc, "| setting | unit | default | meaning |", settings)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the lever or setting table", docsPath)
	}
	if testutil.Updating() {
		if err := os.WriteFile(docsPath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != string(b) {
		t.Errorf("%s's lever or setting table differs from the parameter tables (run with -update)", docsPath)
	}
}

// TestDocsLinkInsideTheRepository: the README and docs/ link only to files of the repository
// (that exist), so a fresh clone reads whole.
func TestDocsLinkInsideTheRepository(t *testing.T) {
	root := ".."
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	pages = append(pages, filepath.Join(root, "README.md"))
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := strings.SplitN(m[1], "#", 2)[0]
			if target == "" || strings.Contains(target, "://") {
				continue
			}
			path := filepath.Join(filepath.Dir(page), target)
			if rel, err := filepath.Rel(root, path); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links outside the repository: %s", page, m[1])
			} else if _, err := os.Stat(path); err != nil {
				t.Errorf("%s links to a missing file: %s", page, m[1])
			}
		}
	}
}
