package game

import (
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
	l.fit(diameter * lookMarginFrac)
	if !l.ready() {
		return
	}
	v.uploadRecord(l.pics)
	im := v.disc
	if im == nil {
		return
	}
	geo := im.pics.geo
	scale := diameter * lookMarginFrac / float64(geo.SizePX)
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(-geo.HoleX, -geo.HoleY)
	op.GeoM.Scale(scale, scale)
	op.GeoM.Rotate(angleRad)
	op.GeoM.Translate(centre.X, centre.Y)
	screen.DrawImage(im.disc.img, op)

	gx, gy := op.GeoM.Apply(geo.CenterX, geo.CenterY)
	at := im.pics.sheen.Bounds().Min
	op = &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(scale, scale)
	op.GeoM.Translate(gx+(float64(at.X)-geo.CenterX)*scale, gy+(float64(at.Y)-geo.CenterY)*scale)
	screen.DrawImage(im.sheen.img, op)
}

// lookMarginFrac: a disc picture of diameter D spans D plus the margin
// render leaves for the jagged edge.
const lookMarginFrac = 1.04

// uploadRecord moves new pictures to the GPU a band of rows per frame; the
// old ones are shown until the new ones are complete.
func (v *view) uploadRecord(p pictures) {
	if v.disc != nil && v.disc.pics.disc == p.disc {
		return
	}
	if v.nextDisc == nil || v.nextDisc.pics.disc != p.disc {
		v.nextDisc.dispose()
		v.nextDisc = newDiscImages(p)
	}
	if v.nextDisc.upload(uploadRows) {
		v.disc.dispose()
		v.disc, v.nextDisc = v.nextDisc, nil
	}
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

// discImages are a record's pictures on the GPU, filled a band at a time.
type discImages struct {
	pics        pictures
	disc, sheen *upload
}

func newDiscImages(p pictures) *discImages {
	return &discImages{pics: p, disc: newUpload(p.disc), sheen: newUpload(p.sheen)}
}

// upload writes one more band and reports whether both pictures are whole.
func (im *discImages) upload(rows int) bool {
	if !im.disc.step(rows) {
		return false
	}
	return im.sheen.step(rows)
}

func (im *discImages) dispose() {
	if im != nil {
		im.disc.img.Deallocate()
		im.sheen.img.Deallocate()
	}
}
