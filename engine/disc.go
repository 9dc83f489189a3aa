// Package engine is Bone Music's groove engine: audio becomes physical groove
// geometry in micrometres, a stylus traces that geometry, and every play wears
// it. Pure Go and deterministic: no Ebiten, no syscall/js, seeded randomness.
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
	LPI             float64  // groove pitch, lines per inch: 80–300
	StartRadiusMM   float64  // radius where the programme starts (after the lead-in)
	EndRadiusMM     float64  // innermost programme radius (before the run-out)
	EccentricityMM  float64  // centre-hole offset from the groove centre
	EccentricityRad float64  // direction of that offset, radians
	Material        Material // film, shellac or vinyl
	Film            string   // one of Films (ignored for shellac/vinyl)
	Seed            uint64   // drives every random choice: film art, grain, dust, scratches
	Title           string   // hand-written title, optional, Latin or Cyrillic
}

// DefaultParams is a bone record as DESIGN.md §3 describes it: 250 mm,
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

// PitchMM is the radial distance between neighbouring turns.
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
