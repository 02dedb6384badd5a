package serve

import (
	"flag"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/internal/testutil"
)

var (
	loadSessions = flag.Int("load", 0, "run TestLoad with this many sessions (the issue's figure: 100)")
	loadNudges   = flag.Int("load-nudges", 50, "nudges per session in TestLoad, one a second")
)

// loadClient is a session that counts the bytes it receives and notes when they arrive.
type loadClient struct {
	mu      sync.Mutex
	n       int
	last    time.Time
	arrived chan struct{} // a token per write, for the first frame after a key
}

func (c *loadClient) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.n += len(p)
	c.last = time.Now()
	c.mu.Unlock()
	select {
	case c.arrived <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (c *loadClient) count() (int, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n, c.last
}

// quiet waits until nothing has arrived for gap.
func (c *loadClient) quiet(gap time.Duration) {
	for {
		_, last := c.count()
		if time.Since(last) >= gap {
			return
		}
		time.Sleep(gap / 4)
	}
}

// TestLoad: N sessions at 120×40, each nudging once a second: every nudge gets its frame; p99
// key → first byte of the changed frame, bytes per nudge, heap per session, CPU of N idle
// sessions, goroutines back to baseline. go test ./tui/serve -run TestLoad -load 100 -v
func TestLoad(t *testing.T) {
	n := *loadSessions
	if n == 0 {
		t.Skip("a load run: -load 100")
	}
	key := testutil.SSHKey(t)
	cfg := testConfig(t, authorizedLine(key, "load"))
	cfg.MaxSessions, cfg.MaxPerKey = n, n
	ts := start(t, cfg)
	time.Sleep(200 * time.Millisecond)
	runtime.GC()
	baseG := runtime.NumGoroutine()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)

	type sess struct {
		conn *gossh.Client
		s    *gossh.Session
		in   interface{ Write([]byte) (int, error) }
		out  *loadClient
	}
	all := make([]sess, n)
	for i := range all {
		conn, err := ts.dialConn(t, key)
		if err != nil {
			t.Fatal(err)
		}
		s, err := conn.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Setenv("LANG", "en_US.UTF-8"); err != nil {
			t.Fatal(err)
		}
		if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		in, err := s.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out := &loadClient{arrived: make(chan struct{}, 1)}
		s.Stdout, s.Stderr = out, out
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		all[i] = sess{conn, s, in, out}
	}
	for _, c := range all {
		c.out.quiet(300 * time.Millisecond)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("%d sessions: heap %.1f MiB more, %.0f KiB per session", n,
		float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20), float64(m1.HeapAlloc-m0.HeapAlloc)/1024/float64(n))

	cpu0 := cpuTime(t)
	time.Sleep(5 * time.Second)
	t.Logf("%d idle sessions: %.2f%% of a core", n, 100*float64(cpuTime(t)-cpu0)/float64(5*time.Second))

	cpu1, wall1 := cpuTime(t), time.Now()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		bytes     []int
		missed    atomic.Int64
		wg        sync.WaitGroup
	)
	for i, c := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * time.Second / time.Duration(n)) // spread over the second
			for j := range *loadNudges {
				next := time.Now().Add(time.Second)
				key := "\x1b[C"
				if j%2 == 1 {
					key = "\x1b[D"
				}
				before, _ := c.out.count()
				select {
				case <-c.out.arrived: // drop a stale token
				default:
				}
				sent := time.Now()
				if _, err := c.in.Write([]byte(key)); err != nil {
					missed.Add(1)
					return
				}
				select {
				case <-c.out.arrived:
					mu.Lock()
					latencies = append(latencies, time.Since(sent))
					mu.Unlock()
				case <-time.After(5 * time.Second):
					missed.Add(1)
				}
				c.out.quiet(100 * time.Millisecond)
				after, _ := c.out.count()
				mu.Lock()
				bytes = append(bytes, after-before)
				mu.Unlock()
				time.Sleep(time.Until(next))
			}
		}()
	}
	wg.Wait()
	t.Logf("nudging: %.0f%% of a core, %.2f ms of CPU per nudge", 100*float64(cpuTime(t)-cpu1)/float64(time.Since(wall1)),
		float64(cpuTime(t)-cpu1)/float64(time.Millisecond)/float64(n**loadNudges))
	slices.Sort(latencies)
	slices.Sort(bytes)
	pct := func(p float64) time.Duration { return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))] }
	t.Logf("%d nudges, %d without a frame: key → frame p50 %s, p99 %s, max %s; bytes per nudge median %d, p99 %d",
		len(latencies), missed.Load(), pct(0.5), pct(0.99), latencies[len(latencies)-1],
		bytes[len(bytes)/2], bytes[min(len(bytes)-1, int(0.99*float64(len(bytes))))])
	if missed.Load() > 0 {
		t.Errorf("%d nudges got no frame", missed.Load())
	}
	for _, c := range all {
		c.s.Close()
		c.conn.Close()
	}
	waitUntil(t, "no session", func() bool { return ts.Sessions() == 0 })
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > baseG && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("goroutines: %d after, %d before", runtime.NumGoroutine(), baseG)
	if runtime.NumGoroutine() > baseG {
		t.Errorf("goroutines: %d after, baseline %d", runtime.NumGoroutine(), baseG)
	}
}
