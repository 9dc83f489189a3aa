package render

import (
	"image/color"
	"strings"
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

func TestWrapLabelFitsTheWidth(t *testing.T) {
	text := "Пластинки на рентгеновской плёнке · СССР, 1946–1964"
	lines, err := WrapLabel(text, false, 14, 340)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 2 {
		t.Fatalf("%q fits 340 px at 14 px in one line? got %q", text, lines)
	}
	for _, l := range lines {
		im, err := Label(l, false, 14, color.White)
		if err != nil {
			t.Fatal(err)
		}
		if w := im.Bounds().Dx(); w > 340 {
			t.Errorf("line %q is %d px wide, want ≤ 340", l, w)
		}
	}
	if got := strings.Join(lines, " "); got != text {
		t.Errorf("wrapped lines %q lose words of %q", lines, text)
	}
}
