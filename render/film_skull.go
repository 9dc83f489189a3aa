package render

import (
	"math"

	"github.com/fogleman/gg"
)

// drawSkull is a lateral skull facing left: the vault as a thin shell (so
// its rim is bright), dense petrous bone at the ear, orbit and sinuses,
// the mandible hinged at the condyle (the seed opens the jaw a little),
// upper and lower teeth with bright enamel, the upper cervical spine.
func drawSkull(b *body, r *rng) look {
	p := newPose(r, 0.08, 0.02, 0.04)
	jaw := r.rangef(0, 0.12) // mouth opening, radians about the condyle

	// Soft tissue: scalp, face profile with nose, lips and chin, neck.
	b.blob(b.soft, p.at(0.56, 0.4), p.r(0.375), p.r(0.325), p.rot-0.1, 1, 1.1)
	face := p.ats(pt{0.22, 0.4}, pt{0.165, 0.47}, pt{0.155, 0.52}, pt{0.09, 0.6}, pt{0.15, 0.64},
		pt{0.13, 0.7}, pt{0.155, 0.74}, pt{0.14, 0.79}, pt{0.17, 0.9}, pt{0.3, 0.93}, pt{0.45, 1.05},
		pt{0.8, 1.05}, pt{0.72, 0.74}, pt{0.55, 0.67}, pt{0.4, 0.61}, pt{0.3, 0.52}, pt{0.25, 0.43})
	b.fill(b.soft, func(dc *gg.Context) { smoothPath(dc, face); dc.Fill() }, 0.9)
	b.blob(b.soft, p.at(0.68, 0.56), p.r(0.04), p.r(0.06), p.rot, 1, 0.3) // ear
	// Airway behind the tongue is dark.
	b.flesh(p.ats(pt{0.5, 0.72}, pt{0.56, 0.86}, pt{0.58, 1.05}), p.rs([]float64{0.02, 0.025, 0.025}), -0.7)

	// Vault: an outer ellipsoid minus an inner one is the projection of a shell.
	vc, vrx, vry, vrot := p.at(0.56, 0.4), p.r(0.34), p.r(0.29), p.rot-0.1
	b.blob(b.bone, vc, vrx, vry, vrot, 1, 1.8)
	b.blob(b.bone, vc, vrx*0.94, vry*0.93, vrot, 1, -1.45)
	// Sutures and vessel grooves: faint dark lines in the vault.
	for k := 0; k < 4; k++ {
		a := pt{r.rangef(0.4, 0.75), r.rangef(0.15, 0.3)}
		c := a.add(pt{r.rangef(-0.1, 0.1), r.rangef(0.1, 0.2)})
		b.flesh(p.ats(curve(a, lerpPt(a, c, 0.5).add(pt{r.norm() * 0.03, 0}), c, 8)...), p.rs(taper(8, 0.003, 0.002, 0)), -0.15)
	}
	// Skull base: anterior fossa floor, sella turcica, petrous ridge, mastoid.
	b.tube(p.ats(curve(pt{0.27, 0.44}, pt{0.38, 0.5}, pt{0.5, 0.5}, 10)...), p.rs(taper(10, 0.007, 0.005, 0)), 0.5, 0.5)
	b.tube(p.ats(curve(pt{0.5, 0.5}, pt{0.53, 0.56}, pt{0.56, 0.5}, 8)...), p.rs(taper(8, 0.006, 0.006, 0)), 0.5, 0.9)
	petrous := p.ats(pt{0.57, 0.54}, pt{0.64, 0.52}, pt{0.7, 0.58}, pt{0.67, 0.62}, pt{0.61, 0.59})
	b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, petrous); dc.Fill() }, 0.6, 0.01, 0.3)
	b.blob(b.bone, p.at(0.69, 0.66), p.r(0.03), p.r(0.04), p.rot, 0.3, 0.6) // mastoid
	b.blob(b.soft, p.at(0.69, 0.66), p.r(0.02), p.r(0.03), p.rot, 1, -0.4)  // its air cells
	// Face: orbit rim, nasal bone, zygomatic arch, maxilla with its sinus, palate.
	// Lateral orbital rim: a C opening backwards.
	b.tube(p.ats(curve(pt{0.3, 0.425}, pt{0.205, 0.49}, pt{0.29, 0.575}, 12)...), p.rs(taper(12, 0.005, 0.008, 0.002)), 0.4, 0.6)
	b.blob(b.soft, p.at(0.245, 0.43), p.r(0.03), p.r(0.035), p.rot, 1, -0.5) // frontal sinus
	b.tube(p.ats(pt{0.215, 0.47}, pt{0.175, 0.56}), p.rs([]float64{0.007, 0.004}), 0.4, 0.7)
	b.tube(p.ats(curve(pt{0.33, 0.585}, pt{0.44, 0.565}, pt{0.56, 0.575}, 10)...), p.rs(taper(10, 0.011, 0.007, 0)), 0.35, 0.4)
	maxilla := p.ats(pt{0.21, 0.57}, pt{0.3, 0.56}, pt{0.4, 0.6}, pt{0.42, 0.68}, pt{0.3, 0.695}, pt{0.2, 0.69})
	b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, maxilla); dc.Fill() }, 0.4, 0.012, 0.35)
	b.blob(b.soft, p.at(0.32, 0.63), p.r(0.055), p.r(0.045), p.rot, 1, -0.6) // maxillary sinus
	b.tube(p.ats(pt{0.18, 0.69}, pt{0.46, 0.68}), p.rs([]float64{0.008, 0.006}), 0.4, 0.7)
	// Upper teeth: crowns (enamel, the densest tissue in the body) and roots.
	for k, x := 0, 0.2; k < 8; k++ {
		w := toothWidth(k, r)
		x += w
		lean := 0.012 * math.Max(0, 2-float64(k)) // incisors lean forward
		b.tooth(p.ats(pt{x - lean, 0.737}, pt{x - lean*0.6, 0.722}, pt{x, 0.705}, pt{x + 0.004, 0.655}), w, p.sc)
		x += w
	}
	// Mandible, hinged at the condyle.
	cond := pt{0.6, 0.62}
	hinge := func(q pt) pt { q = rotAbout(q, cond, jaw); return p.at(q.x, q.y) }
	hinges := func(qs ...pt) []pt {
		out := make([]pt, len(qs))
		for i, q := range qs {
			out[i] = hinge(q)
		}
		return out
	}
	body := curve(pt{0.2, 0.845}, pt{0.35, 0.885}, pt{0.53, 0.83}, 14)
	b.tube(hinges(body...), p.rs(taper(14, 0.026, 0.02, 0.002)), 0.3, 0.8)
	ramus := hinges(pt{0.46, 0.84}, pt{0.53, 0.855}, pt{0.575, 0.8}, pt{0.595, 0.67}, pt{0.61, 0.62}, pt{0.59, 0.625},
		pt{0.565, 0.66}, pt{0.535, 0.645}, pt{0.505, 0.68}, pt{0.475, 0.77})
	b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, ramus); dc.Fill() }, 0.45, 0.01, 0.45)
	b.blob(b.bone, hinge(cond), p.r(0.018), p.r(0.014), p.rot, 0.4, 0.8)
	for k, x := 0, 0.212; k < 8; k++ {
		w := toothWidth(k, r) * 0.95
		x += w
		lean := 0.01 * math.Max(0, 2-float64(k))
		b.tooth(hinges(pt{x - lean, 0.752}, pt{x - lean*0.6, 0.766}, pt{x, 0.783}, pt{x - 0.004, 0.835}), w, p.sc)
		x += w
	}
	// Upper cervical spine, lateral: blocks with their discs between.
	for k := 0; k < 5; k++ {
		y := 0.72 + float64(k)*0.075
		x := 0.7 - float64(k)*0.012
		b.superBlob(b.bone, p.at(x, y), p.r(0.045), p.r(0.028), p.rot-0.1, 4, 0.25, 0.9)
		b.tube(p.ats(pt{x + 0.04, y}, pt{x + 0.1, y + 0.02}), p.rs([]float64{0.012, 0.008}), 0.4, 0.6) // spinous process
	}
	b.tube(p.ats(pt{0.63, 0.68}, pt{0.74, 0.68}), p.rs([]float64{0.012, 0.012}), 0.4, 0.7) // atlas arch
	return look{softK: 1.0, boneK: 2.1, softBlur: 0.005}
}

// toothWidth is the half-width of tooth k counted back from the incisors:
// incisors and canine narrow, premolars middling, molars broad.
func toothWidth(k int, r *rng) float64 {
	w := []float64{0.011, 0.01, 0.011, 0.012, 0.012, 0.017, 0.017, 0.016}[k%8]
	return w * (0.95 + r.rangef(0, 0.1))
}

// tooth draws one tooth from its biting edge through the crown and neck to
// the root tip (4 points): dentine as a tapered tube, enamel cap brighter.
func (b *body) tooth(q []pt, w, sc float64) {
	w *= sc
	b.tube(q, []float64{w * 0.65, w, w * 0.7, w * 0.2}, 0.45, 0.85)
	b.tube(q[:2], []float64{w * 0.7, w * 0.95}, 1, 0.6)
}
