package render

import "github.com/fogleman/gg"

// drawChest is a posterior–anterior chest film, the commonest X-ray and the
// commonest picture on bone records: lungs dark, heart shadow to the
// patient's left (viewer's right), ribs as curved tapered bands crossing
// each other, clavicles, spine faint behind the mediastinum.
func drawChest(b *body, r *rng) look {
	p := newPose(r, 0.05, 0.02, 0.04)
	breath := r.rangef(-0.03, 0.03) // depth of inspiration moves the diaphragm
	heart := r.rangef(0.92, 1.12)

	// Soft tissue: trunk, neck, shoulders and the arms at the sides.
	b.blob(b.soft, p.at(0.5, 0.62), p.r(0.46), p.r(0.58), p.rot, 1, 1.7)
	b.flesh(p.ats(pt{0.5, -0.1}, pt{0.5, 0.2}), p.rs([]float64{0.075, 0.09}), 1.2)
	for _, s := range []float64{-1, 1} {
		b.flesh(p.ats(pt{0.5 + s*0.26, 0.17}, pt{0.5 + s*0.4, 0.23}, pt{0.5 + s*0.47, 0.75}),
			p.rs([]float64{0.07, 0.075, 0.065}), 1.3)
	}
	// Lungs: air, so they subtract; the left lung is notched by the heart.
	lungBottom := 0.68 + breath
	right := p.ats(pt{0.4, 0.15}, pt{0.3, 0.19}, pt{0.2, 0.32}, pt{0.155, 0.5}, pt{0.15, lungBottom + 0.05},
		pt{0.22, lungBottom - 0.01}, pt{0.33, lungBottom - 0.045}, pt{0.44, lungBottom - 0.03}, pt{0.455, 0.45}, pt{0.45, 0.26})
	left := p.ats(pt{0.6, 0.15}, pt{0.7, 0.19}, pt{0.8, 0.32}, pt{0.845, 0.5}, pt{0.85, lungBottom + 0.07},
		pt{0.78, lungBottom + 0.02}, pt{0.68, lungBottom - 0.02}, pt{0.62, 0.55}, pt{0.57, 0.42}, pt{0.555, 0.26})
	lungs := func(dc *gg.Context) {
		smoothPath(dc, right)
		dc.Fill()
		smoothPath(dc, left)
		dc.Fill()
	}
	b.fill(b.soft, lungs, -0.95)
	// Vessels fanning out from the hila give the lung fields their texture.
	for _, s := range []float64{-1, 1} {
		hil := pt{0.5 + s*0.09, 0.42}
		for k := 0; k < 7; k++ {
			a := pt{0.5 + s*r.rangef(0.16, 0.3), r.rangef(0.22, 0.62)}
			m := lerpPt(hil, a, 0.5).add(pt{r.norm() * 0.02, r.norm() * 0.02})
			b.flesh(p.ats(curve(hil, m, a, 8)...), p.rs(taper(8, 0.008, 0.002, 0)), 0.25)
		}
		b.blob(b.soft, p.at(hil.x, hil.y), p.r(0.03), p.r(0.045), p.rot, 1, 0.35)
	}
	// Heart and aortic knob.
	b.blob(b.soft, p.at(0.56, 0.58+breath*0.5), p.r(0.16*heart), p.r(0.12*heart), p.rot-0.4, 1, 1.0)
	b.blob(b.soft, p.at(0.445, 0.5), p.r(0.05), p.r(0.1), p.rot, 1, 0.8)
	b.blob(b.soft, p.at(0.555, 0.29), p.r(0.035), p.r(0.03), p.rot, 1, 1.2)
	// Diaphragm and liver below the right dome.
	b.blob(b.soft, p.at(0.35, lungBottom+0.12), p.r(0.2), p.r(0.1), p.rot, 1, 0.8)

	// Spine: stacked vertebrae, faint behind the mediastinum.
	for k := 0; k < 14; k++ {
		y := 0.1 + float64(k)*0.062
		w := 0.07 + float64(k)*0.0035
		b.vertebra(p, pt{0.5, y}, w, 0.045+float64(k)*0.0012, 0, 0.4)
	}
	// Ribs: posterior arcs leave the spine nearly level, swing out and down;
	// the anterior arcs return lower down and stop where the cartilage starts.
	for k := 0; k < 10; k++ {
		kf := float64(k)
		y := 0.155 + kf*0.056
		reach := 0.16 + 0.18*min(1, (kf+1)/5)
		drop := 0.06 + kf*0.006
		for _, s := range []float64{-1, 1} {
			j := r.norm() * 0.004
			spine := pt{0.5 + s*0.035, y + j}
			outer := pt{0.5 + s*reach, y + drop + j}
			post := curve(spine, pt{0.5 + s*reach*0.75, y - 0.03}, outer, 12)
			// The front of the rib falls steeply and fades where cartilage begins.
			front := pt{0.5 + s*reach*0.4, y + drop + 0.15}
			ant := curve(outer, pt{0.5 + s*reach*1.0, y + drop + 0.1}, front, 12)
			pts := append(post, ant[1:]...)
			rad := append(taper(12, 0.009, 0.0075, 0.001), taper(12, 0.0075, 0.0055, 0)[1:]...)
			dens := append(taper(12, 0.95, 0.8, 0), taper(12, 0.8, 0.15, 0)[1:]...)
			if k == 0 {
				// The first rib is short and tightly curved under the clavicle.
				pts = curve(spine, pt{0.5 + s*0.15, y - 0.05}, pt{0.5 + s*0.09, y + 0.05}, 14)
				rad = taper(14, 0.009, 0.007, 0.002)
				dens = taper(14, 0.9, 0.5, 0)
			}
			if k >= 8 {
				// Floating ribs stop short in the flank.
				pts, rad, dens = pts[:14], rad[:14], taper(14, 0.8, 0.2, 0)
			}
			b.fadingTube(p.ats(pts...), p.rs(rad), dens, 0.3)
		}
	}
	// Clavicles: an S from the sternum out to the shoulder.
	for _, s := range []float64{-1, 1} {
		cl := curve(pt{0.5 + s*0.04, 0.205}, pt{0.5 + s*0.17, 0.23}, pt{0.5 + s*0.31, 0.16}, 14)
		b.tube(p.ats(cl...), p.rs(taper(14, 0.014, 0.011, -0.002)), 0.35, 0.75)
		// Scapula: a thin triangular plate at the edge of the lung.
		sc := p.ats(pt{0.5 + s*0.22, 0.2}, pt{0.5 + s*0.33, 0.19}, pt{0.5 + s*0.31, 0.3}, pt{0.5 + s*0.27, 0.46})
		b.plate(b.bone, func(dc *gg.Context) { smoothPath(dc, sc); dc.Fill() }, 0.25, 0.008, 0.3)
		// Humeral head and shaft.
		b.blob(b.bone, p.at(0.5+s*0.36, 0.225), p.r(0.045), p.r(0.048), p.rot, 0.25, 0.7)
		b.tube(p.ats(pt{0.5 + s*0.37, 0.24}, pt{0.5 + s*0.43, 0.7}), p.rs([]float64{0.03, 0.022}), 0.4, 0.55)
	}
	// Manubrium of the sternum, seen end-on through the spine.
	b.superBlob(b.bone, p.at(0.5, 0.235), p.r(0.035), p.r(0.03), p.rot, 4, 0.3, 0.4)
	return look{softK: 0.9, boneK: 1.5, softBlur: 0.006}
}
