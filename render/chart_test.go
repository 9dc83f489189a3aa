package render

import (
	"image"
	"math"
	"testing"

	"bonemusic/engine"
)

// countNear counts pixels within tol of colour c (0..1 components).
func countNear(im *image.NRGBA, r image.Rectangle, c [3]float64, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := im.NRGBAAt(x, y)
			if absDiff(p.R, uint8(c[0]*255)) <= tol && absDiff(p.G, uint8(c[1]*255)) <= tol && absDiff(p.B, uint8(c[2]*255)) <= tol {
				n++
			}
		}
	}
	return n
}

func TestFidelityChart(t *testing.T) {
	hist := []engine.PlayRecord{
		{Pickup: "magnetic", FidelityDB: 30, Frames: 100},
		{Pickup: "steel", FidelityDB: 22, Frames: 100},
		{Pickup: "steel", FidelityDB: 14, Frames: 100},
		{Pickup: "steel", FidelityDB: math.NaN(), Frames: 100}, // skipped, not a crash
		{Pickup: "steel", FidelityDB: 8, Frames: 0},            // no measurement: left out
	}
	for _, lang := range []string{"en", "ru", "xx"} {
		im, err := FidelityChart(hist, 640, 400, lang)
		if err != nil {
			t.Fatal(err)
		}
		xMax, yMax := fidelityRange(hist)
		c, _ := newChart(640, 400, "", "", "", 0.5, xMax+0.5, 0, yMax, false)
		// The threshold line is drawn at 10 dB right across the plot.
		y := int(c.Y(UnlistenableDB))
		row := image.Rect(int(c.px0), y-1, int(c.px1), y+2)
		if n := countNear(im, row, thresholdColor(), 40); n < int(c.px1-c.px0)/2 {
			t.Errorf("%s: threshold line at y=%d has only %d red pixels", lang, y, n)
		}
		// One line per pickup, in the first two palette colours.
		for k := 0; k < 2; k++ {
			if n := countNear(im, im.Bounds(), chartColor(k), 30); n < 100 {
				t.Errorf("%s: pickup %d line missing (%d pixels)", lang, k, n)
			}
		}
		if n := countNear(im, im.Bounds(), chartColor(2), 30); n > 20 {
			t.Errorf("%s: a third line appeared for two pickups", lang)
		}
	}
	if _, err := FidelityChart(nil, 640, 400, "en"); err != nil {
		t.Errorf("empty history: %v", err)
	}
	if _, err := FidelityChart(hist, 10, 10, "en"); err == nil {
		t.Error("tiny chart accepted")
	}
}

func TestSpectrumChart(t *testing.T) {
	const rate = 44100
	fresh := make([]float32, rate)
	latest := make([]float32, rate)
	for i := range fresh {
		ph := 2 * math.Pi * 1000 * float64(i) / rate
		fresh[i] = float32(0.5 * math.Sin(ph))
		latest[i] = float32(0.2*math.Sin(ph)) + float32(0.01*(hash2(int32(i), 0, 9)-0.5))
	}
	im, err := SpectrumChart(fresh, latest, rate, 800, 500, "ru")
	if err != nil {
		t.Fatal(err)
	}
	// The fresh line peaks (at 0 dB, the top of the scale) at 1 kHz.
	c, _ := newChart(800, 500, "", "", "", 40, 20000, spectrumFloorDB, 5, true)
	col := chartColor(0)
	bestY, bestX := 1e9, 0.0
	for y := int(c.py0); y < int(c.py1); y++ {
		for x := int(c.px0); x < int(c.px1); x++ {
			if countNear(im, image.Rect(x, y, x+1, y+1), col, 30) == 1 && float64(y) < bestY {
				bestY, bestX = float64(y), float64(x)
			}
		}
	}
	if math.Abs(bestY-c.Y(0)) > 6 {
		t.Errorf("fresh peak at y=%.0f, want 0 dB at y=%.0f", bestY, c.Y(0))
	}
	if f := math.Exp(math.Log(40) + (bestX-c.px0)/(c.px1-c.px0)*(math.Log(20000)-math.Log(40))); math.Abs(math.Log2(f/1000)) > 0.2 {
		t.Errorf("fresh peak at %.0f Hz, want 1000 Hz", f)
	}
	if countNear(im, im.Bounds(), chartColor(1), 30) < 100 {
		t.Error("latest-play line missing")
	}
	// Odd input is handled, not a panic.
	if _, err := SpectrumChart(nil, []float32{float32(math.NaN())}, rate, 800, 500, "en"); err != nil {
		t.Error(err)
	}
	if _, err := SpectrumChart(fresh, latest, 0, 800, 500, "en"); err == nil {
		t.Error("sample rate 0 accepted")
	}
}

func TestRussianPlurals(t *testing.T) {
	for n, want := range map[int]string{1: "проигрывания", 2: "проигрываний", 5: "проигрываний", 11: "проигрываний", 21: "проигрывания", 101: "проигрывания"} {
		if got := ruPlays(n); got != want {
			t.Errorf("ruPlays(%d) = %s, want %s", n, got, want)
		}
	}
}
