package engine

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite engine/testdata golden files")

// goldenRun cuts a short programme at 48 kHz (resampler in the path), plays
// it twice with noise, wow and wear (steel, then crystal), and returns every
// 97th sample of the second play plus wear and fidelity numbers.
func goldenRun(t *testing.T) map[string][]float64 {
	src := testProgramme(2, 0, 21)
	src48 := make([]float32, len(src)*48000/EngineRate)
	for i := range src48 {
		src48[i] = src[i*EngineRate/48000]
	}
	d, err := Cut([][]float32{src48, src48}, 48000, DefaultParams(), CutOptions{LevelDB: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := PlayAll(d, PlayOptions{Pickup: Pickups[0], Noise: true, Seed: 4}, 0); err != nil {
		t.Fatal(err)
	}
	out, rec, err := PlayAll(d, PlayOptions{Pickup: Pickups[1], Noise: true, Seed: 5}, 0)
	if err != nil {
		t.Fatal(err)
	}
	g := map[string][]float64{}
	for i := 0; i < len(out); i += 97 {
		g["samples"] = append(g["samples"], float64(out[i]))
	}
	s := d.State()
	for b := 0; b < len(s.WallUM); b += 50 {
		g["wall"] = append(g["wall"], float64(s.WallUM[b]))
		g["smooth"] = append(g["smooth"], float64(s.SmoothUM2[b]))
	}
	g["record"] = []float64{rec.FidelityDB, float64(rec.Skips), float64(rec.SamplesTraced), float64(len(out))}
	return g
}

// TestDeterminism: the same inputs give the same samples, run to run and
// native vs wasm (the golden file is written natively; wasm compares to it)
// within 1e-6.
func TestDeterminism(t *testing.T) {
	a := goldenRun(t)
	path := filepath.Join("testdata", "golden_play.json")
	if *update {
		b, _ := json.MarshalIndent(a, "", " ")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -run Determinism -update)", err)
	}
	var want map[string][]float64
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		g := a[k]
		if len(g) != len(w) {
			t.Fatalf("%s: %d values, golden has %d", k, len(g), len(w))
		}
		worst := 0.0
		for i := range w {
			worst = math.Max(worst, math.Abs(g[i]-w[i]))
		}
		if worst > 1e-6 {
			t.Errorf("%s differs from golden by %.3g", k, worst)
		}
	}
}

// A clone plays and wears on its own: wearing the original leaves the
// clone as it was, and the clone plays exactly as the original did.
func TestCloneIsIndependent(t *testing.T) {
	d := shortDisc(t, 2, nil, CutOptions{})
	c := d.Clone()
	pk, _ := PickupByName("steel")
	opt := PlayOptions{Pickup: pk, Noise: true, Seed: 3}
	a, _, err := PlayAll(d, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	at := c.ProgrammeStart() + 1000
	if c.Plays() != 0 || c.WallHeightUM(at) != float64(float32(c.freshWallUM(at/BlockSize))) {
		t.Fatalf("playing the original wore the clone: %d plays", c.Plays())
	}
	b, _, err := PlayAll(c, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("clone played %d samples, original %d", len(b), len(a))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("sample %d: clone %v, original %v", i, b[i], a[i])
		}
	}
}
