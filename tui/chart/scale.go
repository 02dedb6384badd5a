package chart

import "math"

func finite(v float64) bool { return v-v == 0 }

// extent returns the smallest and largest finite values, or +Inf and -Inf
// when there is none, which yRange then treats as "no data".
func extent(values []float64, mn, mx float64) (float64, float64) {
	for _, v := range values {
		if finite(v) {
			mn, mx = min(mn, v), max(mx, v)
		}
	}
	return mn, mx
}

// niceSteps are the mantissas a rounded bound may take: close enough
// together that rounding wastes at most a fifth of the height.
var niceSteps = [...]float64{1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10}

// niceCeil rounds a > 0 up to a readable number. Where no such number is
// representable (denormals, near MaxFloat64) it returns a unchanged.
func niceCeil(a float64) float64 {
	p := math.Pow10(int(math.Floor(math.Log10(a))))
	for _, m := range niceSteps {
		if v := m * p; v >= a*(1-1e-9) {
			if finite(v) && v > 0 {
				return v
			}
			break
		}
	}
	return a
}

// yRange is the value range of the plot for data between mn and mx. It
// includes zero, so that magnitudes compare honestly, and rounds outward;
// fixed bounds win. The result always has lo < hi with a usable span.
func (f *Frame) yRange(mn, mx float64) (lo, hi float64) {
	lo, hi = min(mn, 0), max(mx, 0)
	if hi > 0 {
		hi = niceCeil(hi)
	}
	if lo < 0 {
		lo = -niceCeil(-lo)
	}
	if f.FixYMin && finite(f.YMin) {
		lo = f.YMin
	}
	if f.FixYMax && finite(f.YMax) {
		hi = f.YMax
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		switch {
		case lo > 0:
			lo = 0
		case lo < 0:
			hi = 0
		default:
			hi = 1
		}
	}
	if !(hi/2-lo/2 > 0) { // a span too small to divide by
		lo, hi = 0, 1
	}
	return lo, hi
}

// frac is v's position between lo (0) and hi (1), computed on halves so that
// ranges near ±MaxFloat64 do not overflow.
func frac(v, lo, hi float64) float64 {
	return (v/2 - lo/2) / (hi/2 - lo/2)
}

// scale maps t in [0, 1] to the nearest of n steps 0..n-1, clamping values
// outside the range (and NaN) to the ends.
func scale(t float64, n int) int {
	switch {
	case !(t > 0):
		return 0
	case t >= 1:
		return n - 1
	}
	return int(math.Round(t * float64(n-1)))
}

// bucket is the range of source indexes [a, b) that column i of w columns
// stands for when n values are spread over the columns; with fewer values
// than columns, each value spans several columns.
func bucket(i, n, w int) (a, b int) {
	a, b = i*n/w, (i+1)*n/w
	return a, max(b, a+1)
}

// resample sets each of dst to the average of the finite values of its
// bucket of src, or NaN when the bucket has none. The average (rather than
// the last value) keeps a bucket's bar honest about a spike inside it.
func resample(dst, src []float64) {
	for i := range dst {
		dst[i] = math.NaN()
		if len(src) == 0 {
			continue
		}
		a, b := bucket(i, len(src), len(dst))
		k := 0
		for _, v := range src[a:b] {
			if finite(v) {
				k++
			}
		}
		if k == 0 {
			continue
		}
		sum := 0.0
		for _, v := range src[a:b] {
			if finite(v) {
				sum += v / float64(k) // divided first: no overflow near MaxFloat64
			}
		}
		dst[i] = sum
	}
}
