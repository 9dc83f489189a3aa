package engine

import (
	"math"
	"math/rand/v2"
)

// testProgramme synthesises a deterministic programme alternating 3 s of
// speech-like sound (a jittered glottal pulse train through moving formant
// resonators with a syllabic envelope) and 3 s of music-like sound (a
// harmonic chord with plucked envelopes plus brushed noise), peaking near
// −3 dBFS. If gap > 0, that many seconds of silence sit at the midpoint.
func testProgramme(seconds, gap float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 42))
	n := int(seconds * EngineRate)
	out := make([]float32, n)
	const fs = EngineRate
	seg := 3 * fs
	var f1, f2, f3 resonator
	phase := 0.0
	for s0 := 0; s0 < n; s0 += seg {
		s1 := min(n, s0+seg)
		if (s0/seg)%2 == 0 { // speech
			f0 := 100 + 120*rng.Float64()
			syl := 0
			for i := s0; i < s1; i++ {
				if (i-s0)%(fs/4) == 0 { // new syllable every 250 ms
					syl++
					f1.set(300+500*rng.Float64(), 80)
					f2.set(900+1400*rng.Float64(), 120)
					f3.set(2300+900*rng.Float64(), 200)
				}
				t := float64((i-s0)%(fs/4)) / (fs / 4)
				env := math.Pow(math.Sin(math.Pi*t), 2)
				phase += f0 * (1 + 0.1*math.Sin(2*math.Pi*float64(i)/fs*3) + 0.01*rng.NormFloat64()) / fs
				x := 0.0
				if phase >= 1 {
					phase -= 1
					x = 1
				}
				x += 0.02 * rng.NormFloat64() // breath
				y := f1.process(x)*1 + f2.process(x)*0.5 + f3.process(x)*0.25
				out[i] = float32(0.25 * env * y)
			}
		} else { // music
			root := 110 * math.Pow(2, float64(rng.IntN(12))/12)
			notes := []float64{root, root * 1.26, root * 1.5, root * 2}
			for i := s0; i < s1; i++ {
				t := float64(i-s0) / fs
				beat := math.Mod(t, 0.5)
				x := 0.0
				for k, f := range notes {
					env := math.Exp(-beat * (2 + float64(k)))
					for h := 1; h <= 8; h++ {
						x += env / float64(h) * math.Sin(2*math.Pi*f*float64(h)*t+float64(k*h))
					}
				}
				x += 0.4 * math.Exp(-beat*30) * rng.NormFloat64()
				out[i] = float32(0.12 * x)
			}
		}
	}
	if gap > 0 {
		g0 := n/2 - int(gap*EngineRate/2)
		for i := g0; i < g0+int(gap*EngineRate) && i < n; i++ {
			if i >= 0 {
				out[i] = 0
			}
		}
	}
	// normalise to −3 dBFS peak
	peak := 0.0
	for _, v := range out {
		peak = math.Max(peak, math.Abs(float64(v)))
	}
	if peak > 0 {
		g := float32(0.708 / peak)
		for i := range out {
			out[i] *= g
		}
	}
	return out
}

// resonator is a two-pole formant filter.
type resonator struct{ a1, a2, g, y1, y2 float64 }

func (r *resonator) set(f, bw float64) {
	rad := math.Exp(-math.Pi * bw / EngineRate)
	r.a1 = 2 * rad * math.Cos(2*math.Pi*f/EngineRate)
	r.a2 = -rad * rad
	r.g = 1 - rad
}

func (r *resonator) process(x float64) float64 {
	y := r.g*x + r.a1*r.y1 + r.a2*r.y2
	r.y2, r.y1 = r.y1, y
	return y
}
