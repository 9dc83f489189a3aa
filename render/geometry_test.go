package render

import (
	"math"
	"testing"

	"bonemusic/engine"
)

func TestGeometryRoundTrip(t *testing.T) {
	p := engine.DefaultParams()
	p.EccentricityMM, p.EccentricityRad = 2, 1
	g := NewGeometry(p, 1000)
	if want := 1000 / (p.DiameterMM * (1 + discMarginFrac)); math.Abs(g.PXPerMM-want) > 1e-9 {
		t.Errorf("PXPerMM %.4f, want %.4f", g.PXPerMM, want)
	}
	for _, c := range [][2]float64{{0.5, 0}, {57, 1}, {118, 3}, {100, 6}} {
		x, y := g.ToPX(c[0], c[1])
		r, a := g.ToMM(x, y)
		if math.Abs(r-c[0]) > 1e-9 || math.Abs(math.Remainder(a-c[1], 2*math.Pi)) > 1e-9 {
			t.Errorf("(%g mm, %g rad) → (%.2f, %.2f) px → (%g, %g)", c[0], c[1], x, y, r, a)
		}
	}
	// Angle 0 points right, π/2 up the screen (y grows downwards).
	if x, y := g.ToPX(10, math.Pi/2); math.Abs(x-g.CenterX) > 1e-9 || y >= g.CenterY {
		t.Errorf("π/2 should point up: (%.1f, %.1f)", x, y)
	}
	hx, hy := g.ToPX(p.EccentricityMM, p.EccentricityRad)
	if hx != g.HoleX || hy != g.HoleY {
		t.Error("hole is not at the eccentricity")
	}
	// The whole disc, jagged edge included, fits inside the image.
	if r := float64(g.SizePX) / 2 / g.PXPerMM; r < p.DiameterMM/2+2.5 {
		t.Errorf("image reaches only %.1f mm from the centre", r)
	}
}
