package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/fogleman/gg"

	"bonemusic/engine"
	"bonemusic/internal/breathe"
)

// Microscope is MicroscopeLang in English.
func Microscope(d *engine.Disc, sample int, lengthMM float64, w, h int) (*image.NRGBA, error) {
	return MicroscopeLang(d, sample, lengthMM, w, h, "en")
}

// MicroscopeLang shows lengthMM of groove starting at sample, seen from
// above through a microscope, as cut (left) and as it is now (right), with
// the neighbouring turns above and below. Both axes share one scale (the
// scale bar), so the wiggle is as large as it really is: choose about 1 mm
// to see treble, a few mm for bass. The groove walls are 90° apart, so the
// groove is as wide at the top as twice its wall height: worn walls make a
// narrower, smoother groove.
func MicroscopeLang(d *engine.Disc, sample int, lengthMM float64, w, h int, lang string) (*image.NRGBA, error) {
	if d == nil || d.Len() <= 0 || d.SamplesPerRev() <= 0 {
		return nil, fmt.Errorf("render: microscope needs a cut disc")
	}
	if w < 2*MinSizePX || h < MinSizePX || w > MaxSizePX || h > MaxSizePX {
		return nil, fmt.Errorf("render: microscope size %d×%d px is outside %d–%d px", w, h, MinSizePX, MaxSizePX)
	}
	if !(lengthMM >= 0.05 && lengthMM <= 20) {
		return nil, fmt.Errorf("render: microscope length %.3g mm is outside 0.05–20 mm", lengthMM)
	}
	sample = clampInt(sample, 0, d.Len()-1)
	lb := labelsFor(lang)
	im := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(im, im.Bounds(), image.NewUniform(color.NRGBA{18, 22, 30, 255}), image.Point{}, draw.Src)
	pw := (w - 6) / 2
	left := image.Rect(0, 0, pw, h)
	right := image.Rect(w-pw, 0, w, h)
	drawGroovePanel(im, left, d, sample, lengthMM, false)
	drawGroovePanel(im, right, d, sample, lengthMM, true)

	face, err := loadFace(fontRegular, math.Max(11, float64(h)/22))
	if err != nil {
		return nil, err
	}
	dc := gg.NewContextForRGBA(&image.RGBA{Pix: im.Pix, Stride: im.Stride, Rect: im.Rect})
	dc.SetFontFace(face)
	now := lb.noPlays
	if n := d.Plays(); n > 0 {
		now = lb.afterPlays(n)
	}
	for i, t := range []string{lb.asCut, now} {
		x := float64(left.Min.X) + 8
		if i == 1 {
			x = float64(right.Min.X) + 8
		}
		tw, th := dc.MeasureString(t)
		dc.SetRGBA(0, 0, 0, 0.6)
		dc.DrawRoundedRectangle(x-4, 6, tw+8, th*1.6, 4)
		dc.Fill()
		dc.SetRGB(1, 1, 1)
		dc.DrawString(t, x, 6+th*1.25)
	}
	umPerPX := lengthMM * 1000 / float64(pw)
	scaleBar(dc, float64(left.Min.X)+10, float64(h)-12, umPerPX, float64(pw)/3, lb.scaleUnit)
	return im, nil
}

// niceLength picks 1, 2 or 5 × 10ⁿ not above max.
func niceLength(max float64) float64 {
	if max <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(max)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= max {
			return m * p
		}
	}
	return p
}

func scaleBar(dc *gg.Context, x, y, umPerPX, maxPX float64, unit string) {
	um := niceLength(maxPX * umPerPX)
	l := um / umPerPX
	_, th := dc.MeasureString("0")
	dc.SetRGBA(0, 0, 0, 0.6)
	dc.DrawRoundedRectangle(x-6, y-th*2.2, l+12, th*2.2+6, 4)
	dc.Fill()
	dc.SetRGB(1, 1, 1)
	dc.SetLineWidth(3)
	dc.DrawLine(x, y, x+l, y)
	dc.Stroke()
	dc.DrawStringAnchored(fmt.Sprintf("%g %s", um, unit), x+l/2, y-th*0.6, 0.5, 0)
}

// groove holds one turn's walls across a panel column: centre offset from
// the panel's centre line and top half-width, µm.
type grooveCol struct{ c, hw, rough float64 }

// drawGroovePanel renders the groove around sample into r. Radius grows
// upwards (outer turns on top), the groove runs left to right.
func drawGroovePanel(im *image.NRGBA, r image.Rectangle, d *engine.Disc, sample int, lengthMM float64, worn bool) {
	pw, ph := r.Dx(), r.Dy()
	umPerPX := lengthMM * 1000 / float64(pw)
	n := d.SamplesPerRev()
	pitchUM := d.MinPitchMM() * 1000 // a variable-pitch spiral shows more turns
	r0 := d.RadiusMM(sample)
	arcUM := 2 * math.Pi * r0 * 1000 / float64(n)
	K := int(float64(ph)/2*umPerPX/pitchUM) + 2 // turns above and below in view
	lateral := d.FreshLateralUM
	if worn {
		lateral = d.LateralUM
	}
	at := func(i float64) float64 { // lateral displacement between samples
		j := int(math.Floor(i))
		t := i - float64(j)
		return lateral(j)*(1-t) + lateral(j+1)*t
	}
	seed := d.Params.Seed ^ 0x3A1C
	col := make([]grooveCol, 0, 2*K+1)
	// Column by column: gather the turns crossing this column (outermost
	// first), then walk down the column with a pointer into them.
	for x := 0; x < pw; x++ {
		breathe.Point()
		i := float64(sample) + (float64(x)+0.5)*umPerPX/arcUM
		col = col[:0]
		for k := -K; k <= K; k++ {
			j := i + float64(k*n) // k turns further in
			if j < 0 || j >= float64(d.Len()-1) {
				continue
			}
			g := grooveCol{hw: d.FreshWallHeightUM(int(j))}
			if worn {
				g.hw, g.rough = d.WallHeightUM(int(j)), d.Wear(int(j))
			}
			// Offset from the panel centre: the spiral's own radius plus the cut wiggle.
			g.c = (d.RadiusMM(int(j))-r0)*1000 + at(j)
			col = append(col, g)
		}
		first := 0
		for y := 0; y < ph; y++ {
			v := (float64(ph)/2 - float64(y) - 0.5) * umPerPX // radial offset, + outward
			for first < len(col) && col[first].c-1.6*col[first].hw > v {
				first++ // that turn lies wholly above this pixel
			}
			s := 0.5 // the flat land between grooves
			wearHere := 0.0
			for _, g := range col[first:] {
				u := v - g.c
				if u > 1.6*g.hw {
					break
				}
				if math.Abs(u) < g.hw*1.6 {
					wearHere = g.rough
				}
				if math.Abs(u) >= g.hw {
					continue
				}
				depth := 1 - math.Abs(u)/g.hw // 0 at the top edge, 1 at the bottom
				if u > 0 {
					s = 0.92 - 0.2*depth // outer wall faces the light
				} else {
					s = 0.24 - 0.1*depth // inner wall in shadow
				}
				if depth > 1-math.Max(0.05, 0.6*umPerPX/g.hw) {
					s = 0.06 // the bottom of the V, at least a pixel wide
				}
				break
			}
			if wearHere > 0 {
				// Scuffed walls and land scatter light: lower contrast, grainy.
				nz := valueNoise(float64(x)*umPerPX/6, v/3, seed) - 0.5
				s = s + (0.5-s)*math.Min(1, 1.6*wearHere) + nz*0.25*math.Min(1, 2*wearHere)
			}
			s += (hash2(int32(x), int32(y), seed) - 0.5) * 0.03
			c := clamp01(s)
			o := (r.Min.Y+y)*im.Stride + (r.Min.X+x)*4
			im.Pix[o] = uint8(255 * clamp01(c*0.9))
			im.Pix[o+1] = uint8(255 * clamp01(c*0.95))
			im.Pix[o+2] = uint8(255 * c)
			im.Pix[o+3] = 255
		}
	}
	drawPanelMarks(im, r, d, sample, r0, umPerPX, arcUM, worn)
}

// drawPanelMarks draws the engine's dust and scratches (and, on the worn
// side, skips) that fall inside the panel.
func drawPanelMarks(im *image.NRGBA, r image.Rectangle, d *engine.Disc, sample int, r0, umPerPX, arcUM float64, worn bool) {
	n := d.SamplesPerRev()
	a0 := d.AngleRad(sample)
	sub := im.SubImage(r).(*image.NRGBA)
	overlay(sub, func(dc *gg.Context) {
		ox, oy := float64(r.Min.X), float64(r.Min.Y)
		for k, m := range d.Marks() {
			if m.Kind == engine.MarkSkip && !worn {
				continue
			}
			// Position along the groove (µm from the panel's left edge) and across.
			da := math.Remainder(m.AngleRad-a0, 2*math.Pi)
			s := da / (2 * math.Pi) * float64(n) * arcUM
			x := ox + s/umPerPX
			y := oy + float64(r.Dy())/2 - (m.RadiusMM-r0)*1000/umPerPX
			lPX := math.Max(m.LengthMM, 0) * 1000 / umPerPX
			if x < ox-lPX || x > float64(r.Max.X)+lPX || y < oy-lPX || y > float64(r.Max.Y)+lPX {
				continue
			}
			rr := newRNG(uint64(k), "speck")
			switch m.Kind {
			case engine.MarkDust:
				// An irregular fibrous speck.
				pts := make([]pt, 9)
				for i := range pts {
					a := 2 * math.Pi * float64(i) / 9
					rad := lPX / 2 * rr.rangef(0.5, 1)
					pts[i] = pt{x + math.Cos(a)*rad, y + math.Sin(a)*rad*0.6}
				}
				smoothPath(dc, pts)
				dc.SetRGBA(0.05, 0.04, 0.03, 0.85)
				dc.Fill()
			case engine.MarkScratch, engine.MarkSkip:
				dc.SetLineWidth(math.Max(2, 25/umPerPX))
				dc.SetRGBA(0.95, 0.97, 1, 0.8)
				if m.Kind == engine.MarkSkip {
					dc.SetRGBA(1, 0.62, 0.1, 0.9)
				}
				dc.DrawLine(x, y-lPX/2, x+rr.rangef(-0.2, 0.2)*lPX, y+lPX/2)
				dc.Stroke()
			}
		}
	})
}
