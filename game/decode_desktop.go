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
