package render

// field is a float32 raster: attenuation, density or light, one value a pixel.
type field struct {
	w, h int
	pix  []float32
}

func newField(w, h int) *field { return &field{w: w, h: h, pix: make([]float32, w*h)} }

// sample reads f bilinearly at pixel coordinates (x, y), clamped to the edges.
func (f *field) sample(x, y float64) float32 {
	if x < 0 {
		x = 0
	}
	if y < 0 {
		y = 0
	}
	mx, my := float64(f.w-1), float64(f.h-1)
	if x > mx {
		x = mx
	}
	if y > my {
		y = my
	}
	x0, y0 := int(x), int(y)
	x1, y1 := x0+1, y0+1
	if x1 >= f.w {
		x1 = f.w - 1
	}
	if y1 >= f.h {
		y1 = f.h - 1
	}
	tx, ty := float32(x-float64(x0)), float32(y-float64(y0))
	a := f.pix[y0*f.w+x0]
	b := f.pix[y0*f.w+x1]
	c := f.pix[y1*f.w+x0]
	d := f.pix[y1*f.w+x1]
	top := a + (b-a)*tx
	bot := c + (d-c)*tx
	return top + (bot-top)*ty
}

// addScaled adds k·g to f (same size).
func (f *field) addScaled(g *field, k float32) {
	for i, v := range g.pix {
		f.pix[i] += k * v
	}
}

// blur approximates a Gaussian of standard deviation sigma (pixels) with
// three box passes each way: O(pixels) whatever the radius, which keeps a
// 1024 px film well inside the frame budget. gg has no blur of its own.
func (f *field) blur(sigma float64) {
	if sigma < 0.3 || f.w == 0 || f.h == 0 {
		return
	}
	// Box width for three passes giving variance sigma² (Wells 1986).
	r := int(sigma*0.9 + 0.5)
	if r < 1 {
		r = 1
	}
	n := max(f.w, f.h)
	for pass := 0; pass < 3; pass++ {
		parallelRows(f.h, func(y0, y1 int) {
			line, out := make([]float32, n), make([]float32, n)
			for y := y0; y < y1; y++ {
				row := f.pix[y*f.w : (y+1)*f.w]
				copy(line, row)
				boxLine(line[:f.w], out[:f.w], r)
				copy(row, out[:f.w])
			}
		})
		parallelRows(f.w, func(x0, x1 int) {
			line, out := make([]float32, n), make([]float32, n)
			for x := x0; x < x1; x++ {
				for y := 0; y < f.h; y++ {
					line[y] = f.pix[y*f.w+x]
				}
				boxLine(line[:f.h], out[:f.h], r)
				for y := 0; y < f.h; y++ {
					f.pix[y*f.w+x] = out[y]
				}
			}
		})
	}
}

// boxLine writes the running mean of width 2r+1 of in to out, edges clamped.
func boxLine(in, out []float32, r int) {
	n := len(in)
	inv := 1 / float32(2*r+1)
	var acc float32
	for k := -r; k <= r; k++ {
		acc += in[clampInt(k, 0, n-1)]
	}
	for i := 0; i < n; i++ {
		out[i] = acc * inv
		acc += in[clampInt(i+r+1, 0, n-1)] - in[clampInt(i-r, 0, n-1)]
	}
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func clamp01(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}
