//go:build !js

package audioio

import (
	"fmt"
	"io"

	"github.com/hajimehoshi/ebiten/v2/audio/mp3"
	"github.com/hajimehoshi/ebiten/v2/audio/vorbis"
)

func decodeMP3(data []byte, progress func(float64)) ([][]float32, int, error) {
	numChannels := 2
	if h := mp3FirstFrame(data); h != nil {
		if h[1]>>3&3 == 0 {
			// go-mp3 decodes MPEG-1 and MPEG-2 only.
			return nil, 0, fmt.Errorf("%w: MP3s at 8–12 kHz (MPEG 2.5) are not supported; convert it to WAV", ErrNotAudio)
		}
		if h[3]>>6 == 3 {
			numChannels = 1
		}
	}
	return decodeStereoF32("MP3", numChannels, func(r io.Reader) (stereoF32, error) {
		return mp3.DecodeF32(r)
	}, data, progress)
}

func decodeVorbis(data []byte, progress func(float64)) ([][]float32, int, error) {
	numChannels := vorbisChannels(data)
	if numChannels > 2 {
		return nil, 0, fmt.Errorf("%w: this Ogg Vorbis file has %d channels; mix it down to stereo or mono", ErrNotAudio, numChannels)
	}
	return decodeStereoF32("Ogg Vorbis", numChannels, func(r io.Reader) (stereoF32, error) {
		return vorbis.DecodeF32(r)
	}, data, progress)
}
