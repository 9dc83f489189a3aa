package game

import (
	"math"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

// The needle replays the record forever, and every finished play is a wear
// pass on the disc: the attract loop is the product's story in miniature.
func TestNeedleReplaysAndWears(t *testing.T) {
	p := engine.DefaultParams()
	tune, err := synth.Tune("boogie", engine.EngineRate, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	disc, err := engine.Cut([][]float32{tune}, engine.EngineRate, p, engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pickup, err := engine.PickupByName("steel")
	if err != nil {
		t.Fatal(err)
	}
	n := newNeedle(disc, engine.PlayOptions{Pickup: pickup, Noise: true, Seed: 1})
	buf := make([]float32, 2048)
	var loud float64
	// A play is lead-in + 3 s + run-out; bound the loop well above two plays.
	for i := 0; i < 200*engine.EngineRate/len(buf); i++ {
		k, err := n.Read(buf)
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if k == 0 {
			t.Fatal("Read returned nothing")
		}
		for _, v := range buf[:k] {
			loud = math.Max(loud, math.Abs(float64(v)))
		}
		if plays, _ := n.status(); plays == 2 {
			break
		}
	}
	plays, _ := n.status()
	if plays != 2 {
		t.Fatalf("%d plays finished, want 2", plays)
	}
	if got := disc.Plays(); got != 2 {
		t.Errorf("disc history has %d plays, want 2: each replay must wear the disc", got)
	}
	if loud < 0.01 {
		t.Errorf("peak %.4f: the needle played silence", loud)
	}
}
