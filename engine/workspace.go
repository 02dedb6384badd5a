package engine

// workspace holds a run's per-month buffers. It lives in the Result so that a re-run after a
// slider nudge reuses every array and allocates nothing.
type workspace struct {
	all        []Month   // every month from 2025-01; Result.Months is the part from the start
	growth     []float64 // monthly demand growth factor, the run and its look-ahead
	tranche    []float64 // GW of the signed schedule falling due, by month from 2025-01
	cumTranche []float64 // prefix sums of tranche: cumTranche[k] = Σ tranche[:k]
	newGW      []float64 // GW signed in the month by the flywheel (R1), cut by restructurings
	newPrice   []float64 // their signing price, $B per GW
	cumNew     []float64 // prefix sums of newGW
	del        []float64 // GW delivered in the month
	cumDel     []float64 // prefix sums of del
	chipV      []float64 // chip rent ($B/yr) the month's deliveries add, at their signing prices
	startGW    []float64 // GW of power started in the month, cut by restructurings
	queue      queue
}

func (w *workspace) resize(n, ahead, nTranche int) {
	w.all = resize(w.all, n)
	w.growth = resize(w.growth, ahead+1)
	w.tranche = resize(w.tranche, nTranche)
	w.cumTranche = resize(w.cumTranche, nTranche+1)
	w.cumTranche[0] = 0
	for _, b := range []*[]float64{&w.newGW, &w.newPrice, &w.del, &w.chipV, &w.startGW} {
		*b = resize(*b, n)
	}
	w.cumNew = resize(w.cumNew, n+1)
	w.cumDel = resize(w.cumDel, n+1)
	w.cumNew[0], w.cumDel[0] = 0, 0
	w.queue.grow(3*n + 1)
}

// queue is the GW due and not yet delivered, first in first out, as tranches that each keep the
// price they were signed at: a GW delivered late is rented at its signing price.
type queue struct {
	gws, prices []float64
	head, tail  int
	gw          float64 // GW in the queue
	value       float64 // $B in the queue at signing prices
}

func (q *queue) grow(n int) {
	q.gws = resize(q.gws, n)
	q.prices = resize(q.prices, n)
}

func (q *queue) reset() { q.head, q.tail, q.gw, q.value = 0, 0, 0, 0 }

// push adds gw due at price $B per GW.
func (q *queue) push(gw, price float64) {
	if gw <= 0 {
		return
	}
	q.gws[q.tail], q.prices[q.tail] = gw, price
	q.tail++
	q.gw += gw
	q.value += gw * price
}

// pop delivers gw (at most what is queued) from the front and returns their value at signing
// prices.
func (q *queue) pop(gw float64) float64 {
	if gw <= 0 {
		return 0
	}
	value, taken := 0.0, 0.0
	head, tail := q.head, q.tail
	gws, prices := q.gws[:tail], q.prices[:tail]
	for head < tail {
		left := gws[head]
		if gw < left { // the delivery ends inside this tranche
			gws[head] = left - gw
			value += gw * prices[head]
			taken += gw
			break
		}
		value += left * prices[head]
		taken += left
		gw -= left
		head++
		if gw <= 0 {
			break
		}
	}
	q.head = head
	q.gw, q.value = fmax(0, q.gw-taken), fmax(0, q.value-value)
	if head == tail { // empty: no rounding residue may count as GW due
		q.gw, q.value = 0, 0
	}
	return value
}

// scale keeps share k of every tranche in the queue (a restructuring cancels the rest).
func (q *queue) scale(k float64) {
	for i := q.head; i < q.tail; i++ {
		q.gws[i] *= k
	}
	q.gw *= k
	q.value *= k
}

// fmin and fmax are min and max for the run's floats, which are never NaN: the builtins' NaN and
// signed-zero handling costs several instructions, and a run makes dozens of calls a month.
func fmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
