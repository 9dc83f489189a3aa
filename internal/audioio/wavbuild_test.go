package audioio

import (
	"encoding/binary"
	"math"
)

// wavSpec describes a WAV file for tests to build byte by byte.
type wavSpec struct {
	tag         uint16 // tagPCM or tagFloat
	extensible  bool
	numChannels int
	rateHz      int
	bits        int // container bits
	validBits   int // extensible only; 0 means bits
	frames      int
	before      []byte // raw chunks placed before fmt
	dataSize    int    // declared data size; 0 means the true size
}

// signal is the test signal: a different sine on every channel, at 0.5.
func signal(channel, frame, rateHz int) float64 {
	return 0.5 * math.Sin(2*math.Pi*float64(220*(channel+1))*float64(frame)/float64(rateHz))
}

func (s wavSpec) build() []byte {
	le := binary.LittleEndian
	blockAlign := s.numChannels * s.bits / 8
	var pcm []byte
	for f := range s.frames {
		for c := range s.numChannels {
			x := signal(c, f, s.rateHz)
			switch {
			case s.tag == tagFloat && s.bits == 32:
				pcm = le.AppendUint32(pcm, math.Float32bits(float32(x)))
			case s.tag == tagFloat && s.bits == 64:
				pcm = le.AppendUint64(pcm, math.Float64bits(x))
			case s.bits == 8:
				pcm = append(pcm, byte(int(math.Round(x*127))+128))
			default:
				v := int64(math.Round(x * float64(int64(1)<<(s.bits-1)-1)))
				for b := range s.bits / 8 {
					pcm = append(pcm, byte(v>>(8*b)))
				}
			}
		}
	}
	var fmtChunk []byte
	tag := s.tag
	if s.extensible {
		tag = tagExtensible
	}
	fmtChunk = le.AppendUint16(fmtChunk, tag)
	fmtChunk = le.AppendUint16(fmtChunk, uint16(s.numChannels))
	fmtChunk = le.AppendUint32(fmtChunk, uint32(s.rateHz))
	fmtChunk = le.AppendUint32(fmtChunk, uint32(s.rateHz*blockAlign))
	fmtChunk = le.AppendUint16(fmtChunk, uint16(blockAlign))
	fmtChunk = le.AppendUint16(fmtChunk, uint16(s.bits))
	if s.extensible {
		valid := s.validBits
		if valid == 0 {
			valid = s.bits
		}
		fmtChunk = le.AppendUint16(fmtChunk, 22)
		fmtChunk = le.AppendUint16(fmtChunk, uint16(valid))
		fmtChunk = le.AppendUint32(fmtChunk, 0) // channel mask: unspecified
		fmtChunk = le.AppendUint16(fmtChunk, s.tag)
		fmtChunk = append(fmtChunk, ksDataFormatTail...)
	}
	dataSize := len(pcm)
	if s.dataSize != 0 {
		dataSize = s.dataSize
	}
	var body []byte
	body = append(body, "WAVE"...)
	body = append(body, s.before...)
	body = append(body, chunk("fmt ", fmtChunk)...)
	body = append(body, "data"...)
	body = le.AppendUint32(body, uint32(dataSize))
	body = append(body, pcm...)
	out := append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

// chunk frames a RIFF chunk, padded to an even length.
func chunk(id string, payload []byte) []byte {
	out := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(len(payload)))...)
	out = append(out, payload...)
	if len(payload)%2 == 1 {
		out = append(out, 0)
	}
	return out
}
