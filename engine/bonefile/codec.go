package bonefile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"
)

// writer appends little-endian fields to a payload.
type writer struct{ buf []byte }

func (w *writer) u8(v uint8)    { w.buf = append(w.buf, v) }
func (w *writer) u16(v uint16)  { w.buf = binary.LittleEndian.AppendUint16(w.buf, v) }
func (w *writer) u32(v uint32)  { w.buf = binary.LittleEndian.AppendUint32(w.buf, v) }
func (w *writer) u64(v uint64)  { w.buf = binary.LittleEndian.AppendUint64(w.buf, v) }
func (w *writer) f32(v float32) { w.u32(math.Float32bits(v)) }
func (w *writer) f64(v float64) { w.u64(math.Float64bits(v)) }
func (w *writer) boolean(v bool) {
	if v {
		w.u8(1)
	} else {
		w.u8(0)
	}
}

// str writes a length-prefixed string after the check Decode makes
// (checkText), so that everything Encode writes, Decode reads back.
func (w *writer) str(s string, maxBytes int, what string) error {
	if err := checkText(s, maxBytes, what); err != nil {
		return err
	}
	w.u16(uint16(len(s)))
	w.buf = append(w.buf, s...)
	return nil
}

// checkText is the one rule for a string in a disc file, for the writer
// and the reader alike: UTF-8 text of at most maxBytes.
func checkText(s string, maxBytes int, what string) error {
	if len(s) > maxBytes {
		return fmt.Errorf("%s is %d bytes; at most %d fit a disc file", what, len(s), maxBytes)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not UTF-8 text", what)
	}
	return nil
}

// CheckTitle reports whether a disc file can hold title, with words to
// act on when it cannot; the CLI and the app ask before any long work.
func CheckTitle(title string) error {
	return checkText(title, maxTitleBytes, "the title")
}

func (w *writer) f32s(v []float32) {
	for _, x := range v {
		w.f32(x)
	}
}

// reader takes fields from a payload. The first error sticks: later reads
// return zero values, so decoding code reads straight through and checks once.
type reader struct {
	buf []byte
	err error
}

var errShort = errors.New("payload ends early")

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.buf) {
		r.err = errShort
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}

func (r *reader) u8() uint8 {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if b := r.take(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }
func (r *reader) f64() float64 { return math.Float64frombits(r.u64()) }

func (r *reader) boolean() bool {
	switch v := r.u8(); v {
	case 0:
		return false
	case 1:
		return true
	default:
		r.fail("a yes/no field holds %d", v)
		return false
	}
}

func (r *reader) fail(format string, a ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, a...)
	}
}

// str reads a length-prefixed string, checked as the writer checks it.
func (r *reader) str(maxBytes int, what string) string {
	n := int(r.u16())
	if n > maxBytes {
		r.fail("%s is %d bytes, more than %d", what, n, maxBytes)
		return ""
	}
	s := string(r.take(n))
	if r.err == nil {
		if err := checkText(s, maxBytes, what); err != nil {
			r.fail("%v", err)
			return ""
		}
	}
	return s
}

// count reads an element count and checks it against maxCount and against
// the bytes left (each element takes at least minBytes), before anything is
// allocated for the elements.
func (r *reader) count(maxCount, minBytes int, what string) int {
	n := int64(r.u32())
	switch {
	case r.err != nil:
		return 0
	case n > int64(maxCount):
		r.fail("%d %s, more than the %d a disc can have", n, what, maxCount)
		return 0
	case n*int64(minBytes) > int64(len(r.buf)):
		r.err = errShort
		return 0
	}
	return int(n)
}

func (r *reader) f32s(n int) []float32 {
	b := r.take(4 * n)
	if b == nil {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}
