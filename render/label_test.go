package render

import (
	"image/color"
	"testing"
)

func TestLabelDrawsText(t *testing.T) {
	for _, text := range []string{"Bone Music", "Музыка на костях"} {
		img, err := Label(text, true, 32, color.White)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() < 100 || b.Dy() < 32 {
			t.Fatalf("%q: label %v is too small for 32 px text", text, b)
		}
		lit := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, _, _, a := img.At(x, y).RGBA(); a > 0xf000 && r > 0xf000 {
					lit++
				}
			}
		}
		// Glyphs cover a real share of the box; a missing glyph set (tofu or
		// nothing) would not.
		if frac := float64(lit) / float64(b.Dx()*b.Dy()); frac < 0.03 {
			t.Errorf("%q: only %.1f%% of the label is text", text, 100*frac)
		}
	}
}

func TestLabelRejectsBadSize(t *testing.T) {
	for _, px := range []float64{0, -3, 1e6} {
		if _, err := Label("x", false, px, color.White); err == nil {
			t.Errorf("size %v: want an error", px)
		}
	}
}
