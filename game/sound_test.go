package game

import (
	"encoding/binary"
	"io"
	"math"
	"testing"
)

type sliceSource struct{ s []float32 }

func (s *sliceSource) Read(dst []float32) (int, error) {
	if len(s.s) == 0 {
		return 0, io.EOF
	}
	n := copy(dst, s.s)
	s.s = s.s[n:]
	return n, nil
}

func TestStereoF32InterleavesAndProtectsTheSpeaker(t *testing.T) {
	nan := float32(math.NaN())
	src := &sliceSource{[]float32{0.5, -0.25, 3, -3, nan}}
	r := &stereoF32{src: src}
	p := make([]byte, 8*8) // room for 8 frames, only 5 exist
	n, err := r.Read(p)
	if err != nil || n != 5*8 {
		t.Fatalf("Read = %d, %v; want 40 bytes", n, err)
	}
	want := []float32{0.5, -0.25, 1, -1, 0}
	for i, w := range want {
		l := math.Float32frombits(binary.LittleEndian.Uint32(p[8*i:]))
		rr := math.Float32frombits(binary.LittleEndian.Uint32(p[8*i+4:]))
		if l != w || rr != w {
			t.Errorf("frame %d = (%v, %v), want (%v, %v)", i, l, rr, w, w)
		}
	}
	if _, err := r.Read(p); err != io.EOF {
		t.Errorf("after the end: %v, want io.EOF", err)
	}
	if n, err := r.Read(p[:7]); n != 0 || err != nil {
		t.Errorf("a buffer smaller than one frame: %d, %v; want 0, nil", n, err)
	}
}
