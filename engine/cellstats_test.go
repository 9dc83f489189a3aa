package engine

import (
	"math"
	"testing"
)

// A cell's curvature is the groove's: for a 4 kHz tone cut at 118 mm it is
// A·(2π/λ)² with λ = v/f, and wear smoothing of σ lowers it exactly as it
// lowers the tone the tracer reads, by exp(−(2πσ/λ)²/2) — so a worn groove
// loads the tip less.
func TestCellCurvatureFollowsTheGroove(t *testing.T) {
	const f = 4000.0
	p := DefaultParams()
	p.EccentricityMM = 0
	d, err := Cut([][]float32{sine(f, 1)}, EngineRate, p, CutOptions{LevelDB: -12})
	if err != nil {
		t.Fatal(err)
	}
	i := d.ProgrammeStart() + EngineRate/2
	b := i / BlockSize
	amp := 0.0
	for j := i - 200; j < i+200; j++ {
		amp = math.Max(amp, math.Abs(d.FreshLateralUM(j)))
	}
	lambda := 2 * math.Pi * d.RadiusMM(i) * 1e3 * p.RPM / 60 / f   // µm
	want := amp * math.Pow(2*math.Pi/lambda, 2) * 1e6 / math.Sqrt2 // rms, 1/m
	rms0, _ := d.curvature(b, 0)
	t.Logf("4 kHz at %.0f mm: λ %.0f µm, curvature rms %.0f 1/m (sine %.0f)", d.RadiusMM(i), lambda, rms0, want)
	if math.Abs(rms0/want-1) > 0.1 {
		t.Errorf("curvature %.0f 1/m, want %.0f ± 10 %%", rms0, want)
	}
	for _, sigma := range []float64{10, 20, 40} {
		got, _ := d.curvature(b, sigma*sigma)
		x := 2 * math.Pi * sigma / lambda
		if w := rms0 * math.Exp(-x*x/2); math.Abs(got/w-1) > 0.1 {
			t.Errorf("σ = %.0f µm: curvature %.0f 1/m, want %.0f", sigma, got, w)
		}
	}
}
