package audioio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Ebiten's MP3 and Vorbis decoders (go-mp3, oggvorbis underneath) always
// deliver interleaved stereo float32, little-endian (DecodeF32), mono
// duplicated into both sides. We read the channel count from the stream's
// own header and fold a mono source back to one channel.

// looksLikeMP3 accepts an ID3v2 tag or an MPEG audio frame header whose
// successor, where there is room for one, is also a frame header: one
// header-shaped pair of bytes is common in random data, two in step are not.
func looksLikeMP3(data []byte) bool {
	if len(data) >= 10 && string(data[:3]) == "ID3" {
		return true
	}
	size, ok := mpegFrameSize(data)
	if !ok {
		return false
	}
	if size+4 > len(data) {
		return len(data) < 4096 // a single short frame: let the decoder judge
	}
	_, ok = mpegFrameSize(data[size:])
	return ok
}

// mpegFrameSize decodes an MPEG-1/2/2.5 Layer III frame header at the start
// of b and returns the frame's length in bytes (ISO/IEC 11172-3 §2.4.2.3).
func mpegFrameSize(b []byte) (int, bool) {
	size, _, _, ok := mpegFrame(b)
	return size, ok
}

// mpegFrame is mpegFrameSize with the frame's sample count and rate.
func mpegFrame(b []byte) (size, samples, rateHz int, ok bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return 0, 0, 0, false
	}
	version := (b[1] >> 3) & 3 // 0: 2.5, 2: 2, 3: 1
	layer := (b[1] >> 1) & 3   // 1: Layer III
	bitrateIndex := b[2] >> 4
	rateIndex := (b[2] >> 2) & 3
	if version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3 {
		return 0, 0, 0, false
	}
	bitratesV1 := [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
	bitratesV2 := [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
	ratesHz := [3]int{44100, 48000, 32000}
	rateHz = ratesHz[rateIndex]
	bitrate := bitratesV1[bitrateIndex]
	samplesPerFrame := 1152
	switch version {
	case 2:
		rateHz /= 2
		bitrate, samplesPerFrame = bitratesV2[bitrateIndex], 576
	case 0:
		rateHz /= 4
		bitrate, samplesPerFrame = bitratesV2[bitrateIndex], 576
	}
	padding := int(b[2]>>1) & 1
	return samplesPerFrame/8*bitrate*1000/rateHz + padding, samplesPerFrame, rateHz, true
}

// mp3FirstFrame returns the first frame header after any ID3 tag, or nil.
func mp3FirstFrame(data []byte) []byte {
	if at := mp3FirstFrameAt(data); at >= 0 {
		return data[at : at+4]
	}
	return nil
}

// mp3FirstFrameAt is where the first frame header after any ID3 tag
// begins, or -1.
func mp3FirstFrameAt(data []byte) int {
	start := 0
	if len(data) >= 10 && string(data[:3]) == "ID3" {
		// The tag size is four 7-bit bytes ("synchsafe"), after a 10-byte header.
		size := int(data[6]&0x7F)<<21 | int(data[7]&0x7F)<<14 | int(data[8]&0x7F)<<7 | int(data[9]&0x7F)
		start = min(len(data), 10+size)
	}
	for i := start; i+4 <= len(data) && i < start+64<<10; i++ {
		if _, ok := mpegFrameSize(data[i:]); ok {
			return i
		}
	}
	return -1
}

// vorbisChannels reads the channel count from the identification header
// that begins the first Ogg page ("\x01vorbis", u32 version, u8 channels).
func vorbisChannels(data []byte) int {
	if p := oggFirstPacket(data); len(p) >= 12 {
		return int(p[11])
	}
	return 0
}

// stereoF32 is what both of Ebiten's decoders return.
type stereoF32 interface {
	io.Reader
	Length() int64 // bytes of decoded stereo float32; 0 if unknown
	SampleRate() int
}

// decodeStereoF32 runs a decoder over data, refuses oversize results before
// reading them, and de-interleaves. Third-party decoders have panicked on
// crafted input before, so a panic is turned into ErrDamaged rather than
// taking the app or the CLI down with it.
func decodeStereoF32(kind string, numChannels int, open func(io.Reader) (stereoF32, error), data []byte, progress func(float64)) (channels [][]float32, rateHz int, err error) {
	defer func() {
		if p := recover(); p != nil {
			channels, rateHz, err = nil, 0, fmt.Errorf("%w (the %s decoder failed: %v)", ErrDamaged, kind, p)
		}
	}()
	if numChannels != 1 {
		numChannels = 2
	}
	stream, err := open(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	rateHz = stream.SampleRate()
	const bytesPerFrame = 8 // two float32
	frames := stream.Length() / bytesPerFrame
	if err := checkSize(frames, numChannels, rateHz); err != nil {
		return nil, 0, err
	}
	maxFrames := int64(min(MaxSeconds*rateHz, MaxDecodedBytes/4/numChannels))
	channels = makeChannels(numChannels, frames)
	buf := make([]byte, 32<<10)
	var carry int // bytes of a partial frame left at the start of buf
	emptyReads := 0
	for {
		n, readErr := stream.Read(buf[carry:])
		// A damaged stream could make a decoder return nothing, forever.
		if n == 0 {
			emptyReads++
		} else {
			emptyReads = 0
		}
		if emptyReads > 100 {
			return nil, 0, fmt.Errorf("%w (the %s decoder stopped making progress)", ErrDamaged, kind)
		}
		n += carry
		whole := n / bytesPerFrame * bytesPerFrame
		for f := 0; f < whole; f += bytesPerFrame {
			left := math.Float32frombits(binary.LittleEndian.Uint32(buf[f:]))
			channels[0] = append(channels[0], left)
			if numChannels == 2 {
				channels[1] = append(channels[1], math.Float32frombits(binary.LittleEndian.Uint32(buf[f+4:])))
			}
		}
		carry = copy(buf, buf[whole:n])
		progress(fractionOf(len(channels[0]), frames))
		if int64(len(channels[0])) > maxFrames {
			return nil, 0, checkSize(int64(len(channels[0])), numChannels, rateHz)
		}
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			return nil, 0, fmt.Errorf("%w: %v", ErrDamaged, readErr)
		}
	}
	return channels, rateHz, nil
}
