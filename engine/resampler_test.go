package engine

import (
	"math"
	"testing"
)

// A 1 kHz tone pushed at 48 kHz in uneven chunks comes out at EngineRate
// with the right length, the same frequency and the same level.
func TestResamplerStreamsToEngineRate(t *testing.T) {
	for _, rate := range []int{8000, 22050, 44100, 48000, 96000} {
		r, err := NewResampler(rate)
		if err != nil {
			t.Fatal(err)
		}
		in := make([]float32, rate) // one second
		for i := range in {
			in[i] = float32(0.5 * math.Sin(2*math.Pi*1000*float64(i)/float64(rate)))
		}
		var out []float32
		for at, chunk := 0, 1; at < len(in); chunk = chunk*3 + 7 {
			end := min(len(in), at+chunk)
			out = r.Push(out, in[at:end])
			at = end
		}
		out = r.Flush(out)
		if len(out) != EngineRate {
			t.Errorf("%d Hz: %d samples out of one second, want %d", rate, len(out), EngineRate)
			continue
		}
		// Compare with the ideal tone away from the edges.
		var errSq, sigSq float64
		for i := 1000; i < len(out)-1000; i++ {
			want := 0.5 * math.Sin(2*math.Pi*1000*float64(i)/EngineRate)
			d := float64(out[i]) - want
			errSq += d * d
			sigSq += want * want
		}
		if snr := 10 * math.Log10(sigSq/errSq); snr < 60 {
			t.Errorf("%d Hz: tone comes out with SNR %.1f dB, want ≥ 60", rate, snr)
		}
	}
	if _, err := NewResampler(1000); err == nil {
		t.Error("1 kHz accepted: want a refusal")
	}
}
