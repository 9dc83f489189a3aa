package engine

import "math"

// limiter is the lathe's look-ahead level limiter. A cutter cannot cut a
// wall steeper than 1 (recorded velocity above groove speed: the cutter's
// back face would plough the wall it just cut) and must not swing beyond half
// the land or it breaks into the neighbouring turn (docs/physics.md). Gain is
// lowered smoothly ahead of a peak; a final clip and slew limit are the
// safety net. When the programme never reaches the limits, the gain stays
// exactly 1 and the groove is a bit-exact, delayed copy of the input.
type limiter struct {
	on     bool
	maxUM  float64
	invMax float64 // 1/maxUM
	look   int
	x      []float64 // ring of pending displacement
	arc    []float64 // ring of arc length at each pending sample
	need   []float64 // ring of gain each pending sample needs
	head   int       // next write slot
	count  int       // filled slots
	prev   float64   // previous input (slope)
	gain   float64
	rel    float64
	att    float64
	outPrv float64
	dq     []int // monotonic deque of absolute indices for the sliding min of need
	dqHead int
	abs    int
}

func newLimiter(maxUM float64, on bool) limiter {
	look := 128 // ≈ 2.9 ms look-ahead (a power of two: ring index by mask)
	return limiter{on: on, maxUM: maxUM, invMax: 1 / maxUM, look: look,
		x: make([]float64, look), arc: make([]float64, look), need: make([]float64, look),
		gain: 1, rel: 1 - math.Exp(-1/(0.08*EngineRate)), att: 1 - math.Exp(-4/float64(look))}
}

func (l *limiter) delay() int { return l.count }

// process takes one displacement (µm), the arc length at its sample and
// slopeInv = 1/(0.95·arc), which the caller keeps per block so no sample
// divides; it returns the displacement leaving the delay line, if any.
func (l *limiter) process(y, arcUM, slopeInv float64) (float64, bool) {
	if !l.on {
		return math.Max(-l.maxUM*1.03, math.Min(l.maxUM*1.03, y)), true
	}
	dy := y - l.prev
	if dy < 0 {
		dy = -dy
	}
	l.prev = y
	ay := y
	if ay < 0 {
		ay = -ay
	}
	r := ay * l.invMax
	if s := dy * slopeInv; s > r {
		r = s
	}
	need := 1.0
	if r > 1 {
		need = 1 / r
	}
	var out float64
	ok := false
	if l.count == l.look {
		out, ok = l.emit(), true
	}
	slot := l.head
	l.x[slot], l.arc[slot], l.need[slot] = y, arcUM, need
	l.head = (l.head + 1) & (l.look - 1)
	l.count++
	// Sliding minimum of need over the look-ahead window (a monotonic
	// deque). Samples that need no reduction are never queued: an empty
	// queue means "no limiting ahead", the common, fast case.
	if need < 1 {
		for len(l.dq) > l.dqHead && l.need[l.dq[len(l.dq)-1]&(l.look-1)] >= need {
			l.dq = l.dq[:len(l.dq)-1]
		}
		l.dq = append(l.dq, l.abs)
	}
	l.abs++
	if l.dqHead > 1024 {
		l.dq = append(l.dq[:0], l.dq[l.dqHead:]...)
		l.dqHead = 0
	}
	return out, ok
}

// emit releases the oldest pending sample with the smoothed gain.
func (l *limiter) emit() float64 {
	oldest := l.abs - l.count
	for l.dqHead < len(l.dq) && l.dq[l.dqHead] < oldest {
		l.dqHead++
	}
	target := 1.0
	if l.dqHead < len(l.dq) {
		target = l.need[l.dq[l.dqHead]&(l.look-1)]
	}
	if target < l.gain {
		l.gain += (target - l.gain) * l.att
	} else {
		l.gain += (target - l.gain) * l.rel
	}
	if l.gain > 0.999999 {
		l.gain = 1 // fully released: back to the bit-exact path
	}
	slot := oldest & (l.look - 1)
	v := l.x[slot] * l.gain
	if l.gain < 1 || v > l.maxUM || v < -l.maxUM {
		v = math.Max(-l.maxUM, math.Min(l.maxUM, v))
		lim := 0.99 * l.arc[slot]
		v = math.Max(l.outPrv-lim, math.Min(l.outPrv+lim, v))
	}
	l.outPrv = v
	l.count--
	return v
}

// flush releases one pending sample without new input.
func (l *limiter) flush() float64 {
	if !l.on || l.count == 0 {
		l.count = 0
		return 0
	}
	return l.emit()
}
