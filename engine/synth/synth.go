// Package synth makes Bone Music's demo programme: a 12-bar boogie-woogie, a
// waltz, a march and a speech-like "audio letter", all synthesised by this
// code from generic forms (no melody is copied from anywhere). It is pure Go
// and deterministic: the same name, rate, length and seed give the same
// samples on every platform. Tunes stream in small blocks (NewTune, Read) so
// the browser can generate them without stalling its audio.
package synth

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Tunes lists the names Tune and NewTune accept.
var Tunes = []string{"boogie", "waltz", "march", "letter"}

// Limits on what a caller may ask for: the longest disc the engine allows
// (16 rpm, 80 lpi) holds about 25 minutes.
const (
	MinRateHz  = 8000
	MaxRateHz  = 192000
	MaxSeconds = 1800
	// maxWholeTuneSamples caps Tune's single allocation (256 MB of float32);
	// longer programmes stream through NewTune.
	maxWholeTuneSamples = 1 << 26
)

// generator writes the next len(dst) samples of a tune into dst.
type generator interface {
	fill(dst []float32)
}

// Stream is a tune being generated: read it in blocks of any size.
type Stream struct {
	rateHz     int
	total, pos int
	gain       float32
	fadeIn     int
	fadeOut    int
	gen        generator
}

// NewTune prepares a tune of the given length. Nothing is synthesised until Read.
func NewTune(name string, sampleRateHz int, seconds float64, seed uint64) (*Stream, error) {
	if sampleRateHz < MinRateHz || sampleRateHz > MaxRateHz {
		return nil, fmt.Errorf("synth: sample rate %d Hz is outside %d–%d Hz", sampleRateHz, MinRateHz, MaxRateHz)
	}
	if !(seconds > 0 && seconds <= MaxSeconds) {
		return nil, fmt.Errorf("synth: length %g s is outside 0–%d s", seconds, MaxSeconds)
	}
	total := int(math.Round(seconds * float64(sampleRateHz)))
	s := &Stream{
		rateHz:  sampleRateHz,
		total:   total,
		fadeIn:  min(total/4, samplesFor(0.005, sampleRateHz)),
		fadeOut: min(total/4, samplesFor(1.5, sampleRateHz)),
	}
	r := newRNG(seed)
	// Gains put each tune's loud passages near −6 dBFS before the soft limiter.
	switch name {
	case "boogie":
		s.gen, s.gain = newBand(composeBoogie(r, sampleRateHz, total), sampleRateHz, seed), 0.13
	case "waltz":
		s.gen, s.gain = newBand(composeWaltz(r, sampleRateHz, total), sampleRateHz, seed), 0.18
	case "march":
		s.gen, s.gain = newBand(composeMarch(r, sampleRateHz, total), sampleRateHz, seed), 0.22
	case "letter":
		s.gen, s.gain = newSpeaker(r, sampleRateHz, total), 0.45
	default:
		return nil, fmt.Errorf("synth: no tune called %q (choose %s)", name, strings.Join(Tunes, ", "))
	}
	return s, nil
}

// Tune synthesises a whole tune at once.
func Tune(name string, sampleRateHz int, seconds float64, seed uint64) ([]float32, error) {
	s, err := NewTune(name, sampleRateHz, seconds, seed)
	if err != nil {
		return nil, err
	}
	if s.total > maxWholeTuneSamples {
		return nil, fmt.Errorf("synth: %g s at %d Hz is too long to hold at once; stream it with NewTune", seconds, sampleRateHz)
	}
	out := make([]float32, s.total)
	s.Read(out)
	return out, nil
}

// Len is the tune's length in samples.
func (s *Stream) Len() int { return s.total }

// SampleRate is the tune's rate in Hz.
func (s *Stream) SampleRate() int { return s.rateHz }

// Read fills dst with the next samples, mono, in [-1, 1]. Like io.Reader it
// returns io.EOF once the tune is over.
func (s *Stream) Read(dst []float32) (int, error) {
	n := min(len(dst), s.total-s.pos)
	if n <= 0 {
		if len(dst) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	dst = dst[:n]
	s.gen.fill(dst)
	for i := range dst {
		at := s.pos + i
		x := dst[i] * s.gain
		if at < s.fadeIn {
			x *= float32(at) / float32(s.fadeIn)
		}
		if left := s.total - at; left < s.fadeOut {
			x *= float32(left) / float32(s.fadeOut)
		}
		dst[i] = softLimit(x)
	}
	s.pos += n
	return n, nil
}

// softLimit passes everything below 0.7 untouched and bends louder peaks
// smoothly towards ±1 without ever reaching it: no hard clipping.
func softLimit(x float32) float32 {
	const knee = 0.7
	a := float32(math.Abs(float64(x)))
	if a <= knee || math.IsNaN(float64(x)) {
		if a != a {
			return 0
		}
		return x
	}
	y := knee + (1-knee)*float32(math.Tanh(float64((a-knee)/(1-knee))))
	y = min(y, 0.999)
	if x < 0 {
		return -y
	}
	return y
}

// band plays a score of notes.
type band struct {
	rateHz int
	seed   uint64
	score  []note // sorted by start
	next   int    // first note not yet started
	pos    int    // samples rendered so far
	voices []voice
	sine   *sineTable
}

func newBand(score []note, rateHz int, seed uint64) *band {
	sort.SliceStable(score, func(i, j int) bool { return score[i].start < score[j].start })
	return &band{rateHz: rateHz, seed: seed, score: score, sine: newSineTable()}
}

func (b *band) fill(dst []float32) {
	clear(dst)
	// Render in stretches between note starts so each note begins on its
	// exact sample whatever the caller's block size.
	for off := 0; off < len(dst); {
		for b.next < len(b.score) && b.score[b.next].start <= b.pos {
			b.voices = append(b.voices, newVoice(b.score[b.next], b.rateHz, b.seed+uint64(b.next)))
			b.next++
		}
		end := len(dst)
		if b.next < len(b.score) {
			end = min(end, off+b.score[b.next].start-b.pos)
		}
		for i := range b.voices {
			b.voices[i].render(dst[off:end], b.sine)
		}
		b.pos += end - off
		off = end
		b.dropFinished()
	}
}

func (b *band) dropFinished() {
	live := b.voices[:0]
	for _, v := range b.voices {
		if !v.done() {
			live = append(live, v)
		}
	}
	b.voices = live
}
