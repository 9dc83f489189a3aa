package game

import (
	"math"
	"sync"

	"bonemusic/engine"
)

// micStatus is where a microphone capture is.
type micStatus uint8

const (
	micIdle    micStatus = iota
	micAsking            // waiting for the browser's permission or the sound server
	micOn                // samples are arriving
	micDenied            // the visitor or the browser refused
	micNotHere           // the page embedding the app does not allow the microphone (iframe allow=)
	micMissing           // no microphone at all
	micFailed            // anything else; see the error
)

// capture is the part of a microphone both platforms share: captured
// samples arrive (from the audio thread, a JS callback or PulseAudio) at the
// device's rate and are resampled to the engine's rate as the game takes
// them, with a level meter over the latest block.
type capture struct {
	mu      sync.Mutex
	pending []float32 // at rateHz, not yet taken
	rateHz  int
	rs      *engine.Resampler
	peak    float64
}

// put hands captured samples over (any goroutine).
func (c *capture) put(samples []float32, rateHz int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if rateHz != c.rateHz {
		c.rateHz, c.rs = rateHz, nil
	}
	// A game that stops taking (a hidden tab) must not let this grow
	// without bound: keep at most a minute.
	if len(c.pending) > 60*rateHz {
		return
	}
	c.pending = append(c.pending, samples...)
}

// take appends everything captured since the last call to dst, at the
// engine's rate, and updates the level.
func (c *capture) take(dst []float32) []float32 {
	c.mu.Lock()
	in, rate := c.pending, c.rateHz
	c.pending = nil
	c.mu.Unlock()
	if len(in) == 0 || rate == 0 {
		c.peak *= 0.9 // the meter falls back when nothing arrives
		return dst
	}
	if c.rs == nil {
		rs, err := engine.NewResampler(rate)
		if err != nil {
			return dst
		}
		c.rs = rs
	}
	start := len(dst)
	dst = c.rs.Push(dst, in)
	peak := 0.0
	for _, v := range dst[start:] {
		peak = math.Max(peak, math.Abs(float64(v)))
	}
	c.peak = math.Max(peak, c.peak*0.9)
	return dst
}

// level is the recent peak, 0–1, for the meter.
func (c *capture) level() float64 { return math.Min(1, c.peak) }

// reset forgets what was captured and the resampler's state.
func (c *capture) reset() {
	c.mu.Lock()
	c.pending, c.rs, c.peak = nil, nil, 0
	c.mu.Unlock()
}

// float32frombytes reads a little-endian float32 (JS typed arrays are
// little-endian on every platform browsers run on).
func float32frombytes(b []byte) float32 {
	return math.Float32frombits(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
}
