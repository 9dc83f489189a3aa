package engine

import (
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Fidelity measures how close played is to reference, in dB.
//
// Definition: segmental SNR after the best constant gain and lag.
//  1. The lag within ±50 ms that maximises the cross-correlation aligns the
//     two (insensitive to small delays: a needle drop is never sample-exact).
//  2. The least-squares gain g = Σ r·p / Σ r² scales the reference
//     (insensitive to a constant gain: a louder pickup is not a better one).
//  3. For each 20 ms frame: SNR = 10·log10(Σ (g·r)² / Σ (p − g·r)²), clamped
//     to −10…+35 dB (the usual segmental-SNR limits: one silent or one
//     perfect frame must not dominate).
//  4. The mean over voiced frames, those whose reference energy is within
//     40 dB of the loudest frame (pauses carry no programme to be faithful to).
//     A play (Player) also scores the 0.3 s after each skip as −10 dB.
//
// Segmental SNR follows loudness in time as a listener does, and punishes the
// faults of a worn record — lost treble, hiss, clicks, skips — where they
// happen. Returns −10 when nothing is voiced or the inputs are empty.
func Fidelity(reference, played []float32) float64 {
	n := min(len(reference), len(played))
	if n == 0 {
		return -10
	}
	lag := bestLag(reference[:n], played[:n], EngineRate/20)
	var frames []frameStat
	var fr frameStat
	c := 0
	for i := 0; i < n; i++ {
		j := i + lag
		if j < 0 || j >= len(played) {
			continue
		}
		r, p := clean64(reference[i]), clean64(played[j])
		fr.rr += r * r
		fr.ro += r * p
		fr.oo += p * p
		if c++; c == frameLen {
			frames = append(frames, fr)
			fr, c = frameStat{}, 0
		}
	}
	if c > 0 {
		frames = append(frames, fr)
	}
	db, _, _, _ := segmentalSNR(frames)
	return db
}

func clean64(v float32) float64 {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// segmentalSNR implements steps 2–4 on per-frame sums. It also returns the
// number of voiced frames and the rms of the reference and of the residual.
func segmentalSNR(frames []frameStat) (db float64, voiced int, sigRMS, resRMS float64) {
	maxE := 0.0
	for _, f := range frames {
		maxE = math.Max(maxE, f.rr)
	}
	if maxE <= 0 {
		return -10, 0, 0, 0
	}
	thr := maxE * 1e-4
	var rr, ro float64
	for _, f := range frames {
		if f.rr > thr {
			rr += f.rr
			ro += f.ro
		}
	}
	g := ro / rr
	var sum, sE, rE float64
	for _, f := range frames {
		if f.rr <= thr {
			continue
		}
		if f.ruined {
			sum -= 10
			sE += f.rr
			voiced++
			continue
		}
		sig := g * g * f.rr
		res := math.Max(0, f.oo-2*g*f.ro+g*g*f.rr)
		snr := 35.0
		if res > 0 {
			if sig <= 0 {
				snr = -10
			} else {
				snr = math.Max(-10, math.Min(35, 10*math.Log10(sig/res)))
			}
		}
		sum += snr
		sE += f.rr
		rE += res
		voiced++
	}
	if voiced == 0 {
		return -10, 0, 0, 0
	}
	n := float64(voiced * frameLen)
	return sum / float64(voiced), voiced, math.Sqrt(sE / n), math.Sqrt(rE / n)
}

// bestLag is the shift of played against reference (played[i+lag] ≈
// reference[i]) within ±maxLag that maximises their cross-correlation,
// computed with one FFT pair (gonum).
func bestLag(ref, pl []float32, maxLag int) int {
	n := len(ref)
	size := 1
	for size < n+maxLag+1 {
		size <<= 1
	}
	if size > 1<<20 { // keep memory bounded (~50 MB): the lag from the first 23 s
		size = 1 << 20
		n = size - maxLag - 1
	}
	fft := fourier.NewFFT(size)
	a := make([]float64, size)
	b := make([]float64, size)
	for i := 0; i < n && i < len(ref); i++ {
		a[i] = clean64(ref[i])
		b[i] = clean64(pl[i])
	}
	fa := fft.Coefficients(nil, a)
	fb := fft.Coefficients(nil, b)
	for i := range fa {
		fa[i] = fb[i] * complex(real(fa[i]), -imag(fa[i]))
	}
	xc := fft.Sequence(a, fa) // xc[k] = Σ pl[i+k]·ref[i] (circular)
	best, bestV := 0, xc[0]
	for lag := -maxLag; lag <= maxLag; lag++ {
		v := xc[(lag+size)%size]
		if v > bestV {
			best, bestV = lag, v
		}
	}
	return best
}
