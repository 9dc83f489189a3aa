package render

import (
	"image"
	"math"

	"github.com/fogleman/gg"

	"bonemusic/engine"
	"bonemusic/internal/breathe"
)

// drawMarks draws the engine's surface faults where they are: dust
// specks catching the light, radial scratches, and the spots where the
// stylus skipped (a gouge across the grooves, ringed in amber so a class
// can find them).
func drawMarks(im *image.NRGBA, marks []engine.Mark, p engine.Params, g Geometry) {
	overlay(im, func(dc *gg.Context) { markShapes(dc, marks, p, g) })
}

// markShapes draws the marks onto an overlay layer.
func markShapes(dc *gg.Context, marks []engine.Mark, p engine.Params, g Geometry) {
	r := newRNG(p.Seed, "discmarks")
	dc.SetLineCap(gg.LineCapRound)
	for _, m := range marks {
		breathe.Point()
		if !(m.RadiusMM > 0 && m.RadiusMM < p.DiameterMM/2) || math.IsNaN(m.AngleRad) || math.IsInf(m.AngleRad, 0) {
			continue
		}
		x, y := g.ToPX(m.RadiusMM, m.AngleRad)
		l := math.Max(0, math.Min(m.LengthMM, 50))
		switch m.Kind {
		case engine.MarkDust:
			rx := math.Max(0.6, g.PX(l/2))
			dc.Push()
			dc.RotateAbout(r.rangef(0, math.Pi), x, y)
			dc.DrawEllipse(x, y, rx, math.Max(0.5, rx*r.rangef(0.35, 0.8)))
			dc.SetRGBA(0.86, 0.85, 0.8, 0.75)
			dc.Fill()
			dc.Pop()
		case engine.MarkScratch:
			// LengthMM is the radial extent; a hand-made scratch bows a little.
			bow := r.rangef(-0.02, 0.02)
			x0, y0 := g.ToPX(m.RadiusMM-l/2, m.AngleRad-bow)
			xm, ym := g.ToPX(m.RadiusMM, m.AngleRad+bow)
			x1, y1 := g.ToPX(m.RadiusMM+l/2, m.AngleRad-bow)
			dc.MoveTo(x0, y0)
			dc.QuadraticTo(xm, ym, x1, y1)
			dc.SetLineWidth(math.Max(0.8, g.PX(0.1)))
			dc.SetRGBA(0.95, 0.97, 1, 0.75)
			dc.Stroke()
		case engine.MarkSkip:
			gl := math.Max(l, 0.8)
			x0, y0 := g.ToPX(m.RadiusMM-gl/2, m.AngleRad)
			x1, y1 := g.ToPX(m.RadiusMM+gl/2, m.AngleRad)
			dc.SetLineWidth(math.Max(1, g.PX(0.2)))
			dc.SetRGBA(1, 1, 1, 0.9)
			dc.DrawLine(x0, y0, x1, y1)
			dc.Stroke()
			dc.SetLineWidth(math.Max(1.5, g.PX(0.4)))
			dc.SetRGBA(1, 0.62, 0.1, 0.9)
			dc.DrawCircle(x, y, math.Max(4, g.PX(2.5)))
			dc.Stroke()
		}
	}
}
