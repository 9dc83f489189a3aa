package engine

import "math"

// cellStats is what each wear cell's fresh groove asks of the stylus, as
// geometry: the curvature of the groove centre line along the groove (rms
// and peak, 1/m) and the wavelength that carries it (µm). At a groove speed
// v the tip's lateral acceleration is κ·v², so the same numbers serve every
// turntable speed; wear smoothing of σ attenuates the curvature by
// exp(−(2πσ/λ)²/2). It is derived from the groove, never stored in a file,
// and never written after the cut, so clones share it.
//
// Wear works per cell from these numbers (wear.go) rather than from the
// traced signal, so "age N plays" (age.go) computes exactly the wear a real
// play would without synthesising its sound.
type cellStats struct {
	kappaRMS  []float32
	kappaPeak []float32
	lambdaUM  []float32
	freshWall []float32 // wall height as cut, µm (depthVariation)
}

// computeStats fills d.stats from the fresh groove: one pass of first and
// second differences per sample.
func (d *Disc) computeStats() {
	nb := (len(d.groove) + BlockSize - 1) / BlockSize
	s := cellStats{
		kappaRMS:  make([]float32, nb),
		kappaPeak: make([]float32, nb),
		lambdaUM:  make([]float32, nb),
		freshWall: make([]float32, nb),
	}
	depth := d.Params.Material.props().depthUM
	g := d.groove
	for b := 0; b < nb; b++ {
		s.freshWall[b] = float32(depth * d.depthVariation(b))
		lo, hi := max(1, b*BlockSize), min(len(g)-1, (b+1)*BlockSize)
		var s1, s2 float64
		var peak int32
		for i := lo; i < hi; i++ {
			d1 := int32(g[i+1]) - int32(g[i-1])
			d2 := int32(g[i+1]) - 2*int32(g[i]) + int32(g[i-1])
			s1 += float64(d1 * d1)
			s2 += float64(d2 * d2)
			peak = max(peak, d2, -d2)
		}
		if hi <= lo || s2 == 0 {
			continue
		}
		n := float64(hi - lo)
		arc := d.arcUM(float64(b*BlockSize + BlockSize/2))
		slopeRMS := math.Sqrt(s1/n) / 2 * d.scaleUM / arc    // dimensionless
		curvRMS := math.Sqrt(s2/n) * d.scaleUM / (arc * arc) // 1/µm
		s.kappaRMS[b] = float32(curvRMS * 1e6)               // 1/m
		s.kappaPeak[b] = float32(float64(peak) * d.scaleUM / (arc * arc) * 1e6)
		s.lambdaUM[b] = float32(2 * math.Pi * slopeRMS / curvRMS)
	}
	d.stats = s
}

// curvature is cell b's rms and peak curvature (1/m) after wear smoothing of
// variance s2 µm²: the smoothing's Gaussian attenuation at the wavelength
// that carries the curvature.
func (d *Disc) curvature(b int, s2 float64) (rms, peak float64) {
	s := &d.stats
	if b < 0 || b >= len(s.kappaRMS) || s.kappaRMS[b] == 0 {
		return 0, 0
	}
	att := 1.0
	if l := float64(s.lambdaUM[b]); l > 0 && s2 > 0 {
		x := 2 * math.Pi / l
		att = math.Exp(-0.5 * x * x * s2)
	}
	return float64(s.kappaRMS[b]) * att, float64(s.kappaPeak[b]) * att
}
