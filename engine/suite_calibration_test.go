package engine

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// fallsBelow plays a fresh disc of src with the pickup up to max times and
// returns the first play whose fidelity is below 10 dB (0 if none) and the
// fidelities.
func fallsBelow(t *testing.T, m Material, pickup string, reuse bool, src []float32, maxPlays int) (int, []float64) {
	p := DefaultParams()
	p.Material = m
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pk, err := PickupByName(pickup)
	if err != nil {
		t.Fatal(err)
	}
	var fid []float64
	for i := 0; i < maxPlays; i++ {
		_, rec, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: uint64(i + 1), ReuseNeedle: reuse}, 0)
		if err != nil {
			t.Fatal(err)
		}
		fid = append(fid, rec.FidelityDB)
		if rec.FidelityDB < 10 {
			return i + 1, fid
		}
	}
	return 0, fid
}

func curveString(fid []float64) string {
	var sb strings.Builder
	for _, f := range fid {
		fmt.Fprintf(&sb, " %.1f", f)
	}
	return sb.String()
}

// TestCalibrationSuite: on every programme of the suite, the play at which
// fidelity first falls below 10 dB: steel (fresh needle each play) within
// plays 3–8, no later with a reused needle (and sooner over the suite);
// crystal within 30–45; and the
// quiet speech no later than the same speech cut louder.
func TestCalibrationSuite(t *testing.T) {
	if reduced() && os.Getenv("BONEMUSIC_CALIBRATE") == "" {
		t.Skip("the full suite runs natively without -short")
	}
	secs := 20.0
	type row struct {
		name                 string
		steel, reuse, crys   int
		sCurve, rCurve, cCur []float64
	}
	rows := make([]row, len(suite))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, pr := range suite {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			src := pr.make(secs)
			r := row{name: pr.name}
			r.steel, r.sCurve = fallsBelow(t, MaterialFilm, "steel", false, src, 12)
			r.reuse, r.rCurve = fallsBelow(t, MaterialFilm, "steel", true, src, 12)
			r.crys, r.cCur = fallsBelow(t, MaterialFilm, "crystal", false, src, 50)
			rows[i] = r
		}()
	}
	wg.Wait()
	t.Logf("%-13s %6s %6s %8s   (first play below 10 dB; 0 = never)", "programme", "steel", "reused", "crystal")
	for _, r := range rows {
		t.Logf("%-13s %6d %6d %8d", r.name, r.steel, r.reuse, r.crys)
	}
	for _, r := range rows {
		t.Logf("%s steel:%s | reused:%s | crystal:%s", r.name, curveString(r.sCurve), curveString(r.rCurve), curveString(r.cCur))
		if r.steel < 3 || r.steel > 8 {
			t.Errorf("%s: steel falls below 10 dB at play %d, want 3–8", r.name, r.steel)
		}
		if r.reuse == 0 || r.reuse > r.steel {
			t.Errorf("%s: a reused steel needle falls at play %d, want no later than a fresh one's %d", r.name, r.reuse, r.steel)
		}
		if r.crys < 30 || r.crys > 45 {
			t.Errorf("%s: crystal falls below 10 dB at play %d, want 30–45", r.name, r.crys)
		}
	}
	reused, fresh := 0, 0
	for _, r := range rows {
		reused += r.reuse
		fresh += r.steel
	}
	if float64(reused) > 0.8*float64(fresh) {
		t.Errorf("reused needles last %d plays in all against fresh needles' %d, want at most 80 %%", reused, fresh)
	}
	loud, quiet := rows[0], rows[1] // suite order: speech, then the quiet speech
	if quiet.steel > loud.steel || quiet.crys > loud.crys {
		t.Errorf("the quiet speech lasts longer (steel %d, crystal %d) than the loud (%d, %d)", quiet.steel, quiet.crys, loud.steel, loud.crys)
	}
}
