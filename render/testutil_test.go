package render

import (
	"math"
	"sync"
	"testing"

	"bonemusic/engine"
)

// testTune is a synthetic programme: a melody of decaying tones over a bass
// line with quiet and loud passages, so some turns are modulated hard and
// others barely (no recording is used).
func testTune(seconds float64) []float32 {
	n := int(seconds * engine.EngineRate)
	out := make([]float32, n)
	notes := []float64{262, 330, 392, 523, 440, 349, 294, 392}
	for i := range out {
		t := float64(i) / engine.EngineRate
		k := int(t * 3)
		f := notes[k%len(notes)]
		ph := t - float64(k)/3
		env := math.Exp(-ph * 4)
		loud := 0.25 + 0.75*(0.5+0.5*math.Sin(2*math.Pi*t/8))
		v := 0.5*env*math.Sin(2*math.Pi*f*t) + 0.2*env*math.Sin(2*math.Pi*2*f*t) +
			0.25*math.Sin(2*math.Pi*f/4*t)
		out[i] = float32(v * loud * 0.8)
	}
	return out
}

var (
	cutOnce  sync.Once
	cutDisc  *engine.Disc
	cutErr   error
	wornOnce sync.Once
	wornDisc *engine.Disc
)

// testWorn is the test disc after three plays with a steel needle, shared
// by the tests (playing is the slow part, especially under wasm).
func testWorn(t testing.TB) *engine.Disc {
	t.Helper()
	d := testDisc(t)
	wornOnce.Do(func() { wornDisc = wornCopy(t, d, "steel", 3) })
	if wornDisc == nil {
		t.Fatal("could not wear the test disc")
	}
	return wornDisc
}

// testDisc cuts the shared test disc once (cutting takes a while).
func testDisc(t testing.TB) *engine.Disc {
	t.Helper()
	cutOnce.Do(func() {
		p := engine.DefaultParams()
		p.Seed = 3
		p.EccentricityMM = 2.5
		p.EccentricityRad = 0.8
		p.Title = "Буги-вуги"
		cutDisc, cutErr = engine.Cut([][]float32{testTune(12)}, engine.EngineRate, p, engine.CutOptions{})
	})
	if cutErr != nil {
		t.Fatal(cutErr)
	}
	return cutDisc
}

// wornCopy returns a copy of d played plays times with the named pickup.
func wornCopy(t testing.TB, d *engine.Disc, pickup string, plays int) *engine.Disc {
	t.Helper()
	w, err := engine.Restore(d.State())
	if err != nil {
		t.Fatal(err)
	}
	pk, err := engine.PickupByName(pickup)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < plays; i++ {
		if _, _, err := engine.PlayAll(w, engine.PlayOptions{Pickup: pk, Noise: true, Seed: uint64(i + 1)}, 0); err != nil {
			t.Fatal(err)
		}
	}
	return w
}
