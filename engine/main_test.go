package engine

import (
	"flag"
	"os"
	"testing"

	"github.com/flywheel-dev/flywheel/internal/testutil"
	_ "pgregory.net/rapid" // registers -rapid.checks before TestMain sets it
)

// minChecks is the least number of random scenarios each property test must see.
const minChecks = 1000

func TestMain(m *testing.M) {
	flag.Parse()
	testutil.MinRapidChecks(minChecks)
	os.Exit(m.Run())
}
