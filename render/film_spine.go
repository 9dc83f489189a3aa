package render

import (
	"math"

	"github.com/fogleman/gg"
)

// drawSpine is an AP film of the thoracolumbar spine: vertebral bodies as
// rounded blocks stacked with dark disc spaces between, pedicles as the
// paired "eyes", transverse and spinous processes, the lowest ribs, the
// psoas shadows and some bowel gas; the seed gives a gentle scoliosis.
func drawSpine(b *body, r *rng) look {
	p := newPose(r, 0.03, 0.02, 0.03)
	curveA := r.rangef(-0.03, 0.03)
	phase := r.rangef(0, math.Pi)

	b.blob(b.soft, p.at(0.5, 0.55), p.r(0.56), p.r(0.8), p.rot, 1, 2.1)
	for _, s := range []float64{-1, 1} {
		psoas := p.ats(pt{0.5 + s*0.05, 0.3}, pt{0.5 + s*0.09, 0.32}, pt{0.5 + s*0.2, 0.95}, pt{0.5 + s*0.13, 0.97})
		b.fill(b.soft, func(dc *gg.Context) { smoothPath(dc, psoas); dc.Fill() }, 0.35)
		b.blob(b.soft, p.at(0.5+s*0.2, 0.33), p.r(0.06), p.r(0.11), p.rot-s*0.3, 1, 0.2) // kidney
	}
	gas := newRNG(r.u64(), "gas")
	for k := 0; k < 9; k++ {
		c := pt{gas.rangef(0.2, 0.8), gas.rangef(0.45, 0.95)}
		b.blob(b.soft, p.at(c.x, c.y), p.r(gas.rangef(0.02, 0.05)), p.r(gas.rangef(0.015, 0.035)), gas.rangef(0, 3), 1, -0.3)
	}

	// T10..L5: bodies grow downwards; the disc spaces between stay dark.
	y := 0.03
	for k := 0; k < 8; k++ {
		kf := float64(k)
		w := 0.15 + kf*0.006
		h := 0.088 + kf*0.002
		y += h / 2
		x := 0.5 + curveA*math.Sin(math.Pi*y+phase)
		tilt := curveA * math.Pi * math.Cos(math.Pi*y+phase) * 0.8
		b.vertebra(p, pt{x, y}, w, h, tilt, 1.1)
		if k < 3 {
			// Ribs 10–12 leave the thoracic vertebrae, slanting down.
			for _, s := range []float64{-1, 1} {
				l := 0.3 - kf*0.07
				a := pt{x + s*w*0.55, y - h*0.15}
				c := a.add(pt{s * l * 0.9, l * 0.45})
				b.tube(p.ats(curve(a, lerpPt(a, c, 0.5).add(pt{0, -0.03}), c, 10)...), p.rs(taper(10, 0.011, 0.006, 0)), 0.35, 0.7)
			}
		}
		y += h/2 + 0.022
	}
	// Sacrum and the tops of the iliac wings.
	sac := p.ats(pt{0.41, y + 0.01}, pt{0.59, y + 0.01}, pt{0.56, 1.05}, pt{0.44, 1.05})
	b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, sac); dc.Fill() }, 0.7, 0.01, 0.4)
	for _, s := range []float64{-1, 1} {
		wing := p.ats(pt{0.5 + s*0.1, y + 0.03}, pt{0.5 + s*0.2, 0.87}, pt{0.5 + s*0.36, 0.88}, pt{0.5 + s*0.46, 1.05}, pt{0.5 + s*0.12, 1.05})
		b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, wing); dc.Fill() }, 0.3, 0.012, 0.8)
	}
	return look{softK: 0.75, boneK: 1.9, softBlur: 0.008}
}
