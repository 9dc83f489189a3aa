package engine

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzCutPlay: any samples (NaN, Inf, huge, denormal), any level and rate
// give a disc that plays without panics or NaN, or a clear error; with a
// variable pitch (rateSel's bit 2) too.
func FuzzCutPlay(f *testing.F) {
	f.Add([]byte{}, int16(0), uint8(0), false)
	f.Add([]byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x7f, 0, 0, 0x80, 0xff}, int16(6), uint8(1), true) // NaN, +Inf, −Inf
	f.Add([]byte{0xff, 0xff, 0x7f, 0x7f, 1, 0, 0, 0}, int16(-60), uint8(2), false)                // MaxFloat32, denormal
	f.Add([]byte{0, 0, 0x80, 0x3f, 0, 0, 0x80, 0xbf}, int16(2400), uint8(4), true)                // ±1, hot, variable pitch
	f.Fuzz(func(t *testing.T, raw []byte, levelDB int16, rateSel uint8, hot bool) {
		n := min(len(raw)/4, 8192)
		x := make([]float32, n)
		for i := range x {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
		rates := []int{EngineRate, 48000, 8000, 192000}
		p := DefaultParams()
		p.StartRadiusMM, p.EndRadiusMM = 118, 117.5
		p.VariablePitch = rateSel&4 != 0
		d, err := Cut([][]float32{x}, rates[int(rateSel)%len(rates)], p,
			CutOptions{LevelDB: float64(levelDB) / 100, Hot: hot})
		if err != nil {
			return
		}
		out, _, err := PlayAll(d, PlayOptions{Pickup: Pickups[int(rateSel)%3], Noise: true}, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range out {
			if v != v || math.IsInf(float64(v), 0) {
				t.Fatal("non-finite output")
			}
		}
		if _, err := Restore(d.State()); err != nil {
			t.Fatal(err)
		}
	})
}
