package engine

import "math"

// Dilation of the walls by the tip: the tip-centre bounds of a sphere of
// radius R resting on both walls — the "virtual stylus" of optical playback
// (IRENE, Fadeyev & Haber 2003), i.e. the grey-scale morphological dilation
// of each wall profile by a circular structuring element:
//
//	U(s) = max_x w_L(x) + √(R²−(x−s)²) − R,   L(s) = min_x w_R(x) − √(R²−(x−s)²) + R.
//
// Groove samples are 11–22 µm apart (57–118 mm at 78 rpm) under a 63 µm tip,
// and the sphere touches the wall where it is tangent to it, usually between
// samples: a max over whole samples misses it, and on outer turns the tip
// then traces like a point (no pinch, no tracing distortion). The wall
// between samples is the band-limited groove, so it is interpolated at the
// half-sample points (once per sample, into a ring), the max is taken over
// that 5–11 µm grid, and the parabola through the best point and its two
// neighbours gives the max between grid points (the sum is smooth there: the
// sphere meets the wall tangentially). Against an exact fine-grid dilation
// of a sine the harmonics agree within 0.5 dB up to 5 kHz (tracing_test.go).
//
// The right wall is kept negated, so both bounds are one max:
// L = −max(−w_R + cap). Speed: the grid points of one sample interval form a
// segment that keeps its largest value. The two segments around the tip
// centre are always searched; a farther segment only if its largest value
// plus the cap at its nearest point could beat the centre, which takes a
// wall peak sharper than the tip (a click, a dust speck, a torn wall).

const (
	dilOver  = 2  // grid points per sample interval (the code assumes 2)
	dilShift = 1  // log2(dilOver)
	dilAhead = 16 // sample intervals interpolated ahead per ring fill
)

// fillO fills the grid ring for the sample intervals [i, i+1), i = lo..hi
// (hi down to lo if down): each wall at i and at i+½ by 8-point Lagrange
// interpolation of samples i−3..i+4 (the groove is band-limited; at 5 kHz on
// an inner turn, 0.11·fs, Catmull-Rom puts the wall's curvature at its
// crests ~20 % off, and the crests are what the tip rides on; this is within
// 0.05 %), the right wall negated, and each wall's larger value. Written as
// straight-line sums: the time is latency.
func (t *tracer) fillO(lo, hi int, down bool) {
	const c0, c1, c2, c3 = 1225.0 / 2048, -245.0 / 2048, 49.0 / 2048, -5.0 / 2048 // 8-point Lagrange at ½
	wl, wr := &t.wL, &t.wR
	i, end, step := lo, hi+1, 1
	if down {
		i, end, step = hi, lo-1, -1
	}
	for ; i != end; i += step {
		a0, a1, a2, a3 := (i-3)&ringMask, (i-2)&ringMask, (i-1)&ringMask, i&ringMask
		b3, b2, b1, b0 := (i+1)&ringMask, (i+2)&ringMask, (i+3)&ringMask, (i+4)&ringMask
		ml := c3*(wl[a0]+wl[b0]) + c2*(wl[a1]+wl[b1]) + (c1*(wl[a2]+wl[b2]) + c0*(wl[a3]+wl[b3]))
		mr := c3*(wr[a0]+wr[b0]) + c2*(wr[a1]+wr[b1]) + (c1*(wr[a2]+wr[b2]) + c0*(wr[a3]+wr[b3]))
		l, r := wl[a3], -wr[a3]
		mr = -mr
		t.sub[a3] = [2 * dilOver]float64{l, ml, r, mr}
		t.top[a3] = [2]float64{maxSel(l, ml), maxSel(r, mr)}
	}
}

// maxSel is the larger of a and b, for dilateAt's far test, chosen with an
// integer select: no branch on amd64 (CMOV) or wasm (select), where which
// point of a segment is higher is a coin toss a branch would mispredict,
// and wasm builds call out for the built-in max. Of −0 and +0 it may keep
// either; the far test adds a non-zero cap before it compares.
func maxSel(a, b float64) float64 {
	x, y := math.Float64bits(a), math.Float64bits(b)
	if b > a {
		x = y
	}
	return math.Float64frombits(x)
}

// ensureWO makes the wall ring valid over [a−3, b+4] and the grid ring over
// [a, b] (fillO reads the walls four samples either side).
func (t *tracer) ensureWO(a, b int) {
	if lo, hi, down := t.w.missing(a-3, b+4); lo <= hi {
		t.fillW(lo, hi, down)
	}
	if lo, hi, down := t.o.missing(a, b); lo <= hi {
		t.fillO(lo, hi, down)
	}
}

// dilateAt is the tip-centre bounds U, L at groove sample j (see above).
func (t *tracer) dilateAt(j int, dil []float64) (up, lo float64) {
	n := len(dil) - 1
	switch {
	case n == 0: // point stylus
		if lo, hi, down := t.w.missing(j, j); lo <= hi {
			t.fillW(lo, hi, down)
		}
		s0 := j & ringMask
		return t.wL[s0], t.wR[s0]
	case n < 2*dilOver: // a tip narrower than a sample spacing
		return t.dilateSmall(j, dil)
	}
	K := n >> dilShift // segments up to K samples away reach under the tip
	if j-K-1 < t.o.lo || j+K > t.o.hi {
		// fill ahead in the direction of travel: one ring fill per
		// dilAhead samples rather than per sample
		a, b := j-K-1, j+K
		if b > t.o.hi {
			b += dilAhead
		} else {
			a -= dilAhead
		}
		t.ensureWO(a, b)
	}
	// The two segments around the centre: offsets −2..1 (−3 and 2 are the
	// refinement's neighbours).
	d1, d2, d3 := dil[1], dil[2], dil[3]
	c0, c1 := &t.sub[j&ringMask], &t.sub[(j-1)&ringMask]
	cp, cm := &t.sub[(j+1)&ringMask], &t.sub[(j-2)&ringMask]
	var u, l [6]float64 // offsets −3..2
	u[0], u[1], u[2], u[3], u[4], u[5] = cm[1]+d3, c1[0]+d2, c1[1]+d1, c0[0], c0[1]+d1, cp[0]+d2
	l[0], l[1], l[2], l[3], l[4], l[5] = cm[3]+d3, c1[2]+d2, c1[3]+d1, c0[2], c0[3]+d1, cp[2]+d2
	iu, il := best4(&u), best4(&l)
	bu, bl := u[iu+1], l[il+1]
	// Farther segments: searched only if one could reach the centre point
	// (≤ the best, so the test need not wait for the search above).
	// (Segments k = 1..K away: j+k and j−k−1, whose nearest grid point is
	// 2k from the centre.)
	far := false
	cu, cl := c0[0], c0[2]
	ia, ib := j, j-1
	for i, caps := 2, dil[:2*K+1]; i < len(caps); i += 2 {
		ia, ib = ia+1, ib-1
		h := caps[i]
		a, b := &t.top[ia&ringMask], &t.top[ib&ringMask]
		if a[0]+h >= cu || b[0]+h >= cu || a[1]+h >= cl || b[1]+h >= cl {
			far = true
			break
		}
	}
	var pu, qu, pl, ql float64
	if !far {
		pu, qu, pl, ql = u[iu], u[iu+2], l[il], l[il+2]
		iu, il = iu-2, il-2
	} else {
		iu, il = iu-2, il-2
		for k := 1; k <= K; k++ {
			bu, iu = t.scanFar(0, j, k, dil, bu, iu)
			bl, il = t.scanFar(1, j, k, dil, bl, il)
		}
		if iu <= -n || iu >= n || il <= -n || il >= n {
			return t.refine(0, j, dil, bu, iu), -t.refine(1, j, dil, bl, il)
		}
		pu, qu = t.subAt(0, j, iu-1)+dil[absInt(iu-1)], t.subAt(0, j, iu+1)+dil[absInt(iu+1)]
		pl, ql = t.subAt(1, j, il-1)+dil[absInt(il-1)], t.subAt(1, j, il+1)+dil[absInt(il+1)]
	}
	// Parabola through the best grid point and its neighbours: its vertex
	// is the max between grid points (at most 1/8 of the larger step to a
	// neighbour above the best point, so a sharp wall peak is not overshot).
	// One division serves both walls.
	du, dl := 2*bu-pu-qu, 2*bl-pl-ql
	nu, nl := (pu-qu)*(pu-qu), (pl-ql)*(pl-ql)
	if du > 0 && dl > 0 {
		r := 0.125 / (du * dl)
		return bu + nu*dl*r, -(bl + nl*du*r)
	}
	if du > 0 {
		bu += nu / (8 * du)
	}
	if dl > 0 {
		bl += nl / (8 * dl)
	}
	return bu, -bl
}

// best4 is the index − 1 (0..3) of the largest of v[1..4], ties to the
// lower index. (Branches, not SETcc arithmetic: the winner moves smoothly
// from sample to sample, so they predict well, and measured faster.)
func best4(v *[6]float64) int {
	ia, ib := 1, 3
	if v[2] > v[1] {
		ia = 2
	}
	if v[4] > v[3] {
		ib = 4
	}
	if v[ib] > v[ia] {
		ia = ib
	}
	return ia - 1
}

// refine is the parabolic refinement of one wall's best grid point at
// offset bi, value best (see dilateAt), for the rare far or rim cases.
func (t *tracer) refine(w, j int, dil []float64, best float64, bi int) float64 {
	n := len(dil) - 1
	if bi <= -n || bi >= n {
		return best
	}
	p := t.subAt(w, j, bi-1) + dil[absInt(bi-1)]
	q := t.subAt(w, j, bi+1) + dil[absInt(bi+1)]
	if den := 2*best - p - q; den > 0 {
		best += (p - q) * (p - q) / (8 * den)
	}
	return best
}

// scanFar looks for a better point than best (at offset bi) in the two
// segments k samples from j, wall w. Ties go to the smaller signed offset,
// so the result does not depend on the scan order.
func (t *tracer) scanFar(w, j, k int, dil []float64, best float64, bi int) (float64, int) {
	n := len(dil) - 1
	const P = dilOver
	r := &t.sub[(j+k)&ringMask]   // offsets kP+m
	l := &t.sub[(j-k-1)&ringMask] // offsets −((k+1)P−m)
	for m := 0; m < P; m++ {
		if i := k*P + m; i <= n {
			if v := r[w*P+m] + dil[i]; v > best || v == best && i < bi {
				best, bi = v, i
			}
		}
		if i := (k+1)*P - m; i <= n {
			if v := l[w*P+m] + dil[i]; v > best || v == best && -i < bi {
				best, bi = v, -i
			}
		}
	}
	return best, bi
}

// subAt is wall w's sub-sample point at signed offset i from sample j.
func (t *tracer) subAt(w, j, i int) float64 {
	return t.sub[(j+i>>dilShift)&ringMask][w*dilOver+i&(dilOver-1)]
}

// dilateSmall is the dilation for a tip narrower than a sample spacing
// (none of the shipped pickups): every grid point, then the parabola.
func (t *tracer) dilateSmall(j int, dil []float64) (up, lo float64) {
	n := len(dil) - 1
	K := n >> dilShift
	t.ensureWO(j-K-1, j+K)
	var b [2]float64
	for w := range b {
		best, bi := math.Inf(-1), 0
		for i := -n; i <= n; i++ {
			if v := t.subAt(w, j, i) + dil[absInt(i)]; v > best {
				best, bi = v, i
			}
		}
		b[w] = t.refine(w, j, dil, best, bi)
	}
	return b[0], -b[1]
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
