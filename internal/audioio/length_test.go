package audioio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// mp3Of is n MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes,
// 1152 samples each) with silent payloads: enough for the length check,
// which reads only headers.
func mp3Of(n int) []byte {
	frame := make([]byte, 417)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0x00})
	return bytes.Repeat(frame, n)
}

// oggVorbisOf is the first and last Ogg pages of a 44.1 kHz Vorbis stream
// whose last page ends at sample frames.
func oggVorbisOf(frames uint64) []byte {
	page := func(granule uint64, packet []byte) []byte {
		h := make([]byte, 27, 28+len(packet))
		copy(h, "OggS")
		binary.LittleEndian.PutUint64(h[6:14], granule)
		h[26] = 1
		h = append(h, byte(len(packet)))
		return append(h, packet...)
	}
	ident := make([]byte, 30)
	copy(ident, "\x01vorbis")
	ident[11] = 2
	binary.LittleEndian.PutUint32(ident[12:16], 44100)
	return append(page(0, ident), page(frames, make([]byte, 50))...)
}

func TestCheckLengthFromTheContainer(t *testing.T) {
	minutes := func(m float64) int { return int(m * 60 * 44100 / 1152) }
	for _, c := range []struct {
		name    string
		data    []byte
		refused bool
	}{
		{"MP3, 3 minutes", mp3Of(minutes(3)), false},
		{"MP3, 16 minutes", mp3Of(minutes(16)), true},
		{"MP3 after an ID3 tag, 16 minutes", append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), mp3Of(minutes(16))...), true},
		{"Ogg Vorbis, 3 minutes", oggVorbisOf(3 * 60 * 44100), false},
		{"Ogg Vorbis, 2 hours", oggVorbisOf(2 * 3600 * 44100), true},
		{"Ogg Vorbis, granule unknown", oggVorbisOf(^uint64(0)), false},
		{"not a sound", []byte("hello"), false},
	} {
		err := CheckLength(c.data)
		if got := errors.Is(err, ErrTooLarge); got != c.refused {
			t.Errorf("%s: %v, refused %v", c.name, err, c.refused)
		}
	}
}
