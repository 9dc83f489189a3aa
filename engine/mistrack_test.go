package engine

import (
	"math"
	"testing"
)

// Mistracking: on walls worn down to 4 % of their grip, a loud treble
// tone the tip could follow on fresh walls breaks up — its third harmonic
// rises by more than 20 dB — while a quiet one still plays clean.
func TestWornWallsMistrack(t *testing.T) {
	const f = EngineRate / 15.0 // 2940 Hz: whole periods
	h3 := func(level float64, grip float64) float64 {
		src := sine(f, 3)
		for i := range src {
			src[i] *= float32(level)
		}
		p := DefaultParams()
		p.EccentricityMM = 0
		d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		pk, _ := PickupByName("crystal")
		contact := 0.7071 * pk.TipRadiusUM
		for b := range d.wallUM { // wear the walls down to the given grip
			d.wallUM[b] = float32(contact + grip*(d.freshWallUM(b)-contact))
		}
		pk.Response = ResponseIdeal // the tip's path, without the crystal's roll-off
		out, _, err := PlayAll(d, PlayOptions{Pickup: pk, NoWear: true, NoWow: true}, 0)
		if err != nil {
			t.Fatal(err)
		}
		x := out[d.ProgrammeStart()+EngineRate/2 : d.ProgrammeStart()+2*EngineRate]
		return harmonicDB(x, f, 3)
	}
	loudFresh, loudWorn := h3(0.7, 1), h3(0.7, 0.04)
	quietFresh, quietWorn := h3(0.05, 1), h3(0.05, 0.04)
	t.Logf("H3 of 2.94 kHz: loud %.1f dB fresh, %.1f dB on worn walls; quiet %.1f / %.1f dB", loudFresh, loudWorn, quietFresh, quietWorn)
	if loudWorn < loudFresh+20 {
		t.Errorf("loud treble on worn walls: H3 %.1f dB, want 20 dB above the fresh %.1f dB", loudWorn, loudFresh)
	}
	if math.Abs(quietWorn-quietFresh) > 1 {
		t.Errorf("quiet treble on worn walls: H3 %.1f dB, fresh %.1f dB, want the same", quietWorn, quietFresh)
	}
}

// harmonicDB is the level of harmonic k of f in x relative to f, by DFT
// over whole periods.
func harmonicDB(x []float32, f float64, k int) float64 {
	period := int(math.Round(EngineRate / f))
	n := len(x) / period * period
	amp := func(freq float64) float64 {
		var re, im float64
		for i, v := range x[:n] {
			ph := 2 * math.Pi * freq * float64(i) / EngineRate
			re += float64(v) * math.Cos(ph)
			im += float64(v) * math.Sin(ph)
		}
		return math.Hypot(re, im)
	}
	return 20 * math.Log10(amp(float64(k)*f)/amp(f))
}
