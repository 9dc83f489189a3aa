package render

import (
	"bytes"
	"testing"

	"bonemusic/engine"
)

func TestFilmRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int
	}{
		{"femur", 256}, {"", 256}, {"chest", 0}, {"chest", -5}, {"chest", MaxSizePX + 1}, {"chest", 1 << 40}, {"chest", MinSizePX - 1},
	} {
		if im, err := Film(tc.name, 1, tc.size); err == nil || im != nil {
			t.Errorf("Film(%q, %d) = %v, %v; want an error", tc.name, tc.size, im != nil, err)
		}
	}
}

func TestEveryEngineFilmRenders(t *testing.T) {
	for _, name := range engine.Films {
		if _, err := Film(name, 1, MinSizePX); err != nil {
			t.Errorf("engine film %q: %v", name, err)
		}
	}
	for _, m := range []engine.Material{engine.MaterialFilm, engine.MaterialShellac, engine.MaterialVinyl} {
		p := engine.DefaultParams()
		p.Material, p.Title = m, "Буги-вуги №1"
		if _, err := Blank(p, 64); err != nil {
			t.Errorf("blank %v: %v", m, err)
		}
	}
}

func TestFilmDeterministic(t *testing.T) {
	for _, name := range []string{"chest", "hands"} {
		a, err := Film(name, 42, 96)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Film(name, 42, 96)
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Errorf("%s: same seed gave different pixels", name)
		}
		c, _ := Film(name, 43, 96)
		if bytes.Equal(a.Pix, c.Pix) {
			t.Errorf("%s: a different seed gave the same film", name)
		}
	}
}

// TestFilmLooksLikeARadiograph checks the tonal layout every film must
// have: a dark, blue-tinted background and bright bone, with real contrast.
func TestFilmLooksLikeARadiograph(t *testing.T) {
	for _, name := range []string{"chest", "skull", "hands", "spine", "pelvis", "knee"} {
		im, err := Film(name, 5, 128)
		if err != nil {
			t.Fatal(err)
		}
		var lum []float64
		blueish := 0
		for i := 0; i < len(im.Pix); i += 4 {
			r, g, b := float64(im.Pix[i]), float64(im.Pix[i+1]), float64(im.Pix[i+2])
			lum = append(lum, 0.2126*r+0.7152*g+0.0722*b)
			if b >= r {
				blueish++
			}
		}
		p10, p99 := percentile(lum, 0.10), percentile(lum, 0.99)
		if p10 > 60 {
			t.Errorf("%s: background not dark (10th percentile luminance %.0f)", name, p10)
		}
		if p99 < 140 {
			t.Errorf("%s: no bright bone (99th percentile luminance %.0f)", name, p99)
		}
		if frac := float64(blueish) / float64(len(lum)); frac < 0.9 {
			t.Errorf("%s: only %.0f%% of pixels are blue-tinted", name, frac*100)
		}
	}
}

func percentile(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	// insertion-free: a counting sort over 0..255 luminance is enough here
	var hist [256]int
	for _, x := range s {
		hist[min(255, max(0, int(x)))]++
	}
	k := int(q * float64(len(s)-1))
	for i, c := range hist {
		if k < c {
			return float64(i)
		}
		k -= c
	}
	return 255
}
