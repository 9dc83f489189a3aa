package engine

import "math"

// Variable pitch. A constant-pitch spiral leaves room between every pair of
// turns for the loudest swing the cutter may make, so silence and quiet
// passages waste most of the land. Mastering lathes from the 1950s on
// (Neumann, Scully, Ortofon) spaced the turns by the music instead, from an
// advance (preview) playback head a revolution ahead of the cutter. Our
// whole programme is known before the groove is laid out, so the spacing is
// exact, not a prediction:
//
//   - Turn k's need is the groove's top width, plus a safety land, plus the
//     largest swing of turn k+1 outwards relative to turn k at the same
//     angle (the lateral displacement is + outward, so at sample i it is
//     lat(i+n) − lat(i)). Where the turns would swing apart the need is
//     just width plus land.
//   - Between turn starts the radius is interpolated, so the spacing at a
//     sample a fraction t into turn k is (1−t)·pitch[k] + t·pitch[k+1]:
//     pitch[k] must cover the need of turn k and of turn k−1.
//   - That is clipped to [width + land, nominal pitch] (a variable-pitch
//     disc never needs more room than a constant-pitch one), and smoothed to
//     the lowest profile above it whose pitch changes by at most
//     pitchStepFrac of nominal from one turn to the next: the carriage's
//     feed changes gently, and a loud passage is prepared turns ahead.
//
// The profile is derived from the fresh int16 groove with integer
// differences and plain float64 additions, so native and wasm builds lay
// out the same spiral; it is never stored in a file, and never changes
// after the cut, so clones share it.
const (
	// pitchLandUM is the land kept between neighbouring turns at their
	// closest, µm (never more than half the nominal land).
	pitchLandUM = 20
	// pitchStepFrac is the largest change of pitch from one turn to the
	// next, as a fraction of the nominal pitch: 25 µm at 100 lpi, so the
	// pitch can swing from its narrowest to its widest in about five turns.
	pitchStepFrac = 0.1
)

// pitchProfile is a variable-pitch spiral: turnR[k] is the radius (mm) at
// the start of programme turn k, k = 0…K with K = ⌈programme / n⌉ (turnR[K]
// lies past the programme's end and only shapes the last turn). nil turnR
// means a constant pitch.
type pitchProfile struct {
	turnR    []float64
	endR     float64 // radius where the programme ends
	minPitch float64 // closest turns, mm
}

// radius is the spiral's radius off samples into the programme.
func (pp *pitchProfile) radius(off, n float64) float64 {
	k := int(off / n)
	k = max(0, min(k, len(pp.turnR)-2))
	t := (off - float64(k)*n) / n
	r0, r1 := pp.turnR[k], pp.turnR[k+1]
	return r0 - float64((r0-r1)*t) // the conversion forbids a fused multiply-add
}

// layOutPitch derives the spiral from the fresh groove (VariablePitch), or
// clears it (constant pitch). Call after the groove is quantised and
// before anything reads radii: the wear cells' curvature, the marks.
func (d *Disc) layOutPitch() {
	d.pitch = pitchProfile{}
	p := d.Params
	if !p.VariablePitch || d.progLen == 0 {
		return
	}
	n := d.n
	turns := (d.progLen + n - 1) / n
	ps, pe := d.ProgrammeStart(), d.ProgrammeEnd()
	g := d.groove
	nominal := p.PitchMM() * 1000
	width := d.GrooveWidthUM()
	land := math.Min(pitchLandUM, (nominal-width)/2)
	narrow := width + land
	// need[k+1] is turn k's need, k = −1 (the lead-in's last turn) … turns−1.
	need := make([]float64, turns+1)
	for k := -1; k < turns; k++ {
		lo, hi := ps+k*n, min(ps+(k+1)*n, pe)
		reach := int32(math.MinInt32)
		for i := lo; i < hi; i++ { // i+n < pe+n < len(g)
			reach = max(reach, int32(g[i+n])-int32(g[i]))
		}
		need[k+1] = narrow + math.Max(0, float64(float64(reach)*d.scaleUM))
	}
	pitch := make([]float64, turns)
	for k := range pitch {
		pitch[k] = math.Min(nominal, math.Max(need[k], need[k+1]))
	}
	// The lowest profile above pitch that changes by at most step per turn:
	// the upper envelope of cones of slope step, in two passes.
	step := pitchStepFrac * nominal
	for k := 1; k < turns; k++ {
		pitch[k] = math.Max(pitch[k], pitch[k-1]-step)
	}
	for k := turns - 2; k >= 0; k-- {
		pitch[k] = math.Max(pitch[k], pitch[k+1]-step)
	}
	pp := pitchProfile{turnR: make([]float64, turns+1), minPitch: nominal / 1000}
	pp.turnR[0] = p.StartRadiusMM
	for k, pk := range pitch {
		pp.turnR[k+1] = pp.turnR[k] - pk/1000
		pp.minPitch = math.Min(pp.minPitch, pk/1000)
	}
	pp.endR = pp.radius(float64(d.progLen), float64(n))
	d.pitch = pp
}

// PitchAtMM is the radial distance from the groove at sample i to the turn
// one revolution further in: Params.PitchMM() on a constant-pitch disc, the
// local spacing on a variable-pitch one.
func (d *Disc) PitchAtMM(i int) float64 { return d.pitchAt(float64(i)) }

func (d *Disc) pitchAt(x float64) float64 {
	if d.pitch.turnR == nil {
		return d.Params.PitchMM()
	}
	return d.radiusAt(x) - d.radiusAt(x+float64(d.n))
}

// MinPitchMM is the closest spacing of neighbouring programme turns:
// Params.PitchMM() at a constant pitch, the tightest turn of a
// variable-pitch spiral.
func (d *Disc) MinPitchMM() float64 {
	if d.pitch.turnR == nil {
		return d.Params.PitchMM()
	}
	return d.pitch.minPitch
}
