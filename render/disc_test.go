package render

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"sync"
	"testing"

	"bonemusic/engine"
)

func TestDiscRejectsBadInput(t *testing.T) {
	p := engine.DefaultParams()
	if _, err := Blank(p, 0); err == nil {
		t.Error("size 0 accepted")
	}
	if _, err := Blank(p, MaxSizePX*2); err == nil {
		t.Error("huge size accepted")
	}
	bad := p
	bad.DiameterMM = math.NaN()
	if _, err := Blank(bad, 128); err == nil {
		t.Error("NaN diameter accepted")
	}
	bad = p
	bad.Film = "femur"
	if _, err := Blank(bad, 128); err == nil {
		t.Error("unknown film accepted")
	}
	if _, err := Disc(nil, 128); err == nil {
		t.Error("nil disc accepted")
	}
	if err := DiscPNG(&bytes.Buffer{}, nil, 0); err == nil {
		t.Error("DiscPNG of nil disc accepted")
	}
}

// holeCentre measures the spindle hole from the pixels: the centroid of the
// transparent pixels within 12 mm of the image centre.
func holeCentre(im *image.NRGBA, g Geometry) (x, y float64, n int) {
	r := g.PX(12)
	sw := 0.0
	for py := int(g.CenterY - r); py <= int(g.CenterY+r); py++ {
		for px := int(g.CenterX - r); px <= int(g.CenterX+r); px++ {
			if math.Hypot(float64(px)+0.5-g.CenterX, float64(py)+0.5-g.CenterY) > r {
				continue
			}
			if a := im.NRGBAAt(px, py).A; a < 255 {
				w := 1 - float64(a)/255
				x += (float64(px) + 0.5) * w
				y += (float64(py) + 0.5) * w
				sw += w
				n++
			}
		}
	}
	if sw == 0 {
		return 0, 0, 0
	}
	return x / sw, y / sw, n
}

func TestHoleIsOffCentreByTheEccentricity(t *testing.T) {
	for _, tc := range []struct {
		mat     engine.Material
		eMM, eA float64
	}{
		{engine.MaterialFilm, 0, 0}, {engine.MaterialFilm, 1, 0.3}, {engine.MaterialFilm, 3.5, 4},
		{engine.MaterialShellac, 2, 2}, {engine.MaterialVinyl, 5, 5.5},
	} {
		p := engine.DefaultParams()
		p.Material, p.EccentricityMM, p.EccentricityRad, p.Seed = tc.mat, tc.eMM, tc.eA, 11
		const size = 1200
		im, err := Blank(p, size)
		if err != nil {
			t.Fatal(err)
		}
		g := NewGeometry(p, size)
		hx, hy, n := holeCentre(im, g)
		if n == 0 {
			t.Fatalf("%v: no hole found", tc)
		}
		// Measured offset from the groove centre, in mm, in the engine's angle convention.
		dx, dy := (hx-g.CenterX)/g.PXPerMM, (g.CenterY-hy)/g.PXPerMM
		got := math.Hypot(dx, dy)
		if math.Abs(got-tc.eMM) > 0.25 {
			t.Errorf("%v: hole is %.2f mm off centre, want %.2f", tc, got, tc.eMM)
		}
		if tc.eMM > 0.5 {
			if da := math.Abs(math.Remainder(math.Atan2(dy, dx)-tc.eA, 2*math.Pi)); da > 0.1 {
				t.Errorf("%v: hole direction off by %.2f rad", tc, da)
			}
		}
		if math.Hypot(hx-g.HoleX, hy-g.HoleY) > g.PX(0.25) {
			t.Errorf("%v: Geometry says hole at (%.1f,%.1f), pixels say (%.1f,%.1f)", tc, g.HoleX, g.HoleY, hx, hy)
		}
	}
}

// TestEdgeIsCutAndOutsideIsTransparent: nothing shows beyond the scissors'
// reach, the disc is solid inside it, and the cut is really jagged.
func TestEdgeIsCutAndOutsideIsTransparent(t *testing.T) {
	for _, mat := range []engine.Material{engine.MaterialFilm, engine.MaterialShellac} {
		p := engine.DefaultParams()
		p.Material, p.DiameterMM, p.StartRadiusMM, p.EndRadiusMM = mat, 200, 95, 50
		const size = 800
		im, err := Blank(p, size)
		if err != nil {
			t.Fatal(err)
		}
		g := NewGeometry(p, size)
		R := p.DiameterMM / 2
		edgeR := map[int]float64{} // outermost opaque radius per degree
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				r, a := g.ToMM(float64(x)+0.5, float64(y)+0.5)
				al := im.NRGBAAt(x, y).A
				switch {
				case r > R+2.5 && al != 0:
					t.Fatalf("%v: pixel (%d,%d) at r=%.1f mm outside the edge has alpha %d", mat, x, y, r, al)
				case r < R-2.5 && r > 12 && al != 255:
					t.Fatalf("%v: pixel (%d,%d) at r=%.1f mm inside the disc has alpha %d", mat, x, y, r, al)
				}
				if al > 128 {
					deg := int(a * 180 / math.Pi)
					edgeR[deg] = math.Max(edgeR[deg], r)
				}
			}
		}
		lo, hi := math.Inf(1), 0.0
		for _, r := range edgeR {
			lo, hi = math.Min(lo, r), math.Max(hi, r)
		}
		if mat == engine.MaterialFilm && hi-lo < 0.4 {
			t.Errorf("film edge varies only %.2f mm: not a scissor cut", hi-lo)
		}
		if mat == engine.MaterialShellac && hi-lo > 0.5 {
			t.Errorf("pressed edge varies %.2f mm: should be round", hi-lo)
		}
		if im.NRGBAAt(0, 0).A != 0 {
			t.Errorf("%v: corner not transparent", mat)
		}
	}
}

func lum(c [4]uint8) float64 {
	return 0.2126*float64(c[0]) + 0.7152*float64(c[1]) + 0.0722*float64(c[2])
}

// ringDiff is the mean luminance change from base to im in rings of widthMM.
func ringDiff(base, im *image.NRGBA, g Geometry, widthMM float64) []float64 {
	n := int(g.DiameterMM/2/widthMM) + 2
	sum, cnt := make([]float64, n), make([]float64, n)
	for i := 0; i < len(im.Pix); i += 4 {
		if im.Pix[i+3] != 255 || base.Pix[i+3] != 255 {
			continue
		}
		x, y := (i/4)%im.Rect.Dx(), (i/4)/im.Rect.Dx()
		r, _ := g.ToMM(float64(x)+0.5, float64(y)+0.5)
		k := int(r / widthMM)
		if k >= n {
			continue
		}
		var a, b [4]uint8
		copy(a[:], im.Pix[i:i+4])
		copy(b[:], base.Pix[i:i+4])
		sum[k] += math.Abs(lum(a) - lum(b))
		cnt[k]++
	}
	for k := range sum {
		if cnt[k] > 0 {
			sum[k] /= cnt[k]
		}
	}
	return sum
}

func TestGrooveBandLiesBetweenStartAndEndRadius(t *testing.T) {
	d := testDisc(t)
	const size, ring = 1000, 0.5
	base, err := Blank(d.Params, size)
	if err != nil {
		t.Fatal(err)
	}
	im, err := Disc(d, size)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGeometry(d.Params, size)
	diff := ringDiff(base, im, g, ring)
	rOut := d.RadiusMM(d.ProgrammeStart())
	rIn := d.RadiusMM(d.ProgrammeEnd())
	if rOut != d.Params.StartRadiusMM {
		t.Fatalf("programme starts at %.2f mm, params say %.2f", rOut, d.Params.StartRadiusMM)
	}
	for k, v := range diff {
		r0, r1 := float64(k)*ring, float64(k+1)*ring
		switch {
		case r0 > rIn+0.3 && r1 < rOut-0.3:
			if v < 8 {
				t.Errorf("ring %.1f–%.1f mm is inside the programme but barely changed (%.1f)", r0, r1, v)
			}
		case r1 < rIn-runOutMM-1 || r0 > rOut+3.5:
			// Beyond the run-out and the lead-in only marks could differ,
			// and the engine puts them on the programme.
			if v > 0.5 {
				t.Errorf("ring %.1f–%.1f mm is outside the grooves but changed by %.1f", r0, r1, v)
			}
		}
	}
}

// gloss measures the specular fan: mean luminance of the programme band in
// the light's direction minus across it.
func gloss(im *image.NRGBA, g Geometry, rIn, rOut float64) float64 {
	var on, off, nOn, nOff float64
	for i := 0; i < len(im.Pix); i += 4 {
		x, y := (i/4)%im.Rect.Dx(), (i/4)/im.Rect.Dx()
		r, a := g.ToMM(float64(x)+0.5, float64(y)+0.5)
		if r < rIn+0.5 || r > rOut-0.5 {
			continue
		}
		var c [4]uint8
		copy(c[:], im.Pix[i:i+4])
		switch d := math.Abs(math.Remainder(a-lightRad, math.Pi)); {
		case d < 0.08:
			on += lum(c)
			nOn++
		case d > 1.2:
			off += lum(c)
			nOff++
		}
	}
	return on/nOn - off/nOff
}

func TestWornDiscIsDuller(t *testing.T) {
	d := testDisc(t)
	w := testWorn(t)
	const size = 800
	fresh, err := Disc(d, size)
	if err != nil {
		t.Fatal(err)
	}
	worn, err := Disc(w, size)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGeometry(d.Params, size)
	rOut, rIn := d.RadiusMM(d.ProgrammeStart()), d.RadiusMM(d.ProgrammeEnd())
	gf, gw := gloss(fresh, g, rIn, rOut), gloss(worn, g, rIn, rOut)
	meanWear := 0.0
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i += 997 {
		meanWear += w.Wear(i) * 997 / float64(d.ProgrammeEnd()-d.ProgrammeStart())
	}
	t.Logf("gloss fresh %.1f worn %.1f (mean wear %.3f)", gf, gw, meanWear)
	if gf < 20 {
		t.Errorf("fresh groove band shows no sheen (gloss %.1f)", gf)
	}
	if meanWear > 0.02 && !(gw < gf*(1-meanWear)) {
		t.Errorf("worn band gloss %.1f is not duller than fresh %.1f by the wear %.2f", gw, gf, meanWear)
	}
	// Outside the programme nothing was played: both pictures agree there.
	diff := ringDiff(fresh, worn, g, 1)
	for k, v := range diff {
		if float64(k+1) < rIn-runOutMM-1 && v > 0.5 {
			t.Errorf("unplayed ring at %d mm changed by %.1f", k, v)
		}
	}
}

func TestDiscDeterministicAndCached(t *testing.T) {
	d := testDisc(t)
	a, err := Disc(d, 300)
	if err != nil {
		t.Fatal(err)
	}
	var c Cache
	var wg sync.WaitGroup
	res := make([]*image.NRGBA, 4)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], _ = c.Disc(d, 300)
		}()
	}
	wg.Wait()
	for i, b := range res {
		if b == nil || !bytes.Equal(a.Pix, b.Pix) {
			t.Fatalf("cached render %d differs from uncached", i)
		}
	}
	res[0].Pix[0] ^= 0xFF // callers own their copies: the cache must not change
	if b, _ := c.Disc(d, 300); !bytes.Equal(a.Pix, b.Pix) {
		t.Error("changing a returned image changed the cache")
	}
}

func TestDiscPNG(t *testing.T) {
	d := testDisc(t)
	var buf bytes.Buffer
	if err := DiscPNG(&buf, d, 200); err != nil {
		t.Fatal(err)
	}
	im, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if im.Bounds().Dx() != 200 {
		t.Errorf("size %v", im.Bounds())
	}
	if _, _, _, a := im.At(0, 0).RGBA(); a != 0 {
		t.Error("corner of the exported PNG is not transparent")
	}
	if _, _, _, a := im.At(100, 40).RGBA(); a != 0xFFFF {
		t.Error("the disc itself is not opaque")
	}
}

// TestMarksAreDrawnWhereTheEngineSaysSo places one mark of each kind and
// looks for it at its polar position: skips ringed in amber, scratches and
// dust lighter than the film around them.
func TestMarksAreDrawnWhereTheEngineSaysSo(t *testing.T) {
	p := engine.DefaultParams()
	const size = 900
	base, err := Blank(p, size)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGeometry(p, size)
	marks := []engine.Mark{
		{Kind: engine.MarkSkip, RadiusMM: 100, AngleRad: 1, LengthMM: 0.5},
		{Kind: engine.MarkScratch, RadiusMM: 80, AngleRad: 3, LengthMM: 10},
		{Kind: engine.MarkDust, RadiusMM: 90, AngleRad: 5, LengthMM: 1.2},
		{Kind: engine.MarkDust, RadiusMM: math.NaN(), AngleRad: 5, LengthMM: 1}, // ignored
		{Kind: engine.MarkScratch, RadiusMM: 500, AngleRad: 1, LengthMM: 1},     // off the disc: ignored
	}
	im := cloneNRGBA(base)
	drawMarks(im, marks, p, g)
	amber := func(x, y int) bool {
		c := im.NRGBAAt(x, y)
		return c.R > 200 && c.G > 110 && c.G < 200 && c.B < 90
	}
	// The amber ring: some pixel at 2.5 mm from the skip is amber.
	sx, sy := g.ToPX(100, 1)
	found := false
	for a := 0.0; a < 2*math.Pi && !found; a += 0.05 {
		x, y := int(sx+g.PX(2.5)*math.Cos(a)), int(sy+g.PX(2.5)*math.Sin(a))
		found = amber(x, y)
	}
	if !found {
		t.Error("no amber ring around the skip")
	}
	for _, m := range marks[1:3] {
		x, y := g.ToPX(m.RadiusMM, m.AngleRad)
		a, b := im.NRGBAAt(int(x), int(y)), base.NRGBAAt(int(x), int(y))
		if int(a.G) <= int(b.G)+20 {
			t.Errorf("%v at %.0f mm: not visible (%v over %v)", m.Kind, m.RadiusMM, a, b)
		}
	}
	// Nothing was drawn outside the disc.
	for i := 3; i < len(im.Pix); i += 4 {
		if base.Pix[i] == 0 && im.Pix[i] != 0 {
			t.Fatal("a mark leaked outside the disc")
		}
	}
}

// TestUnlitPlusSheenIsTheLitDisc: the game's split (rotating unlit disc,
// fixed sheen) must add up to the still picture when the disc is at rest.
func TestUnlitPlusSheenIsTheLitDisc(t *testing.T) {
	d := testDisc(t)
	const size = 500
	var c Cache
	lit, err := c.Disc(d, size)
	if err != nil {
		t.Fatal(err)
	}
	unlit, err := c.DiscUnlit(d, size)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := Sheen(d, size)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGeometry(d.Params, size)
	if gl, gu := gloss(lit, g, d.RadiusMM(d.ProgrammeEnd()), d.Params.StartRadiusMM), gloss(unlit, g, d.RadiusMM(d.ProgrammeEnd()), d.Params.StartRadiusMM); gu > gl/3 {
		t.Errorf("unlit disc still has a fan: gloss %.1f vs lit %.1f", gu, gl)
	}
	var sum float64
	for i := 0; i < len(lit.Pix); i += 4 {
		a := float64(sh.Pix[i+3]) / 255
		for ch := 0; ch < 3; ch++ {
			u := float64(unlit.Pix[i+ch])
			comp := u + (float64(sh.Pix[i+ch])-u)*a
			sum += math.Abs(comp - float64(lit.Pix[i+ch]))
		}
	}
	if mean := sum / float64(len(lit.Pix)/4*3); mean > 1.5 {
		t.Errorf("unlit + sheen differs from the lit disc by %.2f per channel", mean)
	}
	if _, err := Sheen(nil, size); err == nil {
		t.Error("Sheen(nil) gave no error")
	}
}
