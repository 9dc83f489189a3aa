package game

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Shapes — lines, disks, rings, arcs — are triangles coloured per vertex
// and drawn from a one-pixel image with Ebiten's built-in shader. Ebiten's
// vector package would compile its stencil shaders at first use (over a
// second of a browser page's only thread, in wasm) and fill each shape with
// a stencil pass, which software-rendered WebGL pays for per pixel. Edges
// are feathered over one pixel (alpha falls to zero across it), which
// smooths them as anti-aliasing would.

// feather is the width of a shape's soft edge, pixels.
const feather = 1.0

// arc draws the part of the ring between radii rIn and rOut about (cx, cy)
// from angle a0 to a1 (radians, clockwise on screen from +x). rIn = 0 and a
// full turn make a disk.
func (v *view) arc(screen *ebiten.Image, cx, cy, rIn, rOut, a0, a1 float64, c color.Color) {
	if rOut <= rIn || rOut <= 0 {
		return
	}
	segs := int(math.Ceil(math.Abs(a1-a0) / (2 * math.Pi) * math.Max(24, math.Min(360, rOut*0.8))))
	// Radii of the four edges: feathered inside (when there is a hole) and out.
	edges := [4]float64{math.Max(0, rIn-feather/2), rIn + feather/2, rOut - feather/2, rOut + feather/2}
	if rIn == 0 {
		edges[0], edges[1] = 0, 0
	}
	alpha := [4]float32{0, 1, 1, 0}
	if rIn == 0 {
		alpha[0] = 1
	}
	v.verts, v.idx = v.verts[:0], v.idx[:0]
	for i := 0; i <= segs; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(segs)
		s, co := math.Sincos(a)
		for k, r := range edges {
			v.verts = append(v.verts, vertex(cx+r*co, cy+r*s, c, alpha[k]))
		}
		if i > 0 {
			base := uint16(4 * (i - 1))
			for k := uint16(0); k < 3; k++ {
				a, b := base+k, base+k+1
				v.idx = append(v.idx, a, b, a+4, b, b+4, a+4)
			}
		}
	}
	v.triangles(screen)
}

// line draws a line of width w from (x0, y0) to (x1, y1).
func (v *view) line(screen *ebiten.Image, x0, y0, x1, y1, w float64, c color.Color) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l, dx/l // across the line
	v.verts, v.idx = v.verts[:0], v.idx[:0]
	for k, off := range [4]float64{-w/2 - feather/2, -w/2 + feather/2, w/2 - feather/2, w/2 + feather/2} {
		a := float32(1)
		if k == 0 || k == 3 {
			a = 0
		}
		v.verts = append(v.verts, vertex(x0+nx*off, y0+ny*off, c, a), vertex(x1+nx*off, y1+ny*off, c, a))
	}
	for k := uint16(0); k < 3; k++ {
		a := 2 * k
		v.idx = append(v.idx, a, a+1, a+2, a+1, a+3, a+2)
	}
	v.triangles(screen)
}

// disk draws a filled circle.
func (v *view) disk(screen *ebiten.Image, cx, cy, r float64, c color.Color) {
	v.arc(screen, cx, cy, 0, r, 0, 2*math.Pi, c)
}

// ring draws a circle's outline of width w.
func (v *view) ring(screen *ebiten.Image, cx, cy, r, w float64, c color.Color) {
	v.arc(screen, cx, cy, math.Max(0, r-w/2), r+w/2, 0, 2*math.Pi, c)
}

func vertex(x, y float64, c color.Color, alpha float32) ebiten.Vertex {
	r, g, b, a := c.RGBA()
	k := alpha / 0xffff
	// Premultiplied colour, as Ebiten's vertices take it.
	return ebiten.Vertex{DstX: float32(x), DstY: float32(y), SrcX: 0.5, SrcY: 0.5,
		ColorR: float32(r) * k, ColorG: float32(g) * k, ColorB: float32(b) * k, ColorA: float32(a) * k}
}

func (v *view) triangles(screen *ebiten.Image) {
	screen.DrawTriangles(v.verts, v.idx, v.pixel, &ebiten.DrawTrianglesOptions{})
}
