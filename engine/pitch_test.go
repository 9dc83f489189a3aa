package engine

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// loudQuietLoud is the mixed test programme, loud (−3 dBFS peaks) for
// loudS seconds, 30 dB quieter for quietS, and loud again for loudS.
func loudQuietLoud(loudS, quietS float64) []float32 {
	x := testProgramme(2*loudS+quietS, 0, 5)
	for i := int(loudS * EngineRate); i < int((loudS+quietS)*EngineRate); i++ {
		x[i] *= 0.0316
	}
	return x
}

func variableDisc(t testing.TB, src []float32, opt CutOptions) (constant, variable *Disc) {
	t.Helper()
	p := DefaultParams()
	c, err := Cut([][]float32{src}, EngineRate, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	p.VariablePitch = true
	v, err := Cut([][]float32{src}, EngineRate, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c, v
}

// turnPitches is the spacing (mm) from each programme turn's start to the next's.
func turnPitches(d *Disc) []float64 {
	n, ps := d.SamplesPerRev(), d.ProgrammeStart()
	var out []float64
	for k := 0; ps+(k+1)*n <= d.ProgrammeEnd(); k++ {
		out = append(out, d.RadiusMM(ps+k*n)-d.RadiusMM(ps+(k+1)*n))
	}
	return out
}

// Variable pitch lays the same groove on a tighter spiral: quiet turns sit
// closer than loud ones, the pitch stays between width + land and nominal
// and changes by at most a tenth of nominal per turn, and the disc holds
// the same programme, its run-out further out.
func TestVariablePitch(t *testing.T) {
	c, d := variableDisc(t, loudQuietLoud(5, 10), CutOptions{LevelDB: 12}) // loud: at the limiter
	if !reflect.DeepEqual(c.groove, d.groove) || c.Len() != d.Len() || c.ProgrammeEnd() != d.ProgrammeEnd() {
		t.Fatal("variable pitch changed the cut groove")
	}
	if c.MinPitchMM() != c.Params.PitchMM() || c.PitchAtMM(c.ProgrammeStart()+1000) != c.Params.PitchMM() {
		t.Error("a constant-pitch disc reports a varying pitch")
	}
	nominal := d.Params.PitchMM()
	narrow := (d.GrooveWidthUM() + pitchLandUM) / 1000
	step := pitchStepFrac * nominal
	pitch := turnPitches(d)
	for k, pk := range pitch {
		if pk > nominal+1e-9 || pk < narrow-1e-9 {
			t.Errorf("turn %d: pitch %.4f mm outside %.4f–%.4f", k, pk, narrow, nominal)
		}
		if k > 0 && math.Abs(pk-pitch[k-1]) > step+1e-9 {
			t.Errorf("turn %d: pitch changes by %.4f mm, more than %.4f", k, pk-pitch[k-1], step)
		}
	}
	// (MinPitchMM also counts the last, partial turn.)
	if lo := d.MinPitchMM(); lo > slicesMin(pitch)+1e-9 || lo < narrow-1e-9 {
		t.Errorf("MinPitchMM %.4f, full turns' smallest %.4f", lo, slicesMin(pitch))
	}
	// The loud turns against the middle of the quiet passage (its edges
	// ramp towards the loud ones).
	revS := 60 / d.Params.RPM
	mean := func(fromS, toS float64) float64 {
		k0, k1 := int(math.Ceil(fromS/revS)), int(toS/revS)
		s := 0.0
		for _, v := range pitch[k0:k1] {
			s += v
		}
		return s / float64(k1-k0)
	}
	loud, quiet := mean(0, 4), mean(8, 12)
	saved := d.RadiusMM(d.ProgrammeEnd()) - c.RadiusMM(c.ProgrammeEnd())
	t.Logf("pitch %.1f–%.1f µm (nominal %.1f): loud turns %.1f µm, quiet %.1f µm; %d turns end %.2f mm further out (%.0f %% of %.2f mm)",
		1000*slicesMin(pitch), 1000*slicesMax(pitch), 1000*nominal, 1000*loud, 1000*quiet, len(pitch), saved,
		100*saved/(d.Params.StartRadiusMM-c.RadiusMM(c.ProgrammeEnd())), d.Params.StartRadiusMM-c.RadiusMM(c.ProgrammeEnd()))
	if !(quiet < 0.8*loud) || quiet-narrow > 0.005 {
		t.Errorf("quiet turns %.1f µm apart, loud ones %.1f µm: want the quiet ones within 5 µm of the narrowest, %.0f µm", 1000*quiet, 1000*loud, 1000*narrow)
	}
	if saved <= 0 || d.RadiusMM(d.Len()-1) <= c.RadiusMM(c.Len()-1) {
		t.Errorf("the variable-pitch spiral ends %.3f mm further out", saved)
	}
	// The run-out follows the programme's end.
	if r := d.RadiusMM(d.Len() - 1); math.Abs(r-(d.RadiusMM(d.ProgrammeEnd())-runOutMM)) > 1e-9 {
		t.Errorf("locked groove at %.3f mm, programme ends at %.3f mm", r, d.RadiusMM(d.ProgrammeEnd()))
	}
	checkNoOverlap(t, d, true)
	checkNoOverlap(t, c, false)
}

// checkNoOverlap: nowhere do two neighbouring turns touch, the cut groove
// and its width against the next turn's at the same angle; where the
// spacing is below nominal (a variable pitch has room to spare), at least
// the safety land lies between them.
func checkNoOverlap(t *testing.T, d *Disc, variable bool) {
	t.Helper()
	n := d.SamplesPerRev()
	w := d.GrooveWidthUM()
	nominal := d.Params.PitchMM()
	least, leastTight := math.Inf(1), math.Inf(1)
	for i := d.ProgrammeStart() - n; i < d.ProgrammeEnd(); i++ {
		space := d.RadiusMM(i) - d.RadiusMM(i+n)
		if variable && math.Abs(space-d.PitchAtMM(i)) > 1e-12 {
			t.Fatalf("sample %d: turns %.6f mm apart, PitchAtMM says %.6f", i, space, d.PitchAtMM(i))
		}
		gap := space*1000 - w - (d.FreshLateralUM(i+n) - d.FreshLateralUM(i))
		least = math.Min(least, gap)
		if space < nominal-1e-9 {
			leastTight = math.Min(leastTight, gap)
		}
	}
	t.Logf("variable %v: least land between turns %.1f µm (%.1f µm where the pitch is below nominal)", variable, least, leastTight)
	if least < 0 {
		t.Errorf("neighbouring turns overlap by %.1f µm", -least)
	}
	if variable && leastTight < pitchLandUM-1e-6 {
		t.Errorf("tightened turns leave %.1f µm of land, want %d", leastTight, pitchLandUM)
	}
}

func slicesMin(x []float64) float64 {
	m := math.Inf(1)
	for _, v := range x {
		m = math.Min(m, v)
	}
	return m
}

func slicesMax(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	return m
}

// A silent programme packs at the narrowest pitch: how much more a quiet
// side could hold.
func TestVariablePitchSilence(t *testing.T) {
	_, d := variableDisc(t, make([]float32, 3*EngineRate), CutOptions{})
	narrow := (d.GrooveWidthUM() + pitchLandUM) / 1000
	for k, pk := range turnPitches(d) {
		if math.Abs(pk-narrow) > 1e-9 {
			t.Fatalf("silent turn %d: pitch %.4f mm, want %.4f", k, pk, narrow)
		}
	}
	t.Logf("silence: %.0f µm pitch, %.2f× the turns of %.0f µm in the same band", 1000*narrow, d.Params.PitchMM()/narrow, 1000*d.Params.PitchMM())
}

// A hot cut on a variable pitch breaks the walls where the turns overlap
// at their own spacing, and restoring the disc (from the groove alone)
// lays out the same spiral, to the bit.
func TestVariablePitchHotAndRestore(t *testing.T) {
	_, d := variableDisc(t, loudQuietLoud(1.5, 1.5), CutOptions{LevelDB: 24, Hot: true})
	n, w := d.SamplesPerRev(), d.GrooveWidthUM()
	broken := 0
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i++ {
		gap := d.PitchAtMM(i)*1000 - w - (d.FreshLateralUM(i+n) - d.FreshLateralUM(i))
		if gap < 0 {
			broken++
			if want := math.Max(0, d.Params.Material.props().depthUM+gap/2); d.WallHeightUM(i) > want+1e-3 {
				t.Fatalf("sample %d: turns overlap by %.1f µm but the wall stands %.1f µm", i, -gap, d.WallHeightUM(i))
			}
		}
	}
	if broken == 0 {
		t.Error("a hot variable-pitch cut overlapped nowhere")
	}
	r, err := Restore(d.State())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.pitch, d.pitch) || !reflect.DeepEqual(r.stats, d.stats) {
		t.Error("the restored disc lays out a different spiral")
	}
}

// The spiral is the same run to run and native vs wasm: the turn radii of
// a variable-pitch disc against a golden file written natively
// (go test ./engine -run VariablePitchGolden -update).
func TestVariablePitchGolden(t *testing.T) {
	_, d := variableDisc(t, loudQuietLoud(2, 4), CutOptions{LevelDB: 3})
	got := map[string][]float64{"turnR": d.pitch.turnR}
	for i := d.ProgrammeStart(); i < d.Len(); i += 4999 {
		got["radius"] = append(got["radius"], d.RadiusMM(i))
	}
	path := filepath.Join("testdata", "golden_pitch.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", " ")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -run VariablePitchGolden -update)", err)
	}
	var want map[string][]float64
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		g := got[k]
		if len(g) != len(w) {
			t.Fatalf("%s: %d values, golden has %d", k, len(g), len(w))
		}
		worst := 0.0
		for i := range w {
			worst = math.Max(worst, math.Abs(g[i]-w[i]))
		}
		t.Logf("%s: %d values, worst difference from golden %.3g mm", k, len(w), worst)
		if worst > 1e-12 {
			t.Errorf("%s differs from golden by %.3g mm", k, worst)
		}
	}
}
