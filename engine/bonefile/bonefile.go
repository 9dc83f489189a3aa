// Package bonefile reads and writes .bone disc files: a disc's parameters,
// its cut groove, its wear and its play history.
//
// # Format, version 2 (all integers little-endian)
//
//	offset size  field
//	0      4     magic "BONE"
//	4      2     format version (2; 1 differs only in the payload)
//	6      2     flags: bit 0 = variable pitch (the turn spacing follows the
//	             music; it is derived from the groove on load, not stored);
//	             any other bit is a newer writer's feature this reader lacks
//	8      4     compressed payload length, bytes (≤ MaxCompressedBytes)
//	12     4     payload length after decompression (≤ MaxPayloadBytes)
//	16     4     CRC-32C (Castagnoli) of bytes 0–15 followed by the compressed payload
//	20     n     payload, raw DEFLATE (RFC 1951); nothing may follow it
//
// The CRC covers the header and the compressed bytes, so any damage up to
// 32 bits long anywhere in the file is caught for certain, before the
// decompressor sees a byte. The payload is described in payload.go.
//
// Compression is the standard library's compress/flate at BestSpeed (level
// 6 saves under 10 % more and takes five times as long, which the browser
// feels after every play). It is pure Go (the
// package runs under js/wasm), its format is frozen by an RFC, it costs the
// browser build nothing extra, and with the groove delta-coded and split into
// byte planes it gets most of what a newer codec such as zstd would, without
// a dependency to vet and keep in step.
//
// Decoding caps every length before allocating for it, and grows buffers
// only as bytes actually arrive, so hostile input can neither panic nor
// claim memory it does not deliver. Old versions stay readable: decodePayload
// switches on the version and keeps every past layout's reader.
package bonefile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"

	"bonemusic/engine"
)

const (
	magic      = "BONE"
	headerSize = 20
	// Version is the format version Encode writes.
	Version = 2
	// flagVariablePitch marks a disc cut with variable pitch. A flag, not a
	// new version: a constant-pitch disc stays readable by older builds,
	// which refuse a variable-pitch one as too new rather than play it at
	// the wrong spacing.
	flagVariablePitch = 1 << 0
	knownFlags        = flagVariablePitch
)

// Caps. A disc's own spiral bounds its programme (radii, pitch and speed;
// see maxProgrammeSamples), and on top of that no programme may pass 30
// minutes: sound import stops at 15, a 78 holds about 3, and the slowest,
// finest-pitched spiral the engine allows (over an hour) would need 300 MB.
// 30 minutes is 79 M groove samples, 2 bytes each, plus wear and history.
const (
	MaxProgrammeSeconds = 30 * 60
	MaxPayloadBytes     = 200 << 20
	MaxCompressedBytes  = MaxPayloadBytes + MaxPayloadBytes/100 + 1024 // deflate's worst-case growth
)

// Errors callers can test with errors.Is: a wrong file, a broken one, or
// one from the future. Their text is what a visitor reads.
var (
	ErrNotBone = errors.New("this is not a Bone Music disc file")
	ErrDamaged = errors.New("this disc file is damaged")
	ErrTooNew  = errors.New("this disc file was saved by a newer Bone Music; update the app to open it")
)

// checksum is the CRC-32C of the header's first 16 bytes and the compressed
// payload. Castagnoli's polynomial: hardware-assisted on amd64 and arm64,
// and better at catching errors in short messages than IEEE's.
func checksum(header16, compressed []byte) uint32 {
	table := crc32.MakeTable(crc32.Castagnoli) // the package caches it
	return crc32.Update(crc32.Checksum(header16, table), table, compressed)
}

// Encode writes d to w in the current format.
func Encode(w io.Writer, d *engine.Disc) error {
	if d == nil {
		return errors.New("bonefile: no disc to encode")
	}
	payload, err := encodePayload(d.State())
	if err != nil {
		return fmt.Errorf("bonefile: %w", err)
	}
	var compressed bytes.Buffer
	zw, err := flate.NewWriter(&compressed, flate.BestSpeed)
	if err != nil {
		return fmt.Errorf("bonefile: %w", err)
	}
	for start := 0; start < len(payload); start += yieldEvery {
		if _, err := zw.Write(payload[start:min(start+yieldEvery, len(payload))]); err != nil {
			return fmt.Errorf("bonefile: compress: %w", err)
		}
		runtime.Gosched()
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("bonefile: compress: %w", err)
	}
	header := make([]byte, 0, headerSize)
	header = append(header, magic...)
	var flags uint16
	if d.Params.VariablePitch {
		flags |= flagVariablePitch
	}
	header = binary.LittleEndian.AppendUint16(header, Version)
	header = binary.LittleEndian.AppendUint16(header, flags)
	header = binary.LittleEndian.AppendUint32(header, uint32(compressed.Len()))
	header = binary.LittleEndian.AppendUint32(header, uint32(len(payload)))
	header = binary.LittleEndian.AppendUint32(header, checksum(header, compressed.Bytes()))
	if _, err := w.Write(header); err != nil {
		return fmt.Errorf("bonefile: write: %w", err)
	}
	if _, err := w.Write(compressed.Bytes()); err != nil {
		return fmt.Errorf("bonefile: write: %w", err)
	}
	return nil
}

// Decode reads one disc file from r, which must end where the file ends.
func Decode(r io.Reader) (*engine.Disc, error) {
	header := make([]byte, headerSize)
	if n, err := io.ReadFull(r, header); err != nil {
		if n >= len(magic) && string(header[:len(magic)]) == magic {
			return nil, fmt.Errorf("%w: it ends inside its header", ErrDamaged)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, ErrNotBone
		}
		return nil, fmt.Errorf("bonefile: read: %w", err)
	}
	if string(header[:4]) != magic {
		return nil, ErrNotBone
	}
	le := binary.LittleEndian
	version := le.Uint16(header[4:])
	flags := le.Uint16(header[6:])
	compressedLen := int64(le.Uint32(header[8:]))
	payloadLen := int64(le.Uint32(header[12:]))
	wantSum := le.Uint32(header[16:])
	if version == 0 {
		return nil, fmt.Errorf("%w: version 0", ErrDamaged)
	}
	if version > Version || flags&^knownFlags != 0 {
		return nil, ErrTooNew
	}
	if compressedLen > MaxCompressedBytes || payloadLen > MaxPayloadBytes {
		return nil, fmt.Errorf("%w: it declares %d bytes, more than any disc holds", ErrDamaged, max(compressedLen, payloadLen))
	}
	// ReadAll grows with the bytes that really arrive, whatever the header claims.
	compressed, err := io.ReadAll(&yieldingReader{r: io.LimitReader(r, compressedLen)})
	if err != nil {
		return nil, fmt.Errorf("bonefile: read: %w", err)
	}
	if int64(len(compressed)) != compressedLen {
		return nil, fmt.Errorf("%w: it is cut short (%d of %d bytes)", ErrDamaged, len(compressed), compressedLen)
	}
	if n, _ := r.Read(make([]byte, 1)); n != 0 {
		return nil, fmt.Errorf("%w: unexpected bytes after the disc", ErrDamaged)
	}
	if checksum(header[:16], compressed) != wantSum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrDamaged)
	}
	payload, err := inflate(compressed, payloadLen)
	if err != nil {
		return nil, err
	}
	state, err := decodePayload(version, payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	state.Params.VariablePitch = flags&flagVariablePitch != 0
	d, err := engine.Restore(state)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return d, nil
}

// inflate decompresses exactly payloadLen bytes; a stream that yields more
// or less is damaged. The LimitReader stops a decompression bomb at the
// declared length, which is itself capped.
func inflate(compressed []byte, payloadLen int64) ([]byte, error) {
	zr := flate.NewReader(bytes.NewReader(compressed))
	defer zr.Close()
	payload, err := io.ReadAll(&yieldingReader{r: io.LimitReader(zr, payloadLen+1)})
	if err != nil {
		return nil, fmt.Errorf("%w: decompress: %v", ErrDamaged, err)
	}
	if int64(len(payload)) != payloadLen {
		return nil, fmt.Errorf("%w: payload is %d bytes, header says %d", ErrDamaged, len(payload), payloadLen)
	}
	return payload, nil
}

// yieldEvery is how many bytes Encode and Decode process between calls to
// runtime.Gosched. Under js/wasm goroutines are never preempted: a browser
// that saves a disc in a goroutine keeps its audio fed only if the save
// yields now and then. Natively the yields cost nothing measurable.
const yieldEvery = 256 << 10

// yieldingReader calls runtime.Gosched after every yieldEvery bytes.
type yieldingReader struct {
	r          io.Reader
	sinceYield int
}

func (y *yieldingReader) Read(p []byte) (int, error) {
	n, err := y.r.Read(p)
	if y.sinceYield += n; y.sinceYield >= yieldEvery {
		y.sinceYield = 0
		runtime.Gosched()
	}
	return n, err
}
