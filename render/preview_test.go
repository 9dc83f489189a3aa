package render

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"bonemusic/engine"
)

var (
	previewDir = flag.String("preview", "", "write preview PNGs of every film to this directory")
	sheetPath  = flag.String("sheet", "", "write the contact sheet of all films to this PNG")
	sheetSeed  = flag.Uint64("sheetseed", 1, "seed for -sheet")
)

// TestPreview writes films at a viewing size for a human to look at.
func TestPreview(t *testing.T) {
	if *previewDir == "" {
		t.Skip("use -preview DIR")
	}
	for _, name := range []string{"chest", "skull", "hands", "spine", "pelvis", "knee"} {
		for _, seed := range []uint64{1, 2} {
			im, err := Film(name, seed, 640)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Create(filepath.Join(*previewDir, name+"_"+string(rune('0'+seed))+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, im)
			f.Close()
		}
	}
}

func TestPreviewDisc(t *testing.T) {
	if *previewDir == "" {
		t.Skip("use -preview DIR")
	}
	d := testDisc(t)
	save := func(name string, im image.Image) {
		f, err := os.Create(filepath.Join(*previewDir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, im)
	}
	bl, err := Blank(d.Params, 800)
	if err != nil {
		t.Fatal(err)
	}
	save("blank.png", bl)
	im, err := Disc(d, 800)
	if err != nil {
		t.Fatal(err)
	}
	save("disc.png", im)
	w := wornCopy(t, d, "steel", 4)
	im, err = Disc(w, 800)
	if err != nil {
		t.Fatal(err)
	}
	save("worn.png", im)
	fresh, _ := Disc(d, 1600)
	worn, _ := Disc(w, 1600)
	cmp := image.NewNRGBA(image.Rect(0, 0, 1000, 500))
	draw.Draw(cmp, image.Rect(0, 0, 500, 500), fresh, image.Pt(100, 100), draw.Src)
	draw.Draw(cmp, image.Rect(500, 0, 1000, 500), worn, image.Pt(100, 100), draw.Src)
	save("cmp.png", cmp)
	g := NewGeometry(d.Params, 1600)
	hole := image.NewNRGBA(image.Rect(0, 0, 300, 300))
	draw.Draw(hole, hole.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(hole, hole.Bounds(), worn, image.Pt(int(g.HoleX)-150, int(g.HoleY)-150), draw.Over)
	save("hole.png", hole)
}

func TestPreviewMicroscope(t *testing.T) {
	if *previewDir == "" {
		t.Skip("use -preview DIR")
	}
	d := testDisc(t)
	w := wornCopy(t, d, "steel", 8)
	for i, lang := range []string{"en", "ru"} {
		im, err := MicroscopeLang(w, w.ProgrammeStart()+engine.EngineRate*(4+i*3), 1.5+float64(i)*3, 900, 450, lang)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create(filepath.Join(*previewDir, "micro_"+lang+".png"))
		png.Encode(f, im)
		f.Close()
	}
}

func TestPreviewCharts(t *testing.T) {
	if *previewDir == "" {
		t.Skip("use -preview DIR")
	}
	d := testDisc(t)
	w, err := engine.Restore(d.State())
	if err != nil {
		t.Fatal(err)
	}
	var first, last []float32
	for i, name := range []string{"magnetic", "magnetic", "steel", "steel", "steel", "crystal", "steel", "steel"} {
		pk, _ := engine.PickupByName(name)
		out, _, err := engine.PlayAll(w, engine.PlayOptions{Pickup: pk, Noise: true, Seed: uint64(i)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = out
		}
		last = out
	}
	for _, lang := range []string{"en", "ru"} {
		im, err := FidelityChart(w.History(), 960, 600, lang)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create(filepath.Join(*previewDir, "fid_"+lang+".png"))
		png.Encode(f, im)
		f.Close()
		im, err = SpectrumChart(first, last, engine.EngineRate, 960, 600, lang)
		if err != nil {
			t.Fatal(err)
		}
		f, _ = os.Create(filepath.Join(*previewDir, "spec_"+lang+".png"))
		png.Encode(f, im)
		f.Close()
	}
}

func TestPreviewMaterials(t *testing.T) {
	if *previewDir == "" {
		t.Skip("use -preview DIR")
	}
	for _, m := range []engine.Material{engine.MaterialShellac, engine.MaterialVinyl} {
		p := engine.DefaultParams()
		p.Material, p.Seed, p.Title, p.EccentricityMM = m, 4, "Boogie-Woogie", 0.3
		d, err := engine.Cut([][]float32{testTune(30)}, engine.EngineRate, p, engine.CutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		im, err := Disc(d, 700)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create(filepath.Join(*previewDir, m.String()+".png"))
		png.Encode(f, im)
		f.Close()
	}
}
