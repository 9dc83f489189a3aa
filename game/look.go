package game

import (
	"image"
	"math"

	"bonemusic/engine"
	"bonemusic/game/turntable"
	"bonemusic/render"
)

// Sizes the record's pictures are drawn at: the size it is shown at,
// rounded up to a multiple of lookStepPX, so a picture is drawn once per
// screen size and never shrunk much (shrinking a big picture every frame is
// what software-rendered WebGL feels most).
const (
	lookStepPX = 64
	lookMinPX  = 256
	lookMaxPX  = 1024
)

// look is the pictures of the record on the turntable. They are drawn
// beside the game, from a copy of the disc, when the disc goes on, when the
// screen changes size, and again after every play, so the audio goes on
// playing the disc meanwhile and the page never waits for a picture.
type look struct {
	cache   *render.Cache
	disc    *engine.Disc // the disc these pictures are of
	geo     render.Geometry
	pics    pictures
	sizePX  int // the size wanted, from the last frame (0: not yet known)
	drawing *job[pictures]
	err     error
}

// pictures are a record's look after a number of plays: the disc, which the
// game turns about its hole, and the sheen of the grooves, which stays put
// under the lamp while the record turns.
type pictures struct {
	plays int
	geo   render.Geometry
	disc  *image.NRGBA
	sheen *image.NRGBA // cropped: its Bounds().Min is its place on the disc
}

// show makes d the disc whose pictures are drawn; until they are ready
// none is shown.
func (l *look) show(d *engine.Disc) {
	if d == l.disc {
		return
	}
	l.disc, l.pics, l.err = d, pictures{}, nil
}

// ready reports whether there is a picture to show.
func (l *look) ready() bool { return l.pics.disc != nil }

// fit asks for pictures for a record shown diameterPX across.
func (l *look) fit(diameterPX float64) {
	px := int(math.Ceil(diameterPX/lookStepPX)) * lookStepPX
	l.sizePX = max(lookMinPX, min(lookMaxPX, px))
}

// update takes a finished picture and starts drawing a new one when the
// disc on tt was played since, or the screen wants another size.
func (l *look) update(tt *turntable.Turntable) {
	if pics, err, ok := l.drawing.poll(); ok {
		l.drawing = nil
		if err != nil {
			l.err = err // keep the older, still nearly true picture
		} else if pics.plays >= l.pics.plays || !l.ready() {
			l.pics = pics
		}
	}
	if l.drawing != nil || l.disc == nil || l.sizePX == 0 {
		return
	}
	drawn := l.pics.plays
	if !l.ready() || l.pics.geo.SizePX != l.sizePX {
		drawn = -1 // draw whatever the count
	}
	if snap := tt.Snapshot(l.disc, drawn); snap != nil {
		cache, size := l.cache, l.sizePX
		l.drawing = startJob(func(func(float64)) (pictures, error) { return drawRecord(cache, snap, size) })
	}
}

// drawRecord draws a disc's two pictures at sizePX.
func drawRecord(cache *render.Cache, disc *engine.Disc, sizePX int) (pictures, error) {
	unlit, err := cache.DiscUnlit(disc, sizePX)
	if err != nil {
		return pictures{}, err
	}
	sheen, err := render.Sheen(disc, sizePX)
	if err != nil {
		return pictures{}, err
	}
	return pictures{plays: disc.Plays(), geo: render.NewGeometry(disc.Params, sizePX), disc: unlit, sheen: cropToVisible(sheen)}, nil
}

// cropToVisible trims the transparent margin off an image. The sheen is a
// fan of light over part of the disc; drawing only that part saves a third
// of each frame's fill on software-rendered WebGL.
func cropToVisible(im *image.NRGBA) *image.NRGBA {
	b := im.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := im.Pix[(y-b.Min.Y)*im.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			if row[(x-b.Min.X)*4+3] != 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return im.SubImage(box).(*image.NRGBA)
}
