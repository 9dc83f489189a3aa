package render

import (
	"image"
	"math"

	"github.com/fogleman/gg"
)

// pt is a point in unit film coordinates: (0,0) top left, (1,1) bottom right.
type pt struct{ x, y float64 }

func (p pt) add(q pt) pt           { return pt{p.x + q.x, p.y + q.y} }
func lerpPt(a, b pt, t float64) pt { return pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t} }

// rotAbout rotates p by a radians about c (y down, so positive is clockwise on screen).
func rotAbout(p, c pt, a float64) pt {
	s, co := math.Sincos(a)
	dx, dy := p.x-c.x, p.y-c.y
	return pt{c.x + dx*co - dy*s, c.y + dx*s + dy*co}
}

// body builds a radiograph as two projected-thickness layers: soft tissue
// (blurred strongly later) and bone (kept sharper). Values add where shapes
// overlap, as X-ray attenuation does, so overlapping ribs look brighter.
type body struct {
	n          int
	soft, bone *field
	tmp        *field // one bone being assembled by max, so its own segments don't double up
	bx0, by0   int    // dirty box of tmp
	bx1, by1   int
	k0, k1     float64 // density at the two ends of the segment being stamped
}

func newBody(n int) *body {
	return &body{n: n, soft: newField(n, n), bone: newField(n, n), tmp: newField(n, n), bx0: n, by0: n, k0: 1, k1: 1}
}

// shell is the projected thickness across a hollow bone at normalised
// distance t from its axis (0 centre, 1 edge): the X-ray crosses more cortex
// near the edges, which is why real bones show bright margins and a duller
// marrow. wall is the cortical fraction of the radius; marrow attenuates a
// little (trabecular bone) rather than nothing.
func shell(t, wall float64) float64 {
	if t >= 1 {
		return 0
	}
	outer := math.Sqrt(1 - t*t)
	ri := 1 - wall
	if t >= ri {
		return outer
	}
	return outer - 0.7*math.Sqrt(ri*ri-t*t)
}

func (b *body) px(u float64) float64 { return u * float64(b.n) }

// tube stamps a tapered hollow bone along a polyline into the bone layer.
// radii has one radius per point (unit coords); dens scales its attenuation.
func (b *body) tube(pts []pt, radii []float64, wall, dens float64) {
	for i := 0; i+1 < len(pts); i++ {
		b.stampSeg(pts[i], pts[i+1], radii[i], radii[i+1], wall, true)
	}
	b.commit(b.bone, dens)
}

// fadingTube is tube with a density per point, for bones that thin out or
// turn into (invisible) cartilage, like the front ends of the ribs.
func (b *body) fadingTube(pts []pt, radii, dens []float64, wall float64) {
	for i := 0; i+1 < len(pts); i++ {
		b.k0, b.k1 = dens[i], dens[i+1]
		b.stampSeg(pts[i], pts[i+1], radii[i], radii[i+1], wall, true)
	}
	b.k0, b.k1 = 1, 1
	b.commit(b.bone, 1)
}

// flesh adds a solid tapered limb of soft tissue.
func (b *body) flesh(pts []pt, radii []float64, dens float64) {
	for i := 0; i+1 < len(pts); i++ {
		b.stampSeg(pts[i], pts[i+1], radii[i], radii[i+1], 1, false)
	}
	b.commit(b.soft, dens)
}

// stampSeg max-combines one tapered capsule into tmp. Bones get thicker
// (brighter) with their radius; flesh is normalised so dens is its thickness.
func (b *body) stampSeg(a, c pt, ra, rc, wall float64, byRadius bool) {
	ax, ay, cx, cy := b.px(a.x), b.px(a.y), b.px(c.x), b.px(c.y)
	ra, rc = b.px(ra), b.px(rc)
	rm := math.Max(ra, rc)
	x0 := clampInt(int(math.Min(ax, cx)-rm-1), 0, b.n-1)
	x1 := clampInt(int(math.Max(ax, cx)+rm+2), 0, b.n-1)
	y0 := clampInt(int(math.Min(ay, cy)-rm-1), 0, b.n-1)
	y1 := clampInt(int(math.Max(ay, cy)+rm+2), 0, b.n-1)
	b.grow(x0, y0, x1, y1)
	dx, dy := cx-ax, cy-ay
	l2 := dx*dx + dy*dy
	for y := y0; y <= y1; y++ {
		py := float64(y) + 0.5
		row := b.tmp.pix[y*b.n:]
		for x := x0; x <= x1; x++ {
			pxx := float64(x) + 0.5
			t := 0.0
			if l2 > 0 {
				t = clamp01(((pxx-ax)*dx + (py-ay)*dy) / l2)
			}
			qx, qy := ax+dx*t-pxx, ay+dy*t-py
			r := ra + (rc-ra)*t
			d2 := qx*qx + qy*qy
			if d2 >= r*r || r <= 0 {
				continue
			}
			k := b.k0 + (b.k1-b.k0)*t
			if byRadius {
				k *= math.Sqrt(r / float64(b.n) * 100)
			}
			v := float32(shell(math.Sqrt(d2)/r, wall) * k)
			if v > row[x] {
				row[x] = v
			}
		}
	}
}

func (b *body) grow(x0, y0, x1, y1 int) {
	b.bx0, b.by0 = min(b.bx0, x0), min(b.by0, y0)
	b.bx1, b.by1 = max(b.bx1, x1), max(b.by1, y1)
}

// commit adds tmp·dens into dst and clears tmp.
func (b *body) commit(dst *field, dens float64) {
	k := float32(dens)
	for y := b.by0; y <= b.by1 && y < b.n; y++ {
		for x := b.bx0; x <= b.bx1; x++ {
			i := y*b.n + x
			dst.pix[i] += k * b.tmp.pix[i]
			b.tmp.pix[i] = 0
		}
	}
	b.bx0, b.by0, b.bx1, b.by1 = b.n, b.n, 0, 0
}

// blob adds an ellipsoid (rotated by rot) with a cortical shell of fraction
// wall (1 = solid) to dst. Negative dens subtracts: air in lungs, holes.
func (b *body) blob(dst *field, c pt, rx, ry, rot, wall, dens float64) {
	b.superBlob(dst, c, rx, ry, rot, 2, wall, dens)
}

// superBlob is blob with a superellipse outline of exponent p (2 ellipse,
// 4 a rounded block such as a vertebral body or carpal bone).
func (b *body) superBlob(dst *field, c pt, rx, ry, rot, p, wall, dens float64) {
	cx, cy, rxp, ryp, x0, y0, x1, y1, ok := b.ellipseBox(c, rx, ry)
	if !ok {
		return
	}
	s, co := math.Sincos(rot)
	thick := dens
	for y := y0; y <= y1; y++ {
		py := float64(y) + 0.5 - cy
		row := dst.pix[y*b.n:]
		for x := x0; x <= x1; x++ {
			pxx := float64(x) + 0.5 - cx
			u := (pxx*co + py*s) / rxp
			v := (-pxx*s + py*co) / ryp
			if math.Abs(u) >= 1 || math.Abs(v) >= 1 {
				continue
			}
			t := superNorm(u, v, p)
			if t >= 1 {
				continue
			}
			row[x] += float32(shell(t, wall) * thick)
		}
	}
}

// lump max-combines a (super)ellipsoidal part into the bone being built, so
// that a bone made of several parts (shaft, flare, condyles) stays one solid
// without bright seams where the parts overlap. Call commit to finish it.
func (b *body) lump(c pt, rx, ry, rot, p, wall float64) {
	cx, cy, rxp, ryp, x0, y0, x1, y1, ok := b.ellipseBox(c, rx, ry)
	if !ok {
		return
	}
	b.grow(x0, y0, x1, y1)
	s, co := math.Sincos(rot)
	k := math.Sqrt(math.Min(rx, ry) * 100)
	for y := y0; y <= y1; y++ {
		py := float64(y) + 0.5 - cy
		row := b.tmp.pix[y*b.n:]
		for x := x0; x <= x1; x++ {
			pxx := float64(x) + 0.5 - cx
			t := superNorm((pxx*co+py*s)/rxp, (-pxx*s+py*co)/ryp, p)
			if t >= 1 {
				continue
			}
			if v := float32(shell(t, wall) * k); v > row[x] {
				row[x] = v
			}
		}
	}
}

// ellipseBox is an ellipse's centre and radii in pixels and the pixel box
// that holds it at any rotation, clamped to the field; ok is false when the
// ellipse is too small to draw.
func (b *body) ellipseBox(c pt, rx, ry float64) (cx, cy, rxp, ryp float64, x0, y0, x1, y1 int, ok bool) {
	cx, cy = b.px(c.x), b.px(c.y)
	rxp, ryp = b.px(rx), b.px(ry)
	if rxp <= 0 || ryp <= 0 {
		return
	}
	rm := math.Max(rxp, ryp) * 1.05
	x0 = clampInt(int(cx-rm-1), 0, b.n-1)
	x1 = clampInt(int(cx+rm+2), 0, b.n-1)
	y0 = clampInt(int(cy-rm-1), 0, b.n-1)
	y1 = clampInt(int(cy+rm+2), 0, b.n-1)
	return cx, cy, rxp, ryp, x0, y0, x1, y1, true
}

// superNorm is the superellipse radius of (u, v) for exponent 2 or 4.
func superNorm(u, v, p float64) float64 {
	if p == 2 {
		return math.Sqrt(u*u + v*v)
	}
	u2, v2 := u*u, v*v
	return math.Sqrt(math.Sqrt(u2*u2 + v2*v2))
}

// segs max-combines a tapered polyline into the bone being built.
func (b *body) segs(pts []pt, radii []float64, wall float64) {
	for i := 0; i+1 < len(pts); i++ {
		b.stampSeg(pts[i], pts[i+1], radii[i], radii[i+1], wall, true)
	}
}

// plate adds a flat bone drawn as a gg path (unit coordinates): a thin
// sheet of thickness dens with a brighter rim of width rimU where the X-ray
// runs along the cortex (iliac wings, scapulae, the skull vault).
func (b *body) plate(dst *field, draw func(dc *gg.Context), dens, rimU, rimDens float64) {
	b.plateInto(draw, dens, rimU, rimDens, func(i int, v float32) { dst.pix[i] += v })
}

// plateLump is plate max-combined into the bone being built: the spongy
// end of a long bone, joined seamlessly to its shaft. Call commit after.
func (b *body) plateLump(draw func(dc *gg.Context), dens, rimU, rimDens float64) {
	b.plateInto(draw, dens, rimU, rimDens, func(i int, v float32) {
		if v > b.tmp.pix[i] {
			b.tmp.pix[i] = v
		}
		x, y := i%b.n, i/b.n
		b.grow(x, y, x, y)
	})
}

func (b *body) plateInto(draw func(dc *gg.Context), dens, rimU, rimDens float64, put func(i int, v float32)) {
	m := b.mask(draw)
	// Work only inside the shape's bounding box (plus the blur's reach).
	x0, y0, x1, y1 := m.w, m.h, -1, -1
	for y := 0; y < m.h; y++ {
		for x, v := range m.pix[y*m.w : (y+1)*m.w] {
			if v > 0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return
	}
	pad := int(b.px(rimU)*3) + 2
	x0, y0 = max(0, x0-pad), max(0, y0-pad)
	x1, y1 = min(m.w-1, x1+pad), min(m.h-1, y1+pad)
	w, h := x1-x0+1, y1-y0+1
	inner := newField(w, h)
	for y := 0; y < h; y++ {
		copy(inner.pix[y*w:(y+1)*w], m.pix[(y+y0)*m.w+x0:(y+y0)*m.w+x1+1])
	}
	inner.blur(b.px(rimU))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := (y+y0)*m.w + x + x0
			mv, iv := m.pix[i], inner.pix[y*w+x]
			if mv == 0 {
				continue
			}
			rim := max(mv-iv, 0)
			put(i, float32(dens)*mv*(0.6+0.4*iv)+float32(rimDens)*rim*2)
		}
	}
}

// mask rasterises a gg path (unit coordinates, filled by draw) to coverage 0..1.
func (b *body) mask(draw func(dc *gg.Context)) *field {
	im := image.NewRGBA(image.Rect(0, 0, b.n, b.n))
	dc := gg.NewContextForRGBA(im)
	dc.Scale(float64(b.n), float64(b.n))
	dc.SetRGB(1, 1, 1)
	draw(dc)
	f := newField(b.n, b.n)
	for i := range f.pix {
		f.pix[i] = float32(im.Pix[i*4+3]) / 255
	}
	return f
}

// smoothPath adds a closed Catmull-Rom curve through pts to dc.
func smoothPath(dc *gg.Context, pts []pt) {
	n := len(pts)
	if n < 3 {
		return
	}
	dc.MoveTo(pts[0].x, pts[0].y)
	for i := 0; i < n; i++ {
		p0, p1, p2, p3 := pts[(i+n-1)%n], pts[i], pts[(i+1)%n], pts[(i+2)%n]
		c1 := pt{p1.x + (p2.x-p0.x)/6, p1.y + (p2.y-p0.y)/6}
		c2 := pt{p2.x - (p3.x-p1.x)/6, p2.y - (p3.y-p1.y)/6}
		dc.CubicTo(c1.x, c1.y, c2.x, c2.y, p2.x, p2.y)
	}
	dc.ClosePath()
}

// curve samples a quadratic Bézier a→b→c at n points.
func curve(a, b, c pt, n int) []pt {
	out := make([]pt, n)
	for i := range out {
		t := float64(i) / float64(n-1)
		out[i] = lerpPt(lerpPt(a, b, t), lerpPt(b, c, t), t)
	}
	return out
}

// taper gives n radii from r0 to r1 with a bulge k in the middle (bone ends flare).
func taper(n int, r0, r1, bulge float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		t := float64(i) / float64(n-1)
		out[i] = r0 + (r1-r0)*t + bulge*math.Sin(math.Pi*t)
	}
	return out
}

// pose places a drawing on the film: every anatomy is written in a canonical
// frame and the seed tilts, shifts and scales it a little, as a patient
// stands differently each time.
type pose struct {
	rot, sc float64
	sh      pt
}

func newPose(r *rng, maxRot, maxShift, scaleVar float64) pose {
	return pose{
		rot: r.rangef(-maxRot, maxRot),
		sc:  1 + r.rangef(-scaleVar, scaleVar),
		sh:  pt{r.rangef(-maxShift, maxShift), r.rangef(-maxShift, maxShift)},
	}
}

// at maps canonical (x, y) to the film.
func (p pose) at(x, y float64) pt {
	q := pt{0.5 + (x-0.5)*p.sc, 0.5 + (y-0.5)*p.sc}
	return rotAbout(q, pt{0.5, 0.5}, p.rot).add(p.sh)
}

// ats maps a list of canonical points.
func (p pose) ats(ps ...pt) []pt {
	out := make([]pt, len(ps))
	for i, q := range ps {
		out[i] = p.at(q.x, q.y)
	}
	return out
}

// r scales a canonical length.
func (p pose) r(v float64) float64 { return v * p.sc }

// rs scales a list of canonical radii in place and returns it.
func (p pose) rs(v []float64) []float64 {
	for i := range v {
		v[i] *= p.sc
	}
	return v
}

// fill adds a filled gg path (unit coordinates) of thickness dens to dst.
func (b *body) fill(dst *field, draw func(dc *gg.Context), dens float64) {
	m := b.mask(draw)
	dst.addScaled(m, float32(dens))
}

// vertebra draws one vertebra seen front-on: a rounded block of a body with a
// cortical rim, two oval pedicle rings and a spinous process in the midline.
func (b *body) vertebra(p pose, c pt, w, h, tilt, dens float64) {
	at := p.at(c.x, c.y)
	rot := p.rot + tilt
	b.superBlob(b.bone, at, p.r(w/2), p.r(h/2), rot, 4, 0.22, dens)
	for _, s := range []float64{-1, 1} {
		pc := rotAbout(p.at(c.x+s*w*0.36, c.y-h*0.18), at, tilt)
		b.blob(b.bone, pc, p.r(w*0.1), p.r(h*0.2), rot, 0.45, dens*0.7)
		// Transverse process.
		tp0 := rotAbout(p.at(c.x+s*w*0.45, c.y-h*0.1), at, tilt)
		tp1 := rotAbout(p.at(c.x+s*w*0.8, c.y-h*0.16), at, tilt)
		b.tube([]pt{tp0, tp1}, []float64{p.r(h * 0.13), p.r(h * 0.09)}, 0.5, dens*0.6)
	}
	sp0 := rotAbout(p.at(c.x, c.y+h*0.05), at, tilt)
	sp1 := rotAbout(p.at(c.x, c.y+h*0.45), at, tilt)
	b.tube([]pt{sp0, sp1}, []float64{p.r(w * 0.07), p.r(w * 0.04)}, 0.5, dens*0.5)
}
