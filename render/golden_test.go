package render

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// goldenPX keeps the goldens small (the repository stays light) while still
// showing the anatomy.
const goldenPX = 256

// checkGolden compares im with testdata/name. Native and wasm builds may
// differ in the last bits of math.Exp and friends, and an anti-aliased
// edge can flip a pixel, so the test allows a small mean difference and a
// few outliers, but not a changed picture.
func checkGolden(t *testing.T, name string, im *image.NRGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, im); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	defer f.Close()
	gi, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewNRGBA(gi.Bounds())
	for y := gi.Bounds().Min.Y; y < gi.Bounds().Max.Y; y++ {
		for x := gi.Bounds().Min.X; x < gi.Bounds().Max.X; x++ {
			want.Set(x, y, gi.At(x, y))
		}
	}
	if want.Bounds() != im.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, im.Bounds(), want.Bounds())
	}
	var sum float64
	outliers := 0
	for y := 0; y < im.Rect.Dy(); y++ {
		for x := 0; x < im.Rect.Dx(); x++ {
			a, b := im.NRGBAAt(x, y), want.NRGBAAt(x, y)
			if a.A == 0 && b.A == 0 {
				continue // colour under full transparency is meaningless
			}
			d := absDiff(a.R, b.R) + absDiff(a.G, b.G) + absDiff(a.B, b.B) + absDiff(a.A, b.A)
			sum += float64(d)
			if d > 48 {
				outliers++
			}
		}
	}
	n := float64(im.Rect.Dx() * im.Rect.Dy())
	mean := sum / n / 4
	t.Logf("%s: mean |Δ| %.4f per channel, %d outliers", name, mean, outliers)
	if mean > 0.6 || float64(outliers) > n*0.003 {
		t.Errorf("%s differs from golden: mean |Δ| %.3f per channel, %d pixels off by > 48 (run -update if the change is intended)", name, mean, outliers)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestFilmGolden(t *testing.T) {
	for _, name := range []string{"chest", "skull", "hands", "spine", "pelvis", "knee"} {
		t.Run(name, func(t *testing.T) {
			im, err := Film(name, 1, goldenPX)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "film_"+name+".png", im)
		})
	}
}

func TestDiscGolden(t *testing.T) {
	im, err := Disc(testDisc(t), goldenPX)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "disc.png", im)
}
