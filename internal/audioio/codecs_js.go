//go:build js

package audioio

import "errors"

// In a browser the page decodes MP3 and Ogg itself (Web Audio's
// decodeAudioData, see game/decode_js.go): it is faster, reads more
// formats, and keeps Go's decoders — half a megabyte — out of the download.
// WAV is still read here.

var errBrowserDecodes = errors.New("audioio: MP3 and Ogg Vorbis are decoded by the browser in the web build")

func decodeMP3(data []byte, progress func(float64)) ([][]float32, int, error) {
	return nil, 0, errBrowserDecodes
}

func decodeVorbis(data []byte, progress func(float64)) ([][]float32, int, error) {
	return nil, 0, errBrowserDecodes
}
