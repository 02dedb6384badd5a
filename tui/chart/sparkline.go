package chart

import "charm.land/lipgloss/v2"

var (
	sparkLevels      = []rune("▁▂▃▄▅▆▇█")
	asciiSparkLevels = []rune(" .:-=+*#")
)

// Sparkline draws values as one row of width cells (▁ to █, or " .:-=+*#"
// in ASCII), all in style. The values are resampled to the width: each cell
// shows the average of its bucket, so a spike is damped but never lost; with
// fewer values than cells each value spans several cells. Heights run from
// zero (or the lowest value, if negative) to the highest value, so that a
// flat series at 100 reads full rather than empty. Cells with no finite
// value are blank.
func Sparkline(values []float64, width int, ascii bool, style lipgloss.Style) string {
	return render(width, 1, func(c *canvas) {
		c.vals = grow(c.vals, c.w)
		resample(c.vals, values)
		lo, hi := extent(c.vals, 0, 0)
		levels := sparkLevels
		if ascii {
			levels = asciiSparkLevels
		}
		st := c.style(style)
		for x, v := range c.vals {
			r := ' '
			switch {
			case !finite(v):
			case hi > lo:
				r = levels[scale(frac(v, lo, hi), len(levels))]
			default:
				r = levels[0]
			}
			c.set(x, 0, r, st)
		}
	})
}
