package render

import (
	"fmt"
	"image"
	"math"

	"bonemusic/engine"
)

// UnlistenableDB is the fidelity below which the app calls a disc
// unlistenable: at 10 dB segmental SNR the noise and distortion are a third
// of the music's level.
const UnlistenableDB = 10.0

// pickupName gives a pickup's display name in the chart's language.
func pickupName(name, lang string) string {
	ru := map[string]string{"steel": "стальная игла", "crystal": "пьезозвукосниматель", "magnetic": "магнитная головка", "ideal": "идеальный звукосниматель"}
	en := map[string]string{"steel": "steel needle", "crystal": "crystal pickup", "magnetic": "magnetic cartridge", "ideal": "ideal pickup"}
	m := en
	if lang == "ru" {
		m = ru
	}
	if s, ok := m[name]; ok {
		return s
	}
	return name
}

// FidelityChart plots the fidelity of every play in history (play number
// across, dB up), one line per pickup used, with the unlistenable threshold
// at UnlistenableDB. Plays without a fidelity measurement are left out.
func FidelityChart(history []engine.PlayRecord, w, h int, lang string) (*image.NRGBA, error) {
	lb := labelsFor(lang)
	xMax, yMax := fidelityRange(history)
	c, err := newChart(w, h, lb.fidelityTitle, lb.playAxis, lb.fidelityAxis, 0.5, xMax+0.5, 0, yMax, false)
	if err != nil {
		return nil, err
	}
	xt := niceTicks(1, xMax, 8)
	if xt[0] > 1 {
		xt = append([]float64{1}, xt...)
	}
	c.grid(xt, niceTicks(0, yMax, 6), func(v float64) string { return fmt.Sprintf("%g", v) })

	// The unlistenable zone: shaded below the threshold, dashed line, label.
	dc := c.dc
	tc := thresholdColor()
	dc.SetRGBA(tc[0], tc[1], tc[2], 0.08)
	dc.DrawRectangle(c.px0, c.Y(UnlistenableDB), c.px1-c.px0, c.Y(0)-c.Y(UnlistenableDB))
	dc.Fill()
	dc.SetRGB(tc[0], tc[1], tc[2])
	dc.SetLineWidth(2.5 * c.unit)
	dc.SetDash(10*c.unit, 6*c.unit)
	dc.DrawLine(c.px0, c.Y(UnlistenableDB), c.px1, c.Y(UnlistenableDB))
	dc.Stroke()
	dc.SetDash()
	dc.SetFontFace(c.small)
	dc.DrawStringAnchored(lb.unlistenable, c.px0+8*c.unit, c.Y(UnlistenableDB)+6*c.unit, 0, 1)

	// One line per pickup, in order of first use.
	var order []string
	byPickup := map[string][][2]float64{}
	for i, r := range history {
		if r.Frames <= 0 || math.IsNaN(r.FidelityDB) || math.IsInf(r.FidelityDB, 0) {
			continue
		}
		if _, ok := byPickup[r.Pickup]; !ok {
			order = append(order, r.Pickup)
		}
		byPickup[r.Pickup] = append(byPickup[r.Pickup], [2]float64{float64(i + 1), r.FidelityDB})
	}
	var names []string
	var cols [][3]float64
	for k, p := range order {
		col := chartColor(k)
		pts := byPickup[p]
		xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
		for i, q := range pts {
			xs[i], ys[i] = q[0], q[1]
		}
		c.line(xs, ys, col, 3.5, true)
		names = append(names, pickupName(p, lang))
		cols = append(cols, col)
	}
	if len(names) > 0 {
		c.legend(names, cols)
	} else {
		dc.SetFontFace(c.title)
		dc.SetRGB(0.45, 0.45, 0.45)
		dc.DrawStringAnchored(lb.noPlays, (c.px0+c.px1)/2, (c.py0+c.py1)/2, 0.5, 0.5)
	}
	return c.image(), nil
}

// fidelityRange is the chart's extent: at least 5 plays and 30 dB, more
// when the history needs it (up to 200 dB; larger values are nonsense).
func fidelityRange(history []engine.PlayRecord) (xMax, yMax float64) {
	yMax = 30
	for _, r := range history {
		if r.Frames > 0 && r.FidelityDB > yMax-3 && r.FidelityDB < 200 {
			yMax = math.Ceil((r.FidelityDB+3)/10) * 10
		}
	}
	return math.Max(5, float64(len(history))), yMax
}
