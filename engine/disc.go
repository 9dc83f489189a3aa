package engine

import (
	"fmt"
	"math"
)

// Material is what the disc is made of; it sets hardness, stiffness and grain.
type Material uint8

const (
	MaterialFilm    Material = iota // 1950s X-ray film: cellulose acetate, soft (the bone record)
	MaterialShellac                 // 78 rpm shellac compound, hard
	MaterialVinyl                   // PVC vinyl
)

func (m Material) String() string {
	switch m {
	case MaterialFilm:
		return "film"
	case MaterialShellac:
		return "shellac"
	case MaterialVinyl:
		return "vinyl"
	}
	return fmt.Sprintf("material(%d)", uint8(m))
}

// Films are the procedural radiographs a disc can be cut from (drawn by render).
var Films = []string{"chest", "skull", "hands", "spine", "pelvis", "knee"}

// Standard turntable speeds. 78.26 rpm is the 60 Hz-mains "78".
const (
	RPM78 = 78.26
	RPM45 = 45.0
	RPM33 = 100.0 / 3
)

// EngineRate is the sample rate of groove geometry and of playback, Hz.
const EngineRate = 44100

// Params are a disc's physical parameters. Units are in the names.
type Params struct {
	DiameterMM      float64  // outer diameter of the cut disc: 175–300
	RPM             float64  // cutting speed
	LPI             float64  // groove pitch, lines per inch: 80–300 (the widest pitch if VariablePitch)
	StartRadiusMM   float64  // radius where the programme starts (after the lead-in)
	EndRadiusMM     float64  // innermost programme radius (before the run-out)
	EccentricityMM  float64  // centre-hole offset from the groove centre
	EccentricityRad float64  // direction of that offset, radians
	Material        Material // film, shellac or vinyl
	Film            string   // one of Films (ignored for shellac/vinyl)
	Seed            uint64   // drives every random choice: film art, grain, dust, scratches
	Title           string   // hand-written title, optional, Latin or Cyrillic
	// VariablePitch spaces the programme's turns by the music, as mastering
	// lathes do: each turn's pitch is chosen from the fresh groove's swing
	// towards its neighbours, never wider than LPI's pitch (pitch.go). The
	// zero value is the constant pitch of LPI. Either way the disc holds
	// the same programme (Capacity); a variable-pitch spiral just ends
	// further out.
	VariablePitch bool
}

// DefaultParams is a bone record as docs/physics.md describes it: 250 mm,
// 78.26 rpm, 100 lpi from 118 mm in to 57 mm, a hole burned 1 mm off-centre.
func DefaultParams() Params {
	return Params{
		DiameterMM:     250,
		RPM:            RPM78,
		LPI:            100,
		StartRadiusMM:  118,
		EndRadiusMM:    57,
		EccentricityMM: 1,
		Material:       MaterialFilm,
		Film:           "chest",
		Seed:           1,
	}
}

// PitchMM is the radial distance between neighbouring turns: the nominal
// pitch, and with VariablePitch the widest (Disc.PitchAtMM is the local one).
func (p Params) PitchMM() float64 { return 25.4 / p.LPI }

// SamplesPerRev is the number of angle samples in one revolution at EngineRate.
func (p Params) SamplesPerRev() int { return int(math.Round(EngineRate * 60 / p.RPM)) }

// Capacity is how long a programme the spiral between StartRadiusMM and
// EndRadiusMM holds: turns / (rpm/60).
func (p Params) Capacity() float64 {
	turns := (p.StartRadiusMM - p.EndRadiusMM) / p.PitchMM()
	return turns * 60 / p.RPM
}

// Validate says, in words a visitor understands, what is wrong with p.
func (p Params) Validate() error {
	switch {
	case !(p.DiameterMM >= 175 && p.DiameterMM <= 300):
		return fmt.Errorf("disc diameter %.0f mm is outside 175–300 mm", p.DiameterMM)
	case !(p.RPM >= 16 && p.RPM <= 100):
		return fmt.Errorf("speed %.2f rpm is outside 16–100 rpm", p.RPM)
	case !(p.LPI >= 80 && p.LPI <= 300):
		return fmt.Errorf("pitch %.0f lines per inch is outside 80–300", p.LPI)
	case !(p.EndRadiusMM >= 20 && p.EndRadiusMM < p.StartRadiusMM):
		return fmt.Errorf("groove radii %.1f–%.1f mm are not an inward spiral", p.StartRadiusMM, p.EndRadiusMM)
	case !(p.StartRadiusMM+3 <= p.DiameterMM/2):
		return fmt.Errorf("groove starts at %.1f mm, too close to the %.0f mm edge", p.StartRadiusMM, p.DiameterMM)
	case !(p.EccentricityMM >= 0 && p.EccentricityMM <= 5):
		return fmt.Errorf("hole offset %.1f mm is outside 0–5 mm", p.EccentricityMM)
	case math.IsNaN(p.EccentricityRad) || math.IsInf(p.EccentricityRad, 0):
		return fmt.Errorf("hole offset angle is not a number")
	case p.Material > MaterialVinyl:
		return fmt.Errorf("unknown material %d", p.Material)
	}
	return nil
}

// Groove layout around the programme. The lead-in is a silent, coarse spiral
// from near the edge; the run-out is a fast spiral to a closed (locked) turn.
const (
	leadInTurns = 2
	leadInMM    = 2.5 // radial travel of the lead-in
	runOutTurns = 2
	runOutMM    = 4.0 // radial travel of the run-out spiral
)

// BlockSize is the number of groove samples that share one wear cell
// (about 0.7–1.4 mm of groove at 78 rpm).
const BlockSize = 64

const blockShift = 6 // log2(BlockSize)

// Disc is a cut groove and its wear state. The fresh groove is stored as
// int16 fixed point (LateralScaleUM per step): 16 MB for a full 3-minute side.
// Wear is kept per BlockSize cell as three float32 numbers, so the worn
// geometry is the fresh one smoothed (see wear.go): a worn copy would not fit
// the 32 MB budget, and wear by a rounded tip is a smoothing anyway.
type Disc struct {
	Params Params
	Cut    CutInfo // how the disc was cut; playback EQ needs it

	n       int     // samples per revolution
	progLen int     // programme samples
	scaleUM float64 // µm per int16 step
	groove  []int16 // fresh lateral displacement, + = outward

	smoothUM2 []float32    // per block: accumulated wear smoothing variance σ², µm²
	wallUM    []float32    // per block: wall height, µm
	roughUM   []float32    // per block: wall roughness rms, µm
	stats     cellStats    // derived from groove: curvature per block (cellstats.go)
	pitch     pitchProfile // derived from groove when VariablePitch (pitch.go)

	marks   []Mark
	history []PlayRecord
}

// CutInfo records the cutting choices a player needs to undo.
type CutInfo struct {
	Characteristic Characteristic
	TurnoverHz     float64 // 78-era bass turnover
	CutterHz       float64 // cutter-head band limit
	LevelDB        float64
	Hot            bool
}

// MarkKind says what a Mark is.
type MarkKind uint8

const (
	MarkDust    MarkKind = iota // a speck in the groove, spans a few turns
	MarkScratch                 // a radial scratch, clicks once per revolution
	MarkSkip                    // where the stylus jumped a groove
)

// Mark is a surface defect or event at a place on the disc, for drawing and
// for the noise model. LengthMM is radial extent.
type Mark struct {
	Kind     MarkKind
	RadiusMM float64
	AngleRad float64
	LengthMM float64
	DepthUM  float64 // severity: how far it pushes the stylus
}

// PlayRecord is one play in a disc's history.
type PlayRecord struct {
	Pickup        string
	RPM           float64
	ForceGrams    float64
	SamplesTraced int64   // groove samples the stylus passed over
	Seconds       float64 // audio produced
	Skips         int
	FidelityDB    float64 // Fidelity against a fresh point-stylus play; valid if Frames > 0
	Frames        int     // voiced 20 ms frames the fidelity averages
	SignalRMS     float64 // rms of the fidelity reference over voiced frames
	ResidualRMS   float64 // rms of (played − gain·reference) over voiced frames
	NeedleUM      float64 // radius of the flat worn on a steel needle by the end of the play
	Aged          bool    // played by Age: wear computed, fidelity measured on excerpts
}

func (d *Disc) SamplesPerRev() int  { return d.n }
func (d *Disc) ProgrammeStart() int { return leadInTurns * d.n }
func (d *Disc) ProgrammeEnd() int   { return d.ProgrammeStart() + d.progLen }
func (d *Disc) lockStart() int      { return d.ProgrammeEnd() + runOutTurns*d.n }

// Len is the number of angle samples from the lead-in to the end of the
// single locked turn.
func (d *Disc) Len() int { return d.lockStart() + d.n }

// ProgrammeSeconds is the length of the cut programme.
func (d *Disc) ProgrammeSeconds() float64 { return float64(d.progLen) / EngineRate }

// LateralScaleUM is the groove's fixed-point step in µm.
func (d *Disc) LateralScaleUM() float64 { return d.scaleUM }

func (d *Disc) clampIndex(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(d.groove) {
		return len(d.groove) - 1
	}
	return i
}

// RadiusMM is the unmodulated spiral radius at sample i.
func (d *Disc) RadiusMM(i int) float64 { return d.radiusAt(float64(i)) }

func (d *Disc) radiusAt(x float64) float64 {
	p := d.Params
	n := float64(d.n)
	ps := float64(d.ProgrammeStart())
	pe := float64(d.ProgrammeEnd())
	ls := float64(d.lockStart())
	variable := d.pitch.turnR != nil
	rEnd := p.StartRadiusMM - p.PitchMM()*float64(d.progLen)/n
	if variable {
		rEnd = d.pitch.endR
	}
	switch {
	case x < 0:
		return p.StartRadiusMM + leadInMM
	case x < ps:
		return p.StartRadiusMM + leadInMM*(1-x/ps)
	case x < pe:
		if variable {
			return d.pitch.radius(x-ps, n)
		}
		return p.StartRadiusMM - p.PitchMM()*(x-ps)/n
	case x < ls:
		return rEnd - runOutMM*(x-pe)/(ls-pe)
	}
	return rEnd - runOutMM
}

// AngleRad is the angle of sample i on the disc (0 at the lead-in start,
// growing with playing direction).
func (d *Disc) AngleRad(i int) float64 {
	if i < 0 {
		i = 0
	}
	return 2 * math.Pi * float64(i%d.n) / float64(d.n)
}

// arcUM is the groove length between neighbouring samples at sample x.
func (d *Disc) arcUM(x float64) float64 {
	return 2 * math.Pi * d.radiusAt(x) * 1000 / float64(d.n)
}

// FreshLateralUM is the lateral displacement as cut, µm (+ = outward).
func (d *Disc) FreshLateralUM(i int) float64 {
	if len(d.groove) == 0 {
		return 0
	}
	return float64(d.groove[d.clampIndex(i)]) * d.scaleUM
}

// GrooveWidthUM is the top width of the groove (90° cutter: twice the depth).
func (d *Disc) GrooveWidthUM() float64 { return 2 * d.Params.Material.props().depthUM }

func (d *Disc) block(i int) int { return d.clampIndex(i) / BlockSize }

// WallHeightUM is the current wall height at sample i (fresh = groove depth).
func (d *Disc) WallHeightUM(i int) float64 {
	if len(d.wallUM) == 0 {
		return d.Params.Material.props().depthUM
	}
	return float64(d.wallUM[d.block(i)])
}

// FreshWallHeightUM is the wall height at sample i as cut (film's cut
// depth wanders a little round the disc).
func (d *Disc) FreshWallHeightUM(i int) float64 {
	if len(d.groove) == 0 {
		return d.Params.Material.props().depthUM
	}
	return d.freshWallUM(d.block(i))
}

// RoughnessUM is the current rms wall roughness at sample i.
func (d *Disc) RoughnessUM(i int) float64 {
	if len(d.roughUM) == 0 {
		return d.Params.Material.props().grainUM
	}
	return float64(d.roughUM[d.block(i)])
}

// Wear is 0 for a fresh groove and 1 for one worn through, for drawing. It
// is the larger of the smoothing (1 − e^(−σ/60 µm): treble gone at σ ≈ 60 µm)
// and the wall loss as a fraction of the wall a 63 µm (78) stylus needs above
// its contact point — at 1 such a stylus rides out of the groove.
func (d *Disc) Wear(i int) float64 {
	if len(d.wallUM) == 0 {
		return 0
	}
	b := d.block(i)
	smooth := 1 - math.Exp(-math.Sqrt(float64(d.smoothUM2[b]))/60)
	fresh := d.freshWallUM(b)
	wall := (fresh - float64(d.wallUM[b])) / (fresh - 0.7071*63)
	return math.Min(1, math.Max(0, math.Max(smooth, wall)))
}

// Marks returns a copy of the dust, scratch and skip marks.
func (d *Disc) Marks() []Mark { return append([]Mark(nil), d.marks...) }

// History returns a copy of the play history.
func (d *Disc) History() []PlayRecord { return append([]PlayRecord(nil), d.history...) }

// Plays is the number of plays so far.
func (d *Disc) Plays() int { return len(d.history) }

// MemoryBytes is the heap the disc's arrays occupy.
func (d *Disc) MemoryBytes() int {
	return 2*cap(d.groove) + 4*(cap(d.smoothUM2)+cap(d.wallUM)+cap(d.roughUM)) +
		4*(cap(d.stats.kappaRMS)+cap(d.stats.kappaPeak)+cap(d.stats.lambdaUM)) + 8*cap(d.pitch.turnR) +
		48*cap(d.marks) + 128*cap(d.history)
}
