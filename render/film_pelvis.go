package render

import (
	"math"

	"github.com/fogleman/gg"
)

// drawPelvis is an AP pelvis: the iliac wings as fan-shaped plates with
// dense crests, the sacrum with its foramina, the pelvic brim, the
// obturator rings, and the femoral heads seated in the acetabula with necks,
// trochanters and shafts.
func drawPelvis(b *body, r *rng) look {
	p := newPose(r, 0.04, 0.02, 0.04)
	wide := r.rangef(0.95, 1.08) // pelvic shape varies (and with sex)

	b.blob(b.soft, p.at(0.5, 0.5), p.r(0.52), p.r(0.6), p.rot, 1, 1.5)
	gas := newRNG(r.u64(), "gas")
	for k := 0; k < 10; k++ {
		c := pt{gas.rangef(0.25, 0.75), gas.rangef(0.05, 0.5)}
		b.blob(b.soft, p.at(c.x, c.y), p.r(gas.rangef(0.015, 0.045)), p.r(gas.rangef(0.012, 0.03)), gas.rangef(0, 3), 1, -0.3)
	}
	b.vertebra(p, pt{0.5, 0.0}, 0.17, 0.075, 0, 0.9)
	b.vertebra(p, pt{0.5, 0.1}, 0.175, 0.07, 0, 0.9)

	// Sacrum: a tapering plate; its foramina are darker holes in pairs.
	sac := p.ats(pt{0.4, 0.17}, pt{0.6, 0.17}, pt{0.56, 0.37}, pt{0.52, 0.5}, pt{0.48, 0.5}, pt{0.44, 0.37})
	b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, sac); dc.Fill() }, 0.8, 0.01, 0.4)
	for k := 0; k < 4; k++ {
		for _, s := range []float64{-1, 1} {
			c := p.at(0.5+s*(0.045-float64(k)*0.006), 0.22+float64(k)*0.06)
			b.blob(b.bone, c, p.r(0.012), p.r(0.01), p.rot, 1, -0.5)
		}
	}
	for _, s := range []float64{-1, 1} {
		x := func(dx float64) float64 { return 0.5 + s*dx*wide }
		// Iliac wing: thin in the middle, dense along the crest and the brim.
		wing := p.ats(pt{x(0.085), 0.2}, pt{x(0.14), 0.11}, pt{x(0.28), 0.08}, pt{x(0.4), 0.15}, pt{x(0.425), 0.25},
			pt{x(0.37), 0.33}, pt{x(0.355), 0.42}, pt{x(0.34), 0.5}, pt{x(0.2), 0.53}, pt{x(0.12), 0.45}, pt{x(0.09), 0.33})
		b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, wing); dc.Fill() }, 0.16, 0.014, 1.0)
		// The body of the ilium thickens towards the acetabulum.
		b.blob(b.bone, p.at(x(0.27), 0.44), p.r(0.075), p.r(0.1), p.rot, 1, 0.5)
		// Pelvic brim (iliopectineal line) from the sacroiliac joint to the pubis.
		b.tube(p.ats(curve(pt{x(0.09), 0.3}, pt{x(0.2), 0.56}, pt{x(0.05), 0.68}, 16)...), p.rs(taper(16, 0.01, 0.012, 0)), 0.4, 0.8)
		// Obturator ring: superior pubic ramus, ischium and inferior ramus around a hole.
		oc := pt{x(0.15), 0.73}
		ring := make([]pt, 0, 25)
		rad := make([]float64, 0, 25)
		for k := 0; k <= 24; k++ {
			a := 2 * math.Pi * float64(k) / 24
			ring = append(ring, pt{oc.x + math.Cos(a)*0.07*wide, oc.y + math.Sin(a)*0.055})
			rad = append(rad, 0.01+0.007*math.Max(0, math.Cos(a)*s))
		}
		b.tube(p.ats(ring...), p.rs(rad), 0.4, 0.45)
		b.blob(b.bone, p.at(x(0.2), 0.8), p.r(0.04), p.r(0.03), p.rot, 0.3, 0.6)             // ischial tuberosity
		b.superBlob(b.bone, p.at(x(0.03), 0.72), p.r(0.025), p.r(0.04), p.rot, 4, 0.35, 0.7) // pubic body
		// Acetabulum: a dense cup over the femoral head.
		hc := pt{x(0.27), 0.56}
		cup := make([]pt, 0, 14)
		for k := 0; k < 14; k++ {
			a := -math.Pi/2 + s*(-1.4+2.4*float64(k)/13)
			cup = append(cup, pt{hc.x + math.Cos(a)*0.068, hc.y + math.Sin(a)*0.068})
		}
		b.tube(p.ats(cup...), p.rs(taper(14, 0.012, 0.01, 0.004)), 0.5, 0.8)
		// Femur: head, neck, trochanters, shaft.
		b.blob(b.bone, p.at(hc.x, hc.y), p.r(0.056), p.r(0.056), p.rot, 0.22, 1.3)
		neckEnd := pt{x(0.35), 0.65}
		b.tube(p.ats(hc, neckEnd), p.rs([]float64{0.04, 0.036}), 0.3, 0.9)
		b.superBlob(b.bone, p.at(x(0.385), 0.64), p.r(0.04), p.r(0.05), p.rot-s*0.3, 4, 0.25, 0.7) // greater trochanter
		b.blob(b.bone, p.at(x(0.31), 0.76), p.r(0.022), p.r(0.03), p.rot, 0.3, 0.6)                // lesser trochanter
		b.tube(p.ats(pt{x(0.36), 0.67}, pt{x(0.33), 0.85}, pt{x(0.29), 1.06}), p.rs([]float64{0.045, 0.04, 0.038}), 0.38, 1.0)
		b.flesh(p.ats(pt{x(0.33), 0.68}, pt{x(0.3), 1.1}), p.rs([]float64{0.16, 0.13}), 0.5)
	}
	return look{softK: 0.8, boneK: 1.5, softBlur: 0.008}
}
