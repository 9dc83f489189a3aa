package turntable

import (
	"math"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

// Cutting live (the monitor heard while the cutter moves) and cutting fast
// give the same disc, and the monitor is the sound being cut.
func TestLiveAndFastCutAgree(t *testing.T) {
	src, err := synth.Tune("letter", Rate, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	p := engine.DefaultParams()
	l, err := NewLathe(p, src)
	if err != nil {
		t.Fatal(err)
	}
	var monitor []float32
	buf := make([]float32, 735)
	prevMM := p.StartRadiusMM + 1
	for i := 0; !l.Now().Written; i++ {
		if i > 10*60 {
			t.Fatal("2 s of sound not cut after 10 s of clock")
		}
		l.Read(buf)
		monitor = append(monitor, buf...)
		now := l.Now()
		if now.RadiusMM > prevMM {
			t.Fatalf("cutter moved outwards: %.3f → %.3f mm", prevMM, now.RadiusMM)
		}
		prevMM = now.RadiusMM
	}
	for i, v := range src {
		if monitor[i] != v {
			t.Fatalf("monitor sample %d = %v, want the recording's %v", i, monitor[i], v)
		}
	}
	live, err := l.Finish(nil)
	if err != nil {
		t.Fatal(err)
	}
	var last Cutting
	l2, err := NewLathe(p, src)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := CutFast(l2, func(c Cutting) { last = c })
	if err != nil {
		t.Fatal(err)
	}
	if last.Fraction != 1 || !last.Written {
		t.Errorf("fast cut ended at %.2f, written %v", last.Fraction, last.Written)
	}
	if live.Len() != fast.Len() {
		t.Fatalf("live disc %d samples, fast %d", live.Len(), fast.Len())
	}
	for i := 0; i < live.Len(); i += 97 {
		if live.FreshLateralUM(i) != fast.FreshLateralUM(i) {
			t.Fatalf("groove differs at sample %d", i)
		}
	}
	// 2 s at 78.26 rpm is 2.6 turns of 0.254 mm.
	wantMM := p.StartRadiusMM - 2*engine.RPM78/60*p.PitchMM()
	if math.Abs(last.RadiusMM-wantMM) > 0.01 {
		t.Errorf("cutter ended at %.3f mm, want %.3f", last.RadiusMM, wantMM)
	}
}

// A recording longer than the side is cut to the side's length.
func TestLatheStopsAtCapacity(t *testing.T) {
	p := engine.DefaultParams()
	p.EndRadiusMM = p.StartRadiusMM - 2 // a few seconds' worth of spiral
	src := make([]float32, int(p.Capacity()+5)*Rate)
	l, err := NewLathe(p, src)
	if err != nil {
		t.Fatal(err)
	}
	d, err := CutFast(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.ProgrammeSeconds(); got > p.Capacity()+0.01 {
		t.Errorf("cut %.1f s onto a side of %.1f s", got, p.Capacity())
	}
}
