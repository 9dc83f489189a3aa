package game

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/render"
)

var (
	roomColor   = color.RGBA{0x07, 0x09, 0x0c, 0xff}
	labelColor  = color.RGBA{0xe6, 0xee, 0xf7, 0xff}
	noticeColor = color.RGBA{0xff, 0xc8, 0x7a, 0xff}
)

// view draws the room: a lightbox glowing in the dark, the record turning on
// it, and the few words a visitor needs. Everything costly (the glow, the
// disc picture, text) is made once and only transformed per frame.
type view struct {
	text   text
	glow   *ebiten.Image
	room   *ebiten.Image // the static background at the current screen size
	pixel  *ebiten.Image // 1×1 white, scaled to fill rectangles
	disc   *discImages
	labels map[labelKey]*ebiten.Image

	playN    int    // the play number playText was made for
	playText string // "Play n · …"
}

// maxLabels bounds the label cache.
const maxLabels = 64

type labelKey struct {
	s    string
	bold bool
	px   int
}

func newView(t text) *view {
	pixel := ebiten.NewImage(1, 1)
	pixel.Fill(color.White)
	return &view{text: t, glow: newGlow(128), pixel: pixel, labels: map[labelKey]*ebiten.Image{}}
}

func (v *view) draw(screen *ebiten.Image, d *deck, st *State, intro bool) {
	w, h := float64(screen.Bounds().Dx()), float64(screen.Bounds().Dy())
	unit := math.Min(w, h) // layout scales with the smaller side: phone or projector
	px := int(math.Max(14, unit/32))
	// The room is opaque and covers the screen: copying skips the blending
	// that software-rendered WebGL pays for per pixel.
	screen.DrawImage(v.roomFor(screen.Bounds().Size()), &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy})

	if d.rec != nil {
		v.drawRecord(screen, d, w/2, h/2, unit*0.86)
	}

	// The title goes over the record: on a 4:3 screen the disc reaches it.
	v.drawLabel(screen, v.text.Title, true, px*3/2, labelColor, unit*0.03, unit*0.02, false)
	v.drawLabel(screen, v.text.Tagline, false, px, labelColor, unit*0.03, unit*0.02+float64(px)*2.2, false)
	switch {
	case d.rec == nil && d.err == nil:
		v.drawLabel(screen, v.text.Preparing, false, px, labelColor, w/2, h/2+float64(px)*2, true)
	case !intro:
		v.drawLabel(screen, v.text.NowPlaying, false, px, labelColor, w/2, h-float64(px)*2.2, true)
		v.drawLabel(screen, v.playLabel(st.Plays+1), false, px*4/5, labelColor, w/2, h-float64(px)*4, true)
	}
	if intro {
		v.drawIntro(screen, px, st.Ticks)
	}
	if st.Notice != "" {
		v.drawLabel(screen, st.Notice, false, px, noticeColor, w/2, h-float64(px)*6, true)
	}
}

// playLabel is "Play n …", formatted once per play rather than per frame.
func (v *view) playLabel(n int) string {
	if n != v.playN || v.playText == "" {
		v.playN, v.playText = n, fmt.Sprintf(v.text.PlayN, n)
	}
	return v.playText
}

// roomFor is the background — the dark room and the lightbox's glow — drawn
// once per screen size, so a frame costs one copy
// of it plus the record (software-rendered WebGL has little fill rate).
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
	unit := math.Min(w, h)
	box := unit * 0.96 // the lightbox: a milky panel, brightest in the middle
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(box/float64(v.glow.Bounds().Dx()), box/float64(v.glow.Bounds().Dy()))
	op.GeoM.Translate((w-box)/2, (h-box)/2)
	v.room.DrawImage(v.glow, op)
	return v.room
}

// drawRecord turns the disc about its burned hole: the spindle goes through
// the hole, not through the groove centre, so an off-centre hole makes the
// edge swing, as it did on the real discs. The grooves' sheen is not turned
// (the lamp does not move) but follows the groove centre round the spindle.
func (v *view) drawRecord(screen *ebiten.Image, d *deck, cx, cy, diameter float64) {
	rec := d.rec
	scale := diameter / float64(rec.geo.SizePX)
	if v.disc == nil || v.disc.from != rec.pics.disc || v.disc.scale != scale {
		v.disc.dispose()
		v.disc = newDiscImages(rec.pics, scale)
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(-rec.geo.HoleX*scale, -rec.geo.HoleY*scale)
	op.GeoM.Rotate(d.angleRad)
	op.GeoM.Translate(cx, cy)
	screen.DrawImage(v.disc.disc, op)

	gx, gy := op.GeoM.Apply(rec.geo.CenterX*scale, rec.geo.CenterY*scale)
	at := rec.pics.sheen.Bounds().Min
	op = &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(gx+(float64(at.X)-rec.geo.CenterX)*scale), math.Round(gy+(float64(at.Y)-rec.geo.CenterY)*scale))
	screen.DrawImage(v.disc.sheen, op)
}

// discImages are a record's pictures on the GPU, already scaled to the size
// they are shown at: turning an image at 1:1 samples far fewer texels than
// turning and shrinking a 1024 px one every frame, which software-rendered
// WebGL feels.
type discImages struct {
	from        image.Image // the picture these were made from
	scale       float64
	disc, sheen *ebiten.Image
}

func newDiscImages(p pictures, scale float64) *discImages {
	return &discImages{from: p.disc, scale: scale, disc: scaledImage(p.disc, scale), sheen: scaledImage(p.sheen, scale)}
}

// scaledImage uploads pic and shrinks it once on the GPU.
func scaledImage(pic image.Image, scale float64) *ebiten.Image {
	src := ebiten.NewImageFromImage(pic)
	defer src.Deallocate()
	b := src.Bounds()
	dst := ebiten.NewImage(max(1, int(math.Ceil(float64(b.Dx())*scale))), max(1, int(math.Ceil(float64(b.Dy())*scale))))
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(scale, scale)
	dst.DrawImage(src, op)
	return dst
}

func (im *discImages) dispose() {
	if im != nil {
		im.disc.Deallocate()
		im.sheen.Deallocate()
	}
}

// drawIntro dims the room and invites the first tap, which browsers need
// before they play sound.
func (v *view) drawIntro(screen *ebiten.Image, px int, tick int64) {
	b := screen.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(w, h)
	op.ColorScale.Scale(0, 0, 0, 0.45)
	screen.DrawImage(v.pixel, op)
	pulse := 0.75 + 0.25*math.Sin(float64(tick)/60*2*math.Pi*0.5)
	c := color.RGBA{uint8(255 * pulse), uint8(255 * pulse), uint8(255 * pulse), 0xff}
	v.drawLabel(screen, "▶  "+v.text.Tap, true, px*2, c, w/2, h/2-float64(px), true)
}

// drawLabel draws cached text with its top-left (or top-centre) at x, y.
func (v *view) drawLabel(screen *ebiten.Image, s string, bold bool, px int, c color.RGBA, x, y float64, centred bool) {
	k := labelKey{s, bold, px}
	img, ok := v.labels[k]
	if !ok {
		pic, err := render.Label(s, bold, float64(px), color.White)
		if err != nil {
			return // an unsizable label is skipped, never fatal
		}
		if len(v.labels) >= maxLabels { // play counts and notices come and go
			for old, im := range v.labels {
				im.Deallocate()
				delete(v.labels, old)
			}
		}
		img = ebiten.NewImageFromImage(pic)
		v.labels[k] = img
	}
	if centred {
		x -= float64(img.Bounds().Dx()) / 2
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	screen.DrawImage(img, op)
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
