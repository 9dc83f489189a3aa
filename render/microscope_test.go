package render

import (
	"math"
	"testing"

	"bonemusic/engine"
)

func TestMicroscopeRejectsBadInput(t *testing.T) {
	d := testDisc(t)
	for _, tc := range []struct {
		d    *engine.Disc
		l    float64
		w, h int
	}{
		{nil, 1, 400, 200}, {d, 0, 400, 200}, {d, math.NaN(), 400, 200}, {d, 1e9, 400, 200},
		{d, 1, 0, 200}, {d, 1, 400, -1}, {d, 1, MaxSizePX + 1, 200},
	} {
		if im, err := Microscope(tc.d, 0, tc.l, tc.w, tc.h); err == nil || im != nil {
			t.Errorf("Microscope(%v, %g, %d, %d) gave no error", tc.d != nil, tc.l, tc.w, tc.h)
		}
	}
	// Out-of-range samples are clamped, not a panic.
	for _, s := range []int{-100, d.Len() + 100} {
		if _, err := Microscope(d, s, 1, 200, 100); err != nil {
			t.Error(err)
		}
	}
}

func TestMicroscopeShowsTheEngineGroove(t *testing.T) {
	d := testDisc(t)
	const w, h, lengthMM = 600, 300, 3.0
	sample := clearStretch(t, d, lengthMM)
	im, err := Microscope(d, sample, lengthMM, w, h)
	if err != nil {
		t.Fatal(err)
	}
	pw := (w - 6) / 2
	// An unplayed disc looks the same as cut and now (below the labels,
	// above the scale bar).
	diff := 0
	for y := h / 6; y < h*3/4; y++ {
		for x := 0; x < pw; x++ {
			a, b := im.NRGBAAt(x, y), im.NRGBAAt(w-pw+x, y)
			if a != b {
				diff++
			}
		}
	}
	if diff > pw*h/100 {
		t.Errorf("unplayed disc: fresh and current panels differ in %d pixels", diff)
	}
	// The groove bottom (darkest line nearest the centre row) follows the
	// engine's lateral displacement, outward = up.
	umPerPX := lengthMM * 1000 / float64(pw)
	r0 := d.RadiusMM(sample)
	arc := 2 * math.Pi * r0 * 1000 / float64(d.SamplesPerRev())
	var maxErr float64
	checked := 0
	for x := 10; x < pw-10; x += 7 {
		i := sample + int((float64(x)+0.5)*umPerPX/arc)
		want := float64(h)/2 - (d.FreshLateralUM(i)+(d.RadiusMM(i)-r0)*1000)/umPerPX
		best, bestY := 255, -1
		for y := int(want) - 12; y <= int(want)+12; y++ {
			if l := int(im.NRGBAAt(x, y).B); y >= 0 && y < h && l < best {
				best, bestY = l, y
			}
		}
		if bestY < 0 || best > 40 {
			t.Fatalf("column %d: no groove bottom near y=%.0f", x, want)
		}
		maxErr = math.Max(maxErr, math.Abs(float64(bestY)-want))
		checked++
	}
	if maxErr > 3 {
		t.Errorf("groove bottom strays %.1f px from the engine's lateral displacement", maxErr)
	}
	// A played disc: the walls are lower, so the groove is narrower and
	// the current panel no longer matches the fresh one.
	wd := testWorn(t)
	im2, err := MicroscopeLang(wd, sample, lengthMM, w, h, "ru")
	if err != nil {
		t.Fatal(err)
	}
	shadow := func(x0 int) int {
		n := 0
		for y := h / 6; y < h*3/4; y++ {
			for x := x0; x < x0+pw; x++ {
				if im2.NRGBAAt(x, y).B < 90 {
					n++
				}
			}
		}
		return n
	}
	fresh, now := shadow(0), shadow(w-pw)
	if !(now < fresh*95/100) {
		t.Errorf("worn groove is not narrower: %d shadow pixels as cut, %d now", fresh, now)
	}
}

// clearStretch finds a programme sample whose microscope view (lengthMM
// along the groove, as much across) holds no dust or scratch, so the groove
// itself can be measured.
func clearStretch(t *testing.T, d *engine.Disc, lengthMM float64) int {
	t.Helper()
	for i := d.ProgrammeStart() + d.SamplesPerRev(); i < d.ProgrammeEnd()-d.SamplesPerRev(); i += d.SamplesPerRev() / 7 {
		r, a := d.RadiusMM(i), d.AngleRad(i)
		clear := true
		for _, m := range d.Marks() {
			da := math.Remainder(m.AngleRad-a, 2*math.Pi) * r // mm along the groove
			if math.Abs(m.RadiusMM-r) < lengthMM+m.LengthMM && da > -m.LengthMM-1 && da < lengthMM+m.LengthMM+1 {
				clear = false
				break
			}
		}
		if clear {
			return i
		}
	}
	t.Skip("no stretch of the test disc is free of marks")
	return 0
}
