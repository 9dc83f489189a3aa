// Package audioio is the front door for sound files, shared by the CLI and
// the app: it recognises WAV, MP3 and Ogg Vorbis from their bytes (never the
// file name), decodes them to float channels, and writes WAV.
//
// It imports Ebiten's MP3 and Vorbis decoders, which are pure Go and build
// for js/wasm, but Ebiten's audio package panics at init under Node, so the
// tests of this package run natively only.
package audioio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// Limits that keep a hostile or mistaken file from exhausting memory. A
// bone record holds about three minutes; fifteen is generous.
const (
	MaxInputBytes   = 200 << 20 // the file itself
	MaxDecodedBytes = 200 << 20 // float32 samples over all channels
	MaxSeconds      = 15 * 60
	MaxChannels     = 32
	MinRateHz       = 8000
	MaxRateHz       = 192000
	// maxSampleMagnitude bounds float samples: a float WAV may go past full
	// scale, but not by more than 24 dB in any real recording.
	maxSampleMagnitude = 16
)

// Errors callers can test for with errors.Is. Their text is what a visitor reads.
var (
	ErrNotAudio = errors.New("this file is not a WAV, MP3 or Ogg Vorbis sound")
	ErrTooLarge = errors.New("this sound is too long: trim it to under 15 minutes")
	ErrDamaged  = errors.New("this sound file is damaged and cannot be read")
	ErrEmpty    = errors.New("this sound is empty: it has no samples")
	ErrRate     = errors.New("this sample rate is not supported: convert the sound to 8–192 kHz")
)

// ReadFile reads and decodes the sound file at path. A WAV too long to
// decode is refused from its header, before the rest is read; the file is
// read into one buffer of its own size (no doubling as it grows).
func ReadFile(path string) (channels [][]float32, rateHz int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return DecodeReader(f) // a pipe or a device: no size to trust
	}
	if info.Size() > MaxInputBytes {
		return nil, 0, fmt.Errorf("%w (the file is %d MB; the limit is %d MB)", ErrTooLarge, info.Size()>>20, MaxInputBytes>>20)
	}
	head := make([]byte, min(info.Size(), headBytes))
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, 0, fmt.Errorf("audioio: reading: %w", err)
	}
	if detect(head) == formatWAV {
		if err := checkWAVHead(head, info.Size()); err != nil {
			return nil, 0, err
		}
	}
	data := make([]byte, info.Size())
	copy(data, head)
	n, err := io.ReadFull(f, data[len(head):])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, 0, fmt.Errorf("audioio: reading: %w", err)
	}
	return Decode(data[:len(head)+n]) // a file cut short while read decodes as it is
}

// headBytes is how much of a file is read first to check its header: far
// more than any WAV's chunks before the data.
const headBytes = 64 << 10

// DecodeReader reads at most MaxInputBytes from r and decodes them.
func DecodeReader(r io.Reader) (channels [][]float32, rateHz int, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("audioio: reading: %w", err)
	}
	if len(data) > MaxInputBytes {
		return nil, 0, fmt.Errorf("%w (the file is over %d MB)", ErrTooLarge, MaxInputBytes>>20)
	}
	return Decode(data)
}

// Decode recognises the format of data and decodes it to one slice per
// channel, every sample within ±16 (a sample that is not a number is
// ErrDamaged), plus the sample rate in Hz.
// Silence is fine; no samples at all is ErrEmpty; bytes that are not a
// sound give ErrNotAudio.
func Decode(data []byte) (channels [][]float32, rateHz int, err error) {
	return DecodeProgress(data, nil)
}

// DecodeProgress is Decode reporting the fraction decoded (0–1) as it goes,
// every few thousand samples: the browser app updates a bar and lets the
// page breathe there, since a 3-minute MP3 takes seconds to decode in wasm.
func DecodeProgress(data []byte, progress func(float64)) (channels [][]float32, rateHz int, err error) {
	if progress == nil {
		progress = func(float64) {}
	}
	switch detect(data) {
	case formatWAV:
		channels, rateHz, err = decodeWAV(data, progress)
	case formatMP3:
		channels, rateHz, err = decodeMP3(data, progress)
	case formatVorbis:
		channels, rateHz, err = decodeVorbis(data, progress)
	case formatOggOther:
		return nil, 0, fmt.Errorf("%w: this Ogg file holds another codec (such as Opus or FLAC); convert it to Ogg Vorbis, MP3 or WAV", ErrNotAudio)
	case formatFLAC:
		return nil, 0, fmt.Errorf("%w: FLAC is not supported; convert it to WAV", ErrNotAudio)
	default:
		return nil, 0, ErrNotAudio
	}
	if err != nil {
		return nil, 0, err
	}
	if len(channels) == 0 || len(channels[0]) == 0 {
		return nil, 0, ErrEmpty
	}
	bad := 0
	for _, ch := range channels {
		bad += clean(ch)
	}
	if bad > 0 {
		// No recorder or editor writes these: the file is damaged, and a
		// sound cut from it would have holes of silence.
		return nil, 0, fmt.Errorf("%w: %d of its samples are not numbers (NaN or infinity); export it again from the editor", ErrDamaged, bad)
	}
	return channels, rateHz, nil
}

type format uint8

const (
	formatUnknown format = iota
	formatWAV
	formatMP3
	formatVorbis
	formatOggOther
	formatFLAC
)

// detect names the container from its first bytes.
func detect(data []byte) format {
	switch {
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WAVE":
		return formatWAV
	case len(data) >= 4 && string(data[:4]) == "OggS":
		// The first page's first packet names the codec: "\x01vorbis".
		if p := oggFirstPacket(data); len(p) >= 7 && bytes.Equal(p[:7], []byte("\x01vorbis")) {
			return formatVorbis
		}
		return formatOggOther
	case len(data) >= 4 && string(data[:4]) == "fLaC":
		return formatFLAC
	case looksLikeMP3(data):
		return formatMP3
	}
	return formatUnknown
}

// oggFirstPacket returns the bytes after the first Ogg page's header and
// segment table (RFC 3533 §6), where the first packet begins.
func oggFirstPacket(data []byte) []byte {
	if len(data) < 27 {
		return nil
	}
	start := 27 + int(data[26])
	if start > len(data) {
		return nil
	}
	return data[start:]
}

// RateError is ErrRate with the rate the file claims, for a message that
// names it in the visitor's language.
type RateError struct{ Hz int }

func (e RateError) Error() string {
	return fmt.Sprintf("the sample rate %d Hz is not supported: convert the sound to 8–192 kHz", e.Hz)
}

func (e RateError) Is(target error) bool { return target == ErrRate }

// checkSize refuses sounds too long or too big to decode, before decoding.
func checkSize(frames int64, numChannels, rateHz int) error {
	if numChannels < 1 || numChannels > MaxChannels {
		return fmt.Errorf("%w: %d channels (at most %d)", ErrDamaged, numChannels, MaxChannels)
	}
	if rateHz < MinRateHz || rateHz > MaxRateHz {
		return RateError{rateHz}
	}
	seconds := float64(frames) / float64(rateHz)
	if seconds > MaxSeconds {
		return fmt.Errorf("%w (it is %.1f minutes)", ErrTooLarge, seconds/60)
	}
	if frames*int64(numChannels)*4 > MaxDecodedBytes {
		return fmt.Errorf("%w (%.1f minutes of %d channels at %d Hz is over %d MB decoded)",
			ErrTooLarge, seconds/60, numChannels, rateHz, MaxDecodedBytes>>20)
	}
	return nil
}

// clean replaces NaN and infinities with silence and bounds runaway values;
// it returns how many samples were not numbers.
func clean(samples []float32) (notNumbers int) {
	for i, x := range samples {
		switch {
		case x != x || math.IsInf(float64(x), 0):
			samples[i] = 0
			notNumbers++
		case x > maxSampleMagnitude:
			samples[i] = maxSampleMagnitude
		case x < -maxSampleMagnitude:
			samples[i] = -maxSampleMagnitude
		}
	}
	return notNumbers
}

// makeChannels allocates numChannels slices with room for frames samples,
// up to a million: beyond that they grow as samples really arrive, so a
// compressed stream that only claims to be long cannot claim the memory.
func makeChannels(numChannels int, frames int64) [][]float32 {
	out := make([][]float32, numChannels)
	for c := range out {
		out[c] = make([]float32, 0, min(frames, 1<<20))
	}
	return out
}

// fractionOf is done/total for progress reports, 0 when the total is unknown.
func fractionOf(done int, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(1, float64(done)/float64(total))
}
