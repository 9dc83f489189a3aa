package synth

import "math"

// Oscillators run on 32-bit fixed-point phase (a full cycle is 2^32) and a
// sine table: phase arithmetic is exact, so the same seed gives the same
// samples on amd64 and wasm, and a table lookup is far cheaper than math.Sin
// for the dozens of partials a chord needs.
const (
	tableBits = 12
	tableSize = 1 << tableBits
	fracBits  = 32 - tableBits
)

// sineTable holds one cycle of a sine plus a guard point for interpolation.
type sineTable [tableSize + 1]float32

func newSineTable() *sineTable {
	var t sineTable
	for i := range t {
		t[i] = float32(math.Sin(2 * math.Pi * float64(i) / tableSize))
	}
	return &t
}

// at returns sin(2π·phase/2^32), linearly interpolated.
func (t *sineTable) at(phase uint32) float32 {
	i := phase >> fracBits
	frac := float32(phase&(1<<fracBits-1)) * (1.0 / (1 << fracBits))
	a := t[i]
	return a + (t[i+1]-a)*frac
}

// phaseStep is the per-sample phase increment for freqHz at rateHz.
func phaseStep(freqHz float64, rateHz int) uint32 {
	return uint32(uint64(freqHz / float64(rateHz) * (1 << 32)))
}

// phaseOffset turns a phase offset in cycles (any sign, any size) into
// fixed point. It goes through int64 because converting an out-of-range
// float to a 32-bit integer is implementation-defined in Go and would differ
// between platforms.
func phaseOffset(cycles float64) uint32 {
	return uint32(int64(cycles * (1 << 32)))
}

// rng is splitmix64: tiny, fast, and identical on every platform.
type rng struct{ state uint64 }

func newRNG(seed uint64) *rng { return &rng{state: seed ^ 0x9e3779b97f4a7c15} }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a uniform number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) * (1.0 / (1 << 53)) }

// noise returns a uniform number in [-1, 1).
func (r *rng) noise() float32 { return float32(r.float()*2 - 1) }

// intn returns a uniform integer in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// pick returns one of the choices, uniformly.
func pick[T any](r *rng, choices ...T) T { return choices[r.intn(len(choices))] }

// midiHz is the equal-tempered frequency of a MIDI note number (A4 = 69 = 440 Hz).
func midiHz(note int) float64 { return 440 * math.Pow(2, float64(note-69)/12) }
