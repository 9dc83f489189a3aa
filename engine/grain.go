package engine

// The walls' texture and crackle, which fillW (trace.go) adds to each wall.

// The wall texture at canonical sample j is grainCache.at, except over the
// last grainFade samples of the locked turn: there it fades into the
// texture just before the turn starts, so the closed loop has no seam (no
// click once per revolution).
const grainFade = 1024

// seamGrain is the texture at j within grainFade of the groove's end, given
// grainCache's texture l, r there.
func (t *tracer) seamGrain(j int, l, r float64) (float64, float64) {
	w := float64(t.d.Len()-j) / grainFade // 1 → 0 towards the seam
	l2, r2 := grain(t.seed, j-t.d.n)
	return w*l + (1-w)*l2, w*r + (1-w)*r2
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
	grainLevels = 4 // grainCache.at writes the levels out
	// grainNorm is 1/rms of the sum including a 256-sample scale, which is
	// left out for speed: it only added sub-350 Hz texture, not hiss.
	grainNorm = 0.0666
)

// grainCache remembers the lattice values of the coarse scales, which change
// only every 4–256 samples while the tracer walks the groove: each scale's
// value at its lattice point g and the step to the next one (d = v(g+1) −
// v(g), the same subtraction the interpolation would make every sample).
type grainCache struct {
	g          [grainLevels]int
	a0, b0     [grainLevels]float64
	da, db     [grainLevels]float64
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
	// The coarse scales, written out (scale 4^lv, amplitude 2^lv): the
	// interpolation fraction j − g·4^lv = j & (4^lv − 1) is a small integer,
	// so dividing it by 4^lv and multiplying it by 1/4^lv give the same
	// exact value, and the multiplication is faster.
	if g := j >> 2; !c.valid[1] || c.g[1] != g {
		c.load(seed, 1, g)
	}
	if g := j >> 4; !c.valid[2] || c.g[2] != g {
		c.load(seed, 2, g)
	}
	if g := j >> 6; !c.valid[3] || c.g[3] != g {
		c.load(seed, 3, g)
	}
	f1, f2, f3 := float64(j&3)*(1.0/4), float64(j&15)*(1.0/16), float64(j&63)*(1.0/64)
	a += 2 * (c.a0[1] + f1*c.da[1])
	b += 2 * (c.b0[1] + f1*c.db[1])
	a += 4 * (c.a0[2] + f2*c.da[2])
	b += 4 * (c.b0[2] + f2*c.db[2])
	a += 8 * (c.a0[3] + f3*c.da[3])
	b += 8 * (c.b0[3] + f3*c.db[3])
	return a * grainNorm, b * grainNorm
}

// load caches scale lv's lattice values at g and g+1.
func (c *grainCache) load(seed uint64, lv, g int) {
	a0, b0 := tri2(latticeHash(seed, lv, g))
	a1, b1 := tri2(latticeHash(seed, lv, g+1))
	c.a0[lv], c.b0[lv], c.da[lv], c.db[lv] = a0, b0, a1-a0, b1-b0
	c.g[lv], c.valid[lv] = g, true
}

// grain is the uncached texture (same values as grainCache.at).
func grain(seed uint64, j int) (float64, float64) {
	var c grainCache
	return c.at(seed, j)
}
