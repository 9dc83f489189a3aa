package game

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
)

// Files a visitor may bring by mistake or on purpose, built byte by byte:
// the front doors' table tests (files_matrix_test.go) and the fuzz seeds
// share them.

// wavFile is a RIFF WAVE with one fmt chunk and one data chunk holding
// data, whose header claims dataClaim bytes (len(data) when negative).
func wavFile(formatTag, channels uint16, rateHz uint32, bits uint16, data []byte, dataClaim int64) []byte {
	le := binary.LittleEndian
	block := channels * (bits / 8)
	fmtChunk := make([]byte, 16)
	le.PutUint16(fmtChunk[0:], formatTag)
	le.PutUint16(fmtChunk[2:], channels)
	le.PutUint32(fmtChunk[4:], rateHz)
	le.PutUint32(fmtChunk[8:], rateHz*uint32(block))
	le.PutUint16(fmtChunk[12:], block)
	le.PutUint16(fmtChunk[14:], bits)
	if dataClaim < 0 {
		dataClaim = int64(len(data))
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(min(4+8+16+8+dataClaim, math.MaxUint32)))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, le, uint32(16))
	b.Write(fmtChunk)
	b.WriteString("data")
	binary.Write(&b, le, uint32(dataClaim))
	b.Write(data)
	return b.Bytes()
}

// pcm16 is a second of a quiet 440 Hz tone, 16-bit mono at rateHz.
func pcm16(rateHz int) []byte {
	b := make([]byte, 2*rateHz)
	for i := range rateHz {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(int16(3000*math.Sin(2*math.Pi*440*float64(i)/float64(rateHz)))))
	}
	return b
}

// float32Samples is samples as 32-bit float PCM bytes.
func float32Samples(samples ...float32) []byte {
	b := make([]byte, 4*len(samples))
	for i, x := range samples {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

// goodWAV is a valid one-second 16-bit mono WAV at 44.1 kHz.
func goodWAV() []byte { return wavFile(1, 1, 44100, 16, pcm16(44100), -1) }

// pngBytes is the start of a PNG file: what a picture renamed .wav holds.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)

// boneFile is a valid .bone of a one-second silent disc titled title.
func boneFile(t testing.TB, title string) []byte {
	t.Helper()
	p := engine.DefaultParams()
	p.Title = title
	d, err := engine.Cut([][]float32{make([]float32, engine.EngineRate)}, engine.EngineRate, p, engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := bonefile.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// boneHeader offsets (engine/bonefile's format, version 2).
const (
	boneVersionAt    = 4
	boneCompressedAt = 8
	bonePayloadAt    = 12
	boneSumAt        = 16
	boneHeaderSize   = 20
)

// reseal gives file a correct checksum again after its header or payload
// was changed, so that only the change is wrong.
func reseal(file []byte) []byte {
	sum := crc32.Checksum(append(append([]byte{}, file[:boneSumAt]...), file[boneHeaderSize:]...), crc32.MakeTable(crc32.Castagnoli))
	binary.LittleEndian.PutUint32(file[boneSumAt:], sum)
	return file
}

// rewritePayload decompresses a .bone's payload, lets change edit it, and
// compresses and seals it again: a file whose only fault is the change.
func rewritePayload(t testing.TB, file []byte, change func([]byte) []byte) []byte {
	t.Helper()
	payload, err := io.ReadAll(flate.NewReader(bytes.NewReader(file[boneHeaderSize:])))
	if err != nil {
		t.Fatal(err)
	}
	payload = change(payload)
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestSpeed)
	w.Write(payload)
	w.Close()
	out := append(append([]byte{}, file[:boneHeaderSize]...), z.Bytes()...)
	binary.LittleEndian.PutUint32(out[boneCompressedAt:], uint32(z.Len()))
	binary.LittleEndian.PutUint32(out[bonePayloadAt:], uint32(len(payload)))
	return reseal(out)
}

// withNonUTF8Title is a .bone whose title is bytes that are not UTF-8 (a
// writer that did not check): the placeholder title is swapped in place.
func withNonUTF8Title(t testing.TB) []byte {
	const placeholder = "TITLE-PLACEHOLDER"
	return rewritePayload(t, boneFile(t, placeholder), func(p []byte) []byte {
		i := bytes.Index(p, []byte(placeholder))
		if i < 0 {
			t.Fatal("the title is not in the payload")
		}
		copy(p[i:], "\xff\xfe\xc0 not UTF-8 \xed\xa0\x80")
		return p
	})
}
