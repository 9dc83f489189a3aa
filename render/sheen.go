package render

import (
	"fmt"
	"image"

	"bonemusic/engine"
)

// Sheen is the light the groove band throws back: a transparent sizePX
// image, the same scale as Disc, holding the bright fan of a lamp at the
// upper left over the programme band. It depends only on the radius (how
// loud and how worn each turn is, averaged round the turn), so it stays
// right while the record turns: draw DiscUnlit rotated about the hole and
// Sheen on top, not rotated, with its centre on the groove centre — which
// circles the spindle at the disc's eccentricity as the disc turns.
func Sheen(d *engine.Disc, sizePX int) (*image.NRGBA, error) {
	if d == nil || d.Len() <= 0 || d.SamplesPerRev() <= 0 {
		return nil, fmt.Errorf("render: sheen needs a cut disc")
	}
	if err := checkSize(sizePX); err != nil {
		return nil, err
	}
	if err := d.Params.Validate(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	g := NewGeometry(d.Params, sizePX)
	pol := newPolar(d)
	gloss := make([]float64, pol.nr) // per turn, from the mean wear round it
	for rb := range gloss {
		w := 0.0
		for a := 0; a < pol.na; a++ {
			w += float64(pol.wear[rb*pol.na+a])
		}
		gloss[rb] = 1 - 0.85*min(1, 2*w/float64(pol.na))
	}
	im := image.NewNRGBA(image.Rect(0, 0, sizePX, sizePX))
	edge := max(0.25, 1/g.PXPerMM)
	parallelRows(sizePX, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			for x := 0; x < sizePX; x++ {
				r, a := g.ToMM(float64(x)+0.5, float64(y)+0.5)
				rb := pol.ring(r)
				if rb < 0 || r < pol.rIn-edge || r > pol.rOut+edge {
					continue
				}
				in := clamp01((r-pol.rIn+edge)/(2*edge)) * clamp01((pol.rOut+edge-r)/(2*edge))
				s := clamp01(gloss[rb]*sheen(a, float64(pol.mod[rb]))) * in
				o := y*im.Stride + x*4
				im.Pix[o], im.Pix[o+1], im.Pix[o+2] = 228, 236, 250
				im.Pix[o+3] = uint8(255*s + 0.5)
			}
		}
	})
	return im, nil
}
