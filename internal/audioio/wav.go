package audioio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

// WAVE format tags (Microsoft mmreg.h).
const (
	tagPCM        = 0x0001
	tagFloat      = 0x0003
	tagExtensible = 0xFFFE
)

// ksDataFormatTail is the part of a WAVE_FORMAT_EXTENSIBLE sub-format GUID
// after its first two bytes, which hold the plain format tag.
const ksDataFormatTail = "\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71"

// wavLayout is what decoding needs from a WAV's chunks.
type wavLayout struct {
	formatTag     uint16 // tagPCM or tagFloat, extensible resolved
	numChannels   int
	rateHz        int
	blockAlign    int    // bytes per frame
	containerBits int    // bits each sample occupies
	pcm           []byte // the data chunk, whole frames only
	dataBytes     int64  // the data chunk's length in the whole file
}

// decodeWAV reads a RIFF/WAVE file. go-audio/wav v1.1.0 decodes the samples
// where it can, but falls short in three ways handled here:
//   - its header parser allocates whatever sizes the file declares (fmt
//     extras, LIST and smpl chunks, LIST sub-entries), so a few hostile
//     bytes can ask for gigabytes. scanWAV walks the chunks itself, checks
//     every size against the bytes actually present, and hands go-audio a
//     canonical stream (RIFF, a 16-byte fmt chunk, data) that has nothing
//     else in it;
//   - it ignores WAVE_FORMAT_EXTENSIBLE's sub-format GUID and has no float
//     decoding: 32-bit float comes back as the raw bits of an int32 (we
//     reinterpret them) and 64-bit float is refused (we decode it here);
//   - it sizes samples by BitsPerSample, which breaks for, say, 20-bit audio
//     in 24-bit containers; the canonical header carries the container size.
func decodeWAV(data []byte, progress func(float64)) ([][]float32, int, error) {
	l, err := scanWAV(data)
	if err != nil {
		return nil, 0, err
	}
	frames := int64(len(l.pcm) / l.blockAlign)
	if err := checkSize(frames, l.numChannels, l.rateHz); err != nil {
		return nil, 0, err
	}
	if l.formatTag == tagFloat && l.containerBits == 64 {
		return decodeFloat64(l, frames, progress), l.rateHz, nil
	}
	channels, err := decodeWithGoAudio(l, frames, progress)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return channels, l.rateHz, nil
}

// scanWAV finds and checks the fmt and data chunks.
func scanWAV(data []byte) (wavLayout, error) { return scanWAVHead(data, int64(len(data))) }

// checkWAVHead refuses, from the first bytes of a file of fileBytes, a WAV
// whose data chunk is too long to decode, before the rest is read: a
// 2-hour file costs a 64 KB read, not its length in memory twice. A head
// that does not reach the data chunk passes; the full decode checks again.
func checkWAVHead(head []byte, fileBytes int64) error {
	l, err := scanWAVHead(head, fileBytes)
	if err != nil {
		return nil
	}
	return checkSize(l.dataBytes/int64(l.blockAlign), l.numChannels, l.rateHz)
}

// scanWAVHead is scanWAV over the first bytes of a file of fileBytes.
func scanWAVHead(data []byte, fileBytes int64) (wavLayout, error) {
	var l wavLayout
	var fmtChunk []byte
	haveData := false
	for off := 12; off+8 <= len(data) && (fmtChunk == nil || !haveData); {
		id := string(data[off : off+4])
		size := int64(binary.LittleEndian.Uint32(data[off+4 : off+8]))
		body := int64(off + 8)
		end := body + size
		switch id {
		case "fmt ":
			if size < 16 || end > int64(len(data)) {
				return l, fmt.Errorf("%w: its format header is cut short", ErrDamaged)
			}
			fmtChunk = data[body:end]
		case "data":
			// A recorder that crashed or streamed leaves a wrong size: keep
			// the bytes that are there.
			l.pcm = data[body:min(end, int64(len(data)))]
			l.dataBytes = min(end, fileBytes) - body
			haveData = true
		}
		next := end + size&1 // chunks are padded to even sizes
		if next > int64(len(data)) {
			break
		}
		off = int(next)
	}
	if fmtChunk == nil {
		return l, fmt.Errorf("%w: it has no format header", ErrDamaged)
	}
	if !haveData {
		return l, fmt.Errorf("%w: it has no sound data", ErrDamaged)
	}
	if err := l.parseFmt(fmtChunk); err != nil {
		return l, err
	}
	l.pcm = l.pcm[:len(l.pcm)/l.blockAlign*l.blockAlign]
	return l, nil
}

func (l *wavLayout) parseFmt(c []byte) error {
	le := binary.LittleEndian
	tag := le.Uint16(c[0:])
	l.numChannels = int(le.Uint16(c[2:]))
	l.rateHz = int(le.Uint32(c[4:]))
	l.blockAlign = int(le.Uint16(c[12:]))
	bits := int(le.Uint16(c[14:]))
	if tag == tagExtensible {
		if len(c) < 40 || le.Uint16(c[16:]) < 22 {
			return fmt.Errorf("%w: its extended format header is cut short", ErrDamaged)
		}
		if string(c[26:40]) != ksDataFormatTail {
			return fmt.Errorf("%w: this WAV holds an unknown kind of sound; save it as plain PCM WAV", ErrNotAudio)
		}
		tag = le.Uint16(c[24:])
	}
	l.formatTag = tag
	if l.numChannels < 1 || l.numChannels > MaxChannels {
		return fmt.Errorf("%w: it claims %d channels", ErrDamaged, l.numChannels)
	}
	l.containerBits = (bits + 7) / 8 * 8
	if bits < 1 || l.blockAlign != l.numChannels*l.containerBits/8 {
		return fmt.Errorf("%w: its sample size (%d bits, %d bytes a frame) does not add up", ErrDamaged, bits, l.blockAlign)
	}
	switch {
	case tag == tagPCM && (l.containerBits == 8 || l.containerBits == 16 || l.containerBits == 24 || l.containerBits == 32):
	case tag == tagFloat && (l.containerBits == 32 || l.containerBits == 64):
	case tag == tagPCM || tag == tagFloat:
		return fmt.Errorf("%w: %d-bit samples are not supported; save it as 16- or 24-bit WAV", ErrNotAudio, bits)
	default:
		return fmt.Errorf("%w: this WAV holds compressed sound (format 0x%04x); save it as plain PCM WAV", ErrNotAudio, tag)
	}
	return nil
}

// canonicalHeader is the 44-byte RIFF/WAVE header of l with nothing but a
// 16-byte fmt chunk before the data.
func (l wavLayout) canonicalHeader() []byte {
	h := make([]byte, 0, 44)
	le := binary.LittleEndian
	h = append(h, "RIFF"...)
	h = le.AppendUint32(h, uint32(36+len(l.pcm)))
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, 16)
	h = le.AppendUint16(h, l.formatTag)
	h = le.AppendUint16(h, uint16(l.numChannels))
	h = le.AppendUint32(h, uint32(l.rateHz))
	h = le.AppendUint32(h, uint32(l.rateHz*l.blockAlign))
	h = le.AppendUint16(h, uint16(l.blockAlign))
	h = le.AppendUint16(h, uint16(l.containerBits))
	h = append(h, "data"...)
	h = le.AppendUint32(h, uint32(len(l.pcm)))
	return h
}

// forwardOnly gives go-audio the io.ReadSeeker it asks for. The canonical
// stream puts fmt first, so its decoder never needs to seek back.
type forwardOnly struct{ io.Reader }

func (forwardOnly) Seek(int64, int) (int64, error) {
	return 0, errors.New("audioio: the canonical WAV stream is read forward only")
}

func decodeWithGoAudio(l wavLayout, frames int64, progress func(float64)) ([][]float32, error) {
	stream := io.MultiReader(bytes.NewReader(l.canonicalHeader()), bytes.NewReader(l.pcm))
	dec := wav.NewDecoder(forwardOnly{stream})
	if err := dec.FwdToPCM(); err != nil {
		return nil, err
	}
	scale := func(v int) float32 { return float32(v) }
	switch {
	case l.formatTag == tagFloat:
		scale = func(v int) float32 { return math.Float32frombits(uint32(int32(v))) }
	case l.containerBits == 8:
		scale = func(v int) float32 { return float32(v-128) / (1 << 7) } // 8-bit WAV is unsigned
	default:
		full := float32(int64(1) << (l.containerBits - 1))
		scale = func(v int) float32 { return float32(v) / full }
	}
	channels := makeChannels(l.numChannels, frames)
	buf := &audio.IntBuffer{Data: make([]int, 8192*l.numChannels)}
	for {
		n, err := dec.PCMBuffer(buf)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			break
		}
		n -= n % l.numChannels
		for i := 0; i < n; i += l.numChannels {
			for c := range channels {
				channels[c] = append(channels[c], scale(buf.Data[i+c]))
			}
		}
		progress(fractionOf(len(channels[0]), frames))
		if int64(len(channels[0])) >= frames {
			break
		}
	}
	return channels, nil
}

// decodeFloat64 handles 64-bit float WAV, which go-audio/wav cannot read.
func decodeFloat64(l wavLayout, frames int64, progress func(float64)) [][]float32 {
	channels := makeChannels(l.numChannels, frames)
	for f := 0; f+l.blockAlign <= len(l.pcm); f += l.blockAlign {
		if f%(8192*l.blockAlign) == 0 {
			progress(fractionOf(len(channels[0]), frames))
		}
		for c := range channels {
			bits := binary.LittleEndian.Uint64(l.pcm[f+8*c:])
			channels[c] = append(channels[c], float32(math.Float64frombits(bits)))
		}
	}
	return channels
}
