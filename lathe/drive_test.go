package lathe

import (
	"math"
	"testing"

	"bonemusic/engine"
)

// The drive of a 1 kHz tone cut at the reference level peaks near full
// scale at 1 kHz in the programme, and is silent in the lead-in and after.
func TestDriveIsTheGrooveVelocity(t *testing.T) {
	n := 2 * engine.EngineRate
	tone := make([]float32, n)
	for i := range tone {
		tone[i] = float32(math.Sin(2 * math.Pi * 1000 * float64(i) / engine.EngineRate))
	}
	d, err := engine.Cut([][]float32{tone}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dr := NewDrive(d)
	out := make([]float32, d.Len()+1000)
	dr.Read(out)
	peak := func(a, b int) float64 {
		p := 0.0
		for _, v := range out[a:b] {
			p = math.Max(p, math.Abs(float64(v)))
		}
		return p
	}
	ps, pe := d.ProgrammeStart(), d.ProgrammeEnd()
	mid := (ps + pe) / 2
	if p := peak(mid, mid+4410); p < 0.5 || p > 1 {
		t.Errorf("programme peak %.3f, want the reference level near full scale", p)
	}
	if p := peak(0, ps); p != 0 {
		t.Errorf("lead-in peak %.3f, want silence", p)
	}
	if p := peak(pe+1, len(out)); p != 0 {
		t.Errorf("after the programme: peak %.3f, want silence", p)
	}
	// zero crossings in 0.1 s of the programme: 2 per cycle of 1 kHz
	crossings := 0
	for i := mid + 1; i < mid+4410; i++ {
		if (out[i-1] < 0) != (out[i] < 0) {
			crossings++
		}
	}
	if crossings < 190 || crossings > 210 {
		t.Errorf("%d zero crossings in 0.1 s, want 200 (1 kHz)", crossings)
	}
	if dr.Level() < 0.1 {
		t.Errorf("level %.3f after a block with the tone in it", dr.Level())
	}
	dr.Read(make([]float32, 100))
	if dr.Sample() != len(out)+100 || dr.Level() != 0 {
		t.Errorf("after reading: sample %d, level %.3f", dr.Sample(), dr.Level())
	}
}
