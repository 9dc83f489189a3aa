package render

import "github.com/fogleman/gg"

// drawKnee is an AP knee: the femur flaring into two condyles with the
// intercondylar notch between, the patella faint through them, a dark joint
// space, the tibial plateau with its spines, the fibular head to the side.
// The seed picks the left or right knee (which side the fibula is on).
func drawKnee(b *body, r *rng) look {
	p := newPose(r, 0.06, 0.03, 0.05)
	s := 1.0
	if r.intn(2) == 1 {
		s = -1
	}
	x := func(dx float64) float64 { return 0.5 + s*dx }
	gap := r.rangef(-0.008, 0.008) // joint space differs with weight bearing

	b.flesh(p.ats(pt{0.5, -0.1}, pt{0.5, 0.45}, pt{0.5, 1.1}), p.rs([]float64{0.26, 0.25, 0.21}), 1.2)
	// Femur: a hollow shaft flaring into the spongy end and two condyles,
	// one bone (shaft and end max-combined, so no seam).
	b.segs(p.ats(pt{0.5, -0.1}, pt{0.5, 0.22}, pt{0.5, 0.3}), p.rs([]float64{0.058, 0.062, 0.07}), 0.3)
	fem := p.ats(pt{x(-0.06), 0.2}, pt{x(0.06), 0.2}, pt{x(0.085), 0.3}, pt{x(0.12), 0.39}, pt{x(0.132), 0.45},
		pt{x(0.11), 0.495}, pt{x(0.06), 0.505}, pt{x(0.022), 0.47}, pt{0.5, 0.46}, pt{x(-0.022), 0.47}, pt{x(-0.06), 0.51},
		pt{x(-0.115), 0.5}, pt{x(-0.138), 0.45}, pt{x(-0.125), 0.39}, pt{x(-0.088), 0.3})
	b.plateLump(func(dc *gg.Context) { smoothPath(dc, fem); dc.Fill() }, 1.35, 0.008, 0.6)
	b.commit(b.bone, 1)
	// Patella seen through the femur.
	b.blob(b.bone, p.at(x(0.015), 0.37), p.r(0.05), p.r(0.062), p.rot, 0.3, 0.35)
	// Tibia: plateau with its two spines flaring down into the shaft.
	ty := 0.545 + gap
	tib := p.ats(pt{x(-0.14), ty + 0.012}, pt{x(-0.07), ty}, pt{x(-0.025), ty - 0.004}, pt{x(-0.01), ty - 0.022},
		pt{x(0.01), ty - 0.022}, pt{x(0.025), ty - 0.004}, pt{x(0.07), ty}, pt{x(0.142), ty + 0.014}, pt{x(0.13), ty + 0.065},
		pt{x(0.1), ty + 0.13}, pt{x(0.07), ty + 0.21}, pt{x(0.06), ty + 0.28}, pt{x(-0.06), ty + 0.28}, pt{x(-0.072), ty + 0.21},
		pt{x(-0.102), ty + 0.13}, pt{x(-0.134), ty + 0.065})
	b.plateLump(func(dc *gg.Context) { smoothPath(dc, tib); dc.Fill() }, 1.35, 0.008, 0.6)
	b.segs(p.ats(pt{0.5, ty + 0.2}, pt{0.5, 0.8}, pt{0.5, 1.1}), p.rs([]float64{0.06, 0.052, 0.05}), 0.3)
	b.commit(b.bone, 1)
	// Old growth plates leave a faint dense line across each bone end.
	b.tube(p.ats(pt{0.4, 0.385}, pt{0.6, 0.385}), p.rs([]float64{0.003, 0.003}), 1, 0.3)
	b.tube(p.ats(pt{0.39, ty + 0.07}, pt{0.61, ty + 0.07}), p.rs([]float64{0.003, 0.003}), 1, 0.3)
	// Fibula: head tucked under the lateral plateau, thin shaft.
	b.lump(p.at(x(0.125), ty+0.085), p.r(0.028), p.r(0.034), p.rot, 2, 1)
	b.segs(p.ats(pt{x(0.132), ty + 0.12}, pt{x(0.14), 0.8}, pt{x(0.125), 1.1}), p.rs([]float64{0.022, 0.015, 0.016}), 0.42)
	b.commit(b.bone, 0.75)
	return look{softK: 0.8, boneK: 1.45, softBlur: 0.008}
}
