package game

import (
	"image"

	"bonemusic/engine"
	"bonemusic/game/turntable"
	"bonemusic/render"
)

// discPX is the size of the disc picture the game turns: sharp on a 1080p
// projector, and quick to draw.
const discPX = 1024

// look is the pictures of the record on the turntable. They are drawn
// beside the game, from a copy of the disc, first when the disc goes on and
// again after every play, so the audio goes on playing the disc meanwhile
// and the page never waits for a picture.
type look struct {
	cache   *render.Cache
	disc    *engine.Disc // the disc these pictures are of
	geo     render.Geometry
	pics    pictures
	drawing *job[pictures]
	err     error
}

// pictures are a record's look after a number of plays: the disc, which the
// game turns about its hole, and the sheen of the grooves, which stays put
// under the lamp while the record turns.
type pictures struct {
	plays int
	disc  image.Image
	sheen *image.NRGBA // cropped: its Bounds().Min is its place on the disc
}

// show starts drawing d; until the picture is ready the old one is not shown.
func (l *look) show(d *engine.Disc) {
	if d == l.disc {
		return
	}
	l.disc, l.geo, l.pics, l.err = d, render.NewGeometry(d.Params, discPX), pictures{}, nil
	snap, err := engine.Restore(d.State())
	if err != nil {
		l.err = err
		return
	}
	l.draw(snap)
}

// ready reports whether there is a picture to show.
func (l *look) ready() bool { return l.pics.disc != nil }

// update takes a finished picture and, once the disc on tt has been played
// since the picture was drawn, starts drawing it again.
func (l *look) update(tt *turntable.Turntable) {
	if pics, err, ok := l.drawing.poll(); ok {
		l.drawing = nil
		if err != nil {
			l.err = err // keep the older, still nearly true picture
		} else {
			l.pics = pics
		}
	}
	if l.drawing != nil || l.disc == nil || !l.ready() {
		return
	}
	if snap := tt.SnapshotIfPlayed(l.pics.plays); snap != nil && snap.Params == l.disc.Params {
		l.draw(snap)
	}
}

func (l *look) draw(snap *engine.Disc) {
	cache := l.cache
	l.drawing = startJob(func(func(float64)) (pictures, error) { return drawRecord(cache, snap) })
}

// drawRecord draws a disc's two pictures.
func drawRecord(cache *render.Cache, disc *engine.Disc) (pictures, error) {
	unlit, err := cache.DiscUnlit(disc, discPX)
	if err != nil {
		return pictures{}, err
	}
	sheen, err := render.Sheen(disc, discPX)
	if err != nil {
		return pictures{}, err
	}
	return pictures{plays: disc.Plays(), disc: unlit, sheen: cropToVisible(sheen)}, nil
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
