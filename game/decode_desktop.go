//go:build !js

package game

import (
	"bonemusic/engine"
	"bonemusic/internal/audioio"
)

// decodeSound decodes a WAV, MP3 or Ogg Vorbis file to mono at the
// engine's rate with the same front door the command line uses.
func decodeSound(data []byte, progress func(float64)) ([]float32, error) {
	channels, rate, err := audioio.DecodeProgress(data, func(x float64) { progress(x * 0.7) })
	if err != nil {
		return nil, err
	}
	mono := mixDown(channels)
	rs, err := engine.NewResampler(rate)
	if err != nil {
		return nil, err
	}
	const chunk = 1 << 14
	out := make([]float32, 0, int(float64(len(mono))*engine.EngineRate/float64(rate))+chunk)
	for at := 0; at < len(mono); at += chunk {
		out = rs.Push(out, mono[at:min(at+chunk, len(mono))])
		progress(0.7 + 0.3*float64(at)/float64(len(mono)))
	}
	return rs.Flush(out), nil
}

// mixDown averages channels to mono.
func mixDown(channels [][]float32) []float32 {
	if len(channels) == 1 {
		return channels[0]
	}
	mono := make([]float32, len(channels[0]))
	k := 1 / float32(len(channels))
	for _, ch := range channels {
		for i, v := range ch[:min(len(ch), len(mono))] {
			mono[i] += v * k
		}
	}
	return mono
}
