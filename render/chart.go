package render

import (
	"fmt"
	"image"
	"math"

	"github.com/fogleman/gg"
	"golang.org/x/image/font"
)

// chartColor is line colour k: Okabe–Ito hues, which stay apart for
// colour-blind viewers and survive a washed-out classroom projector.
func chartColor(k int) [3]float64 {
	palette := [...][3]float64{
		{0, 0.45, 0.70},    // blue
		{0.90, 0.62, 0},    // orange
		{0, 0.62, 0.45},    // green
		{0.80, 0.47, 0.65}, // purple
		{0.34, 0.71, 0.91}, // sky
	}
	return palette[k%len(palette)]
}

// thresholdColor marks the unlistenable zone.
func thresholdColor() [3]float64 { return [3]float64{0.84, 0.2, 0.1} }

// chart is a white canvas with one plot area and its axis mappings.
type chart struct {
	dc                 *gg.Context
	im                 *image.RGBA
	px0, py0, px1, py1 float64 // plot area, px
	x0, x1, y0, y1     float64 // data range
	logX               bool
	title, small       font.Face
	unit               float64 // base size: scales lines and text with the image
}

func newChart(w, h int, title, xLabel, yLabel string, x0, x1, y0, y1 float64, logX bool) (*chart, error) {
	if w < 120 || h < 90 || w > MaxSizePX || h > MaxSizePX {
		return nil, fmt.Errorf("render: chart size %d×%d px is outside 120×90–%d px", w, h, MaxSizePX)
	}
	u := math.Min(float64(w)/640, float64(h)/400)
	tf, err := loadFace(fontBold, 20*u)
	if err != nil {
		return nil, err
	}
	sf, err := loadFace(fontRegular, 15*u)
	if err != nil {
		return nil, err
	}
	im := image.NewRGBA(image.Rect(0, 0, w, h))
	c := &chart{dc: gg.NewContextForRGBA(im), im: im, x0: x0, x1: x1, y0: y0, y1: y1, logX: logX, title: tf, small: sf, unit: u}
	c.px0, c.py0 = 70*u, 84*u
	c.px1, c.py1 = float64(w)-20*u, float64(h)-52*u
	dc := c.dc
	dc.SetRGB(1, 1, 1)
	dc.Clear()
	dc.SetFontFace(tf)
	dc.SetRGB(0.1, 0.1, 0.1)
	dc.DrawStringAnchored(title, c.px0, 26*u, 0, 0.5)
	dc.SetFontFace(sf)
	dc.DrawStringAnchored(xLabel, (c.px0+c.px1)/2, float64(h)-12*u, 0.5, 0)
	dc.Push()
	dc.RotateAbout(-math.Pi/2, 18*u, (c.py0+c.py1)/2)
	dc.DrawStringAnchored(yLabel, 18*u, (c.py0+c.py1)/2, 0.5, 0.5)
	dc.Pop()
	return c, nil
}

func (c *chart) X(v float64) float64 {
	if c.logX {
		return c.px0 + (math.Log(v)-math.Log(c.x0))/(math.Log(c.x1)-math.Log(c.x0))*(c.px1-c.px0)
	}
	return c.px0 + (v-c.x0)/(c.x1-c.x0)*(c.px1-c.px0)
}

func (c *chart) Y(v float64) float64 { return c.py1 - (v-c.y0)/(c.y1-c.y0)*(c.py1-c.py0) }

// grid draws light grid lines and tick labels at the given data values.
func (c *chart) grid(xs, ys []float64, xFmt func(float64) string) {
	dc := c.dc
	dc.SetFontFace(c.small)
	dc.SetLineWidth(math.Max(1, c.unit))
	for _, y := range ys {
		dc.SetRGB(0.88, 0.88, 0.88)
		dc.DrawLine(c.px0, c.Y(y), c.px1, c.Y(y))
		dc.Stroke()
		dc.SetRGB(0.25, 0.25, 0.25)
		dc.DrawStringAnchored(fmt.Sprintf("%g", y), c.px0-6*c.unit, c.Y(y), 1, 0.35)
	}
	for _, x := range xs {
		dc.SetRGB(0.88, 0.88, 0.88)
		dc.DrawLine(c.X(x), c.py0, c.X(x), c.py1)
		dc.Stroke()
		dc.SetRGB(0.25, 0.25, 0.25)
		dc.DrawStringAnchored(xFmt(x), c.X(x), c.py1+6*c.unit, 0.5, 1)
	}
	dc.SetRGB(0.2, 0.2, 0.2)
	dc.SetLineWidth(math.Max(1, 1.5*c.unit))
	dc.DrawRectangle(c.px0, c.py0, c.px1-c.px0, c.py1-c.py0)
	dc.Stroke()
}

// line draws a polyline of data points, clipped to the plot area.
func (c *chart) line(xs, ys []float64, col [3]float64, width float64, markers bool) {
	dc := c.dc
	dc.Push()
	dc.DrawRectangle(c.px0, c.py0, c.px1-c.px0, c.py1-c.py0)
	dc.Clip()
	dc.SetRGB(col[0], col[1], col[2])
	dc.SetLineWidth(width * c.unit)
	dc.SetLineJoin(gg.LineJoinRound)
	started := false
	for i := range xs {
		if math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			started = false
			continue
		}
		if !started {
			dc.MoveTo(c.X(xs[i]), c.Y(ys[i]))
			started = true
		} else {
			dc.LineTo(c.X(xs[i]), c.Y(ys[i]))
		}
	}
	dc.Stroke()
	if markers {
		for i := range xs {
			if !math.IsNaN(ys[i]) && !math.IsInf(ys[i], 0) {
				dc.DrawCircle(c.X(xs[i]), c.Y(ys[i]), 4.5*c.unit)
				dc.Fill()
			}
		}
	}
	dc.ResetClip()
	dc.Pop()
}

// legend lists names with their colours in a row between the title and
// the plot, where it can never hide a data point.
func (c *chart) legend(names []string, cols [][3]float64) {
	dc := c.dc
	dc.SetFontFace(c.small)
	x, y := c.px0, 58*c.unit
	for i, n := range names {
		col := cols[i]
		dc.SetRGB(col[0], col[1], col[2])
		dc.SetLineWidth(4 * c.unit)
		dc.DrawLine(x, y, x+26*c.unit, y)
		dc.Stroke()
		dc.DrawCircle(x+13*c.unit, y, 4.5*c.unit)
		dc.Fill()
		dc.SetRGB(0.1, 0.1, 0.1)
		dc.DrawStringAnchored(n, x+32*c.unit, y, 0, 0.35)
		w, _ := dc.MeasureString(n)
		x += w + 56*c.unit
	}
}

func (c *chart) image() *image.NRGBA {
	// Opaque: RGBA and NRGBA bytes agree.
	return &image.NRGBA{Pix: c.im.Pix, Stride: c.im.Stride, Rect: c.im.Rect}
}

// niceTicks returns round tick values covering [lo, hi], about n of them.
func niceTicks(lo, hi float64, n int) []float64 {
	if !(hi > lo) || n < 1 {
		return []float64{lo}
	}
	step := niceLength((hi - lo) / float64(n))
	if step*float64(n) < (hi-lo)*0.75 {
		step *= 2
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}
