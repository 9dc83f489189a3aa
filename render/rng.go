package render

import (
	"hash/fnv"
	"math"
)

// rng is a small deterministic generator (SplitMix64). Each aspect of a
// picture (pose, scratches, marks, ...) gets its own stream so changing how
// one aspect draws does not reshuffle all the others.
type rng struct{ s uint64 }

func newRNG(seed uint64, stream string) *rng {
	h := fnv.New64a()
	h.Write([]byte(stream))
	return &rng{s: seed*0x9E3779B97F4A7C15 ^ h.Sum64()}
}

func (r *rng) u64() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// float is uniform in [0,1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// rangef is uniform in [a,b).
func (r *rng) rangef(a, b float64) float64 { return a + (b-a)*r.float() }

// intn is uniform in [0,n); n must be > 0.
func (r *rng) intn(n int) int { return int(r.u64() % uint64(n)) }

// norm is a standard normal deviate (Box–Muller; one value per call keeps it stateless).
func (r *rng) norm() float64 {
	u := r.float()
	if u < 1e-12 {
		u = 1e-12
	}
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}

// hash2 is a stateless integer hash of a lattice point, in [0,1).
func hash2(x, y int32, seed uint64) float64 {
	z := uint64(uint32(x))<<32 | uint64(uint32(y))
	z ^= seed * 0xD6E8FEB86659FD93
	z = (z ^ z>>32) * 0xD6E8FEB86659FD93
	z = (z ^ z>>32) * 0xD6E8FEB86659FD93
	z ^= z >> 32
	return float64(z>>11) / (1 << 53)
}

// valueNoise is smooth lattice noise in [0,1) with unit feature size.
func valueNoise(x, y float64, seed uint64) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int32(fx), int32(fy)
	tx, ty := x-fx, y-fy
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	a := hash2(ix, iy, seed)
	b := hash2(ix+1, iy, seed)
	c := hash2(ix, iy+1, seed)
	d := hash2(ix+1, iy+1, seed)
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// fbm sums octaves of valueNoise; result roughly in [0,1).
func fbm(x, y float64, octaves int, seed uint64) float64 {
	sum, amp, norm := 0.0, 1.0, 0.0
	for o := 0; o < octaves; o++ {
		sum += amp * valueNoise(x, y, seed+uint64(o)*7919)
		norm += amp
		amp *= 0.5
		x, y = x*2.03, y*2.03
	}
	return sum / norm
}
