package engine

import "testing"

// TestRerunAllocatesNothing backs the promise of Result: a re-run after a nudge allocates nothing.
func TestRerunAllocatesNothing(t *testing.T) {
	s := DefaultScenario()
	var r Result
	mustRun(t, &s, &r)
	allocs := testing.AllocsPerRun(100, func() {
		s.Levers[GPUSupply] += 0.25
		if err := Run(&s, &r); err != nil {
			t.Fatal(err)
		}
		s.Levers[GPUSupply] -= 0.25
	})
	if allocs != 0 {
		t.Fatalf("re-run allocated %.1f times", allocs)
	}
}

// BenchmarkRun is the default scenario (132 months) into a reused result.
func BenchmarkRun(b *testing.B) {
	s := DefaultScenario()
	var r Result
	mustRun(b, &s, &r)
	b.ReportAllocs()
	for b.Loop() {
		if err := Run(&s, &r); err != nil {
			b.Fatal(err)
		}
	}
}
