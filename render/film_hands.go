package render

import "math"

// handRays gives the proportions of an adult hand in centimetres (PA view,
// wrist joint line at y = 0, fingers up, thumb towards +x): metacarpal base
// and head, then proximal, middle and distal phalanx lengths, index finger
// to little finger.
func handRays() (base, head [4]pt, phalanx [4][3]float64) {
	return [4]pt{{1.05, 3.0}, {0, 3.1}, {-1.05, 3.0}, {-1.95, 2.8}},
		[4]pt{{1.9, 9.3}, {0.15, 9.5}, {-1.6, 8.9}, {-3.2, 8.0}},
		[4][3]float64{{4.0, 2.4, 1.7}, {4.5, 2.8, 1.9}, {4.2, 2.7, 1.8}, {3.3, 1.9, 1.6}}
}

// drawHands is two hands palms down, thumbs towards each other: the image
// on the first bone record found by the X-Ray Audio project. Every
// phalanx is a waisted tube with a joint space before the next; the seed
// spreads the fingers, turns the hands and sometimes adds a ring.
func drawHands(b *body, r *rng) look {
	p := newPose(r, 0.03, 0.015, 0.03)
	for side, cx := range []float64{0.24, 0.76} {
		mir := 1.0
		if side == 1 {
			mir = -1
		}
		rot := r.rangef(-0.12, 0.03) // tilted outwards, or the thumbs would cross
		o := pt{cx + r.rangef(-0.015, 0.015), 0.78 + r.rangef(-0.03, 0.03)}
		const s = 0.029 // film units per cm
		// at maps hand centimetres to the film, mirrored for the second hand.
		at := func(q pt) pt {
			u := rotAbout(pt{o.x + q.x*s*mir, o.y - q.y*s}, o, rot*mir)
			return p.at(u.x, u.y)
		}
		cm := func(v float64) float64 { return p.r(v * s) }
		drawHand(b, r, at, cm)
	}
	return look{softK: 1.5, boneK: 1.8, softBlur: 0.004}
}

func drawHand(b *body, r *rng, at func(pt) pt, cm func(float64) float64) {
	ats := func(qs ...pt) []pt {
		out := make([]pt, len(qs))
		for i, q := range qs {
			out[i] = at(q)
		}
		return out
	}
	cms := func(vs ...float64) []float64 {
		for i := range vs {
			vs[i] = cm(vs[i])
		}
		return vs
	}
	// Forearm and palm soft tissue.
	b.flesh(ats(pt{0, -9}, pt{0, 0.5}), cms(3.2, 3.0), 0.8)
	b.superBlob(b.soft, at(pt{-0.4, 5.3}), cm(4.3), cm(4.6), 0, 4, 1, 0.45)
	// Radius (thumb side) and ulna end above the forearm's edge of the film.
	b.tube(ats(pt{1.0, -9}, pt{1.1, -2}, pt{1.2, -0.2}), cms(0.75, 0.95, 1.35), 0.38, 0.9)
	b.tube(ats(pt{2.3, -0.7}, pt{2.45, 0.1}), cms(0.45, 0.2), 0.5, 0.6) // radial styloid
	b.tube(ats(pt{-1.5, -9}, pt{-1.55, -2}, pt{-1.6, -0.5}), cms(0.6, 0.6, 0.72), 0.38, 0.9)
	b.tube(ats(pt{-2.05, -0.6}, pt{-2.15, 0.1}), cms(0.3, 0.15), 0.5, 0.6) // ulnar styloid
	// Carpals: two rows of rounded blocks that overlap (brighter where they do).
	carpals := []struct {
		c      pt
		rx, ry float64
	}{
		{pt{1.3, 0.95}, 1.05, 0.65}, {pt{-0.05, 0.95}, 0.8, 0.7}, {pt{-1.35, 1.25}, 0.65, 0.6}, {pt{-1.6, 1.6}, 0.45, 0.45},
		{pt{2.25, 2.2}, 0.75, 0.65}, {pt{1.15, 2.35}, 0.6, 0.6}, {pt{0.0, 2.25}, 0.7, 0.95}, {pt{-1.35, 2.25}, 0.75, 0.8},
	}
	for _, c := range carpals {
		b.superBlob(b.bone, at(c.c), cm(c.rx), cm(c.ry), r.rangef(-0.3, 0.3), 4, 0.32, 0.8)
	}
	// Thumb: metacarpal pointing out, two phalanges, two sesamoids.
	tb, th := pt{2.3, 2.5}, pt{4.2, 6.3}
	spreadT := r.rangef(-0.12, 0.15)
	th = rotAbout(th, tb, -spreadT)
	b.flesh(ats(tb, th), cms(1.2, 1.0), 0.8)
	b.tube(ats(tb, lerpPt(tb, th, 0.5), th), cms(0.65, 0.45, 0.6), 0.4, 0.9)
	dir := math.Atan2(th.y-tb.y, th.x-tb.x) - r.rangef(0, 0.1) // the thumb splays away
	tip := finger(b, at, cm, cms, th, dir, 0.6, []float64{3.0, 2.3}, 0.95, 1.2)
	b.flesh(ats(th, tip), cms(1.1, 0.85), 0.9)
	for _, d := range []float64{-0.3, 0.3} {
		b.blob(b.bone, at(th.add(pt{d, 0.25})), cm(0.22), cm(0.22), 0, 0.5, 0.5)
	}
	// Fingers.
	ring := r.intn(4) == 0
	mcBase, mcHead, phalanxL := handRays()
	for f := 0; f < 4; f++ {
		base, head := mcBase[f], mcHead[f]
		spread := float64(f-1) * r.rangef(0, 0.05)
		head = rotAbout(head, base, spread)
		b.tube(ats(base, lerpPt(base, head, 0.5), head), cms(0.68, 0.46, 0.64), 0.38, 0.95)
		dir := math.Atan2(head.y-base.y, head.x-base.x) + spread*0.8 + r.norm()*0.02
		tip := finger(b, at, cm, cms, head, dir, 0.64, phalanxL[f][:], 1, 1)
		b.flesh(ats(lerpPt(head, tip, 0.1), tip), cms(1.05, 0.8), 0.9)
		if ring && f == 2 {
			// A metal ring stops nearly all the beam: the brightest thing on the film.
			q := lerpPt(head, tip, 0.17)
			b.superBlob(b.bone, at(q), cm(1.05), cm(0.28), -(dir - math.Pi/2), 4, 0.25, 5)
		}
	}
	b.flesh(ats(pt{2.6, 3.5}, pt{3.8, 6.0}), cms(1.3, 1.0), 0.4) // thenar eminence
}

// finger chains phalanges of the given lengths (cm) from a metacarpal head
// whose rounded end has radius capR, leaving a dark joint space before each,
// and returns the finger tip. Tubes have round caps, so each phalanx's
// axis is shortened by its end radii to keep the joint spaces open.
func finger(b *body, at func(pt) pt, cm func(float64) float64, cms func(...float64) []float64, from pt, dir, capR float64, lengths []float64, scale, wScale float64) pt {
	const gap = 0.3 // joint space, cm
	c, s := math.Cos(dir), math.Sin(dir)
	along := func(p pt, d float64) pt { return pt{p.x + c*d, p.y + s*d} }
	pos := along(from, capR)
	for k, l := range lengths {
		l *= scale
		start := along(pos, gap)
		end := along(start, l)
		w := (0.62 - 0.08*float64(k)) * wScale
		if k == len(lengths)-1 {
			// Distal phalanx: a broad base narrowing to the tuft.
			r0, r1 := w*0.9, w*0.4
			a, e := along(start, r0), along(end, -r1)
			b.tube([]pt{at(a), at(lerpPt(a, e, 0.55)), at(e)}, cms(r0, w*0.5, r1), 0.45, 0.9)
			b.blob(b.bone, at(along(end, -w*0.45)), cm(w*0.55), cm(w*0.4), 0, 0.5, 0.45)
		} else {
			// Waisted shaft: wide base and head, narrow middle.
			r0, r1 := w*0.95, w*0.8
			a, e := along(start, r0), along(end, -r1)
			b.tube([]pt{at(a), at(lerpPt(a, e, 0.5)), at(e)}, cms(r0, w*0.66, r1), 0.42, 0.95)
		}
		pos = end
	}
	return along(pos, 0.5)
}
