package synth

import (
	"errors"
	"io"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

func TestTuneLength(t *testing.T) {
	for _, name := range Tunes {
		for _, rateHz := range []int{8000, 22050, 44100, 48000} {
			for _, seconds := range []float64{0.01, 0.5, 3} {
				out, err := Tune(name, rateHz, seconds, 1)
				if err != nil {
					t.Fatalf("%s %d Hz %g s: %v", name, rateHz, seconds, err)
				}
				if want := int(math.Round(seconds * float64(rateHz))); len(out) != want {
					t.Errorf("%s %d Hz %g s: %d samples, want %d", name, rateHz, seconds, len(out), want)
				}
			}
		}
	}
}

func TestDeterministicAndSeeded(t *testing.T) {
	for _, name := range Tunes {
		a, _ := Tune(name, 22050, 4, 42)
		b, _ := Tune(name, 22050, 4, 42)
		c, _ := Tune(name, 22050, 4, 43)
		if !slices.Equal(a, b) {
			t.Errorf("%s: same seed gave different samples", name)
		}
		if slices.Equal(a, c) {
			t.Errorf("%s: different seeds gave the same samples", name)
		}
	}
}

// Streaming in any block size must give exactly what Tune gives.
func TestStreamMatchesWhole(t *testing.T) {
	for _, name := range Tunes {
		whole, _ := Tune(name, 16000, 3, 5)
		for _, block := range []int{1, 37, 128, 4096} {
			s, err := NewTune(name, 16000, 3, 5)
			if err != nil {
				t.Fatal(err)
			}
			var got []float32
			buf := make([]float32, block)
			for {
				n, err := s.Read(buf)
				got = append(got, buf[:n]...)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Equal(got, whole) {
				t.Errorf("%s: streaming in blocks of %d differs from Tune", name, block)
			}
			if n, err := s.Read(buf); n != 0 || err != io.EOF {
				t.Errorf("%s: Read after the end = %d, %v; want 0, EOF", name, n, err)
			}
		}
	}
}

func TestLevels(t *testing.T) {
	for _, name := range Tunes {
		for _, seed := range []uint64{1, 2, 3} {
			out, _ := Tune(name, 22050, 8, seed)
			var peak, sum float64
			for _, x := range out {
				v := float64(x)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s seed %d: non-finite sample", name, seed)
				}
				peak = max(peak, math.Abs(v))
				sum += v * v
			}
			rmsDB := 10 * math.Log10(sum/float64(len(out)))
			if peak >= 1 {
				t.Errorf("%s seed %d: peak %.3f clips", name, seed, peak)
			}
			if rmsDB < -26 || rmsDB > -12 {
				t.Errorf("%s seed %d: level %.1f dBFS, want −26…−12", name, seed, rmsDB)
			}
		}
	}
}

// powerSpectrum averages Hann-windowed 4096-point power spectra.
func powerSpectrum(x []float32) []float64 {
	const n = 4096
	fft := fourier.NewFFT(n)
	power := make([]float64, n/2+1)
	frame := make([]float64, n)
	for start := 0; start+n <= len(x); start += n / 2 {
		for i := range frame {
			w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/n)
			frame[i] = float64(x[start+i]) * w
		}
		for k, c := range fft.Coefficients(nil, frame) {
			power[k] += real(c)*real(c) + imag(c)*imag(c)
		}
	}
	return power
}

// bandShare is the fraction of power between loHz and hiHz.
func bandShare(power []float64, rateHz int, loHz, hiHz float64) float64 {
	var in, all float64
	binHz := float64(rateHz) / float64(2*(len(power)-1))
	for k, p := range power {
		f := float64(k) * binHz
		all += p
		if f >= loHz && f < hiHz {
			in += p
		}
	}
	return in / all
}

func TestSpectrum(t *testing.T) {
	const rateHz = 44100
	tests := []struct {
		name           string
		loHz, hiHz     float64 // where most of the power must be
		minShare       float64
		centroidRangeH [2]float64
	}{
		{"boogie", 50, 4000, 0.95, [2]float64{150, 1500}},
		{"waltz", 50, 4000, 0.95, [2]float64{150, 1500}},
		{"march", 30, 5000, 0.9, [2]float64{100, 2500}},
		{"letter", 80, 4000, 0.9, [2]float64{200, 2500}},
	}
	for _, tt := range tests {
		out, _ := Tune(tt.name, rateHz, 8, 9)
		power := powerSpectrum(out)
		if share := bandShare(power, rateHz, tt.loHz, tt.hiHz); share < tt.minShare {
			t.Errorf("%s: %.2f of the power in %g–%g Hz, want ≥ %.2f", tt.name, share, tt.loHz, tt.hiHz, tt.minShare)
		}
		if share := bandShare(power, rateHz, 0, 25); share > 0.01 {
			t.Errorf("%s: %.3f of the power below 25 Hz: DC or rumble", tt.name, share)
		}
		var sum, weighted float64
		binHz := float64(rateHz) / 4096
		for k, p := range power {
			sum += p
			weighted += p * float64(k) * binHz
		}
		if c := weighted / sum; c < tt.centroidRangeH[0] || c > tt.centroidRangeH[1] {
			t.Errorf("%s: spectral centroid %.0f Hz outside %v", tt.name, c, tt.centroidRangeH)
		}
	}
}

// The letter must pause between phrases like speech: count silent stretches
// of at least 200 ms.
func TestLetterHasPhrases(t *testing.T) {
	const rateHz = 16000
	out, _ := Tune("letter", rateHz, 20, 3)
	window := rateHz / 50 // 20 ms
	quietRun, pauses := 0, 0
	for start := 0; start+window <= len(out); start += window {
		var sum float64
		for _, x := range out[start : start+window] {
			sum += float64(x) * float64(x)
		}
		if 10*math.Log10(sum/float64(window)+1e-12) < -45 {
			quietRun++
			if quietRun == 10 {
				pauses++
			}
		} else {
			quietRun = 0
		}
	}
	if pauses < 4 || pauses > 15 {
		t.Errorf("%d pauses in 20 s of speech, want 4–15", pauses)
	}
}

func TestBadRequests(t *testing.T) {
	tests := []struct {
		name    string
		rateHz  int
		seconds float64
	}{
		{"polka", 44100, 1},
		{"boogie", 4000, 1},
		{"boogie", 400000, 1},
		{"boogie", 44100, 0},
		{"boogie", 44100, -1},
		{"boogie", 44100, math.NaN()},
		{"boogie", 44100, math.Inf(1)},
		{"boogie", 44100, MaxSeconds + 1},
	}
	for _, tt := range tests {
		if _, err := NewTune(tt.name, tt.rateHz, tt.seconds, 1); err == nil {
			t.Errorf("NewTune(%q, %d, %g) succeeded", tt.name, tt.rateHz, tt.seconds)
		}
	}
	if _, err := Tune("boogie", MaxRateHz, MaxSeconds, 1); err == nil {
		t.Error("Tune of half an hour at 192 kHz should ask to stream instead")
	}
}

func BenchmarkTune(b *testing.B) {
	for _, name := range Tunes {
		b.Run(name, func(b *testing.B) {
			const seconds = 10
			for b.Loop() {
				Tune(name, 44100, seconds, 1)
			}
			b.ReportMetric(seconds*float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
		})
	}
}
