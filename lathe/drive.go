package lathe

import (
	"math"
	"sync"

	"bonemusic/engine"
)

// referenceVelocityMS is the cutter velocity of the engine's reference
// level: a full-scale 1 kHz sine is cut at 10 cm/s peak (see engine.Cut).
const referenceVelocityMS = 0.10

// Drive is the signal for the cutter head, read at engine.EngineRate from
// the disc's first sample (the start of the spiral): a moving-coil cutter
// moves with the velocity of its drive, so the drive is the velocity of the
// groove as the engine cut it — the programme after the engine's
// pre-emphasis and limiter — scaled so the reference level peaks at 1.
// Read and Advance make it a clock like the turntable's: the app plays it
// through the sound card from the moment the machine starts the spiral.
type Drive struct {
	mu    sync.Mutex
	disc  *engine.Disc
	pos   int
	level float64 // rms of the last block read, full scale 1
}

// NewDrive is the drive signal for cutting d.
func NewDrive(d *engine.Disc) *Drive { return &Drive{disc: d} }

// at is the drive at sample i.
func (dr *Drive) at(i int) float32 {
	d := dr.disc
	if i <= d.ProgrammeStart() || i >= d.ProgrammeEnd() {
		return 0 // the lead-in, run-out and locked groove are silent
	}
	umPerSample := (d.FreshLateralUM(i+1) - d.FreshLateralUM(i-1)) / 2
	v := umPerSample * engine.EngineRate * 1e-6 / referenceVelocityMS
	return float32(math.Max(-1, math.Min(1, v)))
}

// Read fills dst with the next samples of the drive; after the disc it is
// silence. It never fails.
func (dr *Drive) Read(dst []float32) (int, error) {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	var sum float64
	for k := range dst {
		v := dr.at(dr.pos + k)
		dst[k] = v
		sum += float64(v) * float64(v)
	}
	dr.pos += len(dst)
	if len(dst) > 0 {
		dr.level = math.Sqrt(sum / float64(len(dst)))
	}
	return len(dst), nil
}

// Advance moves the drive on without sound (no audio device).
func (dr *Drive) Advance(samples int) {
	dr.mu.Lock()
	dr.pos += samples
	dr.level = 0
	dr.mu.Unlock()
}

// Level is the rms of the last samples read, 0–1, for a meter.
func (dr *Drive) Level() float64 {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	return dr.level
}

// Sample is how far the drive has played, in disc samples.
func (dr *Drive) Sample() int {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	return dr.pos
}
