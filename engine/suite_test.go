package engine

import (
	"math"
	"math/rand/v2"

	"bonemusic/engine/synth"
)

// The calibration suite: programmes of different character, so the
// historical targets are checked on music and speech in general, not on
// one signal. Each is deterministic and peaks at −3 dBFS, except the quiet
// speech, cut 9 dB lower (a quiet cut wears out sooner: its hiss and
// crackle are louder against it).
type programme struct {
	name string
	make func(seconds float64) []float32
}

var suite = []programme{
	{"speech", func(s float64) []float32 { return normalised(tune("letter", s), -3) }},
	{"speech-quiet", func(s float64) []float32 { return normalised(tune("letter", s), -12) }},
	{"solo", func(s float64) []float32 { return normalised(soloLine(s), -3) }},
	{"band", func(s float64) []float32 { return normalised(tune("boogie", s), -3) }},
	{"march", func(s float64) []float32 { return normalised(tune("march", s), -3) }},
	{"waltz", func(s float64) []float32 { return normalised(tune("waltz", s), -3) }},
	{"sine", func(s float64) []float32 { return normalised(sine(1000, s), -3) }},
	{"pink", func(s float64) []float32 { return normalised(pinkNoise(s), -3) }},
	{"mixed", func(s float64) []float32 { return normalised(testProgramme(s, 0, 1), -3) }},
}

func tune(name string, seconds float64) []float32 {
	x, err := synth.Tune(name, EngineRate, seconds, 11)
	if err != nil {
		panic(err)
	}
	return x
}

// normalised scales x to the given peak level, dBFS.
func normalised(x []float32, peakDB float64) []float32 {
	peak := 0.0
	for _, v := range x {
		peak = math.Max(peak, math.Abs(float64(v)))
	}
	g := float32(math.Pow(10, peakDB/20) / peak)
	for i := range x {
		x[i] *= g
	}
	return x
}

func sine(f, seconds float64) []float32 {
	x := make([]float32, int(seconds*EngineRate))
	for i := range x {
		x[i] = float32(math.Sin(2 * math.Pi * f * float64(i) / EngineRate))
	}
	return x
}

// pinkNoise is white noise through Paul Kellet's economy pink filter
// (−3 dB/octave within 0.5 dB from 20 Hz to 20 kHz).
func pinkNoise(seconds float64) []float32 {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float32, int(seconds*EngineRate))
	var b0, b1, b2 float64
	for i := range x {
		w := rng.Float64()*2 - 1
		b0 = 0.99765*b0 + w*0.0990460
		b1 = 0.96300*b1 + w*0.2965164
		b2 = 0.57000*b2 + w*1.0526913
		x[i] = float32(b0 + b1 + b2 + w*0.1848)
	}
	return x
}

// soloLine is a reed-like solo melody: odd-heavy harmonics, vibrato, a
// random walk on a pentatonic scale, tongued attacks and breath.
func soloLine(seconds float64) []float32 {
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float32, int(seconds*EngineRate))
	scale := []int{0, 2, 4, 7, 9, 12, 14, 16}
	step, phase := 3, 0.0
	noteLen := int(0.4 * EngineRate)
	for i := range x {
		k := i % noteLen
		if k == 0 {
			step = max(0, min(len(scale)-1, step+rng.IntN(5)-2))
		}
		f := 220 * math.Pow(2, float64(scale[step])/12) * (1 + 0.006*math.Sin(2*math.Pi*5.5*float64(i)/EngineRate))
		phase += f / EngineRate
		t := float64(k) / EngineRate
		env := math.Min(1, t/0.03) * math.Exp(-t*1.5)
		v := 0.0
		for h := 1; h <= 9; h++ {
			a := 1 / float64(h)
			if h%2 == 0 {
				a *= 0.3
			}
			v += a * math.Sin(2*math.Pi*float64(h)*phase)
		}
		x[i] = float32(env*v + 0.01*rng.NormFloat64())
	}
	return x
}
