package dist

import (
	"image/color"
	"math"
	"strconv"

	"github.com/fogleman/gg"
)

func itoa(n int) string { return strconv.Itoa(n) }

// writeIcon draws the app's icon, size pixels square, to a PNG: a record
// cut from a chest X-ray — ribs glowing through dark film, grooves, and the
// off-centre hole a cigarette burnt — on the page's background.
func writeIcon(name string, size int) error {
	s := float64(size)
	dc := gg.NewContext(size, size)
	dc.SetColor(color.RGBA{0x07, 0x09, 0x0c, 0xff})
	dc.Clear()
	cx, cy, r := s/2, s/2, 0.4*s // inside the maskable safe zone (80 %)

	// The film: a blue-grey disc, lighter towards the rim.
	grad := gg.NewRadialGradient(cx, cy, 0, cx, cy, r)
	grad.AddColorStop(0, color.RGBA{0x1b, 0x26, 0x33, 0xff})
	grad.AddColorStop(1, color.RGBA{0x3a, 0x4c, 0x60, 0xff})
	dc.DrawCircle(cx, cy, r)
	dc.SetFillStyle(grad)
	dc.Fill()

	// Ribs: pale arcs on each side of a spine, clipped to the disc.
	dc.DrawCircle(cx, cy, r)
	dc.Clip()
	dc.SetLineCapRound()
	dc.SetLineWidth(0.035 * s)
	dc.SetColor(color.NRGBA{0xcf, 0xd8, 0xe3, 0x60})
	for i := range 5 {
		y := cy - 0.25*s + float64(i)*0.11*s
		for _, side := range []float64{-1, 1} {
			dc.MoveTo(cx, y)
			dc.QuadraticTo(cx+side*0.3*s, y-0.07*s, cx+side*0.36*s, y+0.1*s)
			dc.Stroke()
		}
	}
	dc.SetLineWidth(0.05 * s)
	dc.DrawLine(cx, cy-r, cx, cy+r)
	dc.Stroke()
	dc.ResetClip()

	// Grooves from the rim inwards.
	dc.SetColor(color.NRGBA{0x07, 0x09, 0x0c, 0x80})
	dc.SetLineWidth(math.Max(1, 0.004*s))
	for gr := 0.95 * r; gr > 0.4*r; gr -= 0.045 * r {
		dc.DrawCircle(cx, cy, gr)
		dc.Stroke()
	}
	// The hole, burnt off-centre, with a scorched ring.
	hx, hy, hr := cx+0.02*s, cy-0.012*s, 0.03*s
	dc.SetColor(color.RGBA{0x6b, 0x45, 0x2a, 0xff})
	dc.DrawCircle(hx, hy, hr*1.5)
	dc.Fill()
	dc.SetColor(color.RGBA{0x07, 0x09, 0x0c, 0xff})
	dc.DrawCircle(hx, hy, hr)
	dc.Fill()
	return dc.SavePNG(name)
}
