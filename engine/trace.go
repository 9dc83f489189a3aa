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
	// crackleUM its height (a worn film wall's crackle, trace.go)
	crackle, crackleUM float64

	arc       float64 // arc length the tip kernels were made for
	s2, garc  float64 // σ² and arc the wear kernel was made for
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
	for i := range t.tTag {
		t.tTag[i] = math.MinInt
	}
	t.w = span{lo: 1, hi: 0} // empty
	t.o = span{lo: 1, hi: 0}
	t.c = span{lo: 1, hi: 0}
	for i := range t.kc {
		t.kc[i].block = -1
	}
	return t
}

// setContact changes the footprint half-length (µm); the kernels are
// rebuilt when it has moved by more than 0.5 %.
func (t *tracer) setContact(a float64) {
	if math.Abs(a-t.contactUM) <= 5e-3*t.contactUM {
		return
	}
	t.contactUM = a
	for i := range t.kc {
		t.kc[i].block, t.kc[i].arc = -1, 0
	}
}

// span is the contiguous range [lo, hi] of indices whose ring slots are
// valid, so the hot loops need no per-tap tag checks.
type span struct{ lo, hi int }

// ensure makes [a, b] valid, computing only what is missing; a jump (skip,
// needle drop, fast scratch) restarts the range.
func (s *span) ensure(a, b int, compute func(int)) {
	if a >= s.lo && b <= s.hi {
		return
	}
	switch {
	case s.hi >= s.lo && a >= s.lo && a <= s.hi+1 && b > s.hi: // forward
		for i := s.hi + 1; i <= b; i++ {
			compute(i)
		}
		s.hi = b
		if s.hi-s.lo >= ringN {
			s.lo = s.hi - ringN + 1
		}
	case s.hi >= s.lo && b <= s.hi && b >= s.lo-1 && a < s.lo: // backward
		for i := s.lo - 1; i >= a; i-- {
			compute(i)
		}
		s.lo = a
		if s.hi-s.lo >= ringN {
			s.hi = s.lo + ringN - 1
		}
	default:
		for i := a; i <= b; i++ {
			compute(i)
		}
		s.lo, s.hi = a, b
	}
}

// kernelAt is the kernel for the block holding groove sample j (the first
// block for the virtual samples before the groove starts).
func (t *tracer) kernelAt(j int) *kernel {
	return t.kernelFor(max(0, j) / BlockSize)
}

// kernelFor returns the kernels for block b, cached direct-mapped.
func (t *tracer) kernelFor(b int) *kernel {
	k := &t.kc[b&3]
	if k.block == b {
		return k
	}
	k.block = b
	d := t.d
	arc := d.arcUM(float64(b*BlockSize + BlockSize/2))
	bb := min(b, len(d.smoothUM2)-1)
	// The tip kernels depend on the arc length only, which changes by
	// ~0.01 % per block: reuse them while it moves less than 0.02 %.
	if math.Abs(arc-k.arc) > 2e-4*arc {
		k.arc = arc
		t.tipKernels(k, arc)
	}
	k.gauss = k.gauss[:0]
	if t.worn && bb >= 0 {
		t.wearKernel(k, arc, float64(d.smoothUM2[bb]))
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
	return k
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
			k.dil = append(k.dil, math.Sqrt(math.Max(0, R*R-x*x))-R)
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
		for x := dx / 2; x < a; x += dx {
			w := math.Sqrt(1 - x*x/(a*a))
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
// (see wear.go), reusing the last one when σ² and the arc are unchanged.
func (t *tracer) wearKernel(k *kernel, arc, s2 float64) {
	if s2 == k.s2 && math.Abs(arc-k.garc) <= 2e-4*arc {
		k.gauss = k.gaussKeep
		return
	}
	k.s2, k.garc = s2, arc
	k.gaussKeep = k.gaussKeep[:0]
	sig := math.Sqrt(s2) / arc
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

// computeW fills the wall ring slot for sample j.
func (t *tracer) computeW(j int) {
	d := t.d
	key := j
	j = d.canonical(j)
	k := t.kernelAt(j)
	var v float64
	if len(k.gauss) > 1 {
		g := d.groove
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
	} else {
		v = t.fresh(j)
	}
	v *= d.scaleUM
	l, r := v, v
	if k.grain > 0 {
		nl, nr := t.grainAt(j)
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
	if t.ev != nil {
		l, r = t.ev.apply(j, l, r, d)
	}
	s := key & ringMask
	t.wL[s], t.wR[s] = l, r
}

// computeC fills the dilated-contact slot for sample j.
func (t *tracer) computeC(j int) {
	up, lo := t.dilateAt(j, t.kernelAt(j).dil)
	s0 := j & ringMask
	t.cMid[s0], t.cPin[s0] = 0.5*(up+lo), lo-up
	// a lateral pickup also picks up a little of the vertical (pinch) motion
	t.cOut[s0] = t.cMid[s0] + t.pinchLeak*t.cPin[s0]
}

// traced returns the stylus lateral position at groove sample j, µm.
func (t *tracer) traced(j int) float64 {
	s0 := j & ringMask
	if t.tTag[s0] == j {
		return t.tVal[s0]
	}
	k := t.kernelAt(j)
	foot := k.foot
	n := len(foot) - 1
	t.c.ensure(j-n, j+n, t.computeC)
	// footprint average of both walls' contact
	v := foot[0] * t.cOut[s0]
	for i := 1; i <= n; i++ {
		v += foot[i] * (t.cOut[(j-i)&ringMask] + t.cOut[(j+i)&ringMask])
	}
	t.tTag[s0], t.tVal[s0] = j, v
	return v
}

// at interpolates the traced position at fractional sample x (Catmull-Rom).
func (t *tracer) at(x float64) float64 {
	i := int(math.Floor(x))
	f := x - float64(i)
	p1 := t.traced(i)
	if f == 0 {
		return p1
	}
	return catmull(t.traced(i-1), p1, t.traced(i+1), t.traced(i+2), f)
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
	i := int(math.Floor(x))
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

// grainAt is the wall texture at canonical sample j. Over the last 1024
// samples of the locked turn it fades into the texture just before the turn
// starts, so the closed loop has no seam (no click once per revolution).
func (t *tracer) grainAt(j int) (float64, float64) {
	l, r := t.gc.at(t.seed, j)
	const fade = 1024
	le := t.d.Len()
	if j >= le-fade && j < le {
		w := float64(le-j) / fade // 1 → 0 towards the seam
		l2, r2 := grain(t.seed, j-t.d.n)
		l, r = w*l+(1-w)*l2, w*r+(1-w)*r2
	}
	return l, r
}

// Crackle from torn walls (crackleRate per sample for each grain-height of
// roughness past twice the fresh grain, at most crackleMax: a few hundred
// ticks a second on a ruined groove), each a fragment crackleHeight times
// the roughness tall. Position-keyed: the same fragments every play.
const (
	crackleRate   = 4e-4
	crackleMax    = 0.01
	crackleHeight = 15.0
)

// Wall texture. Machined and worn surfaces have a roughness spectrum falling
// with spatial frequency, close to 1/k² (Sayles & Thomas, "Surface
// topography as a nonstationary random process", Nature 271 (1978) 431);
// record surface noise is accordingly near constant-velocity. It is built as
// position-keyed value noise over four scales (1, 4, 16, 64 samples) with
// amplitude ∝ √scale, so it is the same wall every play, in either
// direction. Below ~350 Hz (outer turns) the texture is flat in
// displacement: its velocity, which velocity pickups hear, falls away there.
const (
	grainLevels = 4
	// grainNorm is 1/rms of the sum including a 256-sample scale, which is
	// left out for speed: it only added sub-350 Hz texture, not hiss.
	grainNorm = 0.0666
)

// grainCache remembers the lattice values of the coarse scales, which change
// only every 4–256 samples while the tracer walks the groove.
type grainCache struct {
	g          [grainLevels]int
	a0, b0     [grainLevels]float64
	a1, b1     [grainLevels]float64
	valid      [grainLevels]bool
	seedCached uint64
}

func latticeHash(seed uint64, lv int, g int) uint64 {
	return splitmix64(seed + uint64(lv)*0x632be59bd9b4e019 ^ uint64(g)*0x9e3779b97f4a7c15)
}

func (c *grainCache) at(seed uint64, j int) (float64, float64) {
	if c.seedCached != seed {
		*c = grainCache{seedCached: seed}
	}
	a, b := tri2(latticeHash(seed, 0, j))
	amp := 2.0
	for lv := 1; lv < grainLevels; lv++ {
		sh := uint(2 * lv)
		g := j >> sh
		if !c.valid[lv] || c.g[lv] != g {
			c.a0[lv], c.b0[lv] = tri2(latticeHash(seed, lv, g))
			c.a1[lv], c.b1[lv] = tri2(latticeHash(seed, lv, g+1))
			c.g[lv], c.valid[lv] = g, true
		}
		f := float64(j-g<<sh) / float64(int(1)<<sh)
		a += amp * (c.a0[lv] + f*(c.a1[lv]-c.a0[lv]))
		b += amp * (c.b0[lv] + f*(c.b1[lv]-c.b0[lv]))
		amp *= 2
	}
	return a * grainNorm, b * grainNorm
}

// grain is the uncached texture (same values as grainCache.at).
func grain(seed uint64, j int) (float64, float64) {
	var c grainCache
	return c.at(seed, j)
}
