package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/render"
)

var (
	roomColor   = color.RGBA{0x07, 0x09, 0x0c, 0xff}
	labelColor  = color.RGBA{0xe6, 0xee, 0xf7, 0xff}
	dimColor    = color.RGBA{0xa8, 0xb8, 0xc8, 0xff}
	noticeColor = color.RGBA{0xff, 0xc8, 0x7a, 0xff}
	accentColor = color.RGBA{0x9f, 0xc3, 0xe6, 0xff}
)

// view draws what every scene shares: the dark room with the lightbox
// glowing in it, text, controls, bars. Everything costly (the glow, text)
// is made once and only copied per frame: the browser renders WebGL in
// software on many school laptops.
type view struct {
	glow     *ebiten.Image
	room     *ebiten.Image // the static background at the current screen size
	pixel    *ebiten.Image // 1×1 white, scaled to fill rectangles
	labels   map[labelKey]*cachedLabel
	wraps    map[wrapKey][]string
	fits     map[fitKey]int // the text size a control's label fits at
	disc     *discImages    // the record's pictures on the GPU
	nextDisc *discImages    // newer ones, being uploaded
	frame    int64
	verts    []ebiten.Vertex // scratch for shapes.go
	idx      []uint16
	shrunk   []shrunkImage // see scaled
}

// maxLabels bounds the label cache: play counts and notices come and go.
// Labels drawn in the last frames are never evicted, so a busy screen
// cannot make the cache draw its text again every frame.
const maxLabels = 256

type cachedLabel struct {
	img  *ebiten.Image
	used int64 // the frame it was last drawn in
}

type fitKey struct {
	s    string
	bold bool
	px   int
	w    int
}

type labelKey struct {
	s    string
	bold bool
	px   int
}

type wrapKey struct {
	s     string
	bold  bool
	px, w int
}

func newView() *view {
	pixel := ebiten.NewImage(1, 1)
	pixel.Fill(color.White)
	return &view{glow: newGlow(128), pixel: pixel, labels: map[labelKey]*cachedLabel{},
		wraps: map[wrapKey][]string{}, fits: map[fitKey]int{}, shrunk: make([]shrunkImage, 0, maxShrunk)}
}

// metrics are the sizes a screen's layout is built from.
type metrics struct {
	w, h, unit float64
	px         int     // body text size
	pad        float64 // margin and gap
	btnH       float64 // control height
	portrait   bool
}

func metricsFor(w, h float64) metrics {
	unit := math.Min(w, h)
	px := int(math.Max(14, math.Min(40, unit/32)))
	m := metrics{w: w, h: h, unit: unit, px: px, pad: math.Round(float64(px) * 0.6),
		btnH: math.Round(float64(px) * 2.4), portrait: h > w*1.1}
	if !m.portrait {
		// A short, wide frame (an exhibition page's strip): the panel's
		// rows of controls under the header must still fit its height, so
		// the controls get lower, down to what a finger can press.
		room := (h-m.pad-m.headerH()-float64(px)*2.6)/panelRows - m.pad
		m.btnH = math.Max(minControlPX, math.Min(m.btnH, math.Floor(room)))
	}
	return m
}

// panelRows is the most rows of controls a scene's panel holds (the
// turntable's); minControlPX is the smallest control a finger can press.
const (
	panelRows    = 5
	minControlPX = 24
)

// headerH is the height the title and tagline take.
func (m metrics) headerH() float64 { return float64(m.px) * 4.6 }

// stage is the square where the record (or film, or lathe) is shown and
// panel the area for the controls: side by side on a landscape screen, one
// above the other on a phone.
func (m metrics) stage() (stage, panel Rect) {
	if m.portrait {
		top := m.headerH()
		s := math.Min(m.w, m.h-top-5*(m.btnH+m.pad))
		stage = Rect{(m.w - s) / 2, top, s, s}
		panel = Rect{m.pad, top + s + m.pad, m.w - 2*m.pad, m.h - top - s - 2*m.pad}
		return stage, panel
	}
	s := math.Min(m.h, m.w*0.56)
	stage = Rect{0, (m.h - s) / 2, s, s}
	panel = Rect{s + m.pad, m.headerH(), m.w - s - 2*m.pad, m.h - m.headerH() - m.pad}
	return stage, panel
}

// background copies the room onto the screen. The room is opaque and
// covers the screen: copying skips the blending that software-rendered
// WebGL pays for per pixel.
func (v *view) background(screen *ebiten.Image) {
	screen.DrawImage(v.roomFor(screen.Bounds().Size()), &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy})
}

// roomFor is the background — the dark room and the lightbox's glow —
// drawn once per screen size.
func (v *view) roomFor(size image.Point) *ebiten.Image {
	if v.room != nil && v.room.Bounds().Size() == size {
		return v.room
	}
	if v.room != nil {
		v.room.Deallocate()
	}
	v.room = ebiten.NewImage(size.X, size.Y)
	v.room.Fill(roomColor)
	w, h := float64(size.X), float64(size.Y)
	box := math.Min(w, h) * 0.96 // the lightbox: a milky panel, brightest in the middle
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(box/float64(v.glow.Bounds().Dx()), box/float64(v.glow.Bounds().Dy()))
	op.GeoM.Translate((w-box)/2, (h-box)/2)
	v.room.DrawImage(v.glow, op)
	return v.room
}

// header draws the title and tagline at the top left, wrapped to the screen.
func (v *view) header(screen *ebiten.Image, m metrics, t text) {
	x := m.pad
	v.label(screen, t.Title, true, m.px*3/2, labelColor, x, m.pad*0.5, false)
	v.paragraph(screen, t.Tagline, false, m.px*4/5, dimColor, Rect{x, m.pad*0.5 + float64(m.px)*2.1, m.w - 2*m.pad, 0}, false)
}

// label draws cached text with its top-left (or top-centre) at x, y and
// returns its size.
func (v *view) label(screen *ebiten.Image, s string, bold bool, px int, c color.RGBA, x, y float64, centred bool) (w, h float64) {
	img := v.labelImage(s, bold, px)
	if img == nil {
		return 0, 0
	}
	w, h = float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	if centred {
		x -= w / 2
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(math.Round(x), math.Round(y))
	op.ColorScale.ScaleWithColor(c)
	screen.DrawImage(img, op)
	return w, h
}

func (v *view) labelImage(s string, bold bool, px int) *ebiten.Image {
	k := labelKey{s, bold, px}
	if l, ok := v.labels[k]; ok {
		l.used = v.frame
		return l.img
	}
	pic, err := render.Label(s, bold, float64(px), color.White)
	if err != nil {
		return nil // an unsizable label is skipped, never fatal
	}
	if len(v.labels) >= maxLabels {
		v.evictLabels()
	}
	img := ebiten.NewImageFromImage(pic)
	v.labels[k] = &cachedLabel{img, v.frame}
	return img
}

// evictLabels drops the labels not drawn in the last few frames.
func (v *view) evictLabels() {
	for k, l := range v.labels {
		if l.used < v.frame-2 {
			l.img.Deallocate()
			delete(v.labels, k)
		}
	}
}

// fitPX is the largest text size up to px at which s fits in width w.
func (v *view) fitPX(s string, bold bool, px int, w float64) int {
	k := fitKey{s, bold, px, int(w)}
	if fit, ok := v.fits[k]; ok {
		return fit
	}
	fit := px
	for fit > 9 {
		img := v.labelImage(s, bold, fit)
		if img == nil || float64(img.Bounds().Dx()) <= w {
			break
		}
		fit--
	}
	if len(v.fits) >= maxLabels {
		clear(v.fits)
	}
	v.fits[k] = fit
	return fit
}

// paragraph draws s wrapped to r's width, from r's top (centred on r when
// centred), and returns the height it took.
func (v *view) paragraph(screen *ebiten.Image, s string, bold bool, px int, c color.RGBA, r Rect, centred bool) float64 {
	if s == "" {
		return 0
	}
	k := wrapKey{s, bold, px, int(r.W)}
	lines, ok := v.wraps[k]
	if !ok {
		var err error
		if lines, err = render.WrapLabel(s, bold, float64(px), r.W); err != nil {
			lines = []string{s}
		}
		if len(v.wraps) >= maxLabels {
			clear(v.wraps)
		}
		v.wraps[k] = lines
	}
	y := r.Y
	x := r.X
	if centred {
		x = r.X + r.W/2
	}
	lineH := float64(px) * 1.35
	for _, l := range lines {
		v.label(screen, l, bold, px, c, x, y, centred)
		y += lineH
	}
	return y - r.Y
}

// fill draws a rectangle of colour c.
func (v *view) fill(screen *ebiten.Image, r Rect, c color.Color) {
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(r.W, r.H)
	op.GeoM.Translate(r.X, r.Y)
	op.ColorScale.ScaleWithColor(c)
	screen.DrawImage(v.pixel, op)
}

// controls draws every control of this tick.
func (v *view) controls(screen *ebiten.Image, u *ui, m metrics) {
	for _, c := range u.controls {
		v.control(screen, c, m, u.focusSet && u.focus == c.id)
	}
}

func (v *view) control(screen *ebiten.Image, c control, m metrics, focused bool) {
	bg, fg, border := color.RGBA{0x12, 0x1a, 0x24, 0xe0}, labelColor, color.RGBA{0x5c, 0x78, 0x94, 0xff}
	switch {
	case c.off:
		bg, fg, border = color.RGBA{0x10, 0x14, 0x1a, 0xa0}, color.RGBA{0x70, 0x78, 0x80, 0xff}, color.RGBA{0x30, 0x38, 0x40, 0xff}
	case c.on:
		bg, fg, border = color.RGBA{0x9f, 0xc3, 0xe6, 0xf0}, color.RGBA{0x08, 0x10, 0x18, 0xff}, accentColor
	case c.big:
		bg, border = color.RGBA{0x1d, 0x3a, 0x56, 0xf0}, accentColor
	}
	if focused {
		border = noticeColor
	}
	v.fill(screen, c.r, border)
	inner := c.r.Inset(math.Max(1, float64(m.px)/10))
	v.fill(screen, inner, bg)
	if img := c.pic.image(); img != nil {
		v.picture(screen, img, inner.Inset(2))
		if c.off {
			v.fill(screen, inner, color.RGBA{0, 0, 0, 0x90})
		}
	}
	// The label shrinks to fit a narrow control rather than spill out of it.
	px := v.fitPX(c.label, c.big, m.px, c.r.W-4)
	if img := v.labelImage(c.label, c.big, px); img != nil {
		ctr := c.r.Center()
		v.label(screen, c.label, c.big, px, fg, ctr.X, ctr.Y-float64(img.Bounds().Dy())/2, true)
	}
}

// bar draws a progress bar or gauge: fraction of r filled.
func (v *view) bar(screen *ebiten.Image, r Rect, fraction float64, c color.Color) {
	v.fill(screen, r, color.RGBA{0x1d, 0x27, 0x33, 0xff})
	f := math.Max(0, math.Min(1, fraction))
	v.fill(screen, Rect{r.X, r.Y, r.W * f, r.H}, c)
}

// picture draws img fitted into r (keeping its shape, centred).
func (v *view) picture(screen *ebiten.Image, img *ebiten.Image, r Rect) {
	b := img.Bounds()
	s := math.Min(r.W/float64(b.Dx()), r.H/float64(b.Dy()))
	w, h := float64(b.Dx())*s, float64(b.Dy())*s
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	if s < 1 {
		img = v.scaled(img, s)
	} else {
		op.GeoM.Scale(s, s)
	}
	op.GeoM.Translate(math.Round(r.X+(r.W-w)/2), math.Round(r.Y+(r.H-h)/2))
	screen.DrawImage(img, op)
}

// dim darkens the whole screen by alpha.
func (v *view) dim(screen *ebiten.Image, alpha float32) {
	b := screen.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(float64(b.Dx()), float64(b.Dy()))
	op.ColorScale.Scale(0, 0, 0, alpha)
	screen.DrawImage(v.pixel, op)
}

// newGlow is the lightbox's light: a square whose brightness falls off
// towards its rounded edges like a fluorescent tube behind opal glass.
func newGlow(size int) *ebiten.Image {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			u := (float64(x)+0.5)/float64(size)*2 - 1
			w := (float64(y)+0.5)/float64(size)*2 - 1
			// A superellipse: flat in the middle, soft at the rim.
			r := math.Pow(math.Pow(math.Abs(u), 6)+math.Pow(math.Abs(w), 6), 1.0/6)
			a := math.Max(0, math.Min(1, (1-r)*8))
			l := (0.55 + 0.25*(1-u*u*0.6-w*w*0.6)) * a
			img.SetRGBA(x, y, color.RGBA{uint8(200 * l), uint8(222 * l), uint8(240 * l), uint8(255 * a)})
		}
	}
	return ebiten.NewImageFromImage(img)
}

// scaled is src shrunk once on the GPU to scale and kept for the next
// frames: a big picture drawn at 1:1 samples far fewer texels than one
// shrunk every frame, which software-rendered WebGL feels. A few are kept.
func (v *view) scaled(src *ebiten.Image, scale float64) *ebiten.Image {
	for _, s := range v.shrunk {
		if s.from == src && s.scale == scale {
			return s.img
		}
	}
	b := src.Bounds()
	dst := ebiten.NewImage(max(1, int(math.Ceil(float64(b.Dx())*scale))), max(1, int(math.Ceil(float64(b.Dy())*scale))))
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(scale, scale)
	dst.DrawImage(src, op)
	if len(v.shrunk) == maxShrunk {
		v.shrunk[0].img.Deallocate()
		v.shrunk = append(v.shrunk[:0], v.shrunk[1:]...)
	}
	v.shrunk = append(v.shrunk, shrunkImage{src, scale, dst})
	return dst
}

// maxShrunk pictures are kept shrunk: the stage's and a few small ones.
const maxShrunk = 6

type shrunkImage struct {
	from  *ebiten.Image
	scale float64
	img   *ebiten.Image
}
