package audioio

import (
	"fmt"
	"io"
	"math"

	"github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

// WriteWAV writes mono samples as a 16-bit PCM WAV. Samples beyond ±1 are
// clipped and NaN is written as silence.
func WriteWAV(w io.WriteSeeker, mono []float32, rateHz int) error {
	return WriteWAVProgress(w, mono, rateHz, nil)
}

// WriteWAVProgress is WriteWAV reporting the fraction written (0–1) every
// 16,384 samples, where a browser page can breathe.
func WriteWAVProgress(w io.WriteSeeker, mono []float32, rateHz int, progress func(float64)) error {
	if rateHz < MinRateHz || rateHz > MaxRateHz {
		return fmt.Errorf("audioio: write WAV: sample rate %d Hz is outside %d–%d Hz", rateHz, MinRateHz, MaxRateHz)
	}
	enc := wav.NewEncoder(w, rateHz, 16, 1, tagPCM)
	const block = 1 << 14
	buf := &audio.IntBuffer{
		Format:         &audio.Format{NumChannels: 1, SampleRate: rateHz},
		SourceBitDepth: 16,
		Data:           make([]int, 0, block),
	}
	// Always one Write, even of nothing: go-audio writes the header there.
	for start := 0; start == 0 || start < len(mono); start += block {
		buf.Data = buf.Data[:0]
		for _, x := range mono[start:min(start+block, len(mono))] {
			buf.Data = append(buf.Data, toInt16(x))
		}
		if err := enc.Write(buf); err != nil {
			return fmt.Errorf("audioio: write WAV: %w", err)
		}
		if progress != nil && len(mono) > 0 {
			progress(float64(min(start+block, len(mono))) / float64(len(mono)))
		}
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("audioio: write WAV: %w", err)
	}
	return nil
}

func toInt16(x float32) int {
	if x != x {
		return 0
	}
	v := math.Round(float64(x) * 32767)
	return int(max(-32768, min(32767, v)))
}
