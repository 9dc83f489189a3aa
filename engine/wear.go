package engine

import "math"

// Wear follows Archard's law (J. F. Archard, "Contact and rubbing of flat
// surfaces", J. Appl. Phys. 24 (1953) 981): the volume removed per sliding
// length is k·F/H (k the wear coefficient, F the normal load, H the hardness
// of the softer body). Spread over the contact band 2a, each pass removes a
// depth h = k·F/(H·2a) from the wall.
//
// The load on a wall is the static share of the tracking force, 0.71·F_track,
// plus the dynamic force m·|a| the wall exerts to make the tip follow the
// modulation — so wear concentrates where lateral acceleration is high (loud,
// treble-heavy passages; inner turns, where the same tip spans more
// modulation).
//
// What the removed material does to the groove:
//   - Smoothing. Where the wall curves toward the tip the contact pressure is
//     higher and more is removed; erosion at a rate proportional to curvature
//     is a diffusion, ∂d/∂n = D·∂²d/∂s², whose solution is the fresh profile
//     convolved with a Gaussian of variance σ² = 2·Σ D. Each pass adds
//     Δσ² = 2·c·h·a (D ≈ c·h·a: depth removed times the footprint length).
//     Treble (short wavelengths) goes first: gain exp(−(2πσ/λ)²/2).
//   - Wall height falls by h per pass: the skip threshold (stream.go).
//   - Roughness grows with the removed depth: torn, not polished, walls (hiss).
//
// k for film is tuned to the historical accounts (docs/physics.md), for shellac
// to GOST 5289-61; none of them is a laboratory measurement of bone records.
const smoothGain = 1.5 // c above, dimensionless: how much of the removal reshapes the profile

// applyWear applies one play's wear pass to the cells the player traced.
func (d *Disc) applyWear(p *Player) {
	pk := p.opt.Pickup
	a := p.contact
	if pk.ForceGrams <= 0 || a <= 0 {
		return // a weightless point touches nothing
	}
	m := d.Params.Material.props()
	k := m.wearK * pk.Abrasion
	fStatic := 0.7071 * p.forceN
	aM := a * 1e-6
	for b, s := range p.slide {
		if s <= 0 {
			continue
		}
		passes := float64(s) / BlockSize
		accRMS := math.Sqrt(float64(p.acc2[b]) / float64(s))
		f := fStatic + p.massKG*accRMS
		h := k * f / (m.hardnessMPa * 1e6 * 2 * aM) * 1e6 * passes // µm
		d.wearCell(b, h, a, m)
	}
}

// wearCell removes h µm from cell b under a contact of half-length a µm.
func (d *Disc) wearCell(b int, h, a float64, m materialProps) {
	if !(h > 0) {
		return
	}
	w := float64(d.wallUM[b]) - h
	d.wallUM[b] = float32(math.Max(0, w))
	s2 := float64(d.smoothUM2[b]) + 2*smoothGain*h*a
	d.smoothUM2[b] = float32(math.Min(s2, 1e6))
	r := float64(d.roughUM[b]) + m.roughGain*h
	d.roughUM[b] = float32(math.Min(r, 5))
}

// LateralUM is the current (worn) lateral displacement of the groove centre:
// the fresh groove smoothed by the wear accumulated in its cell.
func (d *Disc) LateralUM(i int) float64 {
	if len(d.groove) == 0 {
		return 0
	}
	i = d.clampIndex(i)
	if len(d.smoothUM2) == 0 {
		return d.FreshLateralUM(i)
	}
	s2 := float64(d.smoothUM2[i/BlockSize])
	arc := d.arcUM(float64(i))
	sig := math.Sqrt(s2) / arc
	if sig < 0.05 {
		return d.FreshLateralUM(i)
	}
	n := min(int(math.Ceil(3*sig)), maxHalf)
	var sum, wsum float64
	for k := -n; k <= n; k++ {
		w := math.Exp(-0.5 * float64(k*k) / (sig * sig))
		j := i + k
		if j >= 0 && j < len(d.groove) {
			sum += w * float64(d.groove[j])
		}
		wsum += w
	}
	return sum / wsum * d.scaleUM
}

// SmoothingUM is the wear smoothing σ at sample i, µm along the groove.
func (d *Disc) SmoothingUM(i int) float64 {
	if len(d.smoothUM2) == 0 {
		return 0
	}
	return math.Sqrt(float64(d.smoothUM2[d.block(i)]))
}
