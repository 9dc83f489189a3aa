package render

import (
	"fmt"
	"image"
	"math"

	"github.com/fogleman/gg"
)

// addFilmMarks adds what handling and filing did to a film: scratches,
// fingerprints, the hospital's hand-written number, a lead L/R marker and
// punched holes. Positions are in unit film coordinates so a crop (the
// disc) shows the same marks as the whole film.
func addFilmMarks(im *image.NRGBA, name string, seed uint64, o pt, span float64) {
	out := im.Bounds().Dx()
	k := float64(out) / span // px per unit
	toPX := func(p pt) (float64, float64) { return (p.x - o.x) * k, (p.y - o.y) * k }
	mm := k / FilmMM // px per mm of film

	// Every pixel is still opaque here, so the NRGBA bytes are valid RGBA
	// bytes too and gg can draw straight onto them.
	dc := gg.NewContextForRGBA(&image.RGBA{Pix: im.Pix, Stride: im.Stride, Rect: im.Rect})

	addFingerprints(im, newRNG(seed, "smudge:"+name), toPX, mm)

	r := newRNG(seed, "scratch:"+name)
	dc.SetLineCap(gg.LineCapRound)
	for i, n := 0, 4+r.intn(8); i < n; i++ {
		a := pt{r.float(), r.float()}
		ang := r.rangef(0, 2*math.Pi)
		l := r.rangef(0.08, 0.6)
		c := a.add(pt{math.Cos(ang) * l, math.Sin(ang) * l})
		m := lerpPt(a, c, 0.5).add(pt{r.norm() * 0.03, r.norm() * 0.03})
		x0, y0 := toPX(a)
		x1, y1 := toPX(m)
		x2, y2 := toPX(c)
		dc.MoveTo(x0, y0)
		dc.QuadraticTo(x1, y1, x2, y2)
		// Emulsion scratched off lets the light through (bright); a few
		// scratches are grime-filled and dark.
		if r.float() < 0.8 {
			dc.SetRGBA(0.85, 0.9, 1, r.rangef(0.12, 0.4))
		} else {
			dc.SetRGBA(0, 0, 0.02, r.rangef(0.2, 0.45))
		}
		dc.SetLineWidth(math.Max(0.5, mm*r.rangef(0.08, 0.3)))
		dc.Stroke()
	}

	addHandwriting(dc, newRNG(seed, "marks:"+name), toPX, mm)
	addLeadMarker(dc, newRNG(seed, "lead:"+name), toPX, mm)
	punchHoles(im, newRNG(seed, "holes:"+name), toPX, mm)
}

// addFingerprints lays down 1–3 greasy prints near the edges where films
// were held: faint elliptical ridges (about 0.5 mm apart) and a slight haze.
func addFingerprints(im *image.NRGBA, r *rng, toPX func(pt) (float64, float64), mm float64) {
	for i, n := 0, 1+r.intn(3); i < n; i++ {
		var c pt
		switch r.intn(4) {
		case 0:
			c = pt{r.rangef(0.05, 0.95), r.rangef(0.03, 0.12)}
		case 1:
			c = pt{r.rangef(0.05, 0.95), r.rangef(0.88, 0.97)}
		case 2:
			c = pt{r.rangef(0.03, 0.12), r.rangef(0.05, 0.95)}
		default:
			c = pt{r.rangef(0.88, 0.97), r.rangef(0.05, 0.95)}
		}
		cx, cy := toPX(c)
		rx, ry := 8*mm*r.rangef(0.9, 1.2), 11*mm*r.rangef(0.9, 1.2)
		rot := r.rangef(0, math.Pi)
		s, co := math.Sincos(rot)
		ridge := 2 * math.Pi / (0.5 * mm)
		strength := r.rangef(0.05, 0.12)
		ns := r.u64()
		b := im.Bounds()
		x0, x1 := max(b.Min.X, int(cx-ry-2)), min(b.Max.X, int(cx+ry+2))
		y0, y1 := max(b.Min.Y, int(cy-ry-2)), min(b.Max.Y, int(cy+ry+2))
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				dx, dy := float64(x)-cx, float64(y)-cy
				u, v := (dx*co+dy*s)/rx, (-dx*s+dy*co)/ry
				d := math.Sqrt(u*u + v*v)
				if d >= 1 {
					continue
				}
				env := (1 - d*d) * strength
				wob := valueNoise(u*3, v*3, ns) * 2.5
				ridges := 0.5 + 0.5*math.Sin(d*ry*ridge/(1+0.2*wob)+wob)
				p := im.Pix[(y-b.Min.Y)*im.Stride+(x-b.Min.X)*4:]
				// Grease scatters light: it lifts the dark film and dims the clear.
				for ch := 0; ch < 3; ch++ {
					c := float64(p[ch])
					t := env * (0.4 + 0.6*ridges)
					p[ch] = uint8(clamp01((c+(120-c)*t)/255) * 255)
				}
			}
		}
	}
}

// addHandwriting scratches the hospital's film number and the patient's
// initials into the emulsion near a corner, letters jittered like a hand.
func addHandwriting(dc *gg.Context, r *rng, toPX func(pt) (float64, float64), mm float64) {
	face, err := loadFace(fontHand, 9*mm)
	if err != nil {
		return
	}
	dc.SetFontFace(face)
	initials := []rune("АБВГДЕЗИКЛМНОПРСТФШ")
	lines := []string{
		fmt.Sprintf("№ %d", 100+r.intn(9900)),
		fmt.Sprintf("%c. %c.", initials[r.intn(len(initials))], initials[r.intn(len(initials))]),
	}
	corner := r.intn(4)
	p := pt{0.06, 0.07}
	if corner&1 == 1 {
		p.x = 0.72
	}
	if corner&2 == 2 {
		p.y = 0.88
	}
	p = p.add(pt{r.rangef(-0.02, 0.02), r.rangef(-0.02, 0.02)})
	slope := r.rangef(-0.08, 0.08)
	dc.SetRGBA(0.9, 0.94, 1, r.rangef(0.65, 0.9))
	for li, line := range lines {
		x, y := toPX(p.add(pt{0.01 * float64(li), 0.04 * float64(li)}))
		for _, ch := range line {
			g := string(ch)
			w, _ := dc.MeasureString(g)
			dc.Push()
			dc.RotateAbout(slope+r.norm()*0.06, x, y)
			dc.DrawString(g, x, y+r.norm()*0.4*mm)
			dc.Pop()
			x += w * r.rangef(0.9, 1.1)
			y += w * math.Tan(slope)
		}
	}
}

// addLeadMarker: a lead letter laid on the cassette stops the beam, so it
// prints as a sharp clear letter (here in a little frame) near one edge.
func addLeadMarker(dc *gg.Context, r *rng, toPX func(pt) (float64, float64), mm float64) {
	face, err := loadFace(fontBold, 16*mm)
	if err != nil {
		return
	}
	dc.SetFontFace(face)
	letter := "L"
	if r.intn(2) == 1 {
		letter = "R"
	}
	p := pt{r.rangef(0.08, 0.9), r.rangef(0.18, 0.3)}
	if r.intn(2) == 1 {
		p.y = r.rangef(0.72, 0.82)
	}
	x, y := toPX(p)
	dc.Push()
	dc.RotateAbout(r.rangef(-0.25, 0.25), x, y)
	s := 10 * mm
	dc.SetRGBA(0.86, 0.92, 1, 0.85)
	dc.SetLineWidth(math.Max(1, 1.2*mm))
	dc.DrawRectangle(x-s, y-s*1.1, 2*s, 2.2*s)
	dc.Stroke()
	dc.SetRGBA(0.9, 0.95, 1, 1)
	dc.DrawStringAnchored(letter, x, y, 0.5, 0.35)
	dc.Pop()
}

// punchHoles makes 0–2 round filing holes (about 6 mm) near the top edge;
// they are transparent: light comes straight through.
func punchHoles(im *image.NRGBA, r *rng, toPX func(pt) (float64, float64), mm float64) {
	n := r.intn(3)
	b := im.Bounds()
	base := r.rangef(0.2, 0.5)
	for i := 0; i < n; i++ {
		cx, cy := toPX(pt{base + 0.3*float64(i), 0.025})
		rad := 3 * mm
		for y := max(b.Min.Y, int(cy-rad-1)); y < min(b.Max.Y, int(cy+rad+2)); y++ {
			for x := max(b.Min.X, int(cx-rad-1)); x < min(b.Max.X, int(cx+rad+2)); x++ {
				d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
				a := clamp01(d - rad + 0.5)
				p := im.Pix[(y-b.Min.Y)*im.Stride+(x-b.Min.X)*4+3:]
				p[0] = uint8(float64(p[0])*a + 0.5)
			}
		}
	}
}
