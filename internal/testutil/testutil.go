// Package testutil holds what the project's tests share: golden files with an -update flag, and
// the minimum number of rapid checks. Only tests import it.
package testutil

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Updating reports whether the test run was asked to rewrite golden files.
func Updating() bool { return *update }

// Golden compares got with the golden file testdata/name, or rewrites it under -update.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the package's tests with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update to accept it):\n%s", path, got)
	}
}

// MinRapidChecks makes rapid run at least n random cases per property unless -rapid.checks or
// RAPID_CHECKS says otherwise. Call it from TestMain after flag.Parse.
func MinRapidChecks(n int) {
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if _, env := os.LookupEnv("RAPID_CHECKS"); !explicit && !env {
		if err := flag.Set("rapid.checks", strconv.Itoa(n)); err != nil {
			panic(err)
		}
	}
}

// SyncBuffer is a log that a test reads while a server goroutine writes it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// SSHKey is a fresh ed25519 client key for the SSH tests.
func SSHKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
