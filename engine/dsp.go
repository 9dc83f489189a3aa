package engine

import (
	"math"
	"math/cmplx"
	"slices"
)

// biquad is a second-order IIR section, transposed direct form II.
type biquad struct {
	b0, b1, b2, a1, a2 float64
	z1, z2             float64
}

func (f *biquad) process(x float64) float64 {
	y := f.b0*x + f.z1
	f.z1 = f.b1*x - f.a1*y + f.z2
	f.z2 = f.b2*x - f.a2*y
	return y
}

func (f *biquad) reset() { f.z1, f.z2 = 0, 0 }

// response is the complex gain at freq Hz.
func (f *biquad) response(freq float64) complex128 {
	z1 := cmplx.Exp(complex(0, -2*math.Pi*freq/EngineRate))
	z2 := z1 * z1
	num := complex(f.b0, 0) + complex(f.b1, 0)*z1 + complex(f.b2, 0)*z2
	den := 1 + complex(f.a1, 0)*z1 + complex(f.a2, 0)*z2
	return num / den
}

// bilinear maps the analog section (b0 + b1·s + b2·s²)/(a0 + a1·s + a2·s²)
// to z with s = 2fs(1−z⁻¹)/(1+z⁻¹). Using the same map for a characteristic
// and its inverse makes the digital pair an exact inverse.
func bilinear(b, a [3]float64) biquad {
	k := 2.0 * EngineRate
	k2 := k * k
	B0 := b[0] + b[1]*k + b[2]*k2
	B1 := 2*b[0] - 2*b[2]*k2
	B2 := b[0] - b[1]*k + b[2]*k2
	A0 := a[0] + a[1]*k + a[2]*k2
	A1 := 2*a[0] - 2*a[2]*k2
	A2 := a[0] - a[1]*k + a[2]*k2
	return biquad{b0: B0 / A0, b1: B1 / A0, b2: B2 / A0, a1: A1 / A0, a2: A2 / A0}
}

// prewarp returns the analog angular frequency that lands on hz after bilinear.
func prewarp(hz float64) float64 {
	hz = math.Min(hz, 0.45*EngineRate)
	return 2 * EngineRate * math.Tan(math.Pi*hz/EngineRate)
}

func lowpass2(hz, q float64) biquad {
	w := prewarp(hz)
	return bilinear([3]float64{1, 0, 0}, [3]float64{1, 1 / (q * w), 1 / (w * w)})
}

func highpass2(hz, q float64) biquad {
	w := prewarp(hz)
	return bilinear([3]float64{0, 0, 1 / (w * w)}, [3]float64{1, 1 / (q * w), 1 / (w * w)})
}

func highpass1(hz float64) biquad {
	w := prewarp(hz)
	return bilinear([3]float64{0, 1 / w, 0}, [3]float64{1, 1 / w, 0})
}

// peaking is a resonance of gainDB at hz (RBJ's analog prototype).
func peaking(hz, q, gainDB float64) biquad {
	w := prewarp(hz)
	A := math.Pow(10, gainDB/40)
	return bilinear([3]float64{1, A / (q * w), 1 / (w * w)}, [3]float64{1, 1 / (A * q * w), 1 / (w * w)})
}

// chain is a cascade of biquads.
type chain []biquad

func (c chain) process(x float64) float64 {
	for i := range c {
		x = c[i].process(x)
	}
	return x
}

func (c chain) response(freq float64) complex128 {
	r := complex(1, 0)
	for i := range c {
		r *= c[i].response(freq)
	}
	return r
}

func (c chain) clone() chain { return append(chain(nil), c...) }

// kaiser window value at x in [-1,1].
func kaiser(x, beta float64) float64 {
	if x < -1 || x > 1 {
		return 0
	}
	return besselI0(beta*math.Sqrt(1-x*x)) / besselI0(beta)
}

func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
		if term < 1e-12*sum {
			break
		}
	}
	return sum
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// firLowpass is a linear-phase Kaiser-windowed sinc low-pass of 2·half+1
// taps; the cutter band limit, flat and delay-compensated in the pass band.
type firLowpass struct {
	half int
	h    []float64 // h[0..half], symmetric
	buf  []float64 // ring of 2·half+1, doubled to avoid wrap checks
	pos  int
	n    int
	hist []float64 // last 2·half inputs (block mode)
	tapK []int     // non-zero taps k ≥ 1
	tapH []float64 // their weights
	lin  []float64
}

func newFIRLowpass(cutHz float64, half int) *firLowpass {
	f := &firLowpass{half: half, h: make([]float64, half+1)}
	fc := 2 * cutHz / EngineRate
	sum := 0.0
	for k := 0; k <= half; k++ {
		f.h[k] = fc * sinc(fc*float64(k)) * kaiser(float64(k)/float64(half+1), 7)
		if k == 0 {
			sum += f.h[k]
		} else {
			sum += 2 * f.h[k]
		}
	}
	for k := range f.h {
		f.h[k] /= sum
	}
	f.n = 2*half + 1
	f.buf = make([]float64, 2*f.n)
	return f
}

// process pushes x and returns the output delayed by half samples.
func (f *firLowpass) process(x float64) float64 {
	f.buf[f.pos] = x
	f.buf[f.pos+f.n] = x
	f.pos++
	if f.pos == f.n {
		f.pos = 0
	}
	w := f.buf[f.pos : f.pos+f.n] // oldest first
	hh := f.half
	acc := f.h[0] * w[hh]
	for k := 1; k <= hh; k++ {
		acc += f.h[k] * (w[hh-k] + w[hh+k])
	}
	return acc
}

// block filters x, appending the outputs (delayed by half) to out. It keeps
// a linear history; the kernel is symmetric, so each tap pair is added
// before multiplying, and zero taps (every other one of a half-band filter,
// cutoff fs/4) are skipped. The loops run tap by tap over the whole block:
// each output gathers its sum in memory, so no sample waits on a chain of
// additions, and the inner loop has no index lookups (about 1.5× as fast
// as sample by sample: 9 against 13.7 ns per sample).
func (f *firLowpass) block(x []float64, out []float64) []float64 {
	if f.hist == nil {
		f.hist = make([]float64, 2*f.half)
		for k := 1; k <= f.half; k++ {
			if math.Abs(f.h[k]) > 1e-12 {
				f.tapK = append(f.tapK, k)
				f.tapH = append(f.tapH, f.h[k])
			}
		}
	}
	f.lin = append(append(f.lin[:0], f.hist...), x...)
	hh, m := f.half, len(x)
	n := len(out)
	out = slices.Grow(out, m)[:n+m]
	y := out[n : n+m]
	mid := f.lin[hh : hh+m]
	for i, v := range mid {
		y[i] = f.h[0] * v
	}
	for t, k := range f.tapK {
		h := f.tapH[t]
		a, b := f.lin[hh-k:hh-k+m], f.lin[hh+k:hh+k+m]
		for i := range y {
			y[i] += h * (a[i] + b[i])
		}
	}
	copy(f.hist, f.lin[len(f.lin)-2*hh:])
	return out
}

// splitmix64 is a fast stateless hash for position-keyed noise, identical on
// every platform.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// tri2 turns one hash into two independent zero-mean unit-variance samples
// (sums of two uniforms); the tip filters them to Gaussian-like noise.
func tri2(h uint64) (float64, float64) {
	const s = 1.0 / 65536
	const norm = 2.449489742783178 // 1/sqrt(2/12)
	// Each pair is summed as integers (< 2¹⁷, so exact either way): the
	// same value as adding the two converted halves, with half the
	// conversions.
	a := float64(h&0xffff+(h>>16)&0xffff)*s - 1
	b := float64((h>>32)&0xffff+h>>48)*s - 1
	return a * norm, b * norm
}
