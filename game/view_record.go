package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/game/turntable"
)

// The tonearm, in millimetres about the spindle: its pivot stands up and to
// the right of the platter, and the needle, armMM from the pivot, swings on
// an arc that crosses the groove band from the rim to the run-out.
const (
	pivotMM    = 165.0
	armMM      = 150.0
	pivotAngle = -math.Pi / 4 // up and to the right on the screen
)

// needleAngle is where, seen from the spindle, the needle is when it is
// radiusMM from it: the law of cosines in the spindle–pivot–needle triangle.
func needleAngle(radiusMM float64) float64 {
	r := math.Max(1, radiusMM)
	c := (pivotMM*pivotMM + r*r - armMM*armMM) / (2 * pivotMM * r)
	return pivotAngle + math.Acos(math.Max(-1, math.Min(1, c)))
}

// drawRecord turns the disc about its burned hole at centre: the spindle
// goes through the hole, not through the groove centre, so an off-centre
// hole makes the edge swing, as it did on the real discs. The grooves'
// sheen is not turned (the lamp does not move) but follows the groove
// centre round the spindle.
func (v *view) drawRecord(screen *ebiten.Image, l *look, angleRad float64, centre Point, diameter float64) {
	if !l.ready() {
		return
	}
	scale := diameter / float64(l.geo.SizePX)
	if v.disc == nil || v.disc.from != l.pics.disc || v.disc.scale != scale {
		v.disc.dispose()
		v.disc = newDiscImages(l.pics, scale)
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(-l.geo.HoleX*scale, -l.geo.HoleY*scale)
	op.GeoM.Rotate(angleRad)
	op.GeoM.Translate(centre.X, centre.Y)
	screen.DrawImage(v.disc.disc, op)

	gx, gy := op.GeoM.Apply(l.geo.CenterX*scale, l.geo.CenterY*scale)
	at := l.pics.sheen.Bounds().Min
	op = &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(gx+(float64(at.X)-l.geo.CenterX)*scale), math.Round(gy+(float64(at.Y)-l.geo.CenterY)*scale))
	screen.DrawImage(v.disc.sheen, op)
}

// drawTonearm draws the arm from its pivot to the needle at now.ArmRadiusMM;
// a raised arm casts its shadow further off.
func (v *view) drawTonearm(screen *ebiten.Image, now turntable.Now, centre Point, pxPerMM float64) {
	at := func(rMM, ang float64) (float64, float64) {
		return centre.X + rMM*pxPerMM*math.Cos(ang), centre.Y + rMM*pxPerMM*math.Sin(ang)
	}
	px, py := at(pivotMM, pivotAngle)
	nx, ny := at(now.ArmRadiusMM, needleAngle(now.ArmRadiusMM))
	l := math.Hypot(nx-px, ny-py)
	if l == 0 {
		return
	}
	ux, uy := (nx-px)/l, (ny-py)/l
	w := math.Max(2, 3*pxPerMM)
	lift := 2 * pxPerMM
	if !now.NeedleDown {
		lift = 8 * pxPerMM
	}
	v.line(screen, px+lift, py+lift, nx+lift, ny+lift, w, color.RGBA{0, 0, 0, 0x50})
	// The counterweight sits behind the pivot, on the arm's line.
	v.line(screen, px-ux*16*pxPerMM, py-uy*16*pxPerMM, px, py, w*2.2, color.RGBA{0x3a, 0x40, 0x48, 0xff})
	v.line(screen, px, py, nx, ny, w, color.RGBA{0xc8, 0xcc, 0xd2, 0xff})
	v.disk(screen, px, py, w*2, color.RGBA{0x50, 0x58, 0x62, 0xff})
	// The headshell: a short, wider block at the needle end.
	v.line(screen, nx-ux*12*pxPerMM, ny-uy*12*pxPerMM, nx, ny, w*2.4, color.RGBA{0x22, 0x26, 0x2c, 0xff})
	needle := color.RGBA{0xe0, 0xe6, 0xee, 0xff}
	if now.NeedleDown {
		needle = noticeColor
	}
	v.disk(screen, nx, ny, math.Max(1.5, 1.2*pxPerMM), needle)
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
