package engine

import (
	"fmt"
	"math"
)

// StateVersion is the version of DiscState's layout.
const StateVersion = 1

// DiscState is a plain, exported snapshot of a Disc for serialisation
// (engine/bonefile). Restore(d.State()) gives back an identical disc.
type DiscState struct {
	Version        int
	Params         Params
	Cut            CutInfo
	ProgrammeLen   int       // programme samples (the spiral between lead-in and run-out)
	LateralScaleUM float64   // µm per Groove step
	Groove         []int16   // fresh lateral displacement, Len() samples
	SmoothUM2      []float32 // per BlockSize cell: wear smoothing variance, µm²
	WallUM         []float32 // per cell: wall height, µm
	RoughUM        []float32 // per cell: roughness rms, µm
	Marks          []Mark
	History        []PlayRecord
}

// State snapshots the disc. The slices are copies.
func (d *Disc) State() DiscState {
	return DiscState{
		Version: StateVersion, Params: d.Params, Cut: d.Cut, ProgrammeLen: d.progLen,
		LateralScaleUM: d.scaleUM,
		Groove:         append([]int16(nil), d.groove...),
		SmoothUM2:      append([]float32(nil), d.smoothUM2...),
		WallUM:         append([]float32(nil), d.wallUM...),
		RoughUM:        append([]float32(nil), d.roughUM...),
		Marks:          d.Marks(),
		History:        d.History(),
	}
}

// Clone is a copy of the disc that can be read — drawn, saved, measured —
// while the original keeps playing and wearing. The fresh groove is never
// written after the cut, so the two share it; the wear, marks and history
// are copied (about 1.5 MB for a 3-minute side, against 16 MB for State).
func (d *Disc) Clone() *Disc {
	c := *d
	c.smoothUM2 = append([]float32(nil), d.smoothUM2...)
	c.wallUM = append([]float32(nil), d.wallUM...)
	c.roughUM = append([]float32(nil), d.roughUM...)
	c.marks = d.Marks()
	c.history = d.History()
	return &c
}

// Limits a restored disc must respect (hostile files).
const (
	maxMarks   = 4096 // Lift stops adding skip marks here too
	maxHistory = 1 << 20
)

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Restore rebuilds a disc from a snapshot, checking that every length agrees
// with the parameters and every number is finite. It never panics.
func Restore(s DiscState) (*Disc, error) {
	bad := func(format string, a ...any) (*Disc, error) {
		return nil, fmt.Errorf("restore disc: "+format, a...)
	}
	if s.Version != StateVersion {
		return bad("unsupported state version %d", s.Version)
	}
	p := s.Params
	if err := p.Validate(); err != nil {
		return bad("%w", err)
	}
	if !finite(p.StartRadiusMM) || !finite(p.EndRadiusMM) || !finite(p.DiameterMM) {
		return bad("radii are not numbers")
	}
	ci := s.Cut
	if ci.Characteristic > CharRIAA || !finite(ci.LevelDB) ||
		!(ci.TurnoverHz >= 100 && ci.TurnoverHz <= 1000) || !(ci.CutterHz >= 2000 && ci.CutterHz <= 20000) {
		return bad("cutting information is out of range")
	}
	n := p.SamplesPerRev()
	maxProg := int(math.Floor((p.StartRadiusMM - p.EndRadiusMM) / p.PitchMM() * float64(n)))
	if s.ProgrammeLen < 0 || s.ProgrammeLen > maxProg {
		return bad("programme of %d samples does not fit the disc (max %d)", s.ProgrammeLen, maxProg)
	}
	total := (leadInTurns+runOutTurns+1)*n + s.ProgrammeLen
	if len(s.Groove) != total {
		return bad("groove has %d samples, want %d", len(s.Groove), total)
	}
	if !(s.LateralScaleUM > 0 && s.LateralScaleUM < 1) {
		return bad("lateral scale %g µm is out of range", s.LateralScaleUM)
	}
	nb := (total + BlockSize - 1) / BlockSize
	if len(s.SmoothUM2) != nb || len(s.WallUM) != nb || len(s.RoughUM) != nb {
		return bad("wear arrays have %d/%d/%d cells, want %d", len(s.SmoothUM2), len(s.WallUM), len(s.RoughUM), nb)
	}
	depth := p.Material.props().depthUM
	for b := 0; b < nb; b++ {
		s2, w, r := float64(s.SmoothUM2[b]), float64(s.WallUM[b]), float64(s.RoughUM[b])
		if !finite(s2) || !finite(w) || !finite(r) || s2 < 0 || s2 > 1e6 || w < 0 || w > depth*(1+depthWander)+1e-3 ||
			r < 0 || r > 5 {
			return bad("wear cell %d is out of range", b)
		}
	}
	if len(s.Marks) > maxMarks || len(s.History) > maxHistory {
		return bad("too many marks or plays")
	}
	for i, m := range s.Marks {
		if m.Kind > MarkSkip || !finite(m.RadiusMM) || !finite(m.AngleRad) || !finite(m.LengthMM) || !finite(m.DepthUM) ||
			m.RadiusMM < 0 || m.RadiusMM > p.DiameterMM || m.LengthMM < 0 || m.LengthMM > p.DiameterMM || math.Abs(m.DepthUM) > 1000 {
			return bad("mark %d is out of range", i)
		}
	}
	for i, h := range s.History {
		if !finite(h.RPM) || !finite(h.ForceGrams) || !finite(h.Seconds) || !finite(h.FidelityDB) ||
			!finite(h.SignalRMS) || !finite(h.ResidualRMS) || h.SamplesTraced < 0 || h.Skips < 0 || h.Frames < 0 ||
			!(h.NeedleUM >= 0 && h.NeedleUM <= 1000) {
			return bad("play %d is out of range", i+1)
		}
	}
	d := &Disc{Params: p, Cut: ci, n: n, progLen: s.ProgrammeLen, scaleUM: s.LateralScaleUM,
		groove:    append([]int16(nil), s.Groove...),
		smoothUM2: append([]float32(nil), s.SmoothUM2...),
		wallUM:    append([]float32(nil), s.WallUM...),
		roughUM:   append([]float32(nil), s.RoughUM...),
		marks:     append([]Mark(nil), s.Marks...),
		history:   append([]PlayRecord(nil), s.History...),
	}
	d.layOutPitch() // before computeStats: the curvature depends on the radius
	d.computeStats()
	return d, nil
}
