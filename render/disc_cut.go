package render

import (
	"image"
	"math"
	"strings"
	"unicode"

	"github.com/fogleman/gg"

	"bonemusic/engine"
	"bonemusic/internal/breathe"
)

// asRGBA lets gg draw on an NRGBA image whose pixels are all still opaque
// (then premultiplied and straight alpha are the same bytes).
func asRGBA(im *image.NRGBA) *gg.Context {
	return gg.NewContextForRGBA(&image.RGBA{Pix: im.Pix, Stride: im.Stride, Rect: im.Rect})
}

// blankSurface is a shellac or vinyl blank: black, faintly grainy (shellac
// has mineral filler), with a plain paper label round the hole.
func blankSurface(p engine.Params, g Geometry) *image.NRGBA {
	n := g.SizePX
	im := image.NewNRGBA(image.Rect(0, 0, n, n))
	base, grain := [3]float64{22, 18, 15}, 7.0
	if p.Material == engine.MaterialVinyl {
		base, grain = [3]float64{10, 10, 12}, 2.0
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			v := (hash2(int32(x), int32(y), p.Seed) - 0.5) * grain
			o := y*im.Stride + x*4
			for c := 0; c < 3; c++ {
				im.Pix[o+c] = uint8(clamp01((base[c]+v)/255) * 255)
			}
			im.Pix[o+3] = 255
		}
	}
	lc := labelColor(p)
	runOut := p.EndRadiusMM - runOutMM
	lr := math.Min(44, runOut-3)
	if lr > 10 {
		dc := asRGBA(im)
		dc.SetRGB(lc[0], lc[1], lc[2])
		dc.DrawCircle(g.HoleX, g.HoleY, g.PX(lr))
		dc.Fill()
		dc.SetRGBA(0, 0, 0, 0.25)
		dc.SetLineWidth(math.Max(1, g.PX(0.5)))
		dc.DrawCircle(g.HoleX, g.HoleY, g.PX(lr-2))
		dc.Stroke()
	}
	return im
}

// labelColor is the plain paper label's colour: maroon, navy, cream or green.
func labelColor(p engine.Params) [3]float64 {
	labels := [][3]float64{{0.45, 0.08, 0.1}, {0.1, 0.14, 0.35}, {0.86, 0.8, 0.66}, {0.12, 0.3, 0.18}}
	return labels[newRNG(p.Seed, "label").intn(len(labels))]
}

// edgePolygon is the outline of the disc in px. Film was cut with scissors:
// a few dozen straight snips whose ends don't quite meet, each a little in
// or out of the drawn circle. Pressed blanks are round.
func edgePolygon(p engine.Params, g Geometry) []pt {
	R := p.DiameterMM / 2
	if p.Material != engine.MaterialFilm {
		pts := make([]pt, 256)
		for i := range pts {
			x, y := g.ToPX(R, 2*math.Pi*float64(i)/256)
			pts[i] = pt{x, y}
		}
		return pts
	}
	r := newRNG(p.Seed, "scissors")
	snips := 28 + r.intn(20)
	pts := make([]pt, 0, snips*3)
	drift := 0.0
	a0 := r.rangef(0, 2*math.Pi)
	for k := 0; k < snips; k++ {
		a := a0 + 2*math.Pi*(float64(k)+r.rangef(-0.25, 0.25))/float64(snips)
		drift = 0.7*drift + r.norm()*0.35 // the hand wanders, then corrects
		rad := R + drift
		x, y := g.ToPX(rad, a)
		pts = append(pts, pt{x, y})
		if r.float() < 0.25 {
			// A snip started slightly inside the last: a small notch.
			da := 2 * math.Pi / float64(snips) * 0.15
			x, y = g.ToPX(rad-r.rangef(0.3, 0.9), a+da)
			pts = append(pts, pt{x, y})
			x, y = g.ToPX(rad+r.rangef(-0.1, 0.2), a+da*1.3)
			pts = append(pts, pt{x, y})
		}
	}
	return pts
}

// cutOut makes everything outside the edge transparent and lets the cut
// film edge catch a little light.
func cutOut(im *image.NRGBA, p engine.Params, g Geometry) {
	poly := edgePolygon(p, g)
	path := func(dc *gg.Context) {
		dc.MoveTo(poly[0].x, poly[0].y)
		for _, q := range poly[1:] {
			dc.LineTo(q.x, q.y)
		}
		dc.ClosePath()
	}
	dc := asRGBA(im)
	path(dc)
	if p.Material == engine.MaterialFilm {
		dc.SetRGBA(0.85, 0.9, 1, 0.45)
	} else {
		dc.SetRGBA(0.35, 0.35, 0.35, 0.6)
	}
	dc.SetLineWidth(math.Max(1, g.PX(0.6)))
	dc.Stroke()
	breathe.Point()

	// The mask is filled a band at a time: one fill of a print-size mask
	// would hold a browser page for a tenth of a second.
	const band = 256
	b := im.Rect
	for y0 := b.Min.Y; y0 < b.Max.Y; y0 += band {
		mask := image.NewRGBA(image.Rect(0, 0, b.Dx(), min(band, b.Max.Y-y0)))
		mc := gg.NewContextForRGBA(mask)
		mc.Translate(float64(-b.Min.X), float64(-y0))
		path(mc)
		mc.SetRGB(1, 1, 1)
		mc.Fill()
		for y := range mask.Rect.Dy() {
			row := im.Pix[(y0-b.Min.Y+y)*im.Stride:]
			mrow := mask.Pix[y*mask.Stride:]
			for x := range b.Dx() {
				row[4*x+3] = uint8((int(row[4*x+3])*int(mrow[4*x+3]) + 127) / 255)
			}
		}
		breathe.Point()
	}
}

// burnHole opens the spindle hole. On film it was burned with a cigarette:
// an irregular hole with a melted black lip and a brown scorch fading out;
// shellac and vinyl have a clean pressed hole.
func burnHole(im *image.NRGBA, p engine.Params, g Geometry) {
	film := p.Material == engine.MaterialFilm
	r := newRNG(p.Seed, "hole")
	var harm [4][2]float64 // irregular outline: a few harmonics of the radius
	for k := range harm {
		harm[k] = [2]float64{r.rangef(0.02, 0.1) / float64(k+1), r.rangef(0, 2*math.Pi)}
	}
	rh := g.HoleRadiusMM
	scorchMM := 3.8
	reach := g.PX(rh*1.3 + scorchMM*1.5)
	ns := r.u64()
	b := im.Bounds()
	x0, x1 := max(b.Min.X, int(g.HoleX-reach)), min(b.Max.X, int(g.HoleX+reach)+1)
	y0, y1 := max(b.Min.Y, int(g.HoleY-reach)), min(b.Max.Y, int(g.HoleY+reach)+1)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			dx, dy := float64(x)+0.5-g.HoleX, float64(y)+0.5-g.HoleY
			dPX := math.Hypot(dx, dy)
			phi := math.Atan2(dy, dx)
			edge := rh
			if film {
				f := 1.0
				for k, h := range harm {
					f += h[0] * math.Sin(float64(k+2)*phi+h[1])
				}
				edge *= f
			}
			o := (y-b.Min.Y)*im.Stride + (x-b.Min.X)*4
			px := im.Pix[o : o+4]
			edgePX := g.PX(edge)
			if dPX < edgePX+0.5 {
				px[3] = uint8(float64(px[3]) * clamp01(dPX-edgePX+0.5))
			}
			if !film {
				continue
			}
			w := scorchMM * (0.6 + 0.8*valueNoise(phi*3, 0, ns))
			t := (dPX/g.PXPerMM - edge) / w
			if t < 0 || t >= 1 {
				continue
			}
			// Melted lip (black, bubbly) giving way to a brown scorch.
			bub := valueNoise(dx/g.PXPerMM*4, dy/g.PXPerMM*4, ns^7)
			lip := clamp01(1-t*3) * (0.7 + 0.3*bub)
			mix := math.Pow(1-t, 1.1) * (0.85 + 0.15*bub)
			sc := [3]float64{95 - 70*lip, 58 - 45*lip, 25 - 18*lip}
			for c := 0; c < 3; c++ {
				px[c] = uint8(float64(px[c])*(1-mix) + sc[c]*mix + 0.5)
			}
		}
	}
}

// cleanTitle keeps a title printable and short enough to fit the centre.
func cleanTitle(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, s)
	s = strings.TrimSpace(s)
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40])
	}
	return s
}

// drawTitle writes Params.Title below the hole: scratched by hand into a
// film, printed on a shellac or vinyl label.
func drawTitle(im *image.NRGBA, p engine.Params, g Geometry) {
	title := cleanTitle(p.Title)
	if title == "" {
		return
	}
	film := p.Material == engine.MaterialFilm
	which, sizeMM := fontHand, 7.0
	if !film {
		which, sizeMM = fontBold, 4.5
	}
	maxW := g.PX(math.Min(2*(p.EndRadiusMM-runOutMM-4), 80))
	face, err := loadFace(which, g.PX(sizeMM))
	if err != nil {
		return
	}
	dc := asRGBA(im)
	dc.SetFontFace(face)
	w, _ := dc.MeasureString(title)
	if w > maxW && w > 0 {
		if face, err = loadFace(which, g.PX(sizeMM)*maxW/w); err != nil {
			return
		}
		dc.SetFontFace(face)
		w, _ = dc.MeasureString(title)
	}
	x, y := g.HoleX-w/2, g.HoleY+g.PX(g.HoleRadiusMM+sizeMM+6)
	if !film {
		// Printed in black on a light label, in cream on a dark one.
		if lc := labelColor(p); 0.3*lc[0]+0.6*lc[1]+0.1*lc[2] > 0.5 {
			dc.SetRGBA(0.05, 0.04, 0.03, 0.9)
		} else {
			dc.SetRGBA(0.95, 0.92, 0.82, 0.95)
		}
		dc.DrawString(title, x, y)
		return
	}
	r := newRNG(p.Seed, "title")
	slope := r.rangef(-0.06, 0.06)
	dc.SetRGBA(0.93, 0.95, 1, 0.85)
	for _, ch := range title {
		s := string(ch)
		cw, _ := dc.MeasureString(s)
		dc.Push()
		dc.RotateAbout(slope+r.norm()*0.05, x, y)
		dc.DrawString(s, x, y+r.norm()*g.PX(0.3))
		dc.Pop()
		x += cw * r.rangef(0.92, 1.06)
		y += cw * math.Tan(slope)
	}
}
