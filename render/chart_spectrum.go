package render

import (
	"bonemusic/internal/breathe"
	"fmt"
	"image"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

const (
	spectrumFFT       = 4096 // 10.8 Hz bins at 44.1 kHz
	spectrumMaxFrames = 256  // enough averaging; keeps a 3-minute side fast
	spectrumFloorDB   = -70.0
)

// SpectrumChart compares the average spectrum of the fresh disc's sound
// with the latest play's: a log-frequency chart normalised so the fresh
// spectrum peaks at 0 dB, smoothed to 1/6 octave so a projector shows the
// shape (treble loss, hiss) rather than every partial. Either slice may be
// empty; sampleRate is shared by both.
func SpectrumChart(fresh, latest []float32, sampleRate, w, h int, lang string) (*image.NRGBA, error) {
	if sampleRate < 1000 || sampleRate > 768000 {
		return nil, fmt.Errorf("render: sample rate %d Hz is outside 1–768 kHz", sampleRate)
	}
	lb := labelsFor(lang)
	fHi := math.Min(20000, float64(sampleRate)/2)
	fLo := 40.0
	c, err := newChart(w, h, lb.spectrumTitle, lb.freqAxis, lb.levelAxis, fLo, fHi, spectrumFloorDB, 5, true)
	if err != nil {
		return nil, err
	}
	var xt []float64
	for _, f := range []float64{50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000} {
		if f >= fLo && f <= fHi {
			xt = append(xt, f)
		}
	}
	c.grid(xt, niceTicks(spectrumFloorDB, 0, 7), func(f float64) string {
		if f >= 1000 {
			return fmt.Sprintf("%gk", f/1000)
		}
		return fmt.Sprintf("%g", f)
	})
	fft := fourier.NewFFT(spectrumFFT)
	pf := welch(fft, fresh)
	pl := welch(fft, latest)
	// Smooth first, then normalise so the fresh curve (or, without one, the
	// latest) peaks at 0 dB.
	var curves [2][2][]float64
	ref := math.Inf(-1)
	for k, p := range [][]float64{pf, pl} {
		if p == nil {
			continue
		}
		xs, ys := octaveSmooth(p, float64(sampleRate), fLo, fHi)
		curves[k] = [2][]float64{xs, ys}
		if math.IsInf(ref, -1) {
			for _, y := range ys {
				ref = math.Max(ref, y)
			}
		}
	}
	var names []string
	var cols [][3]float64
	for k, cv := range curves {
		if cv[0] == nil || math.IsInf(ref, -1) {
			continue
		}
		ys := make([]float64, len(cv[1]))
		for i, y := range cv[1] {
			ys[i] = math.Max(y-ref, spectrumFloorDB-5)
		}
		col := chartColor(k)
		c.line(cv[0], ys, col, 3.5, false)
		names = append(names, []string{lb.fresh, lb.latest}[k])
		cols = append(cols, col)
	}
	if len(names) > 0 {
		c.legend(names, cols)
	}
	return c.image(), nil
}

// welch is the mean power spectrum of x (Hann windows, half overlap), or
// nil when x is shorter than one window or silent. At most
// spectrumMaxFrames frames, spread evenly over x.
func welch(fft *fourier.FFT, x []float32) []float64 {
	n := spectrumFFT
	if len(x) < n {
		return nil
	}
	frames := (len(x)-n)/(n/2) + 1
	step := n / 2
	if frames > spectrumMaxFrames {
		step = (len(x) - n) / (spectrumMaxFrames - 1)
		frames = spectrumMaxFrames
	}
	win := make([]float64, n)
	for i := range win {
		win[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n))
	}
	buf := make([]float64, n)
	coef := make([]complex128, n/2+1)
	pow := make([]float64, n/2+1)
	for f := 0; f < frames; f++ {
		off := f * step
		for i := range buf {
			v := float64(x[off+i])
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			buf[i] = v * win[i]
		}
		breathe.Point()
		coef = fft.Coefficients(coef, buf)
		for k, z := range coef {
			a := cmplx.Abs(z)
			pow[k] += a * a
		}
	}
	any := false
	for k := range pow {
		pow[k] /= float64(frames)
		any = any || pow[k] > 0
	}
	if !any {
		return nil
	}
	return pow
}

// octaveSmooth averages power over 1/6-octave bands (stepped every 1/12
// octave) from fLo to fHi and returns band centres and levels in dB.
func octaveSmooth(p []float64, rate, fLo, fHi float64) (xs, ys []float64) {
	binHz := rate / spectrumFFT
	for f := fLo; f <= fHi; f *= math.Pow(2, 1.0/12) {
		lo, hi := f*math.Pow(2, -1.0/12), f*math.Pow(2, 1.0/12)
		k0, k1 := int(math.Ceil(lo/binHz)), int(math.Floor(hi/binHz))
		if k1 < k0 {
			k0 = int(math.Round(f / binHz))
			k1 = k0
		}
		sum, n := 0.0, 0
		for k := max(k0, 0); k <= k1 && k < len(p); k++ {
			sum += p[k]
			n++
		}
		if n == 0 {
			continue
		}
		xs = append(xs, f)
		ys = append(ys, 10*math.Log10(sum/float64(n)+1e-30))
	}
	return xs, ys
}
