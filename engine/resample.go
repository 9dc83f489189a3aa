package engine

import (
	"fmt"
	"math"
)

// resampler converts a stream to EngineRate with a Kaiser-windowed sinc
// (polyphase table, nearest of 1024 phases: phase error < 1e-3 sample).
// Output sample k is centred on input time k·inRate/EngineRate: zero delay.
type resampler struct {
	step   float64 // input samples per output sample
	half   int
	phases int
	table  []float32
	buf    []float64
	t      float64 // next output time, in buf index units
	in     int64   // input samples consumed
	out    int64   // output samples produced
}

func newResampler(inRate int) *resampler {
	r := &resampler{step: float64(inRate) / EngineRate, phases: 1024}
	fc := math.Min(1, EngineRate/float64(inRate)) * 0.95 // cutoff, fraction of input Nyquist
	r.half = int(math.Ceil(12 / fc))
	taps := 2 * r.half
	r.table = make([]float32, r.phases*taps)
	for p := 0; p < r.phases; p++ {
		frac := float64(p) / float64(r.phases)
		sum := 0.0
		row := r.table[p*taps : (p+1)*taps]
		for k := 0; k < taps; k++ {
			x := float64(k-r.half+1) - frac
			v := fc * sinc(fc*x) * kaiser(x/float64(r.half), 8)
			row[k] = float32(v)
			sum += v
		}
		for k := range row {
			row[k] = float32(float64(row[k]) / sum)
		}
	}
	r.buf = make([]float64, r.half) // zeros before the start
	r.t = float64(r.half)
	return r
}

// push appends input and returns out extended by every output now computable.
func (r *resampler) push(in []float32, out []float64) []float64 {
	for _, v := range in {
		r.buf = append(r.buf, float64(v))
	}
	r.in += int64(len(in))
	return r.drain(out)
}

func (r *resampler) drain(out []float64) []float64 {
	taps := 2 * r.half
	for {
		c := int(r.t)
		frac := r.t - float64(c)
		ph := int(frac*float64(r.phases) + 0.5)
		if ph == r.phases {
			c, ph = c+1, 0
		}
		if c+r.half >= len(r.buf) {
			break
		}
		row := r.table[ph*taps : (ph+1)*taps]
		w := r.buf[c-r.half+1 : c+r.half+1]
		acc := 0.0
		for k, h := range row {
			acc += float64(h) * w[k]
		}
		out = append(out, acc)
		r.out++
		r.t += r.step
	}
	if drop := int(r.t) - r.half - 1; drop > 4096 {
		r.buf = append(r.buf[:0], r.buf[drop:]...)
		r.t -= float64(drop)
	}
	return out
}

// flush pads zeros and emits the remaining outputs so that the total is
// round(in·EngineRate/inRate).
func (r *resampler) flush(out []float64) []float64 {
	want := int64(math.Round(float64(r.in) / r.step))
	for i := 0; i <= r.half+1; i++ {
		r.buf = append(r.buf, 0)
	}
	out = r.drain(out)
	if got := r.out; got > want {
		out = out[:len(out)-int(got-want)]
		r.out = want
	}
	return out
}

// Resampler converts mono audio at any rate to EngineRate in a stream, with
// the same Kaiser-windowed sinc the cutter uses: the app resamples a file or
// a microphone once, as it arrives, so what it monitors, shows and cuts is
// one signal at one rate. Not safe for concurrent use.
type Resampler struct {
	r   *resampler
	out []float64
}

// NewResampler converts from inRateHz (8 kHz–192 kHz) to EngineRate.
func NewResampler(inRateHz int) (*Resampler, error) {
	if inRateHz < 8000 || inRateHz > 192000 {
		return nil, fmt.Errorf("resample: %d Hz is outside 8–192 kHz", inRateHz)
	}
	if inRateHz == EngineRate {
		return &Resampler{}, nil
	}
	return &Resampler{r: newResampler(inRateHz)}, nil
}

// Push converts in and appends what is ready to dst. NaN and Inf become
// silence, samples are clipped to ±1.
func (s *Resampler) Push(dst, in []float32) []float32 {
	if s.r == nil {
		for _, v := range in {
			dst = append(dst, float32(cleanSample(float64(v))))
		}
		return dst
	}
	clean := make([]float32, len(in))
	for i, v := range in {
		clean[i] = float32(cleanSample(float64(v)))
	}
	s.out = s.r.push(clean, s.out[:0])
	return appendF32(dst, s.out)
}

// Flush appends the last samples; the total is round(in·EngineRate/inRate).
func (s *Resampler) Flush(dst []float32) []float32 {
	if s.r == nil {
		return dst
	}
	s.out = s.r.flush(s.out[:0])
	return appendF32(dst, s.out)
}

func appendF32(dst []float32, src []float64) []float32 {
	for _, v := range src {
		dst = append(dst, float32(v))
	}
	return dst
}
