package engine

import "math"

// The stylus tracer. Following docs/physics.md and the "virtual stylus" of
// optical playback (IRENE: Fadeyev & Haber, "Reconstruction of
// mechanically recorded sound by image processing", J. Audio Eng. Soc. 51
// (2003) 1172), the tip is a sphere of radius R resting on both walls:
//
//  1. each wall is the (worn) groove centre line ± noise and defects;
//  2. the tip centre cannot enter a wall, so it follows the dilation of each
//     wall by a circle of radius R: U_j = max_k w_L(j+k) + √(R²−(kΔs)²) − R,
//     L_j = min_k w_R(j+k) − √(R²−(kΔs)²) + R (tracing distortion; pinch
//     effect = L−U, the apparent width change that lifts the tip);
//  3. the tip is pressed into each wall with a Hertz contact of half-length a
//     and feels the wall averaged over ±a with the Hertz pressure
//     p(x) ∝ √(1−x²/a²) (translation loss: the treble and inner-groove loss).
//
// Δs, the arc length between samples, shrinks with radius, so the same tip
// spans more samples on inner turns. The footprint weights integrate p(x)
// against the linear interpolant of the samples, so the kernel changes
// continuously with radius instead of stepping turn by turn.

const (
	ringBits = 11
	ringN    = 1 << ringBits
	ringMask = ringN - 1
	maxHalf  = 250 // cap on any kernel half-width, samples
)

type kernel struct {
	block int
	dil   []float64 // dil[i] = √(R²−(iΔs/dilOver)²) − R, i = 0..R·dilOver/Δs (dilate.go)
	foot  []float64 // foot[k], k = 0..Ak, symmetric, sums to 1 over −Ak..Ak
	gauss []float64 // wear smoothing, k = 0..Gk; nil = none
	grain float64   // roughness injected into each wall, µm rms
	// crackle is the chance per sample of a torn fragment on a wall, and
	// crackleUM its height (a worn film wall's crackle, grain.go)
	crackle, crackleUM float64

	arcQ      int     // arc step the tip kernels were made for (arcStep)
	s2        float64 // σ² the wear kernel was made for
	gaussQ    int     // and its arc step
	gaussKeep []float64
}

type tracer struct {
	d             *Disc
	tipUM         float64
	contactUM     float64 // footprint half-length now (a worn needle's flat widens it)
	baseContactUM float64 // the tip's own contact on a smooth wall
	grainK        float64 // tip scaling of grain noise
	pinchLeak     float64
	noise         bool
	seed          uint64
	worn          bool // use wear smoothing (false = fresh reference)
	ev            *events
	ahead         *contactAhead // the contact traced on another core, or nil

	kc [4]kernel
	gc grainCache

	w    span // valid range of the wall ring
	o    span // valid range of the sub-sample wall ring (dilate.go)
	c    span // valid range of the contact ring
	wL   [ringN]float64
	wR   [ringN]float64
	cMid [ringN]float64
	cPin [ringN]float64
	cOut [ringN]float64 // cMid + pinchLeak·cPin: what the pickup follows
	tTag [ringN]int
	tVal [ringN]float64

	// sub-sample walls for the dilation (dilate.go)
	sub [ringN][2 * dilOver]float64 // per interval: left wall, right wall negated
	top [ringN][2]float64           // larger of each wall's points in sub
}

func newTracer(d *Disc, p Pickup, noise bool, seed uint64, ev *events) *tracer {
	t := &tracer{d: d, tipUM: p.TipRadiusUM, contactUM: p.contactUM(d.Params.Material),
		pinchLeak: p.PinchLeak, noise: noise, seed: seed, worn: true, ev: ev}
	// Grain noise: more of the wall's grain is under a larger contact, so the
	// injected roughness grows with the contact length (hiss energy grows
	// with tip size, docs/physics.md); the footprint then filters it.
	t.baseContactUM = t.contactUM
	t.grainK = math.Max(t.contactUM, 4) / 12
	t.empty()
	return t
}

// twin is a new tracer of the same groove with the same tip: it computes
// the same values, with rings and kernels of its own (ahead.go).
func (t *tracer) twin() *tracer {
	w := &tracer{d: t.d, tipUM: t.tipUM, contactUM: t.baseContactUM, baseContactUM: t.baseContactUM,
		grainK: t.grainK, pinchLeak: t.pinchLeak, noise: t.noise, seed: t.seed, worn: t.worn, ev: t.ev}
	w.empty()
	return w
}

// empty marks every ring and kernel slot as not yet computed.
func (t *tracer) empty() {
	for i := range t.tTag {
		t.tTag[i] = math.MinInt
	}
	t.w = span{lo: 1, hi: 0}
	t.o = span{lo: 1, hi: 0}
	t.c = span{lo: 1, hi: 0}
	for i := range t.kc {
		t.kc[i].block, t.kc[i].arcQ, t.kc[i].gaussQ = -1, noArcStep, noArcStep
	}
}

// setContact changes the footprint half-length (µm); the kernels are
// rebuilt when it has moved by more than 0.5 %.
func (t *tracer) setContact(a float64) {
	if math.Abs(a-t.contactUM) <= 5e-3*t.contactUM {
		return
	}
	t.contactUM = a
	for i := range t.kc {
		t.kc[i].block, t.kc[i].arcQ = -1, noArcStep
	}
}

// span is the contiguous range [lo, hi] of indices whose ring slots are
// valid, so the hot loops need no per-tap tag checks.
type span struct{ lo, hi int }

// missing makes [a, b] valid and returns the indices whose slots must be
// computed: lo..hi, in descending order if down (the order matters only to
// the kernel cache's reuse, kernelFor, so it is kept as it always was); none
// if lo > hi. A jump (skip, needle drop, fast scratch) restarts the range.
// The callers loop over the range themselves: a direct call per slot, not
// a call through a function value.
func (s *span) missing(a, b int) (lo, hi int, down bool) {
	if a >= s.lo && b <= s.hi {
		return 1, 0, false
	}
	switch {
	case s.hi >= s.lo && a >= s.lo && a <= s.hi+1 && b > s.hi: // forward
		lo, hi = s.hi+1, b
		s.hi = b
		if s.hi-s.lo >= ringN {
			s.lo = s.hi - ringN + 1
		}
		return lo, hi, false
	case s.hi >= s.lo && b <= s.hi && b >= s.lo-1 && a < s.lo: // backward
		lo, hi = a, s.lo-1
		s.lo = a
		if s.hi-s.lo >= ringN {
			s.hi = s.lo + ringN - 1
		}
		return lo, hi, true
	}
	s.lo, s.hi = a, b
	return a, b, false
}

// kernelAt is the kernel for the block holding groove sample j (the first
// block for the virtual samples before the groove starts).
func (t *tracer) kernelAt(j int) *kernel {
	return t.kernelFor(max(0, j) >> blockShift) // max(0, j) / BlockSize
}

// kernelFor returns the kernels for block b, cached direct-mapped (small
// enough to inline: the cell is almost always the cached one).
func (t *tracer) kernelFor(b int) *kernel {
	k := &t.kc[b&3]
	if k.block != b {
		t.loadKernel(k, b)
	}
	return k
}

// loadKernel puts block b's kernels in its cache slot k.
func (t *tracer) loadKernel(k *kernel, b int) {
	k.block = b
	d := t.d
	q := arcStep(d.arcUM(float64(b*BlockSize + BlockSize/2)))
	arc := arcOfStep(q)
	bb := min(b, len(d.smoothUM2)-1)
	// The tip kernels depend on the arc length only, which changes by a few
	// parts per million per block: they are made for the arc rounded to
	// arcStep's grid, so they are the same whichever blocks came before
	// (the contact is traced ahead on another core, ahead.go).
	if q != k.arcQ {
		k.arcQ = q
		t.tipKernels(k, arc)
	}
	k.gauss = k.gauss[:0]
	if t.worn && bb >= 0 {
		t.wearKernel(k, q, float64(d.smoothUM2[bb]))
	}
	k.grain, k.crackle = 0, 0
	if t.noise && bb >= 0 {
		rough := float64(d.roughUM[bb])
		k.grain = rough * t.grainK
		// Torn walls crackle: fragments of wall standing proud of the
		// worn face, more of them the rougher it is (tearing, wear.go).
		if g0 := d.Params.Material.props().grainUM; rough > 2*g0 {
			k.crackle = math.Min(crackleMax, crackleRate*(rough/g0-2))
			k.crackleUM = crackleHeight * rough
		}
	}
}

// tipKernels computes the dilation offsets and the footprint weights.
func (t *tracer) tipKernels(k *kernel, arc float64) {
	// dilation offsets, on the dilation's half-sample grid (dilate.go)
	k.dil = k.dil[:0]
	R := t.tipUM
	if R > 0 {
		h := arc / dilOver
		n := min(int(R/h), maxHalf*dilOver)
		for i := 0; i <= n; i++ {
			x := float64(i) * h
			v := R*R - x*x
			if !(v > 0) {
				v = 0 // math.Max(0, v) without its call (v is never NaN)
			}
			k.dil = append(k.dil, math.Sqrt(v)-R)
		}
	} else {
		k.dil = append(k.dil, 0)
	}
	// Hertz footprint p(x) = √(1−x²/a²) integrated against the Catmull-Rom
	// interpolant of the samples (the groove between samples is the cubic
	// through them), so the kernel varies continuously with a/Δs and adds
	// almost no low-pass of its own (−0.2 dB at 0.2·fs).
	k.foot = k.foot[:0]
	a := t.contactUM
	if a <= 0 {
		k.foot = append(k.foot, 1)
	} else {
		n := min(int(a/arc)+2, maxHalf)
		for i := 0; i <= n; i++ {
			k.foot = append(k.foot, 0)
		}
		const sub = 32 // integration points per sample interval
		dx := arc / sub
		aa := a * a
		for x := dx / 2; x < a; x += dx {
			w := math.Sqrt(1 - x*x/aa)
			u := x / arc
			for i := int(u) - 1; i <= int(u)+2; i++ {
				c := w * catmullKernel(u-float64(i))
				if i >= 0 && i <= n {
					k.foot[i] += c
				}
				// the mirror point −x adds the same to tap −i (the kernel is
				// symmetric: fold negative taps onto positive ones)
				if j := -i; j >= 0 && j <= n {
					k.foot[j] += c
				}
			}
		}
		sum := k.foot[0]
		for i := 1; i <= n; i++ {
			sum += 2 * k.foot[i]
		}
		for i := range k.foot {
			k.foot[i] /= sum
		}
	}
}

// wearKernel computes the Gaussian wear smoothing of σ² µm² along the groove
// (see wear.go) at arc step q, reusing the last one when both are unchanged.
func (t *tracer) wearKernel(k *kernel, q int, s2 float64) {
	if s2 == k.s2 && q == k.gaussQ {
		k.gauss = k.gaussKeep
		return
	}
	k.s2, k.gaussQ = s2, q
	k.gaussKeep = k.gaussKeep[:0]
	sig := math.Sqrt(s2) / arcOfStep(q)
	if sig > 0.05 {
		n := min(int(math.Ceil(3*sig)), maxHalf)
		// w_i = q^(i²), q = e^(−1/2σ²), by the recurrence w_{i+1} = w_i·q^(2i+1):
		// one exponential per kernel (a worn disc needs a kernel per cell).
		q := math.Exp(-0.5 / (sig * sig))
		w, m, q2 := 1.0, q, q*q
		sum := 0.0
		for i := 0; i <= n; i++ {
			k.gaussKeep = append(k.gaussKeep, w)
			if i == 0 {
				sum += w
			} else {
				sum += 2 * w
			}
			w *= m
			m *= q2
		}
		for i := range k.gaussKeep {
			k.gaussKeep[i] /= sum
		}
	}
	k.gauss = k.gaussKeep
}

// The kernels are made for the arc length rounded to 12 significant bits
// (within 0.012 %: a 63 µm tip's kernel moves by under 0.01 µm), a pure
// function of the block, so the tracer's output does not depend on the
// order in which it visits the groove. The rounding is done on the bits,
// a step relative to the arc at any radius and speed, the same native and
// in wasm (a logarithm could differ in its last bit).
const arcBits = 12

const noArcStep = math.MinInt

// arcStep is arc (> 0) rounded to arcBits bits: the float's bits shifted.
func arcStep(arc float64) int {
	const drop = 52 - arcBits
	return int((math.Float64bits(arc) + 1<<(drop-1)) >> drop)
}

func arcOfStep(q int) float64 { return math.Float64frombits(uint64(q) << (52 - arcBits)) }

// canonical maps a position past the end of the groove onto the locked
// turn: a closed loop with the same wall every time round.
func (d *Disc) canonical(j int) int {
	if ls := d.lockStart(); j >= ls {
		return ls + (j-ls)%d.n
	}
	return j
}

func (t *tracer) fresh(j int) float64 {
	g := t.d.groove
	if j < 0 || j >= len(g) {
		return 0
	}
	return float64(g[j])
}

// fillW fills the wall ring slots lo..hi (hi down to lo if down) with each
// wall at its sample: the (wear-smoothed) groove plus grain, crackle and
// defects. The kernel and the defect list are looked up once per wear cell,
// not per sample (kernelFor returns the cached kernel unchanged while the
// cell is the same, and events.near is apply's own test for the cell).
func (t *tracer) fillW(lo, hi int, down bool) {
	j, end, step := lo, hi+1, 1
	if down {
		j, end, step = hi, lo-1, -1
	}
	d := t.d
	g := d.groove
	scale := d.scaleUM
	le := d.Len()
	seam := le - grainFade
	var k *kernel
	kb, evOn := math.MinInt, false
	for ; j != end; j += step {
		key := j
		j := d.canonical(j)
		if b := j / BlockSize; b != kb || j < 0 {
			k, evOn = t.kernelAt(j), t.ev != nil && t.ev.near(j)
			kb = b
			if j < 0 {
				kb = math.MinInt // virtual samples before the groove: block 0's kernel, no defects
			}
		}
		var v float64
		if len(k.gauss) > 1 {
			n := len(k.gauss) - 1
			if j-n >= 0 && j+n < len(g) {
				v = k.gauss[0] * float64(g[j])
				for i := 1; i <= n; i++ {
					v += k.gauss[i] * float64(int32(g[j-i])+int32(g[j+i]))
				}
			} else {
				v = k.gauss[0] * t.fresh(j)
				for i := 1; i <= n; i++ {
					v += k.gauss[i] * (t.fresh(j-i) + t.fresh(j+i))
				}
			}
		} else if j >= 0 && j < len(g) {
			v = float64(g[j])
		}
		v *= scale
		l, r := v, v
		if k.grain > 0 {
			nl, nr := t.gc.at(t.seed, j)
			if j >= seam && j < le {
				nl, nr = t.seamGrain(j, nl, nr)
			}
			l += k.grain * nl
			r += k.grain * nr
		}
		if k.crackle > 0 {
			h := latticeHash(t.seed, 9, j)
			if float64(h>>40)*(1.0/(1<<24)) < k.crackle {
				v := k.crackleUM
				if h&2 != 0 {
					v = -v
				}
				if h&1 != 0 {
					l += v
				} else {
					r += v
				}
			}
		}
		if evOn {
			l, r = t.ev.apply(j, l, r, d)
		}
		s := key & ringMask
		t.wL[s], t.wR[s] = l, r
	}
}

// traced returns the stylus lateral position at groove sample j, µm: the
// cached value when there is one (small enough to inline), else traceNew.
func (t *tracer) traced(j int) float64 {
	if s0 := j & ringMask; t.tTag[s0] == j {
		return t.tVal[s0]
	}
	return t.traceNew(j)
}

// traceNew computes and caches the stylus position at groove sample j: the
// footprint average of the dilated contact, computing the contact where it
// is missing (usually one new sample at the front).
func (t *tracer) traceNew(j int) float64 {
	s0 := j & ringMask
	foot := t.kernelFor(max(0, j) >> blockShift).foot
	n := len(foot) - 1
	c := &t.c
	var from, to int
	var down bool
	if b := j + n; b == c.hi+1 && j-n >= c.lo && c.hi >= c.lo {
		// one on: what c.missing would answer, without the call
		from, to, c.hi = b, b, b
		if b-c.lo >= ringN {
			c.lo = b - ringN + 1
		}
	} else {
		from, to, down = c.missing(j-n, j+n)
	}
	i, end, step := from, to+1, 1
	if down {
		i, end, step = to, from-1, -1
	}
	for ; i != end; i += step {
		// the dilated contact at sample i: the bounds of both walls
		up, lo := t.contactAt(i, down)
		s := i & ringMask
		t.cMid[s], t.cPin[s] = 0.5*(up+lo), lo-up
		// a lateral pickup also picks up a little of the vertical (pinch) motion
		t.cOut[s] = t.cMid[s] + t.pinchLeak*t.cPin[s]
	}
	// footprint average of both walls' contact
	v := foot[0] * t.cOut[s0]
	for i := 1; i <= n; i++ {
		v += foot[i] * (t.cOut[(j-i)&ringMask] + t.cOut[(j+i)&ringMask])
	}
	t.tTag[s0], t.tVal[s0] = j, v
	return v
}

// floorInt is int(math.Floor(x)) for x within ±2⁵³, without the call
// math.Floor is on amd64: truncation, one down for a negative fraction.
func floorInt(x float64) int {
	i := int(x)
	if float64(i) > x {
		i--
	}
	return i
}

// catmullKernel is the Catmull-Rom interpolation kernel.
func catmullKernel(t float64) float64 {
	if t < 0 {
		t = -t
	}
	switch {
	case t < 1:
		return (1.5*t-2.5)*t*t + 1
	case t < 2:
		return ((-0.5*t+2.5)*t-4)*t + 2
	}
	return 0
}

func catmull(p0, p1, p2, p3, f float64) float64 {
	return p1 + 0.5*f*(p2-p0+f*(2*p0-5*p1+4*p2-p3+f*(3*(p1-p2)+p3-p0)))
}

// freshAt is the point-stylus, noise-free, unworn groove at x, µm: the
// fidelity reference.
func (d *Disc) freshAt(x float64) float64 {
	i := floorInt(x)
	if f := x - float64(i); f != 0 && i >= 1 && i+2 < len(d.groove) {
		g := d.groove[i-1 : i+3] // inside the groove: no per-tap checks
		return catmull(float64(g[0]), float64(g[1]), float64(g[2]), float64(g[3]), f) * d.scaleUM
	}
	return d.freshEdge(x)
}

// freshEdge is freshAt on a sample or next to the groove's ends.
func (d *Disc) freshEdge(x float64) float64 {
	i := floorInt(x)
	f := x - float64(i)
	g := func(j int) float64 {
		if j < 0 || j >= len(d.groove) {
			return 0
		}
		return float64(d.groove[j])
	}
	if f == 0 {
		return g(i) * d.scaleUM
	}
	return catmull(g(i-1), g(i), g(i+1), g(i+2), f) * d.scaleUM
}
