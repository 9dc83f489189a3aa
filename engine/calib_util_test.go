package engine

import (
	"math"
	"math/cmplx"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

func db(x float64) float64 { return 10 * math.Log10(x) }

func rms(x []float32) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / math.Max(1, float64(len(x))))
}

func dbToAmp(x float64) float64 { return math.Pow(10, x/20) }

// bandEnergies returns a function giving the energy of x between two
// frequencies, from one FFT and a prefix sum.
func bandEnergies(x []float64) func(lo, hi float64) float64 {
	size := 1
	for size < len(x) {
		size <<= 1
	}
	buf := make([]float64, size)
	copy(buf, x)
	c := fourier.NewFFT(size).Coefficients(nil, buf)
	pre := make([]float64, len(c)+1)
	for k, v := range c {
		a := cmplx.Abs(v)
		pre[k+1] = pre[k] + a*a
	}
	bin := func(f float64) int {
		k := int(math.Round(f * float64(size) / EngineRate))
		return max(0, min(len(c), k))
	}
	return func(lo, hi float64) float64 { return pre[bin(hi)] - pre[bin(lo)] }
}

// listen plays d through without wearing it or adding to its history (a
// measurement, not a play) and returns the sound.
func listen(t *testing.T, d *Disc, opt PlayOptions) []float32 {
	t.Helper()
	opt.NoWear = true
	out, _, err := PlayAll(d, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	d.history = d.history[:len(d.history)-1]
	return out
}

// wallLost is the mean wall height lost, µm, over groove samples [from, to).
func wallLost(d *Disc, from, to int) float64 {
	sum, n := 0.0, 0
	for b := from / BlockSize; b < to/BlockSize; b++ {
		sum += d.freshWallUM(b) - float64(d.wallUM[b])
		n++
	}
	return sum / float64(max(n, 1))
}
