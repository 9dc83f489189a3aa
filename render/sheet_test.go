package render

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"
)

// TestContactSheet writes a 3×2 sheet of all films (seed 1) to the path
// given by -sheet, e.g. -sheet ../docs/films.png.
func TestContactSheet(t *testing.T) {
	if *sheetPath == "" {
		t.Skip("use -sheet PATH")
	}
	const cell, pad = 320, 10
	sheet := image.NewNRGBA(image.Rect(0, 0, 3*cell+4*pad, 2*cell+3*pad))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(image.White), image.Point{}, draw.Src)
	for i, name := range []string{"chest", "skull", "hands", "spine", "pelvis", "knee"} {
		im, err := Film(name, *sheetSeed, cell)
		if err != nil {
			t.Fatal(err)
		}
		x, y := pad+(i%3)*(cell+pad), pad+(i/3)*(cell+pad)
		draw.Draw(sheet, image.Rect(x, y, x+cell, y+cell), im, image.Point{}, draw.Over)
	}
	f, err := os.Create(*sheetPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sheet); err != nil {
		t.Fatal(err)
	}
}
